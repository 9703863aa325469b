"""Across sources: group facts that state the same thing, compare their values, explain contradictions.

Rules:
- two facts state the same thing when their kind, relation (predicate) and unit match and
  their subjects and objects name the same entities; names match after normalisation
  (case, accents, spaces, legal suffixes) with rapidfuzz `ratio` >= NAME_THRESHOLD, or when one
  is a lone word equal to the last word of the other (a surname);
- a number stands for an interval (see `reconcile.extract.numbers`); two figures contradict
  when their intervals do not overlap, with a relative slack of VALUE_SLACK for float noise;
- rejected facts take no part; a reviewer's corrected value replaces the extracted one.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from reconcile.extract.entities import squash
from reconcile.models import (
    Contradiction,
    ContradictionKind,
    Fact,
    FactGroup,
    FactKind,
    GroupStatus,
    Qualifier,
    Quantity,
    Reconciliation,
    Source,
)

NAME_THRESHOLD = 90
VALUE_SLACK = 0.001
_LEGAL = re.compile(r"\b(corp|corporation|inc|ltd|llc|plc|sa|sas|ag|gmbh)\.?$", re.I)


@dataclass(frozen=True)
class ReconcileConfig:
    name_threshold: int = NAME_THRESHOLD
    value_slack: float = VALUE_SLACK
    sources: dict[str, Source] = field(default_factory=dict)


def entity_key(name: str | None) -> str:
    """Comparison form of an entity name ("Microsoft Corp." and "microsoft" give one key)."""
    if not name:
        return ""
    return squash(_LEGAL.sub("", name.strip()))


def same_entity(a: str | None, b: str | None, threshold: int = NAME_THRESHOLD) -> bool:
    """Whether two names denote one entity (both empty counts as the same)."""
    key_a, key_b = entity_key(a), entity_key(b)
    if not key_a or not key_b:
        return key_a == key_b
    if key_a == key_b:
        return True
    words_a, words_b = (a or "").split(), (b or "").split()
    if len(words_a) == 1 and len(words_b) > 1 and squash(words_b[-1]) == key_a:
        return True
    if len(words_b) == 1 and len(words_a) > 1 and squash(words_a[-1]) == key_b:
        return True
    return fuzz.ratio(key_a, key_b) >= threshold


def unit_class(fact: Fact) -> str:
    value = fact.effective_value()
    if value is None:
        return ""
    return value.currency or value.unit or ""


def group_facts(facts: list[Fact], config: ReconcileConfig | None = None) -> list[FactGroup]:
    """Facts that state the same thing, as groups (a fact alone is a group of one)."""
    config = config or ReconcileConfig()
    active = [f for f in facts if f.active]
    buckets: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for fact in active:
        buckets[(fact.kind.value, fact.predicate.strip().lower(), unit_class(fact))].append(fact)
    groups: list[FactGroup] = []
    for (_, predicate, _), members in sorted(buckets.items()):
        parent = list(range(len(members)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                a, b = members[i], members[j]
                if same_entity(a.subject, b.subject, config.name_threshold) and same_entity(
                    a.object, b.object, config.name_threshold
                ):
                    parent[find(j)] = find(i)
        clusters: dict[int, list[Fact]] = defaultdict(list)
        for index, fact in enumerate(members):
            clusters[find(index)].append(fact)
        for cluster in clusters.values():
            cluster.sort(key=lambda f: (f.source, f.evidence.start))
            head = cluster[0]
            groups.append(
                FactGroup(
                    id=_group_id(head, cluster),
                    subject=_display_name([f.subject for f in cluster]),
                    predicate=head.predicate,
                    object=_display_name([f.object for f in cluster]),
                    facts=[f.id for f in cluster],
                    status=GroupStatus.single if len(cluster) == 1 else GroupStatus.agree,
                )
            )
    groups.sort(key=lambda g: g.id)
    return groups


def _display_name(names: list[str | None]) -> str | None:
    """The longest spelling among the group's names ("Sam Altman" over "Altman")."""
    present = [n for n in names if n]
    return max(present, key=lambda n: (len(n), n)) if present else None


def _slug(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "-", squash_keep_spaces(text or "")).strip("-")[:30]


def squash_keep_spaces(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _group_id(head: Fact, cluster: list[Fact]) -> str:
    parts = [p for p in (_slug(head.subject), _slug(head.predicate), _slug(head.object)) if p]
    digest = hashlib.sha1("|".join(sorted(f.id for f in cluster)).encode()).hexdigest()[:6]
    return "-".join(parts + [digest])


def _interval(value: Quantity) -> tuple[float, float] | None:
    if value.low is None and value.high is None:
        if value.amount is None:
            return None
        return value.amount, value.amount
    low = float("-inf") if value.low is None else value.low
    high = float("inf") if value.high is None else value.high
    return low, high


def compatible(a: Quantity, b: Quantity, slack: float = VALUE_SLACK) -> bool:
    """Whether two quantities can both hold: their intervals overlap (after a small relative slack)."""
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return True
    scale = max(abs(x) for x in (*ia, *ib) if x not in (float("inf"), float("-inf"))) if any(
        x not in (float("inf"), float("-inf")) for x in (*ia, *ib)
    ) else 0.0
    margin = scale * slack
    return ia[0] <= ib[1] + margin and ib[0] <= ia[1] + margin


def find_contradictions(
    facts: list[Fact], groups: list[FactGroup], config: ReconcileConfig | None = None
) -> list[Contradiction]:
    """Value contradictions inside each group: sets of figures that cannot all hold."""
    config = config or ReconcileConfig()
    by_id = {f.id: f for f in facts}
    found: list[Contradiction] = []
    for group in groups:
        members = [by_id[i] for i in group.facts if by_id[i].kind is FactKind.number]
        valued = [f for f in members if f.effective_value() is not None and _interval(f.effective_value()) is not None]
        if len(valued) < 2:
            continue
        # Components of the "compatible" relation; more than one means a disagreement.
        parent = list(range(len(valued)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(len(valued)):
            for j in range(i + 1, len(valued)):
                if compatible(valued[i].effective_value(), valued[j].effective_value(), config.value_slack):
                    parent[find(j)] = find(i)
        sides: dict[int, list[Fact]] = defaultdict(list)
        for index, fact in enumerate(valued):
            sides[find(index)].append(fact)
        if len(sides) < 2:
            continue
        ordered = sorted(sides.values(), key=lambda side: (_centre(side), side[0].id))
        for left, right in zip(ordered, ordered[1:]):
            involved = sorted(left + right, key=lambda f: (f.source, f.evidence.start))
            found.append(
                Contradiction(
                    id="c-" + hashlib.sha1("|".join(f.id for f in involved).encode()).hexdigest()[:8],
                    kind=ContradictionKind.value,
                    group=group.id,
                    facts=[f.id for f in involved],
                    sources=sorted({f.source for f in involved}),
                    explanation=explain_value_conflict(left, right, config.sources),
                    severity=_severity(left, right),
                )
            )
    found.sort(key=lambda c: (-c.severity, c.id))
    return found


def _centre(side: list[Fact]) -> float:
    values = [v.amount for v in (f.effective_value() for f in side) if v is not None and v.amount is not None]
    return sum(values) / len(values) if values else 0.0


def _severity(left: list[Fact], right: list[Fact]) -> float:
    """1.0 for two exact figures far apart; lower when a side is approximate or a bound, or close."""

    def firmness(side: list[Fact]) -> float:
        qualifiers = {f.effective_value().qualifier for f in side}
        if Qualifier.exact in qualifiers:
            return 1.0
        if Qualifier.approx in qualifiers:
            return 0.7
        return 0.5

    a, b = _centre(left), _centre(right)
    gap = abs(a - b) / max(abs(a), abs(b), 1e-9)
    closeness = min(1.0, 0.5 + gap * 2.5)
    return round(min(firmness(left), firmness(right)) * closeness, 2)


def describe_quantity(value: Quantity | None) -> str:
    """A figure as a reader would say it: "about 770 people", "more than $13 billion", "49%"."""
    if value is None:
        return "no value"
    words = {
        Qualifier.exact: "",
        Qualifier.approx: "about ",
        Qualifier.more_than: "more than ",
        Qualifier.at_least: "at least ",
        Qualifier.less_than: "less than ",
        Qualifier.at_most: "at most ",
        Qualifier.nearly_all: "nearly all",
    }
    prefix = words[value.qualifier]
    if value.amount is None:
        if value.qualifier is Qualifier.nearly_all:
            return f"nearly all {value.unit or ''}".strip()
        if value.low is not None and value.high is not None:
            return f"between {_figure(value.low)} and {_figure(value.high)} {value.unit or ''}".strip()
        return f"an unstated number of {value.unit or 'items'}"
    amount = value.amount
    if value.unit == "percent":
        return f"{prefix}{_figure(amount)}%"
    if value.currency:
        symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(value.currency)
        text = _money(amount)
        return f"{prefix}{symbol}{text}" if symbol else f"{prefix}{text} {value.currency}"
    return f"{prefix}{_figure(amount)} {value.unit or ''}".strip()


def _figure(amount: float) -> str:
    if amount == int(amount):
        return f"{int(amount):,}"
    return f"{amount:,.2f}".rstrip("0").rstrip(".")


def _money(amount: float) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(amount) >= scale:
            return f"{_figure(round(amount / scale, 2))} {word}"
    return _figure(amount)


def source_label(name: str, sources: dict[str, Source]) -> str:
    source = sources.get(name)
    if source is not None and source.outlet:
        return f"{source.outlet} ({name})"
    return name


def explain_value_conflict(left: list[Fact], right: list[Fact], sources: dict[str, Source]) -> str:
    """One plain sentence naming the sources on each side and quoting them."""

    def side_text(side: list[Fact]) -> str:
        parts = []
        for fact in side:
            parts.append(
                f"{source_label(fact.source, sources)} gives {describe_quantity(fact.effective_value())} "
                f"(\u201c{_short(fact.evidence.quote)}\u201d)"
            )
        return " and ".join(parts)

    a, b = _centre(left), _centre(right)
    gap = abs(a - b) / max(abs(a), abs(b), 1e-9)
    head = left[0]
    topic = " ".join(x for x in (head.subject, _predicate_words(head.predicate), head.object) if x)
    return (
        f"{topic[:1].upper() + topic[1:]}: {side_text(left)}, while {side_text(right)}; "
        f"the figures are {gap:.0%} apart, more than their qualifiers allow."
    )


def _predicate_words(predicate: str) -> str:
    return {"headcount": "employee count", "stake": "stake in", "funding": "invested in / committed to"}.get(predicate, predicate)


def _short(quote: str, limit: int = 90) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[: limit - 1] + "\u2026"


def reconcile(sources: list[Source], facts: list[Fact], config: ReconcileConfig | None = None) -> Reconciliation:
    """Group, compare and explain: the whole cross-source analysis of one story."""
    config = config or ReconcileConfig(sources={s.name: s for s in sources})
    if not config.sources:
        config = ReconcileConfig(config.name_threshold, config.value_slack, {s.name: s for s in sources})
    groups = group_facts(facts, config)
    contradictions = find_contradictions(facts, groups, config)
    contradicted = {c.group for c in contradictions}
    groups = [
        g.model_copy(update={"status": GroupStatus.contradicted}) if g.id in contradicted else g for g in groups
    ]
    return Reconciliation(sources=sources, facts=facts, groups=groups, contradictions=contradictions)
