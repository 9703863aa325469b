"""Across sources: group facts that state the same thing, compare them, explain contradictions.

`grouping` decides which facts answer the same question, `conflicts` which answers cannot all
hold and why. Rejected facts take no part; a reviewer's corrected value replaces the extracted
one.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass, field

from reconcile import grouping
from reconcile.conflicts import ConflictFinder, compatible, ordered
from reconcile.grouping import Aliases, entity_key, same_entity
from reconcile.models import (
    Contradiction,
    Fact,
    FactGroup,
    FactKind,
    GroupEstimate,
    GroupStatus,
    Modality,
    Qualifier,
    Reconciliation,
    Source,
    SourceTrust,
)
from reconcile.wording import describe_fact

__all__ = [
    "compatible",
    "entity_key",
    "same_entity",
    "reconcile",
    "group_facts",
    "find_contradictions",
]

NAME_THRESHOLD = 90


@dataclass(frozen=True)
class ReconcileConfig:
    name_threshold: int = NAME_THRESHOLD
    sources: dict[str, Source] = field(default_factory=dict)
    aliases: Aliases = field(default_factory=Aliases)
    copy_groups: dict[str, str] = field(default_factory=dict)  # article -> group of near-identical copies


NEWS_TRUTH = {"tolerance": 0.01, "support_reach": 0.1}
"""Estimator settings for news facts: figures within 1% are one figure, support fades out by 10%."""


def answer(fact: Fact, kind: str) -> str | None:
    """What a fact answers to its group's question, as the estimator's value (None: it takes no side)."""
    if fact.kind is FactKind.number:
        value = fact.effective_value()
        if value is None or value.amount is None or value.qualifier not in (Qualifier.exact, Qualifier.approx):
            return None
        return f"{value.amount:g}"
    if kind == "post":
        return fact.subject
    if fact.kind is FactKind.event:
        detail = fact.object or fact.predicate
        return (
            f"{fact.predicate} {detail}"
            if fact.modality is None or fact.modality is Modality.asserted
            else f"{fact.predicate} {detail} ({fact.modality.value})"
        )
    if fact.kind is FactKind.claim:
        return fact.object
    return "yes"


def estimate_groups(
    facts: list[Fact], groups: list[FactGroup], config: ReconcileConfig
) -> tuple[list[FactGroup], list[SourceTrust]]:
    """Most likely answer per group and trust per source, by truth discovery over all groups (see `truth`)."""
    from reconcile.grouping import knowledge, question
    from reconcile.truth import Claim, TruthConfig, estimate

    know = knowledge()
    by_id = {f.id: f for f in facts}
    claims = []
    for group in groups:
        kind = question(by_id[group.facts[0]], know).bucket[0]
        for fid in group.facts:
            value = answer(by_id[fid], kind)
            if value is not None:
                claims.append(Claim(source=by_id[fid].source, item=(group.id,), value=value))
    if not claims:
        return groups, []
    result = estimate(claims, TruthConfig(**NEWS_TRUTH), config.copy_groups or None)
    chosen = {item.item[0]: item for item in result.items}
    out = []
    for group in groups:
        item = chosen.get(group.id)
        if item is None:
            out.append(group)
            continue
        out.append(
            group.model_copy(
                update={
                    "estimate": GroupEstimate(
                        value=item.value,
                        confidence=round(item.confidence, 3),
                        support=item.support,
                        weight=round(item.weight, 3),
                    )
                }
            )
        )
    trust = [SourceTrust(source=t.source, trust=round(t.trust, 3), claims=t.claims) for t in result.sources]
    return out, trust


def group_facts(
    facts: list[Fact], config: ReconcileConfig | None = None, executor: Executor | None = None
) -> list[FactGroup]:
    """Facts that state the same thing (see `reconcile.grouping`)."""
    config = config or ReconcileConfig()
    return grouping.group_facts(facts, config.name_threshold, config.aliases, executor)


def find_contradictions(
    facts: list[Fact], groups: list[FactGroup], config: ReconcileConfig | None = None, executor: Executor | None = None
) -> list[Contradiction]:
    """Contradictions of every kind inside the groups (see `reconcile.conflicts`).

    Groups go to `executor` in batches, each with only its own facts and the headcounts; the
    few comparisons between groups are made here.
    """
    from reconcile.parallel import InlineExecutor, batch_size, map_batches

    config = config or ReconcileConfig()
    active = [f for f in facts if f.active]
    finder = ConflictFinder(active, groups, config.sources, describe_fact, config.aliases)
    executor = executor or InlineExecutor()
    if isinstance(executor, InlineExecutor):
        return finder.find()
    by_id = {f.id: f for f in active}
    headcounts = finder.headcount_facts()
    work = [(group, [by_id[i] for i in group.facts]) for group in groups]
    size = batch_size(len(work), executor)
    found = [c for batch in map_batches(executor, contradictions_in, work, size, headcounts, config) for c in batch]
    return ordered(found + finder.find_across())


def contradictions_in(
    work: list[tuple[FactGroup, list[Fact]]], headcounts: list[Fact], config: ReconcileConfig
) -> list[Contradiction]:
    """The contradictions inside each group (a worker task)."""
    facts = {f.id: f for f in headcounts}
    facts.update({f.id: f for _, members in work for f in members})
    groups = [group for group, _ in work]
    return ConflictFinder(list(facts.values()), groups, config.sources, describe_fact, config.aliases).find_in(groups)


def reconcile(
    sources: list[Source], facts: list[Fact], config: ReconcileConfig | None = None, executor: Executor | None = None
) -> Reconciliation:
    """Group, compare and explain: the whole cross-source analysis of one story.

    Grouping and the comparisons inside groups go through `executor` (this process when None);
    the estimate of the most likely values, which learns from every group at once, runs here.
    """
    config = config or ReconcileConfig()
    facts = [f.reviewed_view() for f in facts]
    if not config.sources:
        config = ReconcileConfig(
            config.name_threshold, {s.name: s for s in sources}, config.aliases, config.copy_groups
        )
    groups = group_facts(facts, config, executor)
    contradictions = find_contradictions(facts, groups, config, executor)
    contradicted = {c.group for c in contradictions}
    groups = [g.model_copy(update={"status": GroupStatus.contradicted}) if g.id in contradicted else g for g in groups]
    groups, trust = estimate_groups([f for f in facts if f.active], groups, config)
    return Reconciliation(sources=sources, facts=facts, groups=groups, contradictions=contradictions, trust=trust)
