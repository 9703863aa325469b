"""Who a fact is credited to, when one sentence gives two counters (English and French)."""

from __future__ import annotations

import pytest

from test_extract_roles_events_claims import facts_of


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Police said 12,000 people marched in Valmora, while organisers from the Brinot union counted 45,000.",
         [(12000, "police"), (45000, "the Brinot union")]),
        ("According to the police, 12,000 people marched in Valmora, while the Brinot union counted 45,000.",
         [(12000, "the police"), (45000, "the Brinot union")]),
        ("Police counted 12,000 marchers in Valmora; the Brinot union counted 45,000.",
         [(12000, "police"), (45000, "the Brinot union")]),
        ("The march in Valmora drew 12,000 people according to the police and 45,000 according to the Brinot union.",
         [(12000, "the police"), (45000, "the Brinot union")]),
        ("Selon la police, 12 000 personnes ont défilé à Valmora, tandis que le syndicat Brinot en a compté 45 000.",
         [(12000, "la police"), (45000, "Brinot")]),
        ("La police a compté 12 000 manifestants à Valmora, alors que le syndicat Brinot en a recensé 45 000.",
         [(12000, "La police"), (45000, "Brinot")]),
    ],
)
def test_each_figure_keeps_the_counter_of_its_own_clause(text: str, expected: list[tuple[int, str]]) -> None:
    numbers = facts_of(text, "number", published="2024-03-08")
    assert [(f.value.amount, f.attribution) for f in numbers] == expected


def test_a_counter_after_the_stretch_still_covers_it() -> None:
    text = "The death toll in Valmora has risen to 11,300, the Red Crescent said, while the ministry put it at 3,958."
    assert [f.attribution for f in facts_of(text, "number")] == ["Red Crescent", "the ministry"]
