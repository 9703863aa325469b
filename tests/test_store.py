"""Fact files: re-extraction keeps a person's edits, writes are stable, bad edits are located."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from reconcile.cli import main
from reconcile.errors import BadInput
from reconcile.store import load_fact_file


def _extract(folders: list[str]) -> None:
    result = CliRunner().invoke(main, ["extract", *folders])
    assert result.exit_code == 0, result.output


def test_re_extraction_is_byte_identical(folders: list[str], tmp_path: Path) -> None:
    _extract(folders)
    before = {p.name: p.read_bytes() for p in (tmp_path / "facts").glob("*.yaml")}
    _extract(folders)
    after = {p.name: p.read_bytes() for p in (tmp_path / "facts").glob("*.yaml")}
    assert before == after
    assert set(before) == {"a_lemonde.yaml", "b_wire.yaml", "c_blog.yaml"}


def test_review_edits_survive_re_extraction(folders: list[str], tmp_path: Path) -> None:
    _extract(folders)
    path = tmp_path / "facts" / "a_lemonde.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    first, second = data["facts"][0], data["facts"][1]
    first["review"].update(status="rejected", note="not what the article says")
    second["review"].update(status="corrected", corrected={"amount": 31, "unit": "percent", "qualifier": "exact"})
    manual = dict(second, id="a-manual-1", origin="manual", predicate="headcount")
    manual["review"] = {"status": "confirmed", "note": "added by hand"}
    data["facts"].append(manual)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    _extract(folders)
    reloaded = {f.id: f for f in load_fact_file(path).facts}
    assert reloaded[first["id"]].review.status.value == "rejected"
    assert reloaded[first["id"]].review.note == "not what the article says"
    assert reloaded[second["id"]].review.corrected.amount == 31
    assert reloaded["a-manual-1"].origin == "manual"
    assert reloaded["a-manual-1"].review.note == "added by hand"


def test_reviewed_fact_no_longer_found_is_kept_stale(folders: list[str], story: Path, tmp_path: Path) -> None:
    _extract(folders)
    path = tmp_path / "facts" / "a_lemonde.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    stake = next(f for f in data["facts"] if f["predicate"] == "stake")
    stake["review"]["note"] = "checked against the filing"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    article = story / "a_lemonde.txt"
    article.write_text(
        article.read_text(encoding="utf-8").replace("qui détient 30 % du capital de Tessaly, ", ""), encoding="utf-8"
    )

    _extract(folders)
    kept = {f.id: f for f in load_fact_file(path).facts}
    assert kept[stake["id"]].review.stale is True
    assert kept[stake["id"]].review.note == "checked against the filing"


def _broken(tmp_path: Path, folders: list[str], edit) -> BadInput:
    path = tmp_path / "facts" / "b_wire.yaml"
    pristine = tmp_path / "b_wire.pristine"
    if not pristine.exists():
        _extract(folders)
        pristine.write_bytes(path.read_bytes())
    lines = pristine.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        load_fact_file(path)
    return caught.value


def test_unknown_field_is_named_with_its_line(tmp_path: Path, folders: list[str]) -> None:
    def edit(lines: list[str]) -> list[str]:
        index = next(i for i, line in enumerate(lines) if line.strip().startswith("predicate:"))
        lines.insert(index + 1, "  colour: blue")
        return lines

    error = _broken(tmp_path, folders, edit)
    assert error.path.endswith("b_wire.yaml")
    assert error.field is not None and error.field.endswith("colour")
    lines = (tmp_path / "facts" / "b_wire.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[error.line - 1].strip() == "colour: blue"


def test_wrong_type_and_broken_yaml_are_located(tmp_path: Path, folders: list[str]) -> None:
    error = _broken(tmp_path, folders, lambda ls: [line.replace("amount: 30", "amount: thirty") for line in ls])
    assert error.field.endswith("amount") and error.line is not None
    error = _broken(tmp_path, folders, lambda ls: ls[:20] + ["  - : : ["] + ls[20:])
    assert error.line is not None and 18 <= error.line <= 23


def test_python_object_tag_is_refused(tmp_path: Path, folders: list[str]) -> None:
    error = _broken(tmp_path, folders, lambda ls: ls + ["extra: !!python/object/apply:os.system ['echo hi']"])
    assert error.line == len((tmp_path / "facts" / "b_wire.yaml").read_text().splitlines())


def test_a_run_killed_midway_leaves_every_fact_file_whole(tmp_path: Path) -> None:
    import os
    import shutil
    import signal
    import subprocess
    import sys
    import time

    from reconcile.store import load_fact_file

    articles = tmp_path / "articles"
    articles.mkdir()
    fixtures = Path(__file__).parent / "fixtures" / "story"
    for index in range(60):
        for path in fixtures.glob("*.*"):
            if path.name != "sources.yaml":
                shutil.copy(path, articles / f"{index:02d}_{path.name}")
    facts = tmp_path / "facts"
    args = [sys.executable, "-m", "reconcile", "extract", "--articles", str(articles), "--facts", str(facts), "-q"]
    env = {**os.environ, "RECONCILE_NO_MODEL": "1"}
    assert subprocess.run(args, env=env, capture_output=True).returncode == 0
    # A person's review, then a re-extraction killed while it rewrites the files.
    reviewed = facts / "00_a_lemonde.yaml"
    reviewed.write_text(
        reviewed.read_text(encoding="utf-8").replace("\n    status: unreviewed", "\n    status: confirmed", 1),
        encoding="utf-8",
    )
    for path in articles.glob("*_b_wire.md"):
        path.write_text(path.read_text(encoding="utf-8") + "\nNorvale a recruté 40 ingénieurs.\n", encoding="utf-8")
    process = subprocess.Popen(args, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(
        "40 ingénieurs" in p.read_text(encoding="utf-8") for p in facts.glob("*_b_wire.yaml")
    ):
        time.sleep(0.01)
    assert process.poll() is None  # still running: it is killed midway
    process.send_signal(signal.SIGKILL)
    process.wait()
    updated = sum("40 ingénieurs" in p.read_text(encoding="utf-8") for p in facts.glob("*_b_wire.yaml"))
    assert 0 < updated < 60
    for path in facts.glob("*.yaml"):
        load_fact_file(path)  # old or new, never half-written
    assert "status: confirmed" in reviewed.read_text(encoding="utf-8")
    assert subprocess.run(args, env=env, capture_output=True).returncode == 0
    assert "status: confirmed" in reviewed.read_text(encoding="utf-8")
    assert all("40 ingénieurs" in p.read_text(encoding="utf-8") for p in facts.glob("*_b_wire.yaml"))
