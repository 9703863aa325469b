"""The contradiction report as JSON (schema documented in the README, version SCHEMA_VERSION)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from reconcile.models import (
    Contradiction,
    Fact,
    FactGroup,
    FactKind,
    Modality,
    Qualifier,
    Reconciliation,
    Source,
    SourceTrust,
    TimeRef,
)

SCHEMA_VERSION = 2


class FactRecord(BaseModel):
    """One fact as the JSON report writes it (schema version 2)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    source: str
    kind: FactKind
    subject: str | None
    predicate: str
    object: str | None
    wording: str | None
    value: float | None
    unit: str | None
    currency: str | None
    qualifier: Qualifier | None
    interval: list[float | None] | None
    modality: Modality | None
    attribution: str | None
    scope: str | None
    as_of: TimeRef | None
    evidence: dict[str, str | int]
    review: dict[str, str | bool | None]


class ReportDocument(BaseModel):
    """The whole JSON report: what `reconcile export --format json` writes (schema version 2)."""

    model_config = ConfigDict(extra="forbid")

    schema_: str = Field(alias="schema")
    version: int
    sources: list[Source]
    facts: list[FactRecord]
    groups: list[FactGroup]
    contradictions: list[Contradiction]
    trust: list[SourceTrust]


def fact_record(fact: Fact) -> dict[str, Any]:
    value = fact.effective_value()
    return {
        "id": fact.id,
        "source": fact.source,
        "kind": fact.kind.value,
        "subject": fact.subject,
        "predicate": fact.predicate,
        "object": fact.object,
        "wording": fact.wording,
        "value": value.amount if value else None,
        "unit": value.unit if value else None,
        "currency": value.currency if value else None,
        "qualifier": value.qualifier.value if value else None,
        "interval": [value.low, value.high] if value else None,
        "modality": fact.modality.value if fact.modality else None,
        "attribution": fact.attribution,
        "scope": fact.scope,
        "as_of": fact.as_of.model_dump(mode="json") if fact.as_of else None,
        "evidence": {"quote": fact.evidence.quote, "start": fact.evidence.start, "end": fact.evidence.end},
        "review": {"status": fact.review.status.value, "note": fact.review.note, "stale": fact.review.stale},
    }


def to_data(reconciliation: Reconciliation) -> dict[str, Any]:
    return {
        "schema": "reconcile.report",
        "version": SCHEMA_VERSION,
        "sources": [s.model_dump(mode="json") for s in reconciliation.sources],
        "facts": [fact_record(f) for f in reconciliation.facts],
        "groups": [g.model_dump(mode="json") for g in reconciliation.groups],
        "contradictions": [c.model_dump(mode="json") for c in reconciliation.contradictions],
        "trust": [t.model_dump(mode="json") for t in reconciliation.trust],
    }


def render(reconciliation: Reconciliation) -> str:
    return json.dumps(to_data(reconciliation), ensure_ascii=False, indent=2) + "\n"
