"""The contradiction report as CSV: one row per contradiction."""

from __future__ import annotations

import csv
import io

from reconcile.models import Reconciliation
from reconcile.report.common import fact_value

COLUMNS = ["id", "kind", "severity", "group", "sources", "facts", "values", "quotes", "explanation"]


def render(reconciliation: Reconciliation) -> str:
    by_id = {f.id: f for f in reconciliation.facts}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for contradiction in reconciliation.contradictions:
        facts = [by_id[i] for i in contradiction.facts]
        writer.writerow(
            [
                contradiction.id,
                contradiction.kind.value,
                f"{contradiction.severity:.2f}",
                contradiction.group,
                " | ".join(f.source for f in facts),
                " | ".join(f.id for f in facts),
                " | ".join(fact_value(f) for f in facts),
                " | ".join(" ".join(f.evidence.quote.split()) for f in facts),
                contradiction.explanation,
            ]
        )
    return out.getvalue()
