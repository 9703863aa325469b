"""What every format says the same way: who agrees with a fact and who contradicts it."""

from __future__ import annotations

from dataclasses import dataclass

from reconcile.models import (
    PREDICATE_WORDS,
    Contradiction,
    ContradictionKind,
    Fact,
    FactGroup,
    Reconciliation,
    Source,
)
from reconcile.wording import describe_fact, describe_quantity


@dataclass(frozen=True)
class FactStanding:
    """A fact seen from its own source: the other sources that agree and that contradict it."""

    fact: Fact
    group: FactGroup | None
    agreeing: list[Fact]
    contradicting: list[Fact]
    contradictions: list[Contradiction]

    @property
    def label(self) -> str:
        if self.contradicting:
            return "contradicted"
        if self.agreeing:
            return "agrees"
        return "only here"


def fact_topic(fact: Fact) -> str:
    """Subject, relation and object in a short line."""
    relation = PREDICATE_WORDS.get(fact.predicate, fact.predicate)
    return " \u00b7 ".join(x for x in (fact.subject or "?", relation, fact.object) if x)


def fact_value(fact: Fact) -> str:
    """The figure for a number; for other facts, how firmly it is stated and when."""
    if fact.kind.value == "number":
        text = describe_quantity(fact.effective_value())
    else:
        text = (
            fact.kind.value if fact.modality is None else f"{fact.kind.value}, {fact.modality.value.replace('_', ' ')}"
        )
    extras = []
    if fact.attribution:
        extras.append(f"per {fact.attribution}")
    if fact.scope:
        extras.append(fact.scope)
    if fact.as_of is not None:
        extras.append(fact.as_of.date or fact.as_of.text)
    return f"{text} ({'; '.join(extras)})" if extras else text


def standings(reconciliation: Reconciliation, source: str) -> list[FactStanding]:
    """Every fact of one source with what the other facts of its group say."""
    by_id = {f.id: f for f in reconciliation.facts}
    group_of = {fid: g for g in reconciliation.groups for fid in g.facts}
    result = []
    for fact in reconciliation.facts:
        if fact.source != source:
            continue
        group = group_of.get(fact.id)
        against: dict[str, Fact] = {}
        conflicts = []
        for contradiction in reconciliation.contradictions:
            if fact.id not in contradiction.facts:
                continue
            conflicts.append(contradiction)
            for other_id in contradiction.facts:
                other = by_id[other_id]
                if other_id != fact.id and not _same_side(fact, other, reconciliation):
                    against[other_id] = other
        agreeing = []
        if group is not None:
            agreeing = [by_id[i] for i in group.facts if i != fact.id and i not in against]
        result.append(FactStanding(fact, group, agreeing, list(against.values()), conflicts))
    return result


def _same_side(a: Fact, b: Fact, reconciliation: Reconciliation) -> bool:
    from reconcile.reconcile import compatible

    va, vb = a.effective_value(), b.effective_value()
    if va is None or vb is None:
        return True
    return compatible(va, vb)


def source_label(name: str, sources: dict[str, Source]) -> str:
    """A source as reports name it: its outlet with the file name, or the file name alone."""
    source = sources.get(name)
    if source is not None and source.outlet:
        return f"{source.outlet} ({name})"
    return name


def latest_state(contradiction: Contradiction, facts: dict[str, Fact], sources: dict[str, Source]) -> str | None:
    """What a status or succession contradiction's own question ends at: the latest known state or
    holder, with its date and who gives it ("Jeanne Morel interim CEO of Brinot, 2031-03-04 (given by X)").
    None for other kinds, whose answer is the group's most likely value."""
    if contradiction.kind not in (ContradictionKind.status, ContradictionKind.succession) or not contradiction.latest:
        return None
    latest = [facts[i] for i in contradiction.latest if i in facts]
    if not latest:
        return None
    fact = latest[-1]
    if not fact.object and fact.kind.value != "number":  # "returns to (denied)": the organisation the others name
        about = next((facts[i].object for i in contradiction.facts if i in facts and facts[i].object), None)
        fact = fact.model_copy(update={"object": about})
    source = sources.get(fact.source)
    date = (fact.as_of.date if fact.as_of is not None else None) or (source.published if source else None)
    who = ", ".join(dict.fromkeys(source_label(f.source, sources) for f in latest))
    return describe_fact(fact) + (f", {date}" if date else "") + f" (given by {who})"
