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


FACT_COLUMNS = [
    "id",
    "source",
    "kind",
    "subject",
    "predicate",
    "object",
    "value",
    "unit",
    "qualifier",
    "modality",
    "attribution",
    "scope",
    "as_of",
    "group",
    "quote",
    "start",
    "end",
    "review",
]


def render_facts(reconciliation: Reconciliation) -> str:
    """One row per fact, with its group."""
    group_of = {fid: g.id for g in reconciliation.groups for fid in g.facts}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FACT_COLUMNS)
    for fact in reconciliation.facts:
        value = fact.effective_value()
        writer.writerow(
            [
                fact.id,
                fact.source,
                fact.kind.value,
                fact.subject or "",
                fact.predicate,
                fact.object or "",
                "" if value is None or value.amount is None else f"{value.amount:g}",
                value.unit if value else "",
                value.qualifier.value if value else "",
                fact.modality.value if fact.modality else "",
                fact.attribution or "",
                fact.scope or "",
                fact.as_of.date or fact.as_of.text if fact.as_of else "",
                group_of.get(fact.id, ""),
                " ".join(fact.evidence.quote.split()),
                fact.evidence.start,
                fact.evidence.end,
                fact.review.status.value,
            ]
        )
    return out.getvalue()
