"""Ingest: metadata from front matter and sources.yaml, HTML text, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconcile.errors import BadInput
from reconcile.ingest import read_article, read_articles


def test_sources_yaml_wins_over_front_matter_and_front_matter_is_not_text(story: Path) -> None:
    articles = {a.source.name: a for a in read_articles(story)}
    wire = articles["b_wire.md"]
    assert wire.source.outlet == "Northern Wire Service"  # sources.yaml
    assert wire.source.published == "2024-03-12"  # front matter
    assert wire.source.language == "en"
    assert not wire.text.startswith("---")
    assert "outlet:" not in wire.text


def test_html_gives_article_text_and_metadata_without_navigation(story: Path) -> None:
    page = read_article(story / "c_blog.html")
    assert page.source.outlet == "Le Blog Industrie"
    assert page.source.published == "2024-03-13"
    assert "Norvale détient 30 % des parts de Tessaly" in page.text
    assert "Accueil" not in page.text and "Mentions légales" not in page.text


def test_clean_articles_are_unchanged(story: Path) -> None:
    article = read_article(story / "a_lemonde.txt")
    assert article.text == (story / "a_lemonde.txt").read_text(encoding="utf-8")
    assert article.source.encoding_repair.detected is None


def test_seed_article_with_double_encoding_is_repaired() -> None:
    path = Path(__file__).parents[1] / "articles" / "000_8dfa7962cee23122.txt"
    article = read_article(path)
    assert "Après un licenciement" in article.text and "manœuvre" in article.text
    repair = article.source.encoding_repair
    assert repair.lines_repaired > 0 and repair.chars_repaired > 0 and repair.chars_guessed > 0


GERMAN = (
    "Der Vorstandschef des Unternehmens ist am Montag zurückgetreten, wie die Firma mitteilte. Er wird durch "
    "einen Nachfolger ersetzt, der bisher für das Geschäft in Europa zuständig war und auch den Aufsichtsrat kennt.\n"
)


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("empty.txt", b"  \n", "empty article"),
        ("blob.txt", b"\x00\x01\x02binary\x00", "binary"),
        ("undecodable.txt", bytes(range(1, 256)) * 12, "not text in any known encoding"),
        ("hangul.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 200, "outside the Latin alphabet"),
        ("german.txt", GERMAN.encode("utf-8") * 3, "in German"),
    ],
)
def test_bad_article_names_the_file(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadInput) as caught:
        read_article(path)
    assert caught.value.path == str(path)
    assert problem in caught.value.problem


def test_sources_file_error_has_its_line(story: Path) -> None:
    (story / "sources.yaml").write_text("a_lemonde.txt:\n  outlet: X\n  publisher: Y\n", encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        read_articles(story)
    assert caught.value.line == 3
    assert "publisher" in caught.value.field


def test_a_50_mb_article_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written
    with pytest.raises(BadInput) as caught:
        read_article(path)
    assert "50.0 MB" in caught.value.problem


def test_declared_language_goes_by_its_primary_subtag(story: Path) -> None:
    (story / "sources.yaml").write_text("b_wire.md:\n  language: en-GB\n", encoding="utf-8")
    articles = {a.source.name: a for a in read_articles(story)}
    assert articles["b_wire.md"].source.language == "en"


def test_a_month_abbreviation_before_a_day_does_not_end_the_sentence() -> None:
    from reconcile.extract.language import split_sentences

    sentences = split_sentences("Brinot said in a Nov. 5 statement that it would close. It was a Tuesday.", "en")
    assert [s.text for s in sentences] == [
        "Brinot said in a Nov. 5 statement that it would close.",
        "It was a Tuesday.",
    ]


def test_a_short_english_sentence_in_a_french_article_is_english() -> None:
    from reconcile.extract.language import split_sentences

    text = "Le pont s'est effondré mardi matin près du port. Six workers died. Les recherches ont repris."
    assert [s.language for s in split_sentences(text, "fr")] == ["fr", "en", "fr"]
