"""Truth discovery: the most likely value of each item, and how far each source can be trusted.

The method is ACCU (Dong, Berti-Equille and Srivastava, "Integrating conflicting data: the role
of source dependence", VLDB 2009), an iterative value-confidence / source-accuracy scheme, with
TruthFinder's implication between similar values (Yin, Han and Yu, "Truth discovery with
multiple conflicting information providers on the web", KDD 2007 / TKDE 2008), a Beta prior on
source accuracy whose mean is learned from the data (empirical Bayes) per activity class, trust
earned from agreement with the *other* claims (leave-one-out), rounded figures read as roundings
of the precise figures they cover, copy groups counted once, and sources that copy detected from
the wrong values they repeat (ACCU's dependence signal, pooled per source).

Every source ``s`` has a trust ``t(s)``: the probability that a claim it makes is right. Starting
from ``t(s) = prior_trust``, each iteration does:

1. **Vote.** A source votes ``ln(n * t / (1 - t))`` for the value it claims, where ``n`` is
   ``false_values``, the number of wrong values an item is assumed to be able to take (ACCU's
   model of uniformly spread false values). Trust stays in ``[0.0001, 0.9999]``.
2. **Copies count once.** The sources of one copy group (``copy_groups``; a source without a
   group is its own group) share one vote on an item: each of the group's ``k`` claims on the
   item is weighted ``1/k``, so the group's weight there is the average of its members' votes.
   ``sigma(v)`` is the weighted sum of the votes for the value ``v``.
2b. **Copiers count less** (``copy_detection``). Independent sources that are wrong rarely make
   the *same* mistake; a source that copies (a bot re-saving a page, a site rewriting another's
   story) repeats whatever was there, errors included. Once trust has settled (see below), on
   the checked items with two or more values, a claim is *wrong* when its value is not the
   item's current choice (nor within tolerance of it), and *repeated* when another copy group
   claims the same value (or one within tolerance). For a source, chance ``b`` is the share of
   the *other* sources' wrong claims that a group other than its own repeats, so a copier's
   repeats neither raise its own yardstick nor make the sources it copies look like copiers. Its
   own share, shrunk toward chance, is ``r = (repeated wrong + b * k) / (wrong + k)`` with ``k =
   copy_strength`` (10); its copy rate is ``c = max(0, (r - b) / (1 - b))``, and each of its
   repeated claims (right or wrong) votes with weight ``1 - c``: what it repeats is mostly
   someone else's evidence, already counted.
3. **Nearby numbers support each other.** Values that parse as numbers (commas and spaces
   stripped) are compared by relative difference ``d = |x - y| / max(|x|, |y|)``. Their
   similarity is 1 when ``d <= tolerance`` (the same figure: 0.01% by default, so rounding in the
   fifth significant digit),
   falls linearly to 0 at ``d = support_reach`` (2%) and is 0 beyond; numbers of opposite sign,
   and text, are never similar. A value's adjusted score is ``sigma*(v) = sigma(v) +
   support_weight * sum(similarity(v, u) * sigma(u))`` over the item's other values ``u``
   (TruthFinder's implication; ``support_weight`` is 0.2). Each item's numbers are sorted, so
   similar pairs are found with a sliding window, never by comparing all pairs.
4. **Confidence.** For an item with ``m`` claimed values, ``P(v) = exp(sigma*(v)) / (sum over
   its claimed values u of exp(sigma*(u)) + max(0, n + 1 - m))``: the values nobody claimed keep
   some probability, so a lone claim from a source of trust ``t`` gets confidence ``t``.
5. **Trust.** A claim that another copy group can check (another group claims the same item) is
   evidence. With ``trust_evidence="others"`` (the default) it is scored against the other
   claims only: ``q`` is the distribution of step 4 recomputed without its group's votes on the
   item, and the claim earns ``q`` of its value (and of the values within tolerance of it) out of
   ``sum q(u)^2`` over the item's values, claimed or not, which is what an always-right source
   would earn on average. A source's accuracy is its credit over that total (a moment estimate
   from agreement), so no claim confirms itself, and a claim the others disagree about counts for
   little. With ``"posterior"`` (ACCU's rule) a claim earns ``P`` of its value, its own vote
   included, out of 1. A claim nobody else makes is no evidence: it counts as
   ``unchecked_weight`` claims (1 by default) right with the prior probability, so a source
   trusted mostly on its own word is pulled toward the prior. With prior mean ``mu`` and
   ``a = mu * prior_strength``, ``b = (1 - mu) * prior_strength`` (a Beta prior),
   ``t(s) = (credit + a) / (total + a + b)``; a source's claims on one item share one claim's
   weight. With ``learn_prior`` (the default), ``mu`` is re-estimated at every iteration as the
   average accuracy, on checked claims, of the sources that have any (each source counting once,
   at most 1, kept in ``[0.05, 0.95]``), so a newcomer is trusted like a typical source, not like
   the best. With ``activity_prior`` (the default) there is one ``mu`` per activity class,
   ``floor(log2(claims made))``: one-claim sources, two or three, four to seven, ...; a class's
   mean is its sources' average with the overall mean counted as one more source. So a
   one-off source is trusted like the one-off sources others could check, which in edit histories
   and crowds are the least reliable. The new trust is damped: ``t = damping * t_old + (1 -
   damping) * t_new``.

**Rounded figures** (``rounded_support``): before anything else, within an item, a number whose
last significant digit is in place ``k`` (9000: the thousands) that lies within half a unit of
that place, and within ``support_reach``, of a claimed number with a finer last digit (8860) is
read as a rounding of it: its claims count as claims of the precise number (the nearest one), and
it is no candidate of its own.

Iteration stops when no trust moves by more than ``convergence``, or after ``max_iterations``.
With ``copy_detection`` there are two such phases: the first without copy rates; then the rates
are read from its choices, and the second phase updates them after every iteration.
The estimate for an item is its value with the highest ``sigma*`` (ties: more independent
support, then the value claimed first), so it is always a value some source claimed.

Defaults: ``false_values=10``, ``tolerance=0.0001``, ``support_reach=0.02``,
``support_weight=0.2``, ``prior_strength=1`` with the learned prior per activity class
(``prior_trust=0.8`` is only the starting trust), ``trust_evidence="others"``,
``rounded_support=True``, ``unchecked_weight=1``, ``copy_detection=True``, ``copy_strength=10``,
``damping=0.2``, ``convergence=0.002``, ``max_iterations=50``.

Each iteration costs time linear in the number of checked claims plus the similar value pairs
within their items (a claim's leave-one-out distribution is the item's, corrected for the few
scores its vote moves); the data is held in flat lists indexed by integer ids.
"""

from __future__ import annotations

import bisect
import csv
import gc
import math
import operator
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
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


class TrustEvidence(str, Enum):
    """What a checked claim is credited with when trust is re-estimated.

    ``others``: the probability the *other* claims on the item give its value (the claim's own
    vote left out), set against how sharply those claims pick any value; ``posterior``: the
    probability of its value with its own vote included (ACCU's original rule).
    """

    OTHERS = "others"
    POSTERIOR = "posterior"


@dataclass(frozen=True, slots=True)
class Claim:
    """One source stating one value for one item; ``value`` is text, numeric when it parses."""

    source: str
    item: tuple[str, ...]
    value: str


class TruthConfig(BaseModel):
    """Parameters of :func:`estimate`; the module docstring says where each one enters."""

    model_config = ConfigDict(extra="forbid")

    tolerance: float = Field(
        0.0001, ge=0.0, lt=1.0, description="relative difference within which two numbers are the same figure"
    )
    support_reach: float = Field(
        0.02, ge=0.0, lt=1.0, description="relative difference at which support between numbers falls to 0"
    )
    support_weight: float = Field(0.2, ge=0.0, le=1.0, description="share of a similar value's score a value receives")
    false_values: float = Field(
        10.0, ge=1.0, description="number of wrong values an item is assumed to be able to take"
    )
    prior_trust: float = Field(
        0.8, gt=0.0, lt=1.0, description="starting trust, and the prior mean when learn_prior is off"
    )
    prior_strength: float = Field(1.0, ge=0.0, description="claims' worth of evidence the prior counts for")
    learn_prior: bool = Field(True, description="re-estimate the prior mean from the data at each iteration")
    activity_prior: bool = Field(
        True, description="with learn_prior, learn one prior mean per activity class (claims made, by powers of two)"
    )
    trust_evidence: TrustEvidence = Field(TrustEvidence.OTHERS, description="what a checked claim is credited with")
    rounded_support: bool = Field(
        True, description="a rounded number counts as a claim of the more precise number it rounds"
    )
    unchecked_weight: float = Field(
        1.0, ge=0.0, description="claims' worth of prior each claim nobody else makes counts for"
    )
    copy_detection: bool = Field(
        True, description="weight down the repeated claims of sources that repeat others' wrong values"
    )
    copy_strength: float = Field(
        10.0,
        gt=0.0,
        description="wrong claims' worth of evidence the overall repeat rate counts for in a source's copy rate",
    )
    damping: float = Field(0.2, ge=0.0, lt=1.0, description="share of the old trust kept at each iteration")
    max_iterations: int = Field(50, ge=1)
    convergence: float = Field(2e-3, gt=0.0, description="stop when no trust moves by more than this")

    @model_validator(mode="after")
    def _reach_covers_tolerance(self) -> TruthConfig:
        if self.support_reach < self.tolerance:
            raise ValueError("support_reach must be at least tolerance")
        return self


class ItemEstimate(BaseModel):
    """The chosen value of one item.

    ``confidence`` is the probability that the truth is within tolerance of ``value``;
    ``support`` lists the sources claiming ``value`` or a number within tolerance of it;
    ``weight`` is how many independent claims that is (a copy group counts once, and a claim
    repeating another's value counts ``1 -`` its source's copy rate).
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
    return _normalised(text)[0]


def _normalised(text: str) -> tuple[str, float | None]:
    """:func:`normalise_value` of ``text`` and the number it states, if any."""
    number = parse_number(text)
    if number is None:
        return _SPACES.sub(" ", text).strip(), None
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number)), number
    return repr(number), number


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


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of small acyclic objects are built.

    Each burst of allocations otherwise triggers full collections that rescan everything built so
    far, which more than doubles the time of building an estimate for a million claims.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class _Index:
    """Claims as flat lists indexed by integer ids.

    Claims are sorted by item and, within an item, by value: an item's values are contiguous
    (``item_start``), and so are its claims (``claim_start``) and each value's claims
    (``value_claims``), so sums over them run as C-level ``map(sum, ...)``. A claim is *checked*
    when another copy group claims the same item; only checked claims are evidence of trust.
    """

    sources: list[str] = field(default_factory=list)
    items: list[tuple[str, ...]] = field(default_factory=list)
    item_start: list[int] = field(default_factory=lambda: [0])
    claim_start: list[int] = field(default_factory=lambda: [0])
    value_text: list[str] = field(default_factory=list)  # first text claimed for the value
    value_direct: list[float] = field(default_factory=list)  # independent claims of exactly this value
    value_claims: list[slice] = field(default_factory=list)
    claim_value: list[int] = field(default_factory=list)
    claim_source: list[int] = field(default_factory=list)
    claim_weight: list[float] = field(default_factory=list)  # 1 / claims of its copy group on the item
    claim_share: list[float] = field(default_factory=list)  # 1 / claims of its source on the item
    claim_group: list[int] = field(default_factory=list)  # copy group of its source
    group_weight: list[float] = field(default_factory=list)  # claim_weight from copy groups alone
    # Checked claims whose value another copy group claims too, in ascending order, each with the
    # one other group that does (-1 when there are several).
    repeated: dict[int, int] = field(default_factory=dict)
    source_group: list[int] = field(default_factory=list)  # copy group of each source
    weighted: bool = False  # some claim_weight is not 1
    shared: bool = False  # some claim_share is not 1
    source_claims: list[int] = field(default_factory=list)
    source_checked: list[float] = field(default_factory=list)  # claims' worth another group can check
    source_unchecked: list[float] = field(default_factory=list)  # claims' worth nobody else makes
    single_values: list[int] = field(default_factory=list)  # the value of each one-value item
    multi_items: list[int] = field(default_factory=list)  # items with two or more values
    multi_ranges: list[tuple[int, int]] = field(default_factory=list)  # their values, as (start, end)
    supported_values: list[int] = field(default_factory=list)  # values with a similar value, ascending
    agreeing_values: list[int] = field(default_factory=list)  # values with another within tolerance, ascending
    # Checked items are numbered first: items below checked_item_count, and the first
    # checked_singles single_values and checked_multis multi_items / multi_ranges.
    checked_item_count: int = 0
    checked_singles: int = 0
    checked_multis: int = 0
    neighbour_start: list[int] = field(default_factory=lambda: [0])  # per value, into the two below
    neighbour_value: list[int] = field(default_factory=list)
    neighbour_weight: list[float] = field(default_factory=list)


def _grouped_order(keys: list[int], size: int) -> tuple[list[int], list[int]]:
    """Positions sorted stably by ``keys`` (each in ``range(size)``), and where each key's run starts."""
    start = [0] * (size + 1)
    for key in keys:
        start[key + 1] += 1
    for key in range(size):
        start[key + 1] += start[key]
    return sorted(range(len(keys)), key=keys.__getitem__), start


@dataclass
class _ClaimIds:
    """Each claim's item, source and text as integer ids, and the distinct texts in the order first claimed."""

    claim_item: list[int] = field(default_factory=list)
    claim_source: list[int] = field(default_factory=list)
    claim_text: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass
class _ValueKeys:
    """Texts equal once normalised ("1,000" and "1000") share a key; each key's number and precision."""

    text_key: list[int] = field(default_factory=list)  # the key of each text
    numbers: list[float | None] = field(default_factory=list)
    units: list[int | None] = field(default_factory=list)  # the decimal place of the last significant digit


def _build_index(claims: Iterable[Claim], copy_groups: dict[str, str], config: TruthConfig) -> _Index:
    """Intern sources, items and values, weight claims by copy group, and find similar values."""
    index = _Index()
    ids = _intern_claims(claims, copy_groups, index)
    keys = _value_keys(ids.texts)
    order, start = _claims_by_item(index, ids)
    numbers = _add_items(index, ids, keys, order, start, config)
    del order, start, ids, keys
    index.weighted = any(weight != 1.0 for weight in index.claim_weight)
    index.shared = any(share != 1.0 for share in index.claim_share)
    index.value_claims = _value_claim_slices(index.claim_value, len(index.value_text))
    _add_neighbours(index, numbers, config)
    if config.copy_detection:
        index.group_weight = index.claim_weight[:]
        index.repeated = _repeated_claims(index)
    return index


def _intern_claims(claims: Iterable[Claim], copy_groups: dict[str, str], index: _Index) -> _ClaimIds:
    """Number sources, items and texts in the order first claimed, filling ``index.sources``,
    ``index.items`` and ``index.source_group``; a source without a copy group is its own group."""
    ids = _ClaimIds()
    source_ids: dict[str, int] = {}
    item_ids: dict[tuple[str, ...], int] = {}
    group_ids: dict[tuple[bool, str], int] = {}
    text_ids: dict[str, int] = {}
    sources, items, source_group, texts = index.sources, index.items, index.source_group, ids.texts
    find_source, find_item, find_text = source_ids.get, item_ids.get, text_ids.get
    add_item, add_source, add_text = ids.claim_item.append, ids.claim_source.append, ids.claim_text.append
    for claim in claims:
        name, key, text = claim.source, claim.item, claim.value
        source = find_source(name)
        if source is None:
            source = source_ids[name] = len(sources)
            sources.append(name)
            group = copy_groups.get(name)
            source_group.append(group_ids.setdefault((False, name) if group is None else (True, group), len(group_ids)))
        item = find_item(key)
        if item is None:
            item = item_ids[key] = len(items)
            items.append(key)
        text_id = find_text(text)
        if text_id is None:
            text_id = text_ids[text] = len(texts)
            texts.append(text)
        add_item(item)
        add_source(source)
        add_text(text_id)
    return ids


def _value_keys(texts: list[str]) -> _ValueKeys:
    """The normalised key of each text, with each key's number and the place of its last significant digit."""
    keys = _ValueKeys()
    key_ids: dict[str, int] = {}
    for text in texts:
        normal, number = _normalised(text)
        key = key_ids.get(normal)
        if key is None:
            key = key_ids[normal] = len(keys.numbers)
            keys.numbers.append(number)
            keys.units.append(_precision(normal) if number else None)
        keys.text_key.append(key)
    return keys


def _claims_by_item(index: _Index, ids: _ClaimIds) -> tuple[list[int], list[int]]:
    """Renumber items with the checked ones first and order the claims by item; returns the order and
    where each item's claims start.

    Items two or more copy groups claim (checked items) come first, so everything an iteration
    needs is a prefix of each list. Within an item the claims keep their input order, so each
    item's values get contiguous ids in the order they were first claimed.
    """
    item_count = len(index.items)
    source_group = index.source_group
    first_group = [-1] * item_count
    checked_items = bytearray(item_count)
    for item, source in zip(ids.claim_item, ids.claim_source):
        group = source_group[source]
        if first_group[item] < 0:
            first_group[item] = group
        elif first_group[item] != group:
            checked_items[item] = 1
    del first_group
    rank = [0] * item_count
    ranked = [item for item in range(item_count) if checked_items[item]]
    index.checked_item_count = len(ranked)
    ranked.extend(item for item in range(item_count) if not checked_items[item])
    for position, item in enumerate(ranked):
        rank[item] = position
    index.items = [index.items[item] for item in ranked]
    del ranked, checked_items
    return _grouped_order([rank[item] for item in ids.claim_item], item_count)


def _add_items(
    index: _Index, ids: _ClaimIds, keys: _ValueKeys, order: list[int], start: list[int], config: TruthConfig
) -> list[float | None]:
    """Append each item's values and claims to ``index``, item by item; returns the number of each value."""
    source_count = len(index.sources)
    index.source_claims = [0] * source_count
    index.source_checked = [0.0] * source_count
    index.source_unchecked = [0.0] * source_count
    claim_source, claim_text, texts, text_key = ids.claim_source, ids.claim_text, ids.texts, keys.text_key
    numbers: list[float | None] = []
    for item in range(len(index.items)):
        first = len(index.value_text)
        members = order[start[item] : start[item + 1]]
        if len(members) > 1:
            _add_claimed_item(index, item, members, ids, keys, numbers, config)
            continue
        # The common case of a lone claim: one value, unchecked, full weight.
        source = claim_source[members[0]]
        text = claim_text[members[0]]
        index.value_text.append(texts[text])
        index.value_direct.append(1.0)
        numbers.append(keys.numbers[text_key[text]])
        index.claim_value.append(first)
        index.claim_source.append(source)
        index.claim_weight.append(1.0)
        index.claim_share.append(1.0)
        index.claim_group.append(index.source_group[source])
        index.source_claims[source] += 1
        index.source_unchecked[source] += 1.0
        index.item_start.append(first + 1)
        index.claim_start.append(len(index.claim_value))
        index.single_values.append(first)
    return numbers


def _add_claimed_item(
    index: _Index,
    item: int,
    members: list[int],
    ids: _ClaimIds,
    keys: _ValueKeys,
    numbers: list[float | None],
    config: TruthConfig,
) -> None:
    """Append the values and claims of an item claimed more than once (``members``: its claims' positions)."""
    first = len(index.value_text)
    here = [ids.claim_source[position] for position in members]
    group_of = [index.source_group[source] for source in here]
    checked = len(set(group_of)) > 1
    weights, shares = _claim_weights(here, group_of)
    values = _value_ids(index, members, ids, keys, numbers, config)
    distinct = len(index.value_text) - first
    if distinct > 1:
        # Each value's claims together, in input order within a value.
        ranked = sorted(range(len(values)), key=values.__getitem__)
        values = [values[k] for k in ranked]
        here = [here[k] for k in ranked]
        weights = [weights[k] for k in ranked]
        shares = [shares[k] for k in ranked]
        group_of = [group_of[k] for k in ranked]
    index.claim_value.extend(values)
    index.claim_group.extend(group_of)
    index.claim_source.extend(here)
    index.claim_weight.extend(weights)
    index.claim_share.extend(shares)
    for value, source, weight, share in zip(values, here, weights, shares):
        index.value_direct[value] += weight
        index.source_claims[source] += 1
        if checked:
            index.source_checked[source] += share
        else:
            index.source_unchecked[source] += share
    index.item_start.append(len(index.value_text))
    index.claim_start.append(len(index.claim_value))
    if distinct == 1:
        index.single_values.append(first)
        index.checked_singles += checked
    else:
        index.multi_items.append(item)
        index.multi_ranges.append((first, len(index.value_text)))
        index.checked_multis += checked


def _claim_weights(sources: list[int], groups: list[int]) -> tuple[list[float], list[float]]:
    """Each claim's weight (1 / claims of its copy group on the item) and share (1 / claims of its source)."""
    if len(set(groups)) == len(sources):  # one claim per group, so per source too
        weights = shares = [1.0] * len(sources)
        return weights, shares
    group_claims: dict[int, int] = {}
    source_claims: dict[int, int] = {}
    for source, group in zip(sources, groups):
        group_claims[group] = group_claims.get(group, 0) + 1
        source_claims[source] = source_claims.get(source, 0) + 1
    return [1.0 / group_claims[group] for group in groups], [1.0 / source_claims[source] for source in sources]


def _value_ids(
    index: _Index,
    members: list[int],
    ids: _ClaimIds,
    keys: _ValueKeys,
    numbers: list[float | None],
    config: TruthConfig,
) -> list[int]:
    """The value id of each of an item's claims, appending the item's values in the order first claimed.

    With ``rounded_support``, a rounding is a claim of the precise number it rounds, shown with
    the first text claimed for that number.
    """
    claim_text, text_key = ids.claim_text, keys.text_key
    rounded = (
        _rounded_keys(
            [text_key[claim_text[position]] for position in members], keys.numbers, keys.units, config.support_reach
        )
        if config.rounded_support
        else {}
    )
    first_text: dict[int, int] = {}
    if rounded:
        for position in members:
            first_text.setdefault(text_key[claim_text[position]], claim_text[position])
    values: dict[int, int] = {}
    found: list[int] = []
    for position in members:
        text = claim_text[position]
        key = text_key[text]
        if key in rounded:
            key = rounded[key]
            text = first_text[key]
        value = values.get(key)
        if value is None:
            value = values[key] = len(index.value_text)
            index.value_text.append(ids.texts[text])
            index.value_direct.append(0.0)
            numbers.append(keys.numbers[key])
        found.append(value)
    return found


def _value_claim_slices(claim_value: list[int], value_count: int) -> list[slice]:
    """Where each value's claims lie in the claim lists (they are contiguous)."""
    value_claims = [slice(0, 0)] * value_count
    begin = 0
    for position in range(1, len(claim_value) + 1):
        if position == len(claim_value) or claim_value[position] != claim_value[begin]:
            value_claims[claim_value[begin]] = slice(begin, position)
            begin = position
    return value_claims


def _repeated_claims(index: _Index) -> dict[int, int]:
    """The checked claims whose value (or one within tolerance of it) another copy group claims too,
    ascending, each with the one other group that does (-1 when there are several)."""
    repeated: dict[int, int] = {}
    claim_value, claim_group = index.claim_value, index.claim_group
    for item in range(index.checked_item_count):
        first, last = index.claim_start[item], index.claim_start[item + 1]
        groups: dict[int, set[int]] = {}
        for claim in range(first, last):
            groups.setdefault(claim_value[claim], set()).add(claim_group[claim])
        # The groups claiming each value or one within tolerance of it, worked out once per value.
        near = {
            value: own.union(*(groups.get(close, ()) for close in _agreeing(index, value))) if len(groups) > 1 else own
            for value, own in groups.items()
        }
        for claim in range(first, last):
            others = near[claim_value[claim]]
            if len(others) == 2:
                first_group, second_group = others
                repeated[claim] = second_group if first_group == claim_group[claim] else first_group
            elif len(others) > 2:
                repeated[claim] = -1
    return repeated


def _copy_rates(index: _Index, adjusted: list[float], config: TruthConfig) -> list[float]:
    """Each source's copy rate: how far beyond chance its wrong claims repeat another group's value.

    A claim is wrong when its value is neither its item's current choice nor within tolerance of
    it; only checked items with two or more values have wrong claims. Chance, for a source, is
    the share of the *other* sources' wrong claims that someone other than its own group repeats:
    a copier's repeats do not raise the chance rate it is compared with, and the sources it copies
    from are not taken for copiers because it repeats them.
    """
    sources = len(index.sources)
    wrong, repeated_wrong = [0.0] * sources, [0.0] * sources
    only_by: dict[int, float] = {}  # per group: wrong claims of others that it alone repeats
    repeated = index.repeated
    direct = index.value_direct
    claim_value, claim_source, claim_share = index.claim_value, index.claim_source, index.claim_share
    checked = index.checked_multis
    for item, (lo, hi) in zip(index.multi_items[:checked], index.multi_ranges[:checked]):
        best = min(range(lo, hi), key=lambda v: (-adjusted[v], -direct[v], v))
        right = {best, *_agreeing(index, best)}
        for claim in range(index.claim_start[item], index.claim_start[item + 1]):
            if claim_value[claim] not in right:
                source, share = claim_source[claim], claim_share[claim]
                wrong[source] += share
                by = repeated.get(claim)
                if by is not None:
                    repeated_wrong[source] += share
                    if by >= 0:
                        only_by[by] = only_by.get(by, 0.0) + share
    total, total_repeated = sum(wrong), sum(repeated_wrong)
    k = config.copy_strength
    group_of = index.source_group
    rates: list[float] = []
    for source in range(sources):
        others = total - wrong[source]
        chance = (
            (total_repeated - repeated_wrong[source] - only_by.get(group_of[source], 0.0)) / others
            if others > 0.0
            else 0.0
        )
        chance = min(max(chance, 0.0), 1.0 - 1e-9)
        rate = (repeated_wrong[source] + chance * k) / (wrong[source] + k)
        rates.append(max(0.0, (rate - chance) / (1.0 - chance)))
    return rates


def _weigh_copies(index: _Index, rates: list[float]) -> None:
    """Weigh down each repeated claim by its source's copy rate ``c``.

    Two groups repeating each other share the redundancy in proportion to their rates: a claim
    its source ``s`` shares with one other group ``g`` weighs ``1 - c(s) * c(s) / (c(s) + c(g))``
    of its copy-group weight, so a copier beside an independent source loses ``c(s)`` and two
    sources with the same rate, which the data cannot tell apart, together keep ``2 - c``. A claim
    several groups repeat weighs ``1 - c(s)``. The independent support of each value
    (``value_direct``, the tie-break) follows the new weights.
    """
    weights, group_weight, claim_source = index.claim_weight, index.group_weight, index.claim_source
    claim_value, direct = index.claim_value, index.value_direct
    group_rate: dict[int, float] = {}
    for source, rate in enumerate(rates):
        group = index.source_group[source]
        group_rate[group] = max(rate, group_rate.get(group, 0.0))
    changed = False
    for claim, by in index.repeated.items():
        rate = rates[claim_source[claim]]
        if by >= 0 and rate > 0.0:
            rate *= rate / (rate + group_rate.get(by, 0.0))
        weight = group_weight[claim] * (1.0 - rate)
        if weight != weights[claim]:
            direct[claim_value[claim]] += weight - weights[claim]
            weights[claim] = weight
            changed = True
    index.weighted = index.weighted or changed


def _add_neighbours(index: _Index, numbers: list[float | None], config: TruthConfig) -> None:
    """Fill the neighbour lists: for each value, the numbers of its item it is similar to.

    Within an item, numbers are split by sign and sorted by magnitude; a sliding window keeps the
    smaller numbers within ``support_reach`` of the current one, so only similar pairs are visited.
    """
    pairs: dict[int, list[tuple[int, float]]] = {}
    tolerance, reach = config.tolerance, config.support_reach
    for item in index.multi_items:
        positive: list[tuple[float, int]] = []
        negative: list[tuple[float, int]] = []
        for value in range(index.item_start[item], index.item_start[item + 1]):
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
    start = index.neighbour_start
    for value in range(len(index.value_text)):
        for other, weight in pairs.get(value, ()):
            index.neighbour_value.append(other)
            index.neighbour_weight.append(weight)
        start.append(len(index.neighbour_value))
    index.supported_values = sorted(pairs)
    index.agreeing_values = [
        value for value in index.supported_values if any(weight >= 1.0 for _, weight in pairs[value])
    ]


def _agreeing(index: _Index, value: int) -> Iterator[int]:
    """The other values of ``value``'s item within tolerance of it (similarity 1)."""
    for position in range(index.neighbour_start[value], index.neighbour_start[value + 1]):
        if index.neighbour_weight[position] >= 1.0:
            yield index.neighbour_value[position]


def _precision(normal: str) -> int | None:
    """The power of ten of the last significant digit of a normalised number ("36000" -> 3, "2.5" -> -1)."""
    if "e" in normal or "E" in normal:
        return None
    if "." in normal:
        return -len(normal.partition(".")[2])
    digits = normal.lstrip("-")
    return len(digits) - len(digits.rstrip("0"))


def _rounded_keys(
    keys: list[int], numbers: list[float | None], units: list[int | None], reach: float
) -> dict[int, int]:
    """The keys among an item's ``keys`` that read as roundings of a more precise claimed number.

    A number whose last significant digit is in place ``k`` (36000: k = 3) is a rounding of another
    claimed number with a finer last digit that lies within half a unit of that place (35930 lies
    within 500 of 36000) and within ``reach`` of it, relative difference (so 10000 is no rounding
    of 12000). Each maps to the nearest such number (the first claimed on ties), and on
    down a chain of roundings (36000 -> 35900 -> 35930) to the most precise one.
    """
    placed: dict[int, tuple[float, int]] = {}  # number and unit of each key with a unit (only numbers have one)
    for key in keys:
        number, unit = numbers[key], units[key]
        if number is not None and unit is not None:
            placed[key] = (number, unit)
    distinct = sorted(placed, key=lambda key: (placed[key][0], key))
    if len(distinct) < 2:
        return {}
    ordered = [placed[key][0] for key in distinct]
    target: dict[int, int] = {}
    for key in distinct:
        number, unit = placed[key]
        half = min(0.5 * 10.0**unit, reach * abs(number))
        best, gap = -1, half
        for position in range(bisect.bisect_left(ordered, number - half), bisect.bisect_right(ordered, number + half)):
            other = distinct[position]
            if placed[other][1] < unit:
                distance = abs(ordered[position] - number)
                if best < 0 or distance < gap or (distance == gap and keys.index(other) < keys.index(best)):
                    best, gap = other, distance
        if best >= 0:
            target[key] = best
    for key in list(target):
        final = target[key]
        while final in target:
            final = target[final]
        target[key] = final
    return target


def _confidences(
    index: _Index, trust: list[float], config: TruthConfig, checked_only: bool
) -> tuple[list[float], list[float]]:
    """Each value's adjusted score ``sigma*`` and probability ``P`` at the given trusts.

    With ``checked_only``, ``P`` is filled in for the values of checked items only (the rest stay
    0), which is all an iteration needs.
    """
    n = config.false_values
    vote = [math.log(n * t / (1.0 - t)) for t in trust]
    claim_count, value_count = len(index.claim_source), len(index.value_text)
    singles, ranges = index.single_values, index.multi_ranges
    if checked_only:
        claim_count = index.claim_start[index.checked_item_count]
        value_count = index.item_start[index.checked_item_count]
        singles, ranges = singles[: index.checked_singles], ranges[: index.checked_multis]
    votes = list(map(vote.__getitem__, index.claim_source[:claim_count]))
    if index.weighted:
        votes = list(map(operator.mul, votes, index.claim_weight))
    sigma = list(map(sum, map(votes.__getitem__, index.value_claims[:value_count])))
    probability = [0.0] * len(sigma)
    exp = math.exp
    for value in singles:
        probability[value] = 1.0 / (1.0 + n * exp(-sigma[value]))
    adjusted = sigma[:]
    rho = config.support_weight
    if rho > 0.0:
        nstart, nvalue, nweight = index.neighbour_start, index.neighbour_value, index.neighbour_weight
        for value in index.supported_values[: bisect.bisect_left(index.supported_values, value_count)]:
            support = 0.0
            for position in range(nstart[value], nstart[value + 1]):
                support += nweight[position] * sigma[nvalue[position]]
            adjusted[value] = sigma[value] + rho * support
    pair_rest = n - 1.0  # unclaimed values of an item with two claimed values
    for lo, hi in ranges:
        if hi - lo == 2:
            first, second = adjusted[lo], adjusted[lo + 1]
            top = first if first > second else second
            if top < 0.0 and pair_rest > 0.0:
                top = 0.0
            first, second = exp(first - top), exp(second - top)
            total = first + second + pair_rest * exp(-top)
            probability[lo] = first / total
            probability[lo + 1] = second / total
            continue
        scores = adjusted[lo:hi]
        top = max(scores)
        unclaimed = n + 1.0 - (hi - lo)
        if unclaimed > 0.0 and top < 0.0:
            top = 0.0
        exps = [exp(score - top) for score in scores]
        total = sum(exps) + max(0.0, unclaimed) * exp(-top)
        probability[lo:hi] = [weight / total for weight in exps]
    return adjusted, probability


def _checked_credit(index: _Index, probability: list[float]) -> list[float]:
    """Per source: the credit its checked claims earn, each the probability that the truth is
    within tolerance of the value claimed (``P`` of that value and of the values agreeing with it)."""
    within = probability
    agreeing = index.agreeing_values[: bisect.bisect_left(index.agreeing_values, len(probability))]
    if agreeing:
        within = probability[:]
        for value in agreeing:
            within[value] += sum(probability[other] for other in _agreeing(index, value))
    right = [0.0] * len(index.sources)
    count = index.claim_start[index.checked_item_count]  # the checked claims come first
    values, sources = index.claim_value[:count], index.claim_source[:count]
    if index.shared:
        for value, source, share in zip(values, sources, index.claim_share):
            right[source] += share * within[value]
    else:
        for value, source in zip(values, sources):
            right[source] += within[value]
    return right


@dataclass(slots=True)
class _ItemScores:
    """One checked item's values as step 4 weighs them, shifted by ``top`` so no ``exp`` overflows.

    ``exps`` holds ``exp(sigma* - top)`` per claimed value (the first is value ``lo``);
    ``total`` adds the values nobody claimed, ``unclaimed * exp(-top)``; ``squares`` is the sum
    of the squares over all values, claimed or not.
    """

    lo: int
    scores: list[float]
    top: float
    unclaimed: float
    exps: list[float]
    total: float
    squares: float


def _item_scores(adjusted: list[float], lo: int, hi: int, false_values: float) -> _ItemScores:
    """The weighed values ``lo`` to ``hi`` of one item, at their adjusted scores ``sigma*``."""
    exp = math.exp
    unclaimed = max(0.0, false_values + 1.0 - (hi - lo))
    scores = adjusted[lo:hi]
    top = max(scores)
    if unclaimed > 0.0 and top < 0.0:
        top = 0.0
    exps = [exp(score - top) for score in scores]
    rest = unclaimed * exp(-top)
    total = sum(exps) + rest
    squares = sum(e * e for e in exps) + rest * exp(-top)
    return _ItemScores(lo, scores, top, unclaimed, exps, total, squares)


def _copy_group_parts(index: _Index, first: int, last: int) -> list[list[int]]:
    """The claims ``first`` to ``last`` of one item, grouped by copy group (one list per group, in order)."""
    claim_group = index.claim_group
    if index.weighted and len({claim_group[c] for c in range(first, last)}) < last - first:
        members: dict[int, list[int]] = {}
        for claim in range(first, last):
            members.setdefault(claim_group[claim], []).append(claim)
        return list(members.values())
    return [[claim] for claim in range(first, last)]


def _agreement_credit(
    index: _Index, trust: list[float], adjusted: list[float], config: TruthConfig
) -> tuple[list[float], list[float]]:
    """Per source: the credit its checked claims earn from the other claims, and what that credit is out of.

    For a claim of copy group ``g`` on an item, ``q`` is the value distribution of step 4 computed
    without ``g``'s votes on the item (and without the support they lend nearby numbers). The
    claim earns ``q`` of its value and of the values within tolerance of it, out of ``sum q(u)^2``
    over all values, claimed or not: what a source that is always right would earn on average
    when the other claims are ``q``. So a claim is scored against the others, never against
    itself, and counts for little where the others disagree among themselves.
    """
    n, rho = config.false_values, config.support_weight
    vote = [math.log(n * t / (1.0 - t)) for t in trust]
    right = [0.0] * len(index.sources)
    count = [0.0] * len(index.sources)
    exp = math.exp
    nstart = index.neighbour_start
    claim_value, claim_source, claim_weight = index.claim_value, index.claim_source, index.claim_weight
    claim_share = index.claim_share
    item_start, claim_start = index.item_start, index.claim_start
    for item in range(index.checked_item_count):
        lo = item_start[item]
        weighed = _item_scores(adjusted, lo, item_start[item + 1], n)
        scores, top, exps, total, squares = weighed.scores, weighed.top, weighed.exps, weighed.total, weighed.squares
        for part in _copy_group_parts(index, claim_start[item], claim_start[item + 1]):
            if len(part) == 1:
                claim = part[0]
                value = claim_value[claim]
                if nstart[value] == nstart[value + 1]:
                    # The common case: one claim, a value with no nearby numbers.
                    old = exps[value - lo]
                    new = exp(scores[value - lo] - vote[claim_source[claim]] * claim_weight[claim] - top)
                    others = total - old + new
                    if others > 1e-6 * total:
                        share = claim_share[claim]
                        right[claim_source[claim]] += share * new / others
                        count[claim_source[claim]] += share * (squares - old * old + new * new) / (others * others)
                        continue
            _credit_against_others(index, part, weighed, vote, rho, right, count)
    return right, count


def _credit_against_others(
    index: _Index,
    part: list[int],
    weighed: _ItemScores,
    vote: list[float],
    rho: float,
    right: list[float],
    count: list[float],
) -> None:
    """Add to ``right`` and ``count`` the credit of one copy group's claims ``part`` on an item,
    against the item's distribution without the group's votes and the support they lend."""
    exp = math.exp
    nstart, nvalue, nweight = index.neighbour_start, index.neighbour_value, index.neighbour_weight
    claim_value, claim_source, claim_weight = index.claim_value, index.claim_source, index.claim_weight
    lo, scores, top, exps, total = weighed.lo, weighed.scores, weighed.top, weighed.exps, weighed.total
    lowered: dict[int, float] = {}
    for claim in part:
        value = claim_value[claim]
        weight = vote[claim_source[claim]] * claim_weight[claim]
        lowered[value] = lowered.get(value, 0.0) + weight
        for position in range(nstart[value], nstart[value + 1]):
            other = nvalue[position]
            lowered[other] = lowered.get(other, 0.0) + rho * nweight[position] * weight
    changed = {value: exp(scores[value - lo] - drop - top) for value, drop in lowered.items()}
    others = total + sum(new - exps[value - lo] for value, new in changed.items())
    others_squares = weighed.squares + sum(new * new - exps[value - lo] ** 2 for value, new in changed.items())
    if others <= 1e-6 * total:
        # The group carried the item: recompute without subtracting nearly equal sums.
        changed, others, others_squares = _scores_without(weighed, lowered)
    for claim in part:
        value = claim_value[claim]
        within = changed.get(value, exps[value - lo])
        for position in range(nstart[value], nstart[value + 1]):
            if nweight[position] >= 1.0:
                other = nvalue[position]
                within += changed.get(other, exps[other - lo])
        share = index.claim_share[claim]
        right[claim_source[claim]] += share * within / others
        count[claim_source[claim]] += share * others_squares / (others * others)


def _scores_without(weighed: _ItemScores, lowered: dict[int, float]) -> tuple[dict[int, float], float, float]:
    """An item's weighed values with each score lowered by ``lowered``, recomputed from the scores:
    ``exp`` of each value (shifted anew), their total and their sum of squares, unclaimed values included."""
    exp = math.exp
    lo = weighed.lo
    values = range(lo, lo + len(weighed.scores))
    mine = [score - lowered.get(value, 0.0) for value, score in zip(values, weighed.scores)]
    shift = max(mine)
    if weighed.unclaimed > 0.0 and shift < 0.0:
        shift = 0.0
    changed = {value: exp(score - shift) for value, score in zip(values, mine)}
    spare = weighed.unclaimed * exp(-shift)
    return changed, sum(changed.values()) + spare, sum(e * e for e in changed.values()) + spare * exp(-shift)


def _activity_classes(index: _Index, config: TruthConfig) -> list[int]:
    """Each source's activity class: ``floor(log2(claims))`` with ``activity_prior``, else 0 for all."""
    if not (config.learn_prior and config.activity_prior):
        return [0] * len(index.sources)
    return [claims.bit_length() - 1 for claims in index.source_claims]


def _learned_priors(right: list[float], count: list[float], classes: list[int], fallback: float) -> list[float]:
    """The prior mean of each activity class, learned from the sources' accuracies on checked claims.

    A source's accuracy is ``credit / count`` (at most 1); the overall mean is the average over
    the sources that have checked claims, each counting once. A class's mean is the average of its
    sources' accuracies with the overall mean counted as one more source, so a class of a few
    sources stays near the overall mean. Means are kept in ``[0.05, 0.95]``.
    """
    size = max(classes, default=0) + 1
    sums, members = [0.0] * size, [0] * size
    for r, c, group in zip(right, count, classes):
        if c > 0.0:
            sums[group] += min(1.0, r / c)
            members[group] += 1
    if not any(members):
        return [fallback] * size
    overall = sum(sums) / sum(members)
    if size == 1:
        return [min(_PRIOR_CEILING, max(_PRIOR_FLOOR, overall))]
    return [min(_PRIOR_CEILING, max(_PRIOR_FLOOR, (total + overall) / (k + 1))) for total, k in zip(sums, members)]


def _trusts(
    index: _Index, right: list[float], count: list[float], priors: list[float], config: TruthConfig
) -> list[float]:
    """Each source's posterior mean accuracy under its Beta prior, its unchecked claims counted at the prior mean."""
    strength, spread = config.prior_strength, config.unchecked_weight
    trust: list[float] = []
    for r, c, unchecked, prior in zip(right, count, index.source_unchecked, priors):
        total = c + strength + spread * unchecked
        trust.append(
            min(_TRUST_CEILING, max(_TRUST_FLOOR, (r + prior * (strength + spread * unchecked)) / total))
            if total > 0.0
            else prior
        )
    return trust


def estimate(
    claims: Iterable[Claim], config: TruthConfig | None = None, copy_groups: dict[str, str] | None = None
) -> Estimate:
    """Learn source trust and each item's most likely value from ``claims``.

    ``config`` sets the parameters (defaults: :class:`TruthConfig`); ``copy_groups`` maps a
    source to a group id, and the sources of one group (syndicated copies) count once on any
    item they claim. The method is described in the module docstring.
    """
    config = config or TruthConfig()
    with _gc_paused():
        index = _build_index(claims, copy_groups or {}, config)
        if not index.claim_value:
            return Estimate(items=[], sources=[], iterations=0)
        trust, iterations = _learn_trust(index, config)
        adjusted, probability = _confidences(index, trust, config, checked_only=False)
        sources = [
            SourceTrust.model_construct(source=name, trust=trust[s], claims=index.source_claims[s])
            for s, name in enumerate(index.sources)
        ]
        sources.sort(key=lambda row: row.source)
        return Estimate(items=_item_estimates(index, adjusted, probability), sources=sources, iterations=iterations)


COPY_ROUNDS = 3
"""At most this many rounds of copy rates after the first settled estimate."""


def _learn_trust(index: _Index, config: TruthConfig) -> tuple[list[float], int]:
    """Iterate confidence and trust from ``prior_trust`` until no trust moves by more than ``convergence``.

    With copy detection this runs in rounds of at most ``max_iterations`` each: the first learns
    trust with every claim at its copy-group weight; copy rates are then read from its choices and
    held while the next round settles, and so on until no rate moves by more than one wrong
    claim's worth, ``1 / (1 + copy_strength)`` (at most ``COPY_ROUNDS`` rounds with rates). Reading copies from a settled estimate keeps
    sources that agree because they are right from looking like copiers while a careless majority
    still leads; holding rates within a round keeps an item whose choice flips from making them swing.
    """
    trust = [config.prior_trust] * len(index.sources)
    classes = _activity_classes(index, config)
    priors = [config.prior_trust] * (max(classes, default=0) + 1)
    iterations = phase = rounds = 0
    rates = [0.0] * len(index.sources)
    while True:
        iterations += 1
        phase += 1
        adjusted, probability = _confidences(index, trust, config, checked_only=True)
        if config.trust_evidence is TrustEvidence.OTHERS:
            right, count = _agreement_credit(index, trust, adjusted, config)
        else:
            right, count = _checked_credit(index, probability), index.source_checked
        if config.learn_prior:
            priors = _learned_priors(right, count, classes, config.prior_trust)
        moved = 0.0
        for source, new in enumerate(_trusts(index, right, count, [priors[group] for group in classes], config)):
            new = config.damping * trust[source] + (1.0 - config.damping) * new
            moved = max(moved, abs(new - trust[source]))
            trust[source] = new
        if moved > config.convergence and phase < config.max_iterations:
            continue
        if not index.repeated or rounds >= COPY_ROUNDS:
            break
        adjusted, _ = _confidences(index, trust, config, checked_only=True)
        new_rates = _copy_rates(index, adjusted, config)
        if max(map(abs, map(operator.sub, new_rates, rates)), default=0.0) <= 1.0 / (1.0 + config.copy_strength) + 1e-9:
            break
        rates, phase, rounds = new_rates, 0, rounds + 1
        _weigh_copies(index, rates)
    return trust, iterations


def _item_estimates(index: _Index, adjusted: list[float], probability: list[float]) -> list[ItemEstimate]:
    """Pick each item's value: highest ``sigma*``, then more independent support, then claimed first."""
    agrees = bytearray(len(index.value_text))  # 1 when a value is within tolerance of its item's choice
    direct = index.value_direct
    names = index.sources
    claim_value, claim_source, claim_weight = index.claim_value, index.claim_source, index.claim_weight
    rows: list[ItemEstimate] = []
    for item, key in enumerate(index.items):
        lo, hi = index.item_start[item], index.item_start[item + 1]
        first, last = index.claim_start[item], index.claim_start[item + 1]
        if hi - lo == 1 and last - first == 1:
            rows.append(
                ItemEstimate.model_construct(
                    item=list(key),
                    value=index.value_text[lo],
                    confidence=probability[lo],
                    support=[names[claim_source[first]]],
                    weight=1.0,
                )
            )
            continue
        best = lo if hi - lo == 1 else min(range(lo, hi), key=lambda v: (-adjusted[v], -direct[v], v))
        agrees[best] = 1
        mass = probability[best]
        for other in _agreeing(index, best):
            agrees[other] = 1
            mass += probability[other]
        support: set[str] = set()
        weight = 0.0
        for claim in range(first, last):
            if agrees[claim_value[claim]]:
                support.add(names[claim_source[claim]])
                weight += claim_weight[claim]
        rows.append(
            ItemEstimate.model_construct(
                item=list(key),
                value=index.value_text[best],
                confidence=min(1.0, mass),
                support=sorted(support),
                weight=weight,
            )
        )
    rows.sort(key=lambda row: row.item)
    return rows


def majority_vote(claims: Iterable[Claim]) -> dict[tuple[str, ...], str]:
    """Each item's most claimed value, comparing values exactly after :func:`normalise_value`.

    Every claim counts once. Ties go to the value claimed first (in the order of ``claims``);
    the text returned is the first text claimed for the winning value.
    """
    tallies: dict[tuple[str, ...], dict[str, list[int | str]]] = {}
    cache: dict[str, str] = {}
    with _gc_paused():
        for claim in claims:
            key = cache.get(claim.value)
            if key is None:
                key = cache[claim.value] = normalise_value(claim.value)
            tally = tallies.get(claim.item)
            if tally is None:
                tallies[claim.item] = {key: [1, claim.value]}
                continue
            entry = tally.get(key)
            if entry is None:
                tally[key] = [1, claim.value]
            else:
                entry[0] += 1  # type: ignore[operator]
        # max() keeps the first of equal counts, and a dict iterates in the order keys were first claimed.
        return {item: str(max(tally.values(), key=lambda entry: entry[0])[1]) for item, tally in tallies.items()}


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


def score(
    estimate: Estimate, truth: dict[tuple[str, ...], str], votes: dict[tuple[str, ...], str]
) -> tuple[float, float, int]:
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
