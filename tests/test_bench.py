"""The benchmark's generator writes articles reconcile actually reads, with contradictions it actually finds."""

from __future__ import annotations

import json
import re
import resource
import sys
from pathlib import Path

from click.testing import CliRunner

from reconcile.bench.claims import write_claims
from reconcile.bench.corpus import name_of, plan_stories, write_corpus
from reconcile.bench.run import Row, measure, render_table
from reconcile.bench.score import score_contradictions, score_facts
from reconcile.cli import main
from reconcile.grouping import same_entity
from reconcile.truth import fuse_csv


def test_a_tiny_corpus_is_read_back_with_its_facts_and_contradictions(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, articles=9, sources=3, seed=3)
    files = sorted(corpus.articles.glob("*.txt"))
    assert len(files) == 9
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = [len(t.split("---\n", 2)[2].split()) for t in texts]
    assert all(540 <= w <= 700 for w in words), words
    assert {re.search(r"language: (\w+)", t).group(1) for t in texts} == {"fr", "en"}
    assert not re.search(r"Sam|Altman|OpenAI|Microsoft", "".join(texts))  # invented names only

    result = CliRunner().invoke(
        main,
        [
            "check",
            "--articles",
            str(corpus.articles),
            "--facts",
            str(tmp_path / "facts"),
            "--format",
            "json",
            "--exit-zero",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))

    facts = score_facts(report, truth)
    assert facts.recall >= 0.95, facts.missed
    assert facts.unmatched == 0  # the filler states no fact

    found = score_contradictions(report, truth)
    assert found.injected >= 15
    assert found.false_alarms == 0
    assert found.kind_accuracy == 1.0
    recovered = {kind for kind, n in found.found_by_kind.items() if n == found.injected_by_kind[kind]}
    assert {"value", "status", "succession", "claim"} <= recovered, found.found_by_kind
    assert found.found_by_kind["attributed"] >= 1


def test_generation_is_reproducible_and_stories_do_not_share_names(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", articles=10, sources=5, seed=11)
    again = write_corpus(tmp_path / "b", articles=10, sources=5, seed=11)
    for path in first.articles.iterdir():
        assert path.read_bytes() == (again.articles / path.name).read_bytes()
    stories = plan_stories(40, 3, seed=1)
    names = [n for s in stories for n in (s.org, s.rival, s.city, s.union, s.ceo.last, *(p.last for p in s.interims))]
    assert len(set(names)) == len(names)
    assert not any(same_entity(a, b) for i, a in enumerate(names) for b in names[i + 1 :])
    assert not same_entity(name_of(0), name_of(1)) and not same_entity(name_of(0), name_of(73))


def test_synthetic_claims_have_a_truth_the_estimator_mostly_finds(tmp_path: Path) -> None:
    claims, truth = write_claims(tmp_path, 2000, seed=2)
    assert len(claims.read_text(encoding="utf-8").splitlines()) == 2001
    _, report = fuse_csv(claims, "source", ["item"], "value", truth)
    assert report is not None and report.claims == 2000
    assert report.accuracy >= 0.9 and report.accuracy >= report.vote_accuracy - 0.02


def test_a_stage_is_timed_with_its_peak_memory_and_the_table_has_a_row_per_stage(tmp_path: Path) -> None:
    run = measure([sys.executable, "-c", "x = bytearray(80 * 2**20); print('done')"], tmp_path / "out.txt")
    assert run.ok and (tmp_path / "out.txt").read_text() == "done\n"
    # Linux keeps a forked child's peak across exec, so it may start from this process's own size.
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert 80 <= run.peak_mb < max(400, own_mb + 150) and run.tree_mb >= run.peak_mb
    slow = measure([sys.executable, "-c", "import time; time.sleep(30)"], tmp_path / "slow.txt", timeout=0.5)
    assert slow.timed_out and not slow.ok and slow.seconds < 10
    table = render_table([Row("extract", 100, 800, run, recall=0.99, alarms=0), Row("fuse", None, 1000, slow)])
    lines = table.splitlines()
    assert len(lines) == 4 and "timeout" in lines[3] and "0.990" in lines[2]
