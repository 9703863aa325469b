"""The command line as a person uses it: exit codes, stdout and stderr, files left on disk."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconcile.cli import main


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_run_prints_each_source_and_writes_three_reports(folders: list[str], tmp_path: Path) -> None:
    result = invoke("run", *folders)
    assert result.exit_code == 0, result.stderr
    for name in ("a_lemonde.txt", "b_wire.md", "c_blog.html"):
        assert name in result.stdout
    assert "contradicted" in result.stdout
    assert "wrote" in result.stderr and "wrote" not in result.stdout
    reports = tmp_path / "reports"
    data = json.loads((reports / "contradictions.json").read_text(encoding="utf-8"))
    assert {"sources", "facts", "groups", "contradictions"} <= set(data)
    [contradiction] = data["contradictions"]
    facts = {f["id"]: f for f in data["facts"]}
    values = sorted(facts[i]["value"] for i in contradiction["facts"])
    assert values == [1200, 1500]
    assert {facts[i]["source"] for i in contradiction["facts"]} == {"a_lemonde.txt", "b_wire.md"}
    for fact in data["facts"]:
        assert {
            "id",
            "source",
            "kind",
            "subject",
            "predicate",
            "object",
            "value",
            "unit",
            "qualifier",
            "evidence",
        } <= set(fact)
    rows = list(csv.DictReader(io.StringIO((reports / "contradictions.csv").read_text(encoding="utf-8"))))
    # The management counted 1,200, the union about 1,500: two counters, both kept, no outlet blamed.
    assert len(rows) == 1 and rows[0]["kind"] == "attributed"
    markdown = (reports / "contradictions.md").read_text(encoding="utf-8")
    assert "1,200" in markdown and "about 1,500" in markdown


def test_json_groups_hold_agreeing_facts(folders: list[str], tmp_path: Path) -> None:
    invoke("run", *folders)
    data = json.loads((tmp_path / "reports" / "contradictions.json").read_text(encoding="utf-8"))
    facts = {f["id"]: f for f in data["facts"]}
    stake = [g for g in data["groups"] if facts[g["facts"][0]]["predicate"] == "stake"]
    assert len(stake) == 1 and len(stake[0]["facts"]) == 3 and stake[0]["status"] == "agree"
    money = [g for g in data["groups"] if facts[g["facts"][0]]["predicate"] == "funding"]
    assert len(money) == 1 and money[0]["status"] == "agree"


def test_check_exit_codes(folders: list[str], story: Path, tmp_path: Path) -> None:
    found = invoke("check", *folders)
    assert found.exit_code == 1
    assert "1,200" in found.stdout and "about 1,500" in found.stdout

    (story / "b_wire.md").unlink()
    (tmp_path / "facts" / "b_wire.yaml").unlink()  # an article taken out of the story, with its facts
    text = (story / "sources.yaml").read_text(encoding="utf-8")
    (story / "sources.yaml").write_text(text.split("b_wire.md:")[0], encoding="utf-8")
    clean = invoke("check", *folders)
    assert clean.exit_code == 0, clean.output
    assert "No contradictions" in clean.stdout


def test_bad_input_is_one_line_and_exit_2(folders: list[str], story: Path) -> None:
    (story / "sources.yaml").write_text("a_lemonde.txt: [unclosed\n", encoding="utf-8")
    for command in ("run", "check", "report", "extract"):
        result = invoke(command, *folders)
        assert result.exit_code == 2, command
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "sources.yaml:" in lines[0], lines
        assert "Traceback" not in result.output


def test_missing_articles_folder_exit_2(tmp_path: Path) -> None:
    result = invoke("check", "--articles", str(tmp_path / "nope"), "--facts", str(tmp_path / "f"))
    assert result.exit_code == 2
    assert "nope" in result.stderr


def test_report_for_one_source(folders: list[str]) -> None:
    result = invoke("report", "--source", "b_wire.md", *folders)
    assert result.exit_code == 0
    assert "b_wire.md" in result.stdout and "a_lemonde.txt ─" not in result.stdout
    assert "Northern Wire Service" in result.stdout
    unknown = invoke("report", "--source", "nope.txt", *folders)
    assert unknown.exit_code == 2


@pytest.mark.parametrize(
    "fmt, check",
    [
        ("json", lambda t: json.loads(t)["contradictions"]),
        ("csv", lambda t: list(csv.reader(io.StringIO(t)))[1]),
        ("markdown", lambda t: t.startswith("# Contradiction report")),
    ],
)
def test_export_each_format(folders: list[str], tmp_path: Path, fmt: str, check) -> None:
    out = tmp_path / f"out.{fmt}"
    result = invoke("export", "--format", fmt, "-o", str(out), *folders)
    assert result.exit_code == 0, result.output
    assert check(out.read_text(encoding="utf-8"))


def test_no_color_output_has_no_escape_codes(folders: list[str]) -> None:
    result = invoke("report", *folders, env={"NO_COLOR": "1", "FORCE_COLOR": ""})
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout


def test_every_command_has_help() -> None:
    for command in ("run", "extract", "report", "export", "check"):
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.stdout


def test_check_fail_on_and_exit_zero_and_formats(folders: list[str]) -> None:
    assert invoke("check", "--fail-on", "attributed", *folders).exit_code == 1
    assert invoke("check", "--fail-on", "value", *folders).exit_code == 0
    assert invoke("check", "--fail-on", "succession", *folders).exit_code == 0
    assert invoke("check", "--fail-on", "0.99", *folders).exit_code == 0
    assert invoke("check", "--fail-on", "0.1", *folders).exit_code == 1
    assert invoke("check", "--exit-zero", *folders).exit_code == 0
    assert invoke("check", "--fail-on", "often", *folders).exit_code == 2
    as_json = invoke("check", "--format", "json", *folders)
    assert as_json.exit_code == 1 and json.loads(as_json.stdout)["contradictions"]
    assert "contradictions" in as_json.stderr


def test_validate_names_file_line_and_field(folders: list[str], tmp_path: Path) -> None:
    assert invoke("extract", *folders).exit_code == 0
    assert invoke("validate", *folders).exit_code == 0
    path = tmp_path / "facts" / "b_wire.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("qualifier:"))
    lines[index] = lines[index].replace("qualifier:", "qualifer:")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("validate", *folders)
    assert result.exit_code == 2
    assert f"b_wire.yaml:{index + 1}: " in result.stdout and "qualifer" in result.stdout


def test_fuse_scores_a_small_benchmark(tmp_path: Path) -> None:
    claims = tmp_path / "claims.csv"
    rows = ["city,year,value,who"]
    for index in range(6):
        rows += [
            f"c{index},2000,{1000 + index},good1",
            f"c{index},2000,{1000 + index},good2",
            f"c{index},2000,{5000 + index},bad",
        ]
    claims.write_text("\n".join(rows) + "\n", encoding="utf-8")
    truth = tmp_path / "truth.csv"
    truth.write_text(
        "city,year,value\n" + "\n".join(f"c{i},2000,{1000 + i}" for i in range(6)) + "\n", encoding="utf-8"
    )
    result = invoke(
        "fuse",
        str(claims),
        "--source",
        "who",
        "--item",
        "city",
        "--item",
        "year",
        "--value",
        "value",
        "--truth",
        str(truth),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["accuracy"] == 1.0 and report["items_scored"] == 6 and "vote_accuracy" in report
    missing = invoke("fuse", str(claims), "--source", "nope", "--item", "city", "--value", "value")
    assert missing.exit_code == 2 and "claims.csv:1" in missing.stderr


def test_jsonl_facts_csv_and_claimreview(folders: list[str], tmp_path: Path) -> None:
    import yaml

    lines = invoke("export", "--format", "jsonl", "-o", "-", *folders).stdout.splitlines()
    types = {json.loads(line)["type"] for line in lines}
    assert {"header", "source", "fact", "group", "contradiction"} <= types
    facts_csv = invoke("export", "--format", "csv", "--what", "facts", "-o", "-", *folders).stdout
    rows = list(csv.DictReader(io.StringIO(facts_csv)))
    assert rows and {"id", "source", "kind", "value", "quote", "group"} <= set(rows[0])
    assert json.loads(invoke("export", "--format", "claimreview", "-o", "-", *folders).stdout) == []
    path = tmp_path / "facts" / "a_lemonde.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    stake = next(f for f in data["facts"] if f["predicate"] == "stake")
    stake["review"].update(status="confirmed", note="checked against the annual report")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    [review] = json.loads(invoke("export", "--format", "claimreview", "-o", "-", *folders).stdout)
    assert review["@type"] == "ClaimReview" and review["reviewRating"]["alternateName"] == "True"
    assert review["reviewBody"] == "checked against the annual report"


def test_review_session_from_stdin_survives_re_extraction(folders: list[str], tmp_path: Path) -> None:
    from reconcile.store import load_fact_file

    assert invoke("extract", *folders).exit_code == 0
    first_two = load_fact_file(tmp_path / "facts" / "a_lemonde.yaml").facts[:2]
    answers = "n checked with the company\ne amount=31\nc\nbogus\nr\nq\n"
    result = CliRunner().invoke(main, ["review", "--source", "a_lemonde.txt", *folders], input=answers)
    assert result.exit_code == 0, result.output
    assert "unknown answer" in result.stdout
    assert invoke("extract", *folders).exit_code == 0
    after = {f.id: f for f in load_fact_file(tmp_path / "facts" / "a_lemonde.yaml").facts}
    one, two = after[first_two[0].id], after[first_two[1].id]
    assert one.review.status.value == "confirmed"
    assert one.review.note == "checked with the company"
    assert one.review.corrected is not None and one.review.corrected.amount == 31
    assert two.review.status.value == "rejected"
    third = [f for f in after.values() if f.id not in {one.id, two.id}]
    assert all(f.review.status.value == "unreviewed" for f in third)


def test_quiet_leaves_stderr_empty_and_progress_is_silent_off_a_terminal(folders: list[str]) -> None:
    loud = invoke("run", *folders)
    assert "facts" in loud.stderr and "extracting" not in loud.stderr
    quiet = invoke("run", "--quiet", *folders)
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert "a_lemonde.txt" in quiet.stdout


def test_json_export_validates_against_its_schema(folders: list[str]) -> None:
    from reconcile.report.json_format import ReportDocument

    document = ReportDocument.model_validate(
        json.loads(invoke("export", "--format", "json", "-o", "-", *folders).stdout)
    )
    assert document.version == 2 and document.facts and document.contradictions and document.trust
    assert {g.id for g in document.groups} >= {c.group for c in document.contradictions}


def test_bad_articles_are_skipped_one_line_each_and_the_rest_is_done(
    folders: list[str], story: Path, tmp_path: Path
) -> None:
    assert invoke("extract", *folders).exit_code == 0
    kept = (tmp_path / "facts" / "b_wire.yaml").read_bytes()
    (story / "b_wire.md").write_bytes(b"\x00\x01 not an article")  # a good article turned binary
    (story / "empty.txt").write_text("   \n", encoding="utf-8")
    (story / "deutsch.txt").write_text(
        "Der Vorstandschef des Unternehmens ist am Montag zurückgetreten, wie die Firma mitteilte. Er wird durch "
        "einen Nachfolger ersetzt, der bisher für das Geschäft in Europa zuständig war und auch den Aufsichtsrat kennt. "
        * 3,
        encoding="utf-8",
    )
    with (story / "huge.txt").open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    result = invoke("run", *folders, "-q")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 4, lines
    for name, problem in (
        ("b_wire.md", "binary"),
        ("empty.txt", "empty"),
        ("deutsch.txt", "German"),
        ("huge.txt", "50.0 MB"),
    ):
        assert any(name in line and problem in line for line in lines), (name, lines)
    assert "Traceback" not in result.output
    assert "a_lemonde.txt" in result.stdout  # the readable articles were still reported
    assert (tmp_path / "reports" / "contradictions.json").exists()
    assert (tmp_path / "facts" / "b_wire.yaml").read_bytes() == kept  # the unreadable article's facts are untouched


def test_a_fact_file_whose_article_is_gone_is_named_with_its_line(
    folders: list[str], story: Path, tmp_path: Path
) -> None:
    assert invoke("extract", *folders).exit_code == 0
    (story / "c_blog.html").unlink()
    (story / "sources.yaml").write_text(
        "\n".join(
            line for line in (story / "sources.yaml").read_text(encoding="utf-8").split("c_blog.html:")[0].splitlines()
        )
        + "\n",
        encoding="utf-8",
    )
    result = invoke("check", *folders, "-q", "--exit-zero")
    assert result.exit_code == 2
    path = tmp_path / "facts" / "c_blog.yaml"
    assert path.exists()
    line = next(
        i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.strip().startswith("name:")
    )
    assert (
        result.stderr.strip()
        == f"error: {path}:{line}: source.name: its article 'c_blog.html' is not in {story}; the file is kept but not used"
    )
