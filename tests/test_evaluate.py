"""Scoring a reconciliation against a gold file, by the rules of the gold README."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from reconcile.errors import BadInput
from reconcile.evaluate import EvalReport, load_gold, normalise_text, render_text, score
from reconcile.models import (
    Contradiction,
    ContradictionKind,
    Evidence,
    Fact,
    FactGroup,
    FactKind,
    GroupStatus,
    Quantity,
    Reconciliation,
    Review,
    ReviewStatus,
    Source,
)

HARBOUR = "harbour-gazette.txt"
DAILY = "elsby-daily.txt"


def fact(
    fact_id: str,
    source: str,
    quote: str,
    amount: float | None = None,
    kind: FactKind = FactKind.number,
    subject: str | None = None,
    obj: str | None = None,
) -> Fact:
    """A predicted fact; number facts carry a Quantity with `amount`."""
    value = Quantity(amount=amount, unit="people") if kind is FactKind.number else None
    return Fact(
        id=fact_id,
        source=source,
        kind=kind,
        subject=subject,
        predicate="p",
        object=obj,
        value=value,
        evidence=Evidence(quote=quote, start=0, end=len(quote)),
    )


def group(group_id: str, *fact_ids: str) -> FactGroup:
    return FactGroup(
        id=group_id, subject=None, predicate="p", object=None, facts=list(fact_ids), status=GroupStatus.agree
    )


def contradiction(contradiction_id: str, kind: str, *fact_ids: str) -> Contradiction:
    return Contradiction(
        id=contradiction_id,
        kind=ContradictionKind(kind),
        group="g",
        facts=list(fact_ids),
        sources=[HARBOUR],
        explanation="",
        severity=0.5,
    )


def run(
    facts: list[Fact],
    groups: list[FactGroup] | None = None,
    contradictions: list[Contradiction] | None = None,
    sources: tuple[str, ...] = (HARBOUR, DAILY),
) -> Reconciliation:
    return Reconciliation(
        sources=[Source(name=name) for name in sources],
        facts=facts,
        groups=groups or [],
        contradictions=contradictions or [],
    )


def gold_number(fact_id: str, source: str, quote: str, value: float | None) -> dict[str, Any]:
    return {
        "id": fact_id,
        "source": source,
        "kind": "number",
        "subject": "dockworkers",
        "predicate": "on strike",
        "value": value,
        "unit": "people",
        "qualifier": "exact",
        "quote": quote,
    }


def gold_entity(
    fact_id: str, source: str, quote: str, subject: str, obj: str | None, kind: str = "role"
) -> dict[str, Any]:
    return {
        "id": fact_id,
        "source": source,
        "kind": kind,
        "subject": subject,
        "predicate": "p",
        "object": obj,
        "quote": quote,
    }


def gold(
    facts: list[dict[str, Any]],
    groups: list[list[str]] | None = None,
    contradictions: list[tuple[str, str, list[str]]] | None = None,
    agreements: list[tuple[str, list[str]]] | None = None,
) -> dict[str, Any]:
    return {
        "story": "elsby-dock-strike",
        "facts": facts,
        "groups": [{"id": f"g{i}", "facts": ids} for i, ids in enumerate(groups or [])],
        "contradictions": [{"id": cid, "kind": kind, "facts": ids} for cid, kind, ids in contradictions or []],
        "agreements": [{"id": aid, "facts": ids} for aid, ids in agreements or []],
    }


# A small story: a dock strike in Elsby told by two papers.
STORY_GOLD = gold(
    [
        gold_number("strikers-h", HARBOUR, "1 200 dockers", 1200),
        gold_number("strikers-d", DAILY, "some 1,500 dockworkers", 1500),
        gold_number("crowd-d", DAILY, "nearly all of the crews", None),
        gold_entity("boss-h", HARBOUR, "Norvale’s chief executive, Ilse Varga", "Ilse Varga", "Norvale"),
        gold_entity("boss-d", DAILY, "Ilse Varga, who runs Norvale", "Ilse Varga", "Norvale"),
        gold_entity("talks-d", DAILY, "talks broke down on Friday", "Norvale", "dockers' union", kind="event"),
        gold_entity("cause-h", HARBOUR, "the union blames the new rota", "dockers' union", "new rota", kind="claim"),
    ],
    groups=[["strikers-h", "strikers-d"], ["boss-h", "boss-d"]],
    contradictions=[("strike-size", "value", ["strikers-h", "strikers-d"])],
    agreements=[("boss-agree", ["boss-h", "boss-d"])],
)


def story_run() -> Reconciliation:
    """A prediction that finds everything in STORY_GOLD."""
    facts = [
        fact("p-strikers-h", HARBOUR, "Some 1 200 dockers walked out.", 1200),
        fact("p-strikers-d", DAILY, "Some 1,500 dockworkers", 1500),
        fact("p-crowd-d", DAILY, "Nearly all of the crews stayed home", None),
        fact(
            "p-boss-h",
            HARBOUR,
            "Norvale's chief executive, Ilse Varga, said",
            kind=FactKind.role,
            subject="Ilse Varga",
            obj="Norvale",
        ),
        fact("p-boss-d", DAILY, "Ilse Varga, who runs Norvale", kind=FactKind.role, subject="Varga", obj="Norvale"),
        fact(
            "p-talks-d",
            DAILY,
            "Talks broke down on Friday",
            kind=FactKind.event,
            subject="Norvale",
            obj="dockers union",
        ),
        fact(
            "p-cause-h",
            HARBOUR,
            "The union blames the new rota.",
            kind=FactKind.claim,
            subject="the union",
            obj="new rota",
        ),
    ]
    return run(
        facts,
        groups=[group("G1", "p-strikers-h", "p-strikers-d"), group("G2", "p-boss-h", "p-boss-d")],
        contradictions=[contradiction("C1", "value", "p-strikers-h", "p-strikers-d")],
    )


def test_perfect_prediction_scores_one_everywhere() -> None:
    report = score(STORY_GOLD, story_run())
    assert {kind: r.value for kind, r in report.recall_by_kind.items()} == {
        FactKind.number: 1.0,
        FactKind.role: 1.0,
        FactKind.event: 1.0,
        FactKind.claim: 1.0,
    }
    assert (report.recall.hits, report.recall.total) == (7, 7)
    assert (report.number_precision.hits, report.number_precision.total) == (3, 3)
    assert (report.grouping.precision, report.grouping.recall, report.grouping.f1) == (1.0, 1.0, 1.0)
    g = report.grouping
    assert (g.true_positives, g.false_positives, g.false_negatives) == (2, 0, 0)
    assert report.contradictions_found.value == 1.0
    assert report.contradictions_kind_right.value == 1.0
    assert report.false_alarms == []
    assert report.missed_gold == [] and report.unmatched_predicted_numbers == []
    assert report.articles_scored == [DAILY, HARBOUR]


def test_wrong_values_and_wrong_sources_score_zero() -> None:
    facts = [
        fact("p-strikers-h", HARBOUR, "Some 1 200 dockers walked out.", 1300),  # wrong value
        fact("p-strikers-d", HARBOUR, "Some 1,500 dockworkers", 1500),  # other source
        fact("p-crowd-d", DAILY, "Nearly all of the crews stayed home", 40),  # gold is null
        fact(
            "p-boss-h",
            DAILY,
            "Norvale's chief executive, Ilse Varga",
            kind=FactKind.role,
            subject="Ilse Varga",
            obj="Norvale",
        ),  # other source
        fact(
            "p-boss-d",
            DAILY,
            "Ilse Varga, who runs Norvale",
            kind=FactKind.role,
            subject="Tomas Brenner",
            obj="Kestrel Freight",
        ),  # other people
    ]
    report = score(
        STORY_GOLD,
        run(
            facts,
            groups=[group("G1", "p-strikers-h", "p-strikers-d")],
            contradictions=[contradiction("C1", "value", "p-strikers-h", "p-strikers-d")],
        ),
    )
    assert report.matches == []
    assert report.recall.hits == 0 and report.recall.value == 0.0
    assert all(r.value == 0.0 for r in report.recall_by_kind.values())
    assert (report.number_precision.hits, report.number_precision.total, report.number_precision.value) == (0, 3, 0.0)
    assert report.grouping.true_positives == 0 and report.grouping.f1 == 0.0
    assert report.contradictions_found.hits == 0
    assert [r.found for r in report.contradictions] == [False]
    assert len(report.missed_gold) == 7
    assert {m.id for m in report.unmatched_predicted_numbers} == {"p-strikers-h", "p-strikers-d", "p-crowd-d"}


@pytest.mark.parametrize(
    ("amount", "matches"),
    [
        (1000, True),
        (1010, True),
        (990, True),
        (1020, False),
        (980, False),
        (None, False),
    ],
)
def test_values_match_within_one_percent(amount: float | None, matches: bool) -> None:
    report = score(gold([gold_number("n", HARBOUR, "dockers", 1000)]), run([fact("p", HARBOUR, "the dockers", amount)]))
    assert (report.recall.hits == 1) is matches


def test_null_matches_null_only() -> None:
    gold_data = gold([gold_number("n", HARBOUR, "most dockers", None)])
    assert score(gold_data, run([fact("p", HARBOUR, "most dockers", None)])).recall.hits == 1
    assert score(gold_data, run([fact("p", HARBOUR, "most dockers", 500)])).recall.hits == 0


def test_reviewer_correction_is_the_value_scored_and_rejected_facts_take_no_part() -> None:
    gold_data = gold([gold_number("n", HARBOUR, "dockers", 1000)])
    corrected = fact("p", HARBOUR, "dockers", 10).model_copy(
        update={"review": Review(status=ReviewStatus.corrected, corrected=Quantity(amount=1000))}
    )
    assert score(gold_data, run([corrected])).recall.hits == 1
    rejected = fact("p", HARBOUR, "dockers", 1000).model_copy(update={"review": Review(status=ReviewStatus.rejected)})
    report = score(gold_data, run([rejected]))
    assert report.recall.hits == 0 and report.number_precision.total == 0


def test_normalise_text() -> None:
    assert normalise_text("L’Usine   de\u00a0NORVALE") == "l'usine de norvale"
    assert normalise_text("« la grève\u202fcontinue\u00a0»") == '"la grève continue"'
    assert normalise_text("“quoted”  ‘word’") == "\"quoted\" 'word'"


@pytest.mark.parametrize(
    ("gold_quote", "predicted_quote", "matches"),
    [
        ("l’usine de Norvale", "Selon L'USINE  de\u00a0norvale, rien", True),
        ('"la grève continue"', "a dit « la grève continue » hier", True),
        ("« la grève continue »", 'said "La Grève continue"', True),
        ("l’usine de Norvale", "l'usine Norvale", False),
        ("l’usine de Norvale", "l’usine de Norval", False),
    ],
)
def test_quote_containment_after_normalisation(gold_quote: str, predicted_quote: str, matches: bool) -> None:
    gold_data = gold([gold_entity("r", HARBOUR, gold_quote, "Norvale", None, kind="claim")])
    predicted = fact("p", HARBOUR, predicted_quote, kind=FactKind.claim, subject="Norvale")
    assert (score(gold_data, run([predicted])).recall.hits == 1) is matches


def test_one_predicted_fact_matches_one_gold_fact() -> None:
    gold_data = gold(
        [gold_number("a", HARBOUR, "most of the crews", None), gold_number("b", HARBOUR, "most of the crews", None)]
    )
    report = score(gold_data, run([fact("p", HARBOUR, "most of the crews", None)]))
    assert len(report.matches) == 1
    assert (report.recall.hits, report.recall.total) == (1, 2)
    assert [m.id for m in report.missed_gold] == ["b"]


def test_same_quote_different_values_match_by_value() -> None:
    gold_data = gold(
        [gold_number("signed", HARBOUR, "300 of 900 crew", 300), gold_number("crew", HARBOUR, "300 of 900 crew", 900)]
    )
    report = score(gold_data, run([fact("p", HARBOUR, "300 of 900 crew", 900)]))
    assert [(m.gold, m.predicted) for m in report.matches] == [("crew", "p")]


def test_matching_is_maximum_not_greedy() -> None:
    # Greedy alone takes a~x (closest pair) and leaves b unmatched; re-assigning a to y matches both.
    gold_data = gold([gold_number("a", HARBOUR, "crews", 1000), gold_number("b", HARBOUR, "crews", 1015)])
    report = score(gold_data, run([fact("x", HARBOUR, "crews", 1005), fact("y", HARBOUR, "crews", 992)]))
    assert sorted((m.gold, m.predicted) for m in report.matches) == [("a", "y"), ("b", "x")]


@pytest.mark.parametrize(
    ("subject", "obj", "matches"),
    [
        ("Ilse Varga", "Norvale", True),
        ("Norvale", "Ilse Varga", True),  # order swapped
        ("Varga", "Norvale Group", True),
        ("Tomas Brenner", "Kestrel Freight", False),
    ],
)
def test_role_matches_by_token_set_ratio(subject: str, obj: str, matches: bool) -> None:
    gold_data = gold([gold_entity("r", HARBOUR, "heads Norvale", "Ilse Varga", "Norvale")])
    predicted = fact("p", HARBOUR, "she heads Norvale", kind=FactKind.role, subject=subject, obj=obj)
    assert (score(gold_data, run([predicted])).recall.hits == 1) is matches


def test_kinds_must_match() -> None:
    gold_data = gold([gold_entity("r", HARBOUR, "heads Norvale", "Ilse Varga", "Norvale")])
    predicted = fact("p", HARBOUR, "she heads Norvale", kind=FactKind.event, subject="Ilse Varga", obj="Norvale")
    assert score(gold_data, run([predicted])).recall.hits == 0


def test_grouping_pairwise_counts() -> None:
    ids = ["a1", "a2", "a3", "a4", "b1", "b2", "c1"]
    gold_data = gold(
        [gold_number(i, HARBOUR, f"quote {i}", 1) for i in ids], groups=[["a1", "a2", "a3", "a4"], ["b1", "b2"]]
    )
    # a4 is never predicted: its pairs take no part.
    predicted = [fact(f"p{i}", HARBOUR, f"quote {i}", 1) for i in ids if i != "a4"]
    report = score(
        gold_data,
        run(predicted, groups=[group("G1", "pa1", "pa2"), group("G2", "pa3", "pb1"), group("G3", "pb2", "pc1")]),
    )
    g = report.grouping
    assert (g.true_positives, g.false_positives, g.false_negatives) == (1, 2, 3)
    assert g.precision == pytest.approx(1 / 3)
    assert g.recall == pytest.approx(1 / 4)
    assert g.f1 == pytest.approx(2 / 7)


CONTRA_GOLD = gold(
    [gold_number(f"n{i}", HARBOUR if i % 2 else DAILY, f"figure {i}", i) for i in range(1, 9)],
    contradictions=[
        ("size", "value", ["n1", "n2"]),
        ("growth", "status", ["n3", "n4"]),
        ("account", "claim", ["n7", "n8"]),
    ],
    agreements=[("same-count", ["n5", "n6"])],
)


def contra_run(contradictions: list[Contradiction]) -> Reconciliation:
    facts = [fact(f"p{i}", HARBOUR if i % 2 else DAILY, f"the figure {i}", i) for i in range(1, 9)]
    return run(facts, contradictions=contradictions)


def test_contradictions_found_missed_kind_and_false_alarm() -> None:
    report = score(
        CONTRA_GOLD,
        contra_run(
            [
                contradiction("C1", "value", "p1", "p2"),  # finds size, kind right
                contradiction("C2", "value", "p3", "p4"),  # finds growth, kind wrong
                contradiction("C3", "value", "p5", "p6"),  # false alarm on same-count
                contradiction("C4", "value", "p1", "p5"),  # wrong, but on no agreement
            ]
        ),
    )
    by_id = {r.id: r for r in report.contradictions}
    assert (by_id["size"].found, by_id["size"].predicted_id, by_id["size"].kind_right) == (True, "C1", True)
    assert (by_id["growth"].found, by_id["growth"].predicted_id, by_id["growth"].kind_right) == (True, "C2", False)
    assert by_id["growth"].predicted_kind is ContradictionKind.value
    assert (by_id["account"].found, by_id["account"].predicted_id) == (False, None)
    assert (report.contradictions_found.hits, report.contradictions_found.total) == (2, 3)
    assert (report.contradictions_kind_right.hits, report.contradictions_kind_right.total) == (1, 2)
    assert [(a.predicted_id, a.agreements) for a in report.false_alarms] == [("C3", ["same-count"])]


def test_the_prediction_holding_most_facts_then_the_right_kind_is_reported() -> None:
    gold_data = gold(
        [gold_number(f"n{i}", HARBOUR, f"figure {i}", i) for i in range(1, 4)],
        contradictions=[("size", "status", ["n1", "n2", "n3"])],
    )
    facts = [fact(f"p{i}", HARBOUR, f"the figure {i}", i) for i in range(1, 4)]
    tie = score(
        gold_data,
        run(
            facts, contradictions=[contradiction("C1", "value", "p1", "p2"), contradiction("C2", "status", "p2", "p3")]
        ),
    )
    assert (tie.contradictions[0].predicted_id, tie.contradictions[0].kind_right) == ("C2", True)
    more = score(
        gold_data,
        run(
            facts,
            contradictions=[contradiction("C1", "status", "p1", "p2"), contradiction("C2", "value", "p1", "p2", "p3")],
        ),
    )
    assert (more.contradictions[0].predicted_id, more.contradictions[0].kind_right) == ("C2", False)


def test_contradiction_needs_two_matched_facts_in_one_prediction() -> None:
    # Each predicted contradiction holds only one fact of `size`.
    report = score(
        CONTRA_GOLD, contra_run([contradiction("C1", "value", "p1", "p3"), contradiction("C2", "value", "p2", "p4")])
    )
    assert report.contradictions_found.hits == 0


def test_a_contradiction_that_finds_a_gold_one_is_no_false_alarm() -> None:
    report = score(CONTRA_GOLD, contra_run([contradiction("C1", "value", "p1", "p2", "p5", "p6")]))
    assert report.contradictions_found.hits == 1
    assert report.false_alarms == []


def test_only_articles_in_the_run_are_scored() -> None:
    report = score(CONTRA_GOLD, run([fact("p1", HARBOUR, "the figure 1", 1)], sources=(HARBOUR, "elsewhere.txt")))
    assert report.articles_scored == [HARBOUR]
    assert report.articles_ignored == [DAILY]
    assert report.articles_unlabelled == ["elsewhere.txt"]
    assert (report.recall.hits, report.recall.total) == (1, 4)  # n1, n3, n5, n7
    assert {r.id for r in report.contradictions} == set()  # each pairs the two papers
    assert report.contradictions_skipped == ["size", "growth", "account"]


def test_report_is_json_and_renders_as_text() -> None:
    report = score(
        CONTRA_GOLD,
        contra_run(
            [
                contradiction("C1", "value", "p1", "p2"),
                contradiction("C2", "value", "p3", "p4"),
                contradiction("C3", "value", "p5", "p6"),
            ]
        ),
    )
    dumped = json.loads(json.dumps(report.model_dump(mode="json")))
    assert dumped["recall_by_kind"]["number"]["hits"] == 8
    assert EvalReport.model_validate(dumped) == report
    text = render_text(report)
    assert "recall number 8/8 1.00" in text
    assert "number precision 8/8 1.00" in text
    assert "contradictions found 2/3, kind right 1/2, false alarms 1" in text
    assert "account  claim  missed" in text
    assert "false alarm C3 (value) on agreement same-count" in text


def test_render_lists_misses() -> None:
    report = score(gold([gold_number("n", HARBOUR, "dockers", 1000)]), run([fact("p", HARBOUR, "the cranes", 7)]))
    text = render_text(report)
    assert "missed gold facts 1" in text and '  n  harbour-gazette.txt  number  1000  "dockers"' in text
    assert "unmatched predicted numbers 1" in text and '  p  harbour-gazette.txt  number  7  "the cranes"' in text


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "gold.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_gold_reads_a_valid_file(tmp_path: Path) -> None:
    path = write(tmp_path, yaml.safe_dump(STORY_GOLD, allow_unicode=True))
    assert load_gold(path) == STORY_GOLD


def test_load_gold_bad_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "story: x\nfacts:\n  - {id: a, source: s.txt\n  - oops: [\n")
    with pytest.raises(BadInput) as caught:
        load_gold(path)
    assert caught.value.path == str(path) and caught.value.line is not None and caught.value.line >= 3


def test_load_gold_missing_key_names_the_fact(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "story: x\nfacts:\n  - {id: a, source: s.txt, kind: number, value: 1, quote: q}\n"
        "  - {id: b, source: s.txt, kind: number, value: 2}\n",
    )
    with pytest.raises(BadInput) as caught:
        load_gold(path)
    assert caught.value.line == 4
    assert "quote" in str(caught.value)


def test_load_gold_number_without_value_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "facts:\n  - {id: a, source: s.txt, kind: number, quote: q}\n")
    with pytest.raises(BadInput, match="value"):
        load_gold(path)


def test_load_gold_unknown_fact_in_contradiction(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "facts:\n  - {id: a, source: s.txt, kind: number, value: 1, quote: q}\n"
        "contradictions:\n  - {id: c, kind: value, facts: [a, zz]}\n",
    )
    with pytest.raises(BadInput, match="zz") as caught:
        load_gold(path)
    assert caught.value.line == 4
