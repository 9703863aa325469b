"""Repair of lossy double-decoded UTF-8 (mojibake) in article text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reconcile.ingest.encoding import RepairResult, repair_text

ARTICLES = Path(__file__).parents[1] / "articles"
DAMAGED = ARTICLES / "000_8dfa7962cee23122.txt"
CLEAN = [
    "001_e21a9bdea7febeae.txt",
    "002_93fdc74b7b2f05f8.txt",
    "003_80031c438def94bc.txt",
    "004_ed50ddbaa5d44450.txt",
]


def _read(path: Path) -> str:
    """The file's text, line endings untouched."""
    return path.read_bytes().decode("utf-8")


def _damage(text: str) -> str:
    """Double-decode ``text`` through ISO-8859-16 and drop the C1 characters."""
    return re.sub("[\u0080-\u009f]", "", text.encode("utf-8").decode("iso8859_16"))


@pytest.fixture(scope="module")
def damaged() -> str:
    return _read(DAMAGED)


@pytest.fixture(scope="module")
def repaired(damaged: str) -> RepairResult:
    return repair_text(damaged)


@pytest.mark.parametrize(
    "phrase",
    [
        "Après un licenciement",
        "Sam Altman n’a pas tardé à trouver",
        "à la manœuvre",
        "getting to know Emmett…",
        "qui détient 49",
        "Nadella — qui se dit bien sûr ravi",
        "un endroit où construire",
        "OpenAI vers l’implosion",
    ],
)
def test_damaged_article_words_are_repaired(repaired: RepairResult, phrase: str) -> None:
    assert phrase in repaired.text


def test_damaged_article_quote_attribution_gets_a_dash(repaired: RepairResult) -> None:
    lines = repaired.text.splitlines()
    assert "— Satya Nadella (@satyanadella) November 20, 2023" in lines
    assert "— Kara Swisher (@karaswisher) November 20, 2023" in lines


def test_damaged_article_has_no_mojibake_left(repaired: RepairResult) -> None:
    text = repaired.text
    assert "Ă" not in text
    assert "â" not in text  # every â in this file was a damaged ’, — or …
    assert not re.search("[ĂÂĆ][©šŠ»čŽ]", text)
    assert "Â" not in text


def test_damaged_article_counts(repaired: RepairResult) -> None:
    assert repaired.codec == "iso8859_16"
    assert repaired.lines_repaired > 0
    assert repaired.chars_repaired > 0
    assert repaired.chars_guessed > 0
    assert repaired.chars_guessed <= repaired.chars_repaired + repaired.chars_guessed


def test_damaged_article_clean_lines_are_unchanged(damaged: str, repaired: RepairResult) -> None:
    before = damaged.split("\n")
    after = repaired.text.split("\n")
    assert len(before) == len(after)
    for line in (
        "Sam Altman trouve un nouveau boulot chez Microsoft pendant qu’OpenAI implose",
        "Les coudées franches pour refaire OpenAI chez Microsoft",
        "Les réactions de la communauté tech",
        "Breaking: 505 of 700 employees @OpenAI tell the board to resign. pic.twitter.com/M4D0RX3Q7a",
    ):
        assert line in before
        assert after[before.index(line)] == line
    changed = sum(1 for a, b in zip(before, after) if a != b)
    assert changed == repaired.lines_repaired


@pytest.mark.parametrize("name", CLEAN)
def test_clean_articles_are_unchanged(name: str) -> None:
    text = _read(ARTICLES / name)
    result = repair_text(text)
    assert result == RepairResult(text, None, 0, 0, 0)


def test_french_with_real_circumflex_is_unchanged() -> None:
    text = "Le château de Montsoreau.\nUne pâte à tarte, l’âge d’or… et voilà !\r\nÂme sœur.\n"
    assert repair_text(text) == RepairResult(text, None, 0, 0, 0)


def test_clean_line_with_circumflex_survives_in_a_damaged_document() -> None:
    text = _damage("La régate a été annulée à cause du vent.\n") + "Le château et la pâte.\n"
    result = repair_text(text)
    assert result.text == "La régate a été annulée à cause du vent.\nLe château et la pâte.\n"
    assert result.lines_repaired == 1


def test_self_made_damage_round_trips() -> None:
    original = (
        "Hélène a posé sa thèse à côté d’un cœur de bœuf — quelle idée…\n"
        "Le musée rouvrira ses portes en février ; l’entrée coûtera 12 €.\r\n"
        "Sans accent: plain ASCII line.\n"
        "« Où êtes-vous ? » demanda-t-il, très ému.\n"
    )
    damaged = _damage(original)
    assert damaged != original
    result = repair_text(damaged)
    assert result.text == original
    assert result.codec == "iso8859_16"
    assert result.lines_repaired == 3
    assert result.chars_repaired > 0


def test_lost_nbsp_of_a_grave_is_rebuilt() -> None:
    damaged = _damage("Il est allé à Lyon, puis à Nantes.\n").replace("Ă\u00a0", "Ă")
    assert "Ă " in damaged
    result = repair_text(damaged)
    assert result.text == "Il est allé à Lyon, puis à Nantes.\n"
    assert result.chars_guessed == 2


def test_sentence_start_and_upper_case_context() -> None:
    original = "À demain. L’ŒUVRE ÉTAIT là.\n"
    result = repair_text(_damage(original))
    assert result.text == original


def test_line_holding_only_a_damaged_nbsp_becomes_whitespace() -> None:
    damaged = _damage("Le prix a été révélé à la presse.\n") + "Â\n"
    result = repair_text(damaged)
    assert result.text.splitlines()[1].strip() == ""


def test_cp1252_mojibake_is_repaired() -> None:
    original = "Le garçon a mangé une crème brûlée — c’était l’œuvre d’un maître…\n"
    damaged = original.encode("utf-8").decode("cp1252")
    result = repair_text(damaged)
    assert result.text == original
    assert result.codec == "cp1252"
    assert result.chars_guessed == 0


def test_line_endings_are_kept() -> None:
    original = "Première ligne réparée\r\nDeuxième, déjà vue\rTroisième\n\nfin sans retour"
    result = repair_text(_damage(original))
    assert result.text == original


def test_empty_and_ascii_text() -> None:
    assert repair_text("") == RepairResult("", None, 0, 0, 0)
    assert repair_text("plain\nascii\r\n") == RepairResult("plain\nascii\r\n", None, 0, 0, 0)
