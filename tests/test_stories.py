"""`reconcile eval-stories`: real stories scored from a cache of their texts, missing texts named."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from click.testing import CliRunner

from reconcile.cli import main

ARTICLES = {
    "001_wire.txt": (
        "---\noutlet: Example Wire\npublished: 2031-03-04\nlanguage: en\nurl: https://wire.example/depot\n---\n"
        "A fire at the Norvik fuel depot on Tuesday injured 12 workers, the fire service said.\n"
        "About 80 firefighters fought the blaze for six hours.\n"
    ),
    "002_journal.txt": (
        "---\noutlet: Le Journal Exemple\npublished: 2031-03-04\nlanguage: fr\nurl: https://journal.example/depot\n---\n"
        "L'incendie du dépôt de carburant de Norvik a blessé 19 ouvriers mardi, selon les pompiers.\n"
        "Environ 80 pompiers ont lutté contre les flammes pendant six heures.\n"
    ),
}

GOLD = """story: depot-fire
facts:
  - {id: hurt-en, source: 001_wire.txt, kind: number, value: 12, unit: people, quote: "12 workers"}
  - {id: crews-en, source: 001_wire.txt, kind: number, value: 80, unit: people, qualifier: approx, quote: "About 80"}
  - {id: hurt-fr, source: 002_journal.txt, kind: number, value: 19, unit: people, quote: "19 ouvriers"}
  - {id: crews-fr, source: 002_journal.txt, kind: number, value: 80, unit: people, qualifier: approx, quote: "Environ 80"}
  - {id: depot-fr, source: 002_journal.txt, kind: number, value: 19, subject: Norvik, quote: "19 ouvriers"}
groups:
  - {id: hurt, facts: [hurt-en, hurt-fr]}
contradictions:
  - {id: hurt, kind: value, facts: [hurt-en, hurt-fr], note: 12 against 19 injured}
agreements:
  - {id: crews, facts: [crews-en, crews-fr], note: the same figure}
"""


def _story(root: Path, name: str = "depot-fire", unseen: bool = False) -> tuple[Path, Path]:
    stories, cache = root / "stories", root / "cache"
    (stories / name).mkdir(parents=True)
    (cache / name).mkdir(parents=True)
    rows = []
    for file, text in ARTICLES.items():
        (cache / name / file).write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        language = "en" if "language: en" in text else "fr"
        rows.append(
            f"  - {{file: {file}, url: 'https://example.org/{file}', outlet: X, published: 2031-03-04, "
            f"language: {language}, query: norvik depot, sha256: {digest}}}"
        )
    manifest = f"story: {name}\ntitle: t\ndomain: industrial fire\nunseen: {str(unseen).lower()}\narticles:\n"
    (stories / name / "manifest.yaml").write_text(manifest + "\n".join(rows) + "\n", encoding="utf-8")
    (stories / name / "gold.yaml").write_text(GOLD.replace("depot-fire", name), encoding="utf-8")
    return stories, cache


def _run(*args: str):
    return CliRunner().invoke(main, ["eval-stories", *args])


def test_a_cached_story_gets_a_row_with_its_scores(tmp_path: Path) -> None:
    stories, cache = _story(tmp_path)
    result = _run(str(stories), "--cache", str(cache))
    assert result.exit_code == 0, result.output
    header, row = result.output.splitlines()[:2]
    assert header.split()[:3] == ["story", "number", "recall"]
    assert row.startswith("depot-fire ")
    assert "4/5 0.80" in row  # the four figures found; the fifth gold fact names a subject no fact names
    assert "0/1 0.00" in row  # entity recall: "Norvik" is named by no extracted fact
    assert "/1 " in row  # one gold contradiction expected


def test_missing_or_changed_texts_are_named_with_how_to_rebuild(tmp_path: Path) -> None:
    stories, cache = _story(tmp_path)
    (cache / "depot-fire" / "001_wire.txt").unlink()
    journal = cache / "depot-fire" / "002_journal.txt"
    journal.write_text(journal.read_text(encoding="utf-8").replace("19 ouvriers", "21 ouvriers"), encoding="utf-8")
    result = _run(str(stories), "--cache", str(cache))
    assert result.exit_code == 0, result.output
    assert "depot-fire: not scored, 1 text(s) missing" in result.output
    assert "001_wire.txt" in result.output
    assert "query" in result.output and "sha256" in result.output  # how to rebuild
    assert "depot-fire " not in result.output.splitlines()[0]  # no score row
    (cache / "depot-fire" / "001_wire.txt").write_text(ARTICLES["001_wire.txt"], encoding="utf-8")
    result = _run(str(stories), "--cache", str(cache))
    assert "002_journal.txt (changed: 2 of 3 gold quotes lost)" in result.output
    assert not any(line.startswith("depot-fire ") for line in result.output.splitlines())


def test_a_changed_text_that_keeps_every_gold_quote_is_scored_and_named(tmp_path: Path) -> None:
    stories, cache = _story(tmp_path)
    with (cache / "depot-fire" / "002_journal.txt").open("a", encoding="utf-8") as handle:
        handle.write("Une phrase ajoutée.\n")
    result = _run(str(stories), "--cache", str(cache))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].startswith("depot-fire ")  # scored
    assert "1 text(s) differ from the manifest's sha256 but hold every gold quote, scored: 002_journal.txt" in (
        result.output
    )


def test_the_unseen_story_is_reported_apart_from_the_pooled_seen_ones(tmp_path: Path) -> None:
    stories, cache = _story(tmp_path, "alpha")
    _story(tmp_path, "beta")
    _story(tmp_path, "gamma", unseen=True)
    result = _run(str(stories), "--cache", str(cache))
    assert result.exit_code == 0, result.output
    names = [line.split("  ")[0].strip() for line in result.output.splitlines()[1:]]
    assert names == ["alpha", "beta", "all seen stories", "gamma (unseen)"]
    pooled = result.output.splitlines()[3]
    assert "8/10 0.80" in pooled  # the two seen stories' figures added up, not the unseen one's


def test_json_lists_every_story_with_its_report(tmp_path: Path) -> None:
    stories, cache = _story(tmp_path)
    result = _run(str(stories), "--cache", str(cache), "--format", "json")
    assert result.exit_code == 0, result.output
    (story,) = json.loads(result.output)
    assert story["story"] == "depot-fire" and story["languages"] == {"en": 1, "fr": 1}
    assert story["report"]["recall"]["hits"] == 4


def test_a_broken_manifest_is_one_located_line_and_exit_2(tmp_path: Path) -> None:
    stories, cache = _story(tmp_path)
    manifest = stories / "depot-fire" / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("sha256: ", "sha256: zz"), encoding="utf-8")
    result = _run(str(stories), "--cache", str(cache))
    assert result.exit_code == 2
    (line,) = [x for x in result.output.splitlines() if x.startswith("error:")]
    assert "manifest.yaml:6" in line and "sha256" in line
