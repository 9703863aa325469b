"""Truth discovery: the most likely value of each item, and how far each source can be trusted.

Method: an iterative value-confidence / source-accuracy scheme in the style of ACCU
(Dong, Berti-Equille and Srivastava, "Integrating conflicting data: the role of source
dependence", VLDB 2009) with TruthFinder's implication between similar values (Yin, Han and
Yu, "Truth discovery with multiple conflicting information providers on the web", KDD 2007 /
TKDE 2008), a Beta prior on source accuracy, and copy groups counted once.

Every source ``s`` has a trust ``t(s)``, the probability that a claim it makes is right. Starting
from ``t(s) = prior_trust``, each iteration does:

1. **Vote.** A source votes ``ln(n * t / (1 - t))`` for the value it claims, where ``n`` is
   ``false_values``, the number of wrong values an item is assumed to be able to take (ACCU's
   uniform-false-value model). Trust is kept in ``[0.0001, 0.9999]`` so a vote stays finite.
2. **Copies count once.** Sources in one copy group (``copy_groups``) that claim the same item
   share one vote on it: each of the group's ``k`` claims on the item is weighted ``1/k``, so the
   group's weight on the item is the average of its members' votes. A source with no group is
   its own group. ``sigma(v)`` is the weighted sum of the votes for value ``v``.
3. **Nearby numbers support each other.** Values that parse as numbers (commas and spaces
   stripped) are compared by relative difference ``d = |x - y| / max(|x|, |y|)``. Their
   similarity is 1 when ``d <= tolerance`` (the same figure, up to rounding: 0.1% by default),
   falls linearly to 0 at ``d = support_reach`` (2% by default) and is 0 beyond; numbers of
   opposite sign, and text values, are never similar. A value's adjusted score is
   ``sigma*(v) = sigma(v) + support_weight * sum(sim(v, u) * sigma(u))`` over the other values
   ``u`` of its item (TruthFinder's implication). Each item's values are sorted by number, so the
   similar pairs are found with a sliding window, not by comparing all pairs.
4. **Confidence.** ``P(v) = exp(sigma*(v)) / (sum over the item's claimed values u of
   exp(sigma*(u)) + max(0, n + 1 - m))`` for an item with ``m`` claimed values: the unclaimed
   wrong values keep some probability, so one claim from a source of trust ``t`` gets confidence
   ``t`` and a lone claim does not make itself certain.
5. **Trust.** A claim is credited with the probability that the truth lies within ``tolerance`` of
   the value it states (the ``P`` of its value and of the values that agree with it). With
   ``a = prior_trust * prior_strength`` and ``b = (1 - prior_trust) * prior_strength``,
   ``t(s) = (credit + a) / (claims + a + b)`` (a Beta prior: a source with few claims stays near
   ``prior_trust``); a source's claims on one item are averaged so they count as one claim. The
   new trust is damped: ``t = damping * t_old + (1 - damping) * t_new``.

Iteration stops when no trust moves by more than ``convergence``, or after ``max_iterations``.
The estimate for an item is its value with the highest ``sigma*`` (ties: more independent
support, then the smallest normalised text), so it is always a value some source claimed.

The cost of an iteration is linear in the number of claims plus the number of similar value pairs
within items; the data is held in flat lists indexed by integer ids.
"""

from __future__ import annotations

import csv
import math
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from reconcile.errors import BadInput

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_SEPARATORS = re.compile(r"[,\s\u00a0\u2009\u202f]")
_SPACES = re.compile(r"\s+")
_TRUST_FLOOR = 1e-4
_TRUST_CEILING = 1.0 - 1e-4
_PRIOR_FLOOR = 0.05
_PRIOR_CEILING = 0.95


@dataclass(frozen=True, slots=True)
class Claim:
    """One source stating one value for one item; ``value`` is text, numeric when it parses."""

    source: str
    item: tuple[str, ...]
    value: str


class TruthConfig(BaseModel):
    """Parameters of :func:`estimate`; see the module docstring for where each one enters."""

    model_config = ConfigDict(extra="forbid")

    tolerance: float = Field(0.001, ge=0.0, lt=1.0, description="relative difference within which two numbers are the same value")
    support_reach: float = Field(0.02, ge=0.0, lt=1.0, description="relative difference at which partial support between numbers reaches 0")
    support_weight: float = Field(0.5, ge=0.0, le=1.0, description="share of a similar value's score a value receives")
    false_values: float = Field(10.0, gt=0.0, description="number of wrong values an item is assumed to be able to take")
    prior_trust: float = Field(0.8, gt=0.0, lt=1.0, description="trust of a source with no evidence")
    prior_strength: float = Field(2.0, ge=0.0, description="pseudo-claims the prior is worth")
    leave_out: bool = True
    learn_prior: bool = Field(True, description="re-estimate the prior mean from the data at each iteration")
    damping: float = Field(0.5, ge=0.0, lt=1.0, description="share of the old trust kept at each iteration")
    max_iterations: int = Field(100, ge=1)
    convergence: float = Field(1e-5, gt=0.0, description="stop when no trust moves by more than this")

    @model_validator(mode="after")
    def _reach_covers_tolerance(self) -> TruthConfig:
        if self.support_reach < self.tolerance:
            raise ValueError("support_reach must be at least tolerance")
        return self


class ItemEstimate(BaseModel):
    """The chosen value of one item.

    ``confidence`` is the probability that the truth is within tolerance of ``value``;
    ``support`` lists the sources claiming ``value`` or a number within tolerance of it;
    ``weight`` is how many independent claims that is (a copy group counts once).
    """

    model_config = ConfigDict(extra="forbid")

    item: list[str]
    value: str
    confidence: float
    support: list[str]
    weight: float


class SourceTrust(BaseModel):
    """How far one source can be trusted: the estimated share of its claims that are right."""

    model_config = ConfigDict(extra="forbid")

    source: str
    trust: float
    claims: int


class Estimate(BaseModel):
    """Every item's chosen value (sorted by item) and every source's trust (sorted by source)."""

    model_config = ConfigDict(extra="forbid")

    items: list[ItemEstimate]
    sources: list[SourceTrust]
    iterations: int


class FuseReport(BaseModel):
    """What a run of :func:`fuse_csv` did and, against a truth file, how well it did."""

    model_config = ConfigDict(extra="forbid")

    accuracy: float
    items_scored: int
    vote_accuracy: float
    claims: int
    sources: int
    items: int
    iterations: int
    seconds: float


def parse_number(text: str) -> float | None:
    """The number ``text`` states once commas and spaces are stripped, or None.

    Plain decimal notation with an optional sign and exponent only: "478,403", "1 000", "-2.5",
    "3e6". "nan", "inf" and "1_000" are text.
    """
    bare = _SEPARATORS.sub("", text)
    if not _NUMBER.fullmatch(bare):
        return None
    number = float(bare)
    return number if math.isfinite(number) else None


def normalise_value(text: str) -> str:
    """The form in which two values are compared for exact equality.

    Numbers become their shortest decimal ("478,403" -> "478403", "478403.0" -> "478403",
    "2.50" -> "2.5"); other text has its whitespace trimmed and collapsed.
    """
    number = parse_number(text)
    if number is None:
        return _SPACES.sub(" ", text).strip()
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return repr(number)


def similarity(a: float, b: float, config: TruthConfig) -> float:
    """How far the number ``a`` supports ``b``: 1 within ``tolerance``, falling linearly to 0 at ``support_reach``.

    The relative difference is ``|a - b| / max(|a|, |b|)``; numbers of opposite sign, or zero
    against non-zero, differ by at least 1 and never support each other.
    """
    scale = max(abs(a), abs(b))
    if scale == 0.0:
        return 1.0
    return _similarity(abs(a - b) / scale, config.tolerance, config.support_reach)


def _similarity(difference: float, tolerance: float, reach: float) -> float:
    if difference <= tolerance:
        return 1.0
    if difference >= reach:
        return 0.0
    return (reach - difference) / (reach - tolerance)


@dataclass
class _Index:
    """Claims as flat integer lists.

    An item's values are contiguous (``item_start``), and so are its units (``unit_start``): a
    unit is one copy group's claims of one value on one item, and carries the group's vote there.
    """

    sources: list[str] = field(default_factory=list)
    items: list[tuple[str, ...]] = field(default_factory=list)
    item_start: list[int] = field(default_factory=lambda: [0])
    unit_start: list[int] = field(default_factory=lambda: [0])
    value_text: list[str] = field(default_factory=list)  # first text claimed for the value
    value_key: list[str] = field(default_factory=list)  # normalised text
    value_direct: list[float] = field(default_factory=list)  # independent claims of exactly this value
    unit_value: list[int] = field(default_factory=list)
    unit_tested: bytearray = field(default_factory=bytearray)  # 1 when another group claims the item
    claim_unit: list[int] = field(default_factory=list)
    claim_source: list[int] = field(default_factory=list)
    claim_weight: list[float] = field(default_factory=list)  # 1 / claims of its copy group on the item
    claim_share: list[float] = field(default_factory=list)  # 1 / claims of its source on the item
    source_claims: list[int] = field(default_factory=list)
    neighbour_start: list[int] = field(default_factory=lambda: [0])  # per value, into the two below
    neighbour_value: list[int] = field(default_factory=list)
    neighbour_weight: list[float] = field(default_factory=list)
    multi_items: list[int] = field(default_factory=list)  # items with two or more values
    single_items: list[int] = field(default_factory=list)  # items with one value


def _build_index(claims: Iterable[Claim], copy_groups: dict[str, str], config: TruthConfig) -> _Index:
    """Intern sources, items and values, weight claims by copy group, and find similar values."""
    index = _Index()
    source_ids: dict[str, int] = {}
    item_ids: dict[tuple[str, ...], int] = {}
    group_ids: dict[tuple[bool, str], int] = {}
    source_group: list[int] = []
    text_ids: dict[str, int] = {}
    texts: list[str] = []
    claim_item: list[int] = []
    claim_source: list[int] = []
    claim_text: list[int] = []
    for claim in claims:
        source = source_ids.get(claim.source)
        if source is None:
            source = source_ids[claim.source] = len(index.sources)
            index.sources.append(claim.source)
            group = copy_groups.get(claim.source)
            key = (False, claim.source) if group is None else (True, group)
            source_group.append(group_ids.setdefault(key, len(group_ids)))
        item = item_ids.get(claim.item)
        if item is None:
            item = item_ids[claim.item] = len(index.items)
            index.items.append(claim.item)
        text = text_ids.get(claim.value)
        if text is None:
            text = text_ids[claim.value] = len(texts)
            texts.append(claim.value)
        claim_item.append(item)
        claim_source.append(source)
        claim_text.append(text)
    del source_ids, item_ids, text_ids, group_ids

    keys: dict[str, int] = {}
    key_texts: list[str] = []
    key_numbers: list[float | None] = []
    text_key: list[int] = []
    for text in texts:
        normal = normalise_value(text)
        key = keys.get(normal)
        if key is None:
            key = keys[normal] = len(key_texts)
            key_texts.append(normal)
            key_numbers.append(parse_number(normal))
        text_key.append(key)
    del keys

    # Counting sort of the claims by item, so each item's values and units get contiguous ids.
    item_count = len(index.items)
    start = [0] * (item_count + 1)
    for item in claim_item:
        start[item + 1] += 1
    for item in range(item_count):
        start[item + 1] += start[item]
    order = [0] * len(claim_item)
    cursor = start[:-1]
    for position, item in enumerate(claim_item):
        order[cursor[item]] = position
        cursor[item] += 1
    del cursor, claim_item

    index.source_claims = [0] * len(index.sources)
    numbers: list[float | None] = []
    for item in range(item_count):
        values: dict[int, int] = {}
        units: dict[tuple[int, int], int] = {}
        groups: dict[int, int] = {}
        own: dict[int, int] = {}
        members = order[start[item] : start[item + 1]]
        for position in members:
            source = claim_source[position]
            groups[source_group[source]] = groups.get(source_group[source], 0) + 1
            own[source] = own.get(source, 0) + 1
        for position in members:
            source = claim_source[position]
            text = claim_text[position]
            key = text_key[text]
            value = values.get(key)
            if value is None:
                value = values[key] = len(index.value_key)
                index.value_key.append(key_texts[key])
                index.value_text.append(texts[text])
                index.value_direct.append(0.0)
                numbers.append(key_numbers[key])
            unit = units.get((source_group[source], value))
            if unit is None:
                unit = units[(source_group[source], value)] = len(index.unit_value)
                index.unit_value.append(value)
                index.unit_tested.append(len(groups) > 1)
            weight = 1.0 / groups[source_group[source]]
            index.claim_unit.append(unit)
            index.claim_source.append(source)
            index.claim_weight.append(weight)
            index.claim_share.append(1.0 / own[source])
            index.value_direct[value] += weight
            index.source_claims[source] += 1
        index.item_start.append(len(index.value_key))
        index.unit_start.append(len(index.unit_value))
        (index.single_items if len(values) == 1 else index.multi_items).append(item)
    _add_neighbours(index, numbers, config)
    return index


def _add_neighbours(index: _Index, numbers: list[float | None], config: TruthConfig) -> None:
    """Fill the neighbour lists: for each value, the numbers of its item it is similar to.

    Within an item, numbers are split by sign and sorted by magnitude; a sliding window keeps the
    smaller numbers within ``support_reach`` of the current one, so only similar pairs are visited.
    """
    pairs: dict[int, list[tuple[int, float]]] = {}
    tolerance, reach = config.tolerance, config.support_reach
    for item in index.multi_items:
        lo, hi = index.item_start[item], index.item_start[item + 1]
        positive: list[tuple[float, int]] = []
        negative: list[tuple[float, int]] = []
        for value in range(lo, hi):
            number = numbers[value]
            if number is not None and number != 0.0:
                (positive if number > 0.0 else negative).append((abs(number), value))
        for ordered in (sorted(positive), sorted(negative)):
            left = 0
            for right, (magnitude, value) in enumerate(ordered):
                while ordered[left][0] < magnitude * (1.0 - reach):
                    left += 1
                for other in range(left, right):
                    weight = _similarity((magnitude - ordered[other][0]) / magnitude, tolerance, reach)
                    if weight > 0.0:
                        pairs.setdefault(value, []).append((ordered[other][1], weight))
                        pairs.setdefault(ordered[other][1], []).append((value, weight))
    for value in range(len(index.value_key)):
        for other, weight in pairs.get(value, ()):
            index.neighbour_value.append(other)
            index.neighbour_weight.append(weight)
        index.neighbour_start.append(len(index.neighbour_value))


@dataclass
class _Round:
    """One pass over the claims at given trusts: scores, probabilities and left-out credits."""

    adjusted: list[float]  # sigma* per value
    probability: list[float]  # P per value
    credit: list[float]  # per tested unit: P(truth within tolerance of its value) without its vote


def _round(index: _Index, trust: list[float], config: TruthConfig) -> _Round:
    """Score every value at the given trusts, and credit every tested unit by the other groups' votes."""
    n = config.false_values
    rho = config.support_weight
    leave_out = config.leave_out
    vote = [math.log(n * t / (1.0 - t)) for t in trust]
    unit_score = [0.0] * len(index.unit_value)
    for unit, source, weight in zip(index.claim_unit, index.claim_source, index.claim_weight):
        unit_score[unit] += weight * vote[source]
    sigma = [0.0] * len(index.value_key)
    for unit, value in enumerate(index.unit_value):
        sigma[value] += unit_score[unit]
    probability = [0.0] * len(sigma)
    credit = [0.0] * len(unit_score)
    tested = index.unit_tested
    item_start, unit_start = index.item_start, index.unit_start
    for item in index.single_items:
        value = item_start[item]
        probability[value] = 1.0 / (1.0 + n * math.exp(-sigma[value]))
        for unit in range(unit_start[item], unit_start[item + 1]):
            if tested[unit]:
                credit[unit] = 1.0 / (1.0 + n * math.exp((unit_score[unit] if leave_out else 0.0) - sigma[value]))
    adjusted = sigma[:]
    nstart, nvalue, nweight = index.neighbour_start, index.neighbour_value, index.neighbour_weight
    for item in index.multi_items:
        lo, hi = item_start[item], item_start[item + 1]
        if rho > 0.0:
            for value in range(lo, hi):
                support = 0.0
                for position in range(nstart[value], nstart[value + 1]):
                    support += nweight[position] * sigma[nvalue[position]]
                adjusted[value] = sigma[value] + rho * support
        unclaimed = max(0.0, n + 1.0 - (hi - lo))
        top = max(adjusted[lo:hi])
        if unclaimed > 0.0:
            top = max(top, 0.0)
        exps = [math.exp(score - top) for score in adjusted[lo:hi]]
        rest = unclaimed * math.exp(-top)
        total = sum(exps) + rest
        for offset, weight in enumerate(exps):
            probability[lo + offset] = weight / total
        for unit in range(unit_start[item], unit_start[item + 1]):
            if tested[unit]:
                credit[unit] = _left_out_credit(index, unit_score[unit] if leave_out else 0.0, index.unit_value[unit], lo, adjusted, exps, rest, top, rho)
    return _Round(adjusted=adjusted, probability=probability, credit=credit)


def _left_out_credit(index: _Index, removed: float, value: int, lo: int, adjusted: list[float], exps: list[float], rest: float, top: float, rho: float) -> float:
    """P(truth within tolerance of ``value``) once the vote ``removed`` for it is taken out.

    Taking a vote out lowers ``sigma*`` of its value by the vote and of each similar value by
    ``support_weight * similarity * vote``; only those terms of the normaliser change.
    """
    nstart, nvalue, nweight = index.neighbour_start, index.neighbour_value, index.neighbour_weight
    changed = [(value, removed, True)]
    for position in range(nstart[value], nstart[value + 1]):
        changed.append((nvalue[position], rho * nweight[position] * removed, nweight[position] >= 1.0))
    total = sum(exps) + rest
    agree = 0.0
    for other, drop, agrees in changed:
        before = exps[other - lo]
        after = math.exp(adjusted[other] - drop - top)
        total += after - before
        if agrees:
            agree += after
    if total <= 1e-9 * (sum(exps) + rest):
        # Cancellation: the removed vote dominated the item; recompute the normaliser exactly.
        dropped = {other: drop for other, drop, _ in changed}
        total = rest + sum(math.exp(adjusted[lo + k] - dropped.get(lo + k, 0.0) - top) for k in range(len(exps)))
    return min(1.0, agree / total)


def _agreeing(index: _Index, value: int) -> Iterator[int]:
    """The other values of ``value``'s item within tolerance of it (similarity 1)."""
    for position in range(index.neighbour_start[value], index.neighbour_start[value + 1]):
        if index.neighbour_weight[position] >= 1.0:
            yield index.neighbour_value[position]


def _trusts(index: _Index, credit: list[float], config: TruthConfig, prior: float) -> list[float]:
    """Each source's posterior mean accuracy under a Beta prior of mean ``prior``, before damping.

    Only claims on items some other copy group also claims are evidence; a source's claims on
    one item share one claim's weight.
    """
    a = prior * config.prior_strength
    b = (1.0 - prior) * config.prior_strength
    right = [0.0] * len(index.sources)
    total = [0.0] * len(index.sources)
    tested = index.unit_tested
    for unit, source, share in zip(index.claim_unit, index.claim_source, index.claim_share):
        if tested[unit]:
            right[source] += share * credit[unit]
            total[source] += share
    return [min(_TRUST_CEILING, max(_TRUST_FLOOR, (r + a) / (n + a + b))) if n + a + b > 0.0 else prior for r, n in zip(right, total)]


def _learned_prior(index: _Index, credit: list[float], config: TruthConfig) -> float:
    """The average accuracy of the sources with evidence, each source counting once (empirical Bayes)."""
    right = [0.0] * len(index.sources)
    total = [0.0] * len(index.sources)
    tested = index.unit_tested
    for unit, source, share in zip(index.claim_unit, index.claim_source, index.claim_share):
        if tested[unit]:
            right[source] += share * credit[unit]
            total[source] += share
    rates = [r / n for r, n in zip(right, total) if n > 0.0]
    if not rates:
        return config.prior_trust
    return min(_PRIOR_CEILING, max(_PRIOR_FLOOR, sum(rates) / len(rates)))


def estimate(claims: Iterable[Claim], config: TruthConfig | None = None, copy_groups: dict[str, str] | None = None) -> Estimate:
    """Learn source trust and each item's most likely value from ``claims``.

    ``config`` sets the parameters (defaults: :class:`TruthConfig`); ``copy_groups`` maps a
    source to a group id, and the sources of one group (syndicated copies) count once on any
    item they claim. The method is described in the module docstring.
    """
    config = config or TruthConfig()
    index = _build_index(claims, copy_groups or {}, config)
    if not index.claim_unit:
        return Estimate(items=[], sources=[], iterations=0)
    damping = config.damping
    prior = config.prior_trust
    trust = [prior] * len(index.sources)
    iterations = 0
    while iterations < config.max_iterations:
        iterations += 1
        credit = _round(index, trust, config).credit
        if config.learn_prior:
            prior = _learned_prior(index, credit, config)
        fresh = _trusts(index, credit, config, prior)
        moved = 0.0
        for source, new in enumerate(fresh):
            new = damping * trust[source] + (1.0 - damping) * new
            moved = max(moved, abs(new - trust[source]))
            trust[source] = new
        if moved <= config.convergence:
            break
    final = _round(index, trust, config)
    return Estimate(
        items=_item_estimates(index, final.adjusted, final.probability),
        sources=sorted(
            (SourceTrust.model_construct(source=name, trust=trust[s], claims=index.source_claims[s]) for s, name in enumerate(index.sources)),
            key=lambda row: row.source,
        ),
        iterations=iterations,
    )


def _item_estimates(index: _Index, adjusted: list[float], probability: list[float]) -> list[ItemEstimate]:
    """Pick each item's value (highest ``sigma*``, then more independent support, then smallest text)."""
    chosen = [0] * len(index.items)
    confidence = [0.0] * len(index.items)
    agrees = bytearray(len(index.value_key))  # 1 when a value is within tolerance of its item's choice
    value_item = [0] * len(index.value_key)
    for item in range(len(index.items)):
        lo, hi = index.item_start[item], index.item_start[item + 1]
        best = lo
        if hi - lo > 1:
            best = min(range(lo, hi), key=lambda v: (-adjusted[v], -index.value_direct[v], index.value_key[v]))
            for value in range(lo, hi):
                value_item[value] = item
        else:
            value_item[lo] = item
        chosen[item] = best
        agrees[best] = 1
        mass = probability[best]
        for other in _agreeing(index, best):
            agrees[other] = 1
            mass += probability[other]
        confidence[item] = min(1.0, mass)
    support: list[set[int]] = [set() for _ in index.items]
    weight = [0.0] * len(index.items)
    unit_value = index.unit_value
    for unit, source, share in zip(index.claim_unit, index.claim_source, index.claim_weight):
        value = unit_value[unit]
        if agrees[value]:
            item = value_item[value]
            support[item].add(source)
            weight[item] += share
    rows = [
        ItemEstimate.model_construct(
            item=list(index.items[item]),
            value=index.value_text[chosen[item]],
            confidence=confidence[item],
            support=sorted(index.sources[s] for s in support[item]),
            weight=weight[item],
        )
        for item in range(len(index.items))
    ]
    rows.sort(key=lambda row: row.item)
    return rows


def majority_vote(claims: Iterable[Claim]) -> dict[tuple[str, ...], str]:
    """Each item's most claimed value, comparing values exactly after :func:`normalise_value`.

    Every claim counts once. Ties go to the smallest normalised text (string order, so "100"
    before "99"); the value returned is the first text claimed for the winner.
    """
    counts: dict[tuple[str, ...], dict[str, int]] = {}
    first: dict[tuple[tuple[str, ...], str], str] = {}
    cache: dict[str, str] = {}
    for claim in claims:
        key = cache.get(claim.value)
        if key is None:
            key = cache[claim.value] = normalise_value(claim.value)
        tally = counts.setdefault(claim.item, {})
        tally[key] = tally.get(key, 0) + 1
        first.setdefault((claim.item, key), claim.value)
    return {item: first[(item, min(tally, key=lambda k: (-tally[k], k)))] for item, tally in counts.items()}


def _rows(path: Path, wanted: list[str]) -> Iterator[tuple[int, list[str]]]:
    """The wanted columns of each data row of a CSV file, with the row's first line number.

    Raises BadInput for a missing file, a missing column (line 1), a row with a different number
    of fields than the header (its line), or text that is not UTF-8. Blank lines are skipped.
    """
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise BadInput(path, f"cannot read: {error.strerror or error}") from None
    line = 1
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None:
                raise BadInput(path, "empty file; expected a header row", 1)
            names = [name.strip() for name in header]
            missing = [name for name in wanted if name not in names]
            if missing:
                raise BadInput(path, f"missing column(s) {', '.join(missing)}; the header has {', '.join(names)}", 1)
            columns = [names.index(name) for name in wanted]
            line = reader.line_num + 1
            for row in reader:
                if row:
                    if len(row) != len(names):
                        raise BadInput(path, f"expected {len(names)} fields as in the header, found {len(row)}", line)
                    yield line, [row[column].strip() for column in columns]
                line = reader.line_num + 1
        except csv.Error as error:
            raise BadInput(path, f"unreadable CSV: {error}", line) from None
        except UnicodeDecodeError:
            raise BadInput(path, "not UTF-8 text", line) from None


def read_claims_csv(path: Path, source: str, items: list[str], value: str) -> list[Claim]:
    """Claims from a CSV file with a header row: one claim per row.

    ``source`` names the source column, ``items`` the columns that together name the item,
    ``value`` the value column. Fields are trimmed; rows with an empty value are no claim.
    Raises BadInput naming the line for a missing column or a row of the wrong length.
    """
    if not items:
        raise BadInput(path, "no item column given")
    interned: dict[str, str] = {}
    item_keys: dict[tuple[str, ...], tuple[str, ...]] = {}
    claims: list[Claim] = []
    width = len(items)
    for _, fields in _rows(path, [source, *items, value]):
        if not fields[-1]:
            continue
        name = interned.setdefault(fields[0], fields[0])
        key = tuple(fields[1 : 1 + width])
        claims.append(Claim(source=name, item=item_keys.setdefault(key, key), value=fields[-1]))
    return claims


def read_truth_csv(path: Path, items: list[str], value: str) -> dict[tuple[str, ...], str]:
    """The true value of each item from a CSV file with a header row (item columns, value column).

    Rows with an empty value are skipped; if an item appears twice, the first row wins.
    Raises BadInput naming the line for a missing column or a row of the wrong length.
    """
    if not items:
        raise BadInput(path, "no item column given")
    truth: dict[tuple[str, ...], str] = {}
    for _, fields in _rows(path, [*items, value]):
        if fields[-1]:
            truth.setdefault(tuple(fields[:-1]), fields[-1])
    return truth


def score(estimate: Estimate, truth: dict[tuple[str, ...], str], votes: dict[tuple[str, ...], str]) -> tuple[float, float, int]:
    """Accuracy of the estimate and of the votes over the items both in ``truth`` and in the estimate.

    A value is right when it equals the true value after :func:`normalise_value` ("478,403",
    "478403" and "478403.0" are equal). An item missing from ``votes`` counts as wrong. Returns
    ``(accuracy, vote_accuracy, items scored)``; both accuracies are 0.0 when no item is scored.
    """
    scored = right = vote_right = 0
    for row in estimate.items:
        key = tuple(row.item)
        expected = truth.get(key)
        if expected is None:
            continue
        target = normalise_value(expected)
        scored += 1
        right += normalise_value(row.value) == target
        vote = votes.get(key)
        vote_right += vote is not None and normalise_value(vote) == target
    if scored == 0:
        return 0.0, 0.0, 0
    return right / scored, vote_right / scored, scored


def fuse_csv(
    claims_path: Path,
    source: str,
    items: list[str],
    value: str,
    truth_path: Path | None = None,
    config: TruthConfig | None = None,
    copy_groups: dict[str, str] | None = None,
) -> tuple[Estimate, FuseReport | None]:
    """Read claims from a CSV file, estimate, and score against a truth CSV when one is given.

    Column arguments are as in :func:`read_claims_csv`; the truth file uses the same item and
    value column names. The report (None without a truth file) gives the estimate's accuracy
    beside exact-match majority voting, and ``seconds`` times reading the claims and estimating.
    """
    started = time.perf_counter()
    claims = read_claims_csv(claims_path, source, items, value)
    result = estimate(claims, config, copy_groups)
    seconds = time.perf_counter() - started
    if truth_path is None:
        return result, None
    truth = read_truth_csv(truth_path, items, value)
    accuracy, vote_accuracy, scored = score(result, truth, majority_vote(claims))
    report = FuseReport(
        accuracy=accuracy,
        items_scored=scored,
        vote_accuracy=vote_accuracy,
        claims=len(claims),
        sources=len(result.sources),
        items=len(result.items),
        iterations=result.iterations,
        seconds=round(seconds, 3),
    )
    return result, report
