"""Who a figure is credited to and what it covers, when a sentence says it (English and French)."""

from __future__ import annotations

import pytest

from test_extract_roles_events_claims import facts_of


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Police said 12,000 people marched in Valmora, while organisers from the Brinot union counted 45,000.",
            [(12000, "police"), (45000, "the Brinot union")],
        ),
        (
            "According to the police, 12,000 people marched in Valmora, while the Brinot union counted 45,000.",
            [(12000, "the police"), (45000, "the Brinot union")],
        ),
        (
            "Police counted 12,000 marchers in Valmora; the Brinot union counted 45,000.",
            [(12000, "police"), (45000, "the Brinot union")],
        ),
        (
            "The march in Valmora drew 12,000 people according to the police and 45,000 according to the Brinot union.",
            [(12000, "the police"), (45000, "the Brinot union")],
        ),
        (
            "Selon la police, 12 000 personnes ont défilé à Valmora, tandis que le syndicat Brinot en a compté 45 000.",
            [(12000, "la police"), (45000, "Brinot")],
        ),
        (
            "La police a compté 12 000 manifestants à Valmora, alors que le syndicat Brinot en a recensé 45 000.",
            [(12000, "La police"), (45000, "Brinot")],
        ),
    ],
)
def test_each_figure_keeps_the_counter_of_its_own_clause(text: str, expected: list[tuple[int, str]]) -> None:
    numbers = facts_of(text, "number", published="2024-03-08")
    assert [(f.value.amount, f.attribution) for f in numbers] == expected


def test_a_counter_after_the_stretch_still_covers_it() -> None:
    text = "The death toll in Valmora has risen to 11,300, the Red Crescent said, while the ministry put it at 3,958."
    assert [f.attribution for f in facts_of(text, "number")] == ["Red Crescent", "the ministry"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("À Valmora, 35 000 personnes ont défilé selon la police.", [(35000, "à Valmora")]),
        ("In Valmora, police counted 12,500 marchers.", [(12500, "in Valmora")]),
        (
            "Dans toute la France, le ministère de l'Intérieur a recensé 280 000 manifestants.",
            [(280000, "dans toute la France")],
        ),
        (
            "Au niveau national, le syndicat Brinot revendique 1,1 million de participants.",
            [(1100000, "au niveau national")],
        ),
        ("Across Norvale, more than 1,300 sites are classified.", [(1300, "across Norvale")]),
        ("Selon la police, à Valmora, 15 000 personnes ont défilé.", [(15000, "à Valmora")]),
        (
            "In Valmora, 12,000 people marched, while 40,000 people marched across the country.",
            [(12000, "in Valmora"), (40000, "across the country")],
        ),
        ("In March, 12,000 people marched.", [(12000, None)]),
        ("12,000 people marched in March, police said.", [(12000, None)]),
    ],
)
def test_a_scope_opening_the_sentence_covers_its_figures_without_their_own(
    text: str, expected: list[tuple[int, str | None]]
) -> None:
    numbers = facts_of(text, "number", published="2024-03-08")
    assert [(f.value.amount, f.scope) for f in numbers] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Brinot union puts the number of injured at 34, while the authorities count 27.",
            [(34, "The Brinot union"), (27, "the authorities")],
        ),
        ("The ministry put the toll at 12.", [(12, "The ministry")]),
        ("Plus de 80 pompiers ont été mobilisés, a indiqué le préfet.", [(80, "le préfet")]),
        (
            "Quelque 3 000 personnes ont été évacuées, a précisé lundi la préfecture dans un communiqué.",
            [(3000, "la préfecture")],
        ),
        ("Some 3,000 people were evacuated, said the ministry.", [(3000, "the ministry")]),
        ("La préfecture fait désormais état de 27 blessés.", [(27, "La préfecture")]),
        ("Les organisateurs, eux, parlent d'environ 40 000 manifestants.", [(40000, "Les organisateurs")]),
        (
            "La préfecture de Valmora maintient son comptage de 12 000 manifestants.",
            [(12000, "La préfecture de Valmora")],
        ),
        ("Les syndicats avancent le chiffre de 1 600 licenciements.", [(1600, "Les syndicats")]),
        ("La police l'estime à 12 000 personnes.", [(12000, "La police")]),
    ],
)
def test_verbs_and_nouns_of_reporting_credit_the_counter(text: str, expected: list[tuple[int, str]]) -> None:
    numbers = facts_of(text, "number", published="2024-03-08")
    assert sorted((f.value.amount, f.attribution) for f in numbers) == sorted(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        # "un chiffre" is a noun here, not "X chiffre ...": the counter is the one named before.
        (
            "Selon le syndicat Brinot, 34 ouvriers ont été blessés, un chiffre qui pourrait encore augmenter.",
            "le syndicat Brinot",
        ),
        ("The final count was 27 dead, officials said.", "officials"),
        (
            "Dans toute la France, le ministère de l'Intérieur a recensé 280 000 manifestants.",
            "le ministère de l'Intérieur",
        ),
        (
            "Valmora will cut about 1,500 jobs, two people briefed on the restructuring said.",
            "two people briefed on the restructuring",
        ),
        ("Police in Valmora said 12,000 people marched.", "police"),
    ],
)
def test_the_counter_is_its_whole_name_never_a_determiner_or_a_part(text: str, expected: str) -> None:
    first = facts_of(text, "number", published="2024-03-08")[0]
    assert first.attribution == expected


def test_a_clause_with_its_own_figure_does_not_credit_the_one_before() -> None:
    text = "Selon la police, 12 000 personnes ont défilé, le syndicat Brinot en revendique 45 000."
    assert [(f.value.amount, f.attribution) for f in facts_of(text, "number")] == [
        (12000, "la police"),
        (45000, "Brinot"),
    ]


def test_a_relative_clause_credits_the_name_it_hangs_on() -> None:
    [fact] = facts_of("Secours Horizon, which says at least 230 people died, criticised the response.", "number")
    assert (fact.value.amount, fact.predicate, fact.attribution) == (230, "killed", "Secours Horizon")


def test_a_name_before_a_noun_is_no_place_but_the_place_after_it_is() -> None:
    [fact] = facts_of(
        "The death toll from a fire at the Solvexa chemical plant in Kervel rose to four on Tuesday.", "number"
    )
    assert (fact.value.amount, fact.scope) == (4, "in Kervel")
    [crowd] = facts_of("Some 500 people gathered in Valmora yesterday.", "number")
    assert crowd.scope == "in Valmora"


@pytest.mark.parametrize(
    "text, scope",
    [
        ("12,000 people marched in the Bronx overnight.", "in the Bronx"),
        ("12 000 personnes ont défilé dans la Somme mercredi.", "dans la Somme"),
    ],
)
def test_a_place_followed_by_a_time_keeps_its_scope(text: str, scope: str) -> None:
    [fact] = facts_of(text, "number")
    assert fact.scope == scope
