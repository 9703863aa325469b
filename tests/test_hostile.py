"""Hostile input: markup in articles stays text everywhere, unsafe YAML and paths outside the
articles folder are refused with a located error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from reconcile.cli import main

HOSTILE = "[bold red]Le Quotidien[/bold red] <script>alert('x')</script>"
NAME = "[bold]a_lemonde.txt"  # rich markup in a file name


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def hostile(story: Path) -> Path:
    """The story with markup in an article's text, in its outlet, and in its file name."""
    path = story / "a_lemonde.txt"
    text = path.read_text(encoding="utf-8").replace(
        "Selon la direction,", "Selon la direction <script>alert('y')</script>,"
    )
    path.unlink()
    (story / NAME).write_text(text, encoding="utf-8")
    sources = yaml.safe_load((story / "sources.yaml").read_text(encoding="utf-8"))
    entry = sources.pop("a_lemonde.txt")
    sources[NAME] = {**entry, "outlet": HOSTILE}
    (story / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    return story


def test_markup_in_an_outlet_or_file_name_is_text_in_the_terminal(hostile: Path, folders: list[str]) -> None:
    result = invoke("check", *folders)
    assert result.exit_code == 1, result.output
    text = " ".join(result.stdout.split())
    assert f"{HOSTILE} ({NAME})" in text
    report = invoke("report", *folders, "--source", NAME)
    assert report.exit_code == 0, report.output
    assert NAME in report.stdout


def test_markup_never_becomes_an_element_of_the_html_export(hostile: Path, folders: list[str]) -> None:
    result = invoke("export", *folders, "--format", "html", "-o", "-")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page  # the outlet
    assert "&lt;script&gt;alert(&#x27;y&#x27;)&lt;/script&gt;" in page  # the article's paragraph


def test_markup_is_plain_text_in_json_markdown_and_csv(hostile: Path, folders: list[str]) -> None:
    document = json.loads(invoke("export", *folders, "--format", "json", "-o", "-").stdout)
    assert any(source["outlet"] == HOSTILE for source in document["sources"])
    assert any(HOSTILE in c["explanation"] for c in document["contradictions"])
    for fmt in ("markdown", "csv"):
        assert HOSTILE in invoke("export", *folders, "--format", fmt, "-o", "-").stdout


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "sub/a_lemonde.txt", ".."])
def test_a_fact_file_pointing_outside_the_articles_folder_is_refused(
    folders: list[str], tmp_path: Path, name: str
) -> None:
    assert invoke("extract", *folders, "-q").exit_code == 0
    path = tmp_path / "facts" / "a_lemonde.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("  name: "))
    lines[line - 1] = f"  name: {json.dumps(name)}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("validate", *folders)
    assert result.exit_code == 2
    assert f"{path}:{line}: source.name:" in result.stdout and "inside the articles folder" in result.stdout
    result = invoke("check", *folders, "-q")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{path}:{line}:" in result.stderr


@pytest.mark.parametrize(
    "file_name, text, line",
    [
        ("aliases.yaml", "same:\n  - !!python/object/apply:os.system ['echo owned']\n", 2),
        ("sources.yaml", "a_lemonde.txt:\n  outlet: !!python/name:os.system\n", 2),
        ("aliases.yaml", "same:\n  - [Norvale]\n", 2),
        ("aliases.yaml", "merge:\n  - [Norvale, Norvale Group]\n", 1),
    ],
)
def test_unsafe_or_wrong_aliases_and_sources_files_are_located(
    story: Path, folders: list[str], file_name: str, text: str, line: int
) -> None:
    (story / file_name).write_text(text, encoding="utf-8")
    result = invoke("check", *folders, "-q")
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{story / file_name}:{line}" in lines[0], lines
    assert "owned" not in result.output
