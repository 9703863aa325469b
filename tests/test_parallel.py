"""Scale-out: a local process pool and a real Dask cluster give exactly the facts and
contradictions of a one-process run; JSON Lines facts; one run at a time per facts folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconcile.cli import main
from reconcile.lock import LOCK_NAME, folder_lock

FIXTURES = Path(__file__).parent / "fixtures"


def _many_articles(tmp_path: Path, copies: int = 4) -> Path:
    """The fixture story several times over, under other file names (enough for several batches)."""
    target = tmp_path / "articles"
    target.mkdir()
    for index in range(copies):
        for path in (FIXTURES / "story").glob("*.*"):
            if path.name != "sources.yaml":
                shutil.copy(path, target / f"{index}_{path.name}")
    return target


def _run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout, result.stderr


def _facts(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yaml"))}


def _contradictions(articles: Path, facts: Path, *options: str) -> list[dict]:
    code, out, err = _run(
        ["check", "--articles", str(articles), "--facts", str(facts), "--format", "json", "--exit-zero", "-q", *options]
    )
    assert code == 0, err
    return json.loads(out)["contradictions"]


def test_a_process_pool_gives_the_facts_of_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECONCILE_NO_MODEL", "1")  # rules only: each worker would load the model itself
    articles = _many_articles(tmp_path)
    one, two = tmp_path / "one", tmp_path / "two"
    assert _run(["extract", "--articles", str(articles), "--facts", str(one), "-q"])[0] == 0
    code, _, err = _run(["extract", "--articles", str(articles), "--facts", str(two), "-q", "--workers", "2"])
    assert code == 0, err
    assert len(_facts(one)) == 12
    assert _facts(one) == _facts(two)
    assert _contradictions(articles, one) == _contradictions(articles, two, "--workers", "2")


def test_a_dask_cluster_gives_the_facts_and_contradictions_of_a_local_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed")
    monkeypatch.setenv("RECONCILE_NO_MODEL", "1")
    articles = _many_articles(tmp_path, copies=2)
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert _run(["extract", "--articles", str(articles), "--facts", str(local), "-q"])[0] == 0
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, protocol="tcp"
    ) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        code, _, err = _run(
            [
                "extract",
                "--articles",
                str(articles),
                "--facts",
                str(remote),
                "-q",
                "--dask-scheduler",
                cluster.scheduler_address,
            ]
        )
        assert code == 0, err
        found_remotely = _contradictions(articles, remote, "--dask-scheduler", cluster.scheduler_address)
        # The work ran on the cluster: its scheduler saw the tasks of extraction and reconciliation.
        prefixes = set(cluster.scheduler.task_prefixes)
        assert {"extract_batch", "cluster_buckets", "contradictions_in"} <= prefixes, prefixes
    assert _facts(local) == _facts(remote)
    assert found_remotely and _contradictions(articles, local) == found_remotely


def test_an_unreachable_dask_scheduler_is_one_line_and_exit_2(folders: list[str]) -> None:
    pytest.importorskip("distributed")
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, _, err = _run(["extract", *folders, "--dask-scheduler", "tcp://127.0.0.1:9", "-q"])
    assert code == 2
    assert err.count("\n") == 1 and "tcp://127.0.0.1:9" in err and "Dask scheduler" in err


def test_jsonl_facts_are_read_back_and_a_newer_yaml_edit_wins(folders: list[str], tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    assert _run(["extract", *folders, "--jsonl", "-q"])[0] == 0
    lines = (facts / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and {json.loads(line)["source"]["name"] for line in lines} == {
        "a_lemonde.txt",
        "b_wire.md",
        "c_blog.html",
    }

    # A person rejects a fact in the YAML file after the JSON Lines file was written.
    path = facts / "a_lemonde.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\n    status: unreviewed" in text
    time.sleep(0.01)
    path.write_text(text.replace("\n    status: unreviewed", "\n    status: rejected", 1), encoding="utf-8")
    code, out, _ = _run(["export", *folders, "--format", "jsonl", "-o", "-", "-q"])
    assert code == 0
    jsonl = (facts / "facts.jsonl").read_text(encoding="utf-8")
    assert '"status":"rejected"' in jsonl  # rewritten from the newer YAML file


def test_a_broken_jsonl_line_is_located(folders: list[str], tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    assert _run(["extract", *folders, "--jsonl", "-q"])[0] == 0
    path = facts / "facts.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"sha256":"', '"sha256":7, "x":"', 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = _run(["check", *folders, "-q"])
    assert code == 2
    assert f"{path}:2:" in err


def test_a_second_run_waits_for_the_lock_and_says_who_holds_it(folders: list[str], tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    with folder_lock(facts, "reconcile run"):
        code, _, err = _run(["extract", *folders, "--lock-timeout", "0.3"])
        assert code == 3
        assert f"pid {os.getpid()}" in err and "reconcile run" in err and LOCK_NAME in err
        assert not list(facts.glob("*.yaml"))  # it wrote nothing while it did not hold the lock
    code, _, err = _run(["extract", *folders, "-q"])
    assert code == 0, err


def test_a_run_waits_then_proceeds_when_the_holder_finishes(folders: list[str], tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, time; from pathlib import Path; from reconcile.lock import folder_lock\n"
                f"with folder_lock(Path({str(facts)!r}), 'reconcile extract'):\n"
                "    print('held', flush=True); time.sleep(1.0)\n"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        code, _, err = _run(["extract", *folders])
        assert code == 0, err
        assert "waiting for" in err and f"pid {holder.pid}" in err
        assert time.monotonic() - started >= 0.3
    finally:
        holder.wait(timeout=10)
    assert len(list(facts.glob("*.yaml"))) == 3
