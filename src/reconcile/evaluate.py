"""Score a reconciliation against a hand-labelled gold file (see the gold README for the format).

Rules, as the gold README states them:
- text is compared after `normalise_text`: NFKC, case folding, typographic apostrophes and
  quotes made plain, spaces inside « » dropped, runs of white space collapsed to one space;
- a predicted fact matches a gold fact when both have the same source and kind, the predicted
  evidence quote contains the gold quote, and
  - for `number` facts: the values are within 1% of each other (`math.isclose`, rel_tol 0.01,
    so relative to the larger of the two), or both are null;
  - for other kinds: subject and object joined fuzzy-match the gold subject and object joined
    (rapidfuzz `token_set_ratio` >= 80; it ignores word order, so a swapped pair scores the same);
- matching is one-to-one and maximum: best pairs first, then augmenting paths so that no gold
  fact stays unmatched when a re-assignment could match it;
- only articles present in both the gold file and the reconciliation are scored; gold facts of
  other articles, and predicted facts of articles the gold does not label, take no part;
- rejected facts (`Fact.active` false) take no part, as in the reconciler; a reviewer's
  corrected value replaces the extracted one;
- a ratio over nothing (0/0) is 0.0; the counts are always reported beside it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, model_validator
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from reconcile.errors import BadInput
from reconcile.models import ContradictionKind, Fact, FactKind, Qualifier, Reconciliation, Strict
from reconcile.store import Marks, located_error, safe_load_yaml

VALUE_TOLERANCE = 0.01
"""Relative difference under which two figures are the same value."""

NAME_THRESHOLD = 80.0
"""Least rapidfuzz token_set_ratio for subject and object to match."""


# --- gold file ------------------------------------------------------------------------------


class GoldFact(Strict):
    """One labelled fact. A `number` fact must state `value`, null for a vague amount."""

    id: str
    source: str
    kind: FactKind
    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    value: float | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    quote: str = Field(min_length=1)
    attribution: str | None = None
    scope: str | None = None

    @model_validator(mode="after")
    def _number_has_value(self) -> GoldFact:
        if self.kind is FactKind.number and "value" not in self.model_fields_set:
            raise ValueError("a number fact needs `value` (null for a vague amount)")
        if self.kind is not FactKind.number and not (self.subject or self.object):
            raise ValueError(f"a {self.kind.value} fact needs `subject` or `object`")
        return self


class GoldGroup(Strict):
    id: str
    facts: list[str]


class GoldContradiction(Strict):
    id: str
    kind: ContradictionKind
    facts: list[str] = Field(min_length=2)
    note: str | None = None


class GoldAgreement(Strict):
    id: str
    facts: list[str] = Field(min_length=2)
    note: str | None = None


class GoldFile(Strict):
    """The whole answer key; `sources` is free metadata per article file name."""

    story: str | None = None
    sources: dict[str, dict[str, Any] | None] = Field(default_factory=dict)
    facts: list[GoldFact]
    groups: list[GoldGroup] = Field(default_factory=list)
    contradictions: list[GoldContradiction] = Field(default_factory=list)
    agreements: list[GoldAgreement] = Field(default_factory=list)


def load_gold(path: Path) -> dict[str, Any]:
    """Read a gold file with the safe YAML loader and check it; problems raise `BadInput` with a line."""
    data, marks = safe_load_yaml(path)
    _parse_gold(data, path, marks)
    return data


def _parse_gold(data: Any, path: Path | str, marks: Marks | None = None) -> GoldFile:
    """Validate gold data: fields, kinds, unique fact ids, and references to known facts only."""

    def line(loc: list[Any]) -> int | None:
        return None if marks is None else marks.line(loc)

    if not isinstance(data, dict):
        raise BadInput(path, "expected a mapping with `facts`, `groups`, `contradictions`, `agreements`", 1)
    try:
        gold = GoldFile.model_validate(data)
    except ValidationError as err:
        raise located_error(path, err, marks) from err
    seen: set[str] = set()
    for index, fact in enumerate(gold.facts):
        if fact.id in seen:
            raise BadInput(path, f"duplicate fact id {fact.id!r}", line(["facts", index, "id"]), "id")
        seen.add(fact.id)
    for section in ("groups", "contradictions", "agreements"):
        entries: Sequence[GoldGroup | GoldContradiction | GoldAgreement] = getattr(gold, section)
        for index, entry in enumerate(entries):
            for position, fact_id in enumerate(entry.facts):
                if fact_id not in seen:
                    raise BadInput(
                        path,
                        f"unknown fact id {fact_id!r}",
                        line([section, index, "facts", position]),
                        f"{section}.{index}.facts",
                    )
    return gold


# --- report ---------------------------------------------------------------------------------


class Ratio(Strict):
    """hits / total, 0.0 when total is 0."""

    hits: int
    total: int
    value: float

    @classmethod
    def of(cls, hits: int, total: int) -> Ratio:
        return cls(hits=hits, total=total, value=hits / total if total else 0.0)


class Grouping(Strict):
    """Pairwise counts over pairs of matched facts; precision, recall and F1 are 0.0 over nothing."""

    true_positives: int
    false_positives: int
    false_negatives: int
    precision: float
    recall: float
    f1: float


class FactMatch(Strict):
    gold: str
    predicted: str


class ContradictionResult(Strict):
    """One gold contradiction: whether a predicted one holds matched facts for two of its facts."""

    id: str
    gold_kind: ContradictionKind
    found: bool
    predicted_id: str | None = None
    predicted_kind: ContradictionKind | None = None
    kind_right: bool = False


class FalseAlarm(Strict):
    """A predicted contradiction that finds no gold one and joins two facts of an agreement."""

    predicted_id: str
    kind: ContradictionKind
    agreements: list[str]


class MissedFact(Strict):
    """A fact left unmatched, with enough to find it in the article."""

    id: str
    source: str
    kind: FactKind
    quote: str
    value: float | None = None
    subject: str | None = None
    object: str | None = None


class EvalReport(Strict):
    """Every score of one reconciliation against one gold file."""

    story: str | None
    articles_scored: list[str] = Field(description="labelled in the gold file and present in the run")
    articles_ignored: list[str] = Field(description="labelled in the gold file, absent from the run")
    articles_unlabelled: list[str] = Field(description="in the run, not labelled: their facts take no part")
    recall_by_kind: dict[FactKind, Ratio] = Field(description="kinds with at least one gold fact")
    recall: Ratio
    entity_recall: Ratio = Field(
        description="names (subjects and objects) of gold facts that some extracted fact of the same article names"
    )
    number_precision: Ratio = Field(description="predicted number facts, null-valued ones included, that match")
    grouping: Grouping
    contradictions_found: Ratio
    contradictions_kind_right: Ratio = Field(description="over the contradictions found")
    contradictions_skipped: list[str] = Field(
        description="gold contradictions with fewer than two facts in scored articles"
    )
    contradictions: list[ContradictionResult]
    false_alarms: list[FalseAlarm]
    matches: list[FactMatch]
    missed_gold: list[MissedFact]
    unmatched_predicted_numbers: list[MissedFact]


# --- text -----------------------------------------------------------------------------------

_PLAIN = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u00ab": '"',
        "\u00bb": '"',
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
    }
)
_GUILLEMET_OPEN = re.compile(r"\u00ab\s+")
_GUILLEMET_CLOSE = re.compile(r"\s+\u00bb")
_SPACES = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFKC, casefold, plain quotes and apostrophes, no space inside « », one space per run."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _GUILLEMET_CLOSE.sub("\u00bb", _GUILLEMET_OPEN.sub("\u00ab", text))
    return _SPACES.sub(" ", text.translate(_PLAIN)).strip()


def _names(subject: str | None, obj: str | None) -> str:
    return default_process(normalise_text(" ".join(part for part in (subject, obj) if part)))


# --- matching -------------------------------------------------------------------------------


def entity_recall(gold_facts: list[GoldFact], predicted: list[Fact]) -> Ratio:
    """Of the distinct names per article in the gold facts' subjects and objects (words with a capital:
    people, organisations, places), how many an extracted fact of that article names as its subject,
    object, attribution or scope (token-set ratio of at least NAME_THRESHOLD)."""
    wanted = {
        (fact.source, normalise_text(name))
        for fact in gold_facts
        for name in (fact.subject, fact.object)
        if name and any(word[:1].isupper() for word in name.split())
    }
    named: dict[str, set[str]] = {}
    for fact in predicted:
        names = named.setdefault(fact.source, set())
        names.update(normalise_text(n) for n in (fact.subject, fact.object, fact.attribution, fact.scope) if n)
    hits = sum(
        1
        for source, name in wanted
        if any(fuzz.token_set_ratio(name, other) >= NAME_THRESHOLD for other in named.get(source, ()))
    )
    return Ratio.of(hits, len(wanted))


def _predicted_amount(fact: Fact) -> float | None:
    quantity = fact.effective_value()
    return None if quantity is None else quantity.amount


def _pair_key(gold: GoldFact, fact: Fact, gold_names: str) -> tuple[float, int] | None:
    """How well a predicted fact matches a gold fact (lower is better), or None when it does not.

    The caller has checked source, kind and quote. Numbers rank by relative difference,
    other kinds by fuzzy score; ties go to the shorter predicted quote.
    """
    quote_length = len(fact.evidence.quote)
    if gold.kind is FactKind.number:
        amount = _predicted_amount(fact)
        if gold.value is None or amount is None:
            return (0.0, quote_length) if gold.value is None and amount is None else None
        if not math.isclose(amount, gold.value, rel_tol=VALUE_TOLERANCE, abs_tol=0.0):
            return None
        scale = max(abs(amount), abs(gold.value))
        return (abs(amount - gold.value) / scale if scale else 0.0, quote_length)
    score = fuzz.token_set_ratio(_names(fact.subject, fact.object), gold_names)
    if score < NAME_THRESHOLD:
        return None
    return (-score, quote_length)


def match_facts(gold_facts: list[GoldFact], predicted: list[Fact]) -> dict[str, str]:
    """Gold fact id -> predicted fact id, one-to-one, as many pairs as possible.

    Pairs are taken best first (see `_pair_key`, then file order); augmenting paths then
    re-assign where that lets one more gold fact match, so the result is a maximum matching.
    """
    by_place: dict[tuple[str, FactKind], list[tuple[int, Fact, str]]] = defaultdict(list)
    for index, fact in enumerate(predicted):
        by_place[(fact.source, fact.kind)].append((index, fact, normalise_text(fact.evidence.quote)))
    edges: list[tuple[tuple[float, int], int, int]] = []
    for g_index, gold in enumerate(gold_facts):
        quote = normalise_text(gold.quote)
        gold_names = _names(gold.subject, gold.object)
        for p_index, fact, fact_quote in by_place.get((gold.source, gold.kind), []):
            if quote not in fact_quote:
                continue
            key = _pair_key(gold, fact, gold_names)
            if key is not None:
                edges.append((key, g_index, p_index))
    edges.sort()
    candidates: dict[int, list[int]] = defaultdict(list)
    for _, g_index, p_index in edges:
        candidates[g_index].append(p_index)
    gold_to_pred: dict[int, int] = {}
    pred_to_gold: dict[int, int] = {}
    for _, g_index, p_index in edges:
        if g_index not in gold_to_pred and p_index not in pred_to_gold:
            gold_to_pred[g_index] = p_index
            pred_to_gold[p_index] = g_index

    def augment(g_index: int, visited: set[int]) -> bool:
        for p_index in candidates[g_index]:
            if p_index in visited:
                continue
            visited.add(p_index)
            holder = pred_to_gold.get(p_index)
            if holder is None or augment(holder, visited):
                gold_to_pred[g_index] = p_index
                pred_to_gold[p_index] = g_index
                return True
        return False

    for g_index in sorted(candidates):
        if g_index not in gold_to_pred:
            augment(g_index, set())
    return {gold_facts[g].id: predicted[p].id for g, p in sorted(gold_to_pred.items())}


# --- scoring --------------------------------------------------------------------------------


def _memberships(groups: Iterable[tuple[str, list[str]]]) -> dict[str, set[str]]:
    member: dict[str, set[str]] = defaultdict(set)
    for group_id, fact_ids in groups:
        for fact_id in fact_ids:
            member[fact_id].add(group_id)
    return member


def _grouping(matches: dict[str, str], gold: GoldFile, reconciliation: Reconciliation) -> Grouping:
    """Pairs of matched gold facts: same gold group and same predicted group is a true positive."""
    gold_member = _memberships((g.id, g.facts) for g in gold.groups)
    pred_member = _memberships((g.id, g.facts) for g in reconciliation.groups)
    matched = sorted(matches)
    tp = fp = fn = 0
    for i, first in enumerate(matched):
        for second in matched[i + 1 :]:
            gold_same = bool(gold_member[first] & gold_member[second])
            pred_same = bool(pred_member[matches[first]] & pred_member[matches[second]])
            tp += gold_same and pred_same
            fp += pred_same and not gold_same
            fn += gold_same and not pred_same
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Grouping(
        true_positives=tp, false_positives=fp, false_negatives=fn, precision=precision, recall=recall, f1=f1
    )


def _held(fact_ids: list[str], matches: dict[str, str], predicted_facts: set[str]) -> int:
    """How many of these gold facts have their matched predicted fact among `predicted_facts`."""
    return sum(1 for f in fact_ids if f in matches and matches[f] in predicted_facts)


def _missed(gold: GoldFact) -> MissedFact:
    return MissedFact(
        id=gold.id,
        source=gold.source,
        kind=gold.kind,
        quote=gold.quote,
        value=gold.value,
        subject=gold.subject,
        object=gold.object,
    )


def score(gold: dict[str, Any], reconciliation: Reconciliation) -> EvalReport:
    """Compare a reconciliation with gold data (as `load_gold` returns it) by the gold README's rules.

    Number precision counts every active predicted number fact of a scored article, null-valued
    (vague) ones included. A gold contradiction is found by the predicted contradiction that holds
    the most of its matched facts (at least two), the right kind winning a tie, then list order;
    one predicted contradiction may find several gold ones. Gold contradictions and agreements
    with fewer than two facts in scored articles are left out.
    """
    parsed = _parse_gold(gold, "<gold>")
    run = {source.name for source in reconciliation.sources}
    labelled = set(parsed.sources) | {fact.source for fact in parsed.facts}
    scored = labelled & run

    gold_facts = [f for f in parsed.facts if f.source in scored]
    gold_by_id = {f.id: f for f in gold_facts}
    predicted = [f for f in reconciliation.facts if f.active and f.source in scored]
    matches = match_facts(gold_facts, predicted)
    matched_predicted = set(matches.values())

    recall_by_kind = {
        kind: Ratio.of(
            sum(1 for f in gold_facts if f.kind is kind and f.id in matches),
            sum(1 for f in gold_facts if f.kind is kind),
        )
        for kind in FactKind
        if any(f.kind is kind for f in gold_facts)
    }
    numbers = [f for f in predicted if f.kind is FactKind.number]
    number_precision = Ratio.of(sum(1 for f in numbers if f.id in matched_predicted), len(numbers))

    predicted_contradictions = [(c, set(c.facts)) for c in reconciliation.contradictions]
    results: list[ContradictionResult] = []
    skipped: list[str] = []
    finders: set[str] = set()
    for entry in parsed.contradictions:
        if sum(1 for f in entry.facts if f in gold_by_id) < 2:
            skipped.append(entry.id)
            continue
        chosen = None
        best: tuple[int, bool] = (0, False)
        for candidate, held_facts in predicted_contradictions:
            held = _held(entry.facts, matches, held_facts)
            if held < 2:
                continue
            finders.add(candidate.id)
            rank = (held, candidate.kind is entry.kind)
            if chosen is None or rank > best:
                chosen, best = candidate, rank
        if chosen is None:
            results.append(ContradictionResult(id=entry.id, gold_kind=entry.kind, found=False))
            continue
        results.append(
            ContradictionResult(
                id=entry.id,
                gold_kind=entry.kind,
                found=True,
                predicted_id=chosen.id,
                predicted_kind=chosen.kind,
                kind_right=chosen.kind is entry.kind,
            )
        )
    found = [r for r in results if r.found]

    agreements = [a for a in parsed.agreements if sum(1 for f in a.facts if f in gold_by_id) >= 2]
    false_alarms = []
    for candidate, held_facts in predicted_contradictions:
        if candidate.id in finders:
            continue
        hit = [a.id for a in agreements if _held(a.facts, matches, held_facts) >= 2]
        if hit:
            false_alarms.append(FalseAlarm(predicted_id=candidate.id, kind=candidate.kind, agreements=hit))

    return EvalReport(
        story=parsed.story,
        articles_scored=sorted(scored),
        articles_ignored=sorted(labelled - run),
        articles_unlabelled=sorted(run - labelled),
        recall_by_kind=recall_by_kind,
        recall=Ratio.of(len(matches), len(gold_facts)),
        entity_recall=entity_recall(gold_facts, predicted),
        number_precision=number_precision,
        grouping=_grouping(matches, parsed, reconciliation),
        contradictions_found=Ratio.of(len(found), len(results)),
        contradictions_kind_right=Ratio.of(sum(1 for r in found if r.kind_right), len(found)),
        contradictions_skipped=skipped,
        contradictions=results,
        false_alarms=false_alarms,
        matches=[FactMatch(gold=g, predicted=p) for g, p in matches.items()],
        missed_gold=[_missed(f) for f in gold_facts if f.id not in matches],
        unmatched_predicted_numbers=[
            MissedFact(
                id=f.id,
                source=f.source,
                kind=f.kind,
                quote=f.evidence.quote,
                value=_predicted_amount(f),
                subject=f.subject,
                object=f.object,
            )
            for f in numbers
            if f.id not in matched_predicted
        ],
    )


# --- text report ----------------------------------------------------------------------------


def _number(value: float | None) -> str:
    if value is None:
        return "null"
    return str(int(value)) if value.is_integer() else f"{value:g}"


def _ratio(ratio: Ratio) -> str:
    return f"{ratio.hits}/{ratio.total} {ratio.value:.2f}"


def _fact_line(fact: MissedFact) -> str:
    if fact.kind is FactKind.number:
        what = _number(fact.value)
    else:
        what = " / ".join(x for x in (fact.subject, fact.object) if x)
    return f'  {fact.id}  {fact.source}  {fact.kind.value}  {what}  "{fact.quote}"'


def render_text(report: EvalReport) -> str:
    """The report as a few plain lines for a terminal: scores first, then what was missed."""
    lines = [
        f"story {report.story or '-'}",
        f"articles scored {len(report.articles_scored)}"
        + (f" (ignored, not in the run: {', '.join(report.articles_ignored)})" if report.articles_ignored else "")
        + (f" (not labelled: {', '.join(report.articles_unlabelled)})" if report.articles_unlabelled else ""),
    ]
    for kind, ratio in report.recall_by_kind.items():
        lines.append(f"recall {kind.value} {_ratio(ratio)}")
    lines.append(f"recall all {_ratio(report.recall)}")
    lines.append(f"entity recall {_ratio(report.entity_recall)}")
    lines.append(f"number precision {_ratio(report.number_precision)}")
    g = report.grouping
    lines.append(
        f"grouping P/R/F1 {g.precision:.2f}/{g.recall:.2f}/{g.f1:.2f}"
        f" (tp {g.true_positives}, fp {g.false_positives}, fn {g.false_negatives})"
    )
    lines.append(
        f"contradictions found {report.contradictions_found.hits}/{report.contradictions_found.total},"
        f" kind right {report.contradictions_kind_right.hits}/{report.contradictions_kind_right.total},"
        f" false alarms {len(report.false_alarms)}"
    )
    for result in report.contradictions:
        if result.found:
            reported = result.predicted_kind.value if result.predicted_kind else "?"
            verdict = "kind right" if result.kind_right else f"kind wrong ({reported})"
            lines.append(f"  {result.id}  {result.gold_kind.value}  found by {result.predicted_id}, {verdict}")
        else:
            lines.append(f"  {result.id}  {result.gold_kind.value}  missed")
    if report.contradictions_skipped:
        lines.append(f"  skipped (facts outside the scored articles): {', '.join(report.contradictions_skipped)}")
    for alarm in report.false_alarms:
        lines.append(
            f"  false alarm {alarm.predicted_id} ({alarm.kind.value}) on agreement {', '.join(alarm.agreements)}"
        )
    lines.append(f"missed gold facts {len(report.missed_gold)}")
    lines.extend(_fact_line(fact) for fact in report.missed_gold)
    lines.append(f"unmatched predicted numbers {len(report.unmatched_predicted_numbers)}")
    lines.extend(_fact_line(fact) for fact in report.unmatched_predicted_numbers)
    return "\n".join(lines) + "\n"
