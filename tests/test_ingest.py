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


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("empty.txt", b"  \n", "empty article"),
        ("blob.txt", b"\x00\x01\x02binary\x00", "binary"),
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
