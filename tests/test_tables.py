"""The shipped word tables: one folder per language, checked by a schema, errors located to the line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reconcile import tables
from reconcile.errors import BadInput
from reconcile.tables import SCHEMA, load_data, read_family


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the shipped tables a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(Path(tables.__file__).parent / "data", copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_every_family_loads_with_each_language_in_its_place() -> None:
    for family in SCHEMA:
        assert load_data(family), family
    roles = load_data("roles.yaml")
    assert roles["roles"]["ceo"]["label"] == "CEO"  # from data/common/
    assert "PDG" in roles["roles"]["ceo"]["fr"] and "chief executive" in roles["roles"]["ceo"]["en"]
    assert tables.languages() == ("fr", "en")


def test_closed_classes_are_read_per_language_and_merged() -> None:
    assert {"le", "the", "du"} <= tables.word_set("articles", "partitives")
    negations = tables.word_sets_by_language("negations")
    assert "pas" in negations["fr"] and "pas" not in negations["en"] and "never" in negations["en"]


def test_a_broken_row_names_file_and_line(data: Path) -> None:
    path = data / "lang" / "fr" / "numbers.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("percent_words:"))
    lines[number] = "percent_words: [pour cent, 12]"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BadInput) as error:
        read_family("numbers", data)
    assert error.value.line == number + 1
    assert error.value.path.endswith("lang/fr/numbers.yaml")
    assert "percent_words/1" in error.value.problem and "string" in error.value.problem


def test_an_unknown_table_is_refused_with_the_known_ones(data: Path) -> None:
    path = data / "lang" / "en" / "roles.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nrole_words: [boss]\n", encoding="utf-8")
    with pytest.raises(BadInput) as error:
        read_family("roles", data)
    assert error.value.line == len(path.read_text(encoding="utf-8").splitlines())
    assert "no table 'role_words'" in error.value.problem and "lead_verbs" in error.value.problem


def test_a_yaml_syntax_error_is_located(data: Path) -> None:
    (data / "lang" / "en" / "time.yaml").write_text("months: {january: 1\nweekdays: [\n", encoding="utf-8")
    with pytest.raises(BadInput) as error:
        read_family("time", data)
    assert error.value.line is not None and error.value.path.endswith("lang/en/time.yaml")


def test_a_new_language_is_a_folder_and_a_line(data: Path) -> None:
    (data / "languages.yaml").write_text(
        (data / "languages.yaml").read_text(encoding="utf-8").replace("supported: [fr, en]", "supported: [fr, en, es]"),
        encoding="utf-8",
    )
    (data / "lang" / "es").mkdir()
    (data / "lang" / "es" / "roles.yaml").write_text("roles:\n  ceo: [consejero delegado]\n", encoding="utf-8")
    roles = read_family("roles", data)
    assert roles["roles"]["ceo"]["es"] == ["consejero delegado"]
    assert roles["roles"]["ceo"]["label"] == "CEO"


def test_the_command_line_stops_on_a_broken_table_with_one_line(data: Path, tmp_path: Path) -> None:
    path = data / "lang" / "fr" / "roles.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("interim: [", "interim: [3, ", 1), encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("Acme a nommé Jeanne Roux directrice générale par intérim.\n", encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "reconcile",
        "extract",
        "--articles",
        str(articles),
        "--facts",
        str(tmp_path / "f"),
    ]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "RECONCILE_DATA": str(data)})
    assert result.returncode == 2, result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert "lang/fr/roles.yaml:" in line and "interim/0" in line
    assert not (tmp_path / "f" / "a.yaml").exists()
