"""The report as JSON Lines: one record per line, each with a `type` (source, fact, group, contradiction, trust).

For large corpora: a reader can stream it without loading everything.
"""

from __future__ import annotations

import json

from reconcile.models import Reconciliation
from reconcile.report.json_format import SCHEMA_VERSION, fact_record


def render(reconciliation: Reconciliation) -> str:
    lines = [json.dumps({"type": "header", "schema": "reconcile.report", "version": SCHEMA_VERSION})]
    lines += [
        json.dumps({"type": "source", **s.model_dump(mode="json")}, ensure_ascii=False) for s in reconciliation.sources
    ]
    lines += [json.dumps({"type": "fact", **fact_record(f)}, ensure_ascii=False) for f in reconciliation.facts]
    lines += [
        json.dumps({"type": "group", **g.model_dump(mode="json")}, ensure_ascii=False) for g in reconciliation.groups
    ]
    lines += [
        json.dumps({"type": "contradiction", **c.model_dump(mode="json")}, ensure_ascii=False)
        for c in reconciliation.contradictions
    ]
    lines += [
        json.dumps({"type": "trust", **t.model_dump(mode="json")}, ensure_ascii=False) for t in reconciliation.trust
    ]
    return "\n".join(lines) + "\n"
