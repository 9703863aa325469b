"""Run the benchmark: generate corpora, time each stage through the command line, print one table.

Each stage runs as its own child process (`reconcile extract`, `reconcile check`, `reconcile fuse`),
so its time and memory are its own. Peak memory is what the kernel reports for the child when it
is reaped (`os.wait4`): the largest resident set of any one process of the stage (the command or
a worker it started and waited for). The tree column adds up the resident sets of all the
stage's processes, sampled every 0.2 s.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import click

from reconcile.bench.claims import write_claims
from reconcile.bench.corpus import write_corpus
from reconcile.bench.score import facts_from_folder, score_contradictions, score_facts

PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_SECONDS = 0.2


@dataclass
class Run:
    """One child process's wall time, exit code and memory."""

    seconds: float
    returncode: int
    peak_mb: float  # largest single process
    tree_mb: float  # all the stage's processes together, sampled
    timed_out: bool = False
    load: float = 0.0  # the machine's 1-minute load average when the stage ended

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def _session_rss(session: int) -> int:
    """Bytes resident in every process of a session (the stage and any worker it started)."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            if int(fields[3]) != session:  # fields after the name: state ppid pgrp session ...
                continue
            with open(f"/proc/{entry}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def measure(command: list[str], stdout: Path, env: dict[str, str] | None = None, timeout: float | None = None) -> Run:
    """Run `command` to completion (or `timeout` seconds), stdout to a file; its time and memory."""
    stderr = stdout.with_suffix(".stderr")
    with stdout.open("wb") as out, stderr.open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, start_new_session=True)
        tree = [0]
        done = threading.Event()
        timed_out = threading.Event()

        def sample() -> None:
            while not done.wait(SAMPLE_SECONDS):
                tree[0] = max(tree[0], _session_rss(process.pid))

        def stop() -> None:
            timed_out.set()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timer = threading.Timer(timeout, stop) if timeout else None
        if timer is not None:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        if timer is not None:
            timer.cancel()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    if process.returncode != 0 and not timed_out.is_set():
        tail = stderr.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
        click.echo(f"  {' '.join(command[2:4])} exited {process.returncode}: " + " / ".join(tail), err=True)
    peak = usage.ru_maxrss * 1024  # kilobytes on Linux
    return Run(
        seconds, process.returncode, peak / 2**20, max(tree[0], peak) / 2**20, timed_out.is_set(), os.getloadavg()[0]
    )


@dataclass
class Row:
    stage: str
    articles: int | None
    items: int | None  # facts (articles) or claims (fuse)
    run: Run | None = None
    seconds: float | None = None  # when there is no child process (generation)
    recall: float | None = None
    alarms: int | None = None
    kind: float | None = None
    note: str = ""


def reconcile_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "reconcile", *args]


def has_workers() -> bool:
    """Whether `reconcile extract` takes --workers (it is being added alongside this benchmark)."""
    result = subprocess.run(reconcile_command("extract", "--help"), capture_output=True, text=True)
    return "--workers" in result.stdout


def _env(rules_only: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("RECONCILE_NO_MODEL", None)
    if rules_only:
        env["RECONCILE_NO_MODEL"] = "1"
    return env


def bench_articles(
    size: int, folder: Path, sources: int, seed: int, workers: int | None, rules_only: bool, timeout: float | None
) -> list[Row]:
    """Generate, extract and check one corpus size; one row per stage."""
    click.echo(f"{size:,} articles: generating", err=True)
    started = time.perf_counter()
    corpus = write_corpus(folder, size, sources, seed)
    generated = time.perf_counter() - started
    articles = corpus.size
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    rows = [Row("generate", articles, None, seconds=generated)]
    for rules in (False, True) if rules_only else (False,):
        facts = folder / ("facts-rules" if rules else "facts")
        label = "extract, rules only" if rules else "extract"
        extra = ["--workers", str(workers)] if workers else []
        click.echo(f"{articles:,} articles: {label}", err=True)
        extract = measure(
            reconcile_command("extract", "--articles", str(corpus.articles), "--facts", str(facts), "-q", *extra),
            folder / f"{label.replace(', ', '-').replace(' ', '-')}.out",
            _env(rules),
            timeout,
        )
        extract_row = Row(label + (f" ({workers} workers)" if workers else ""), articles, None, extract)
        rows.append(extract_row)
        if not extract.ok:
            break
        if rules:  # the facts are all this row needs: read them from the files, no reconciliation
            found = score_facts({"facts": facts_from_folder(facts)}, truth)
            extract_row.items, extract_row.recall, extract_row.alarms = found.extracted, found.recall, found.unmatched
            break
        click.echo(f"{articles:,} articles: check", err=True)
        report_path = folder / "check.json"
        check = measure(
            reconcile_command(
                "check",
                "--articles",
                str(corpus.articles),
                "--facts",
                str(facts),
                "--format",
                "json",
                "--exit-zero",
                "-q",
            ),
            report_path,
            _env(rules),
            timeout,
        )
        if check.ok:
            report = json.loads(report_path.read_text(encoding="utf-8"))
        else:
            report = {"facts": facts_from_folder(facts), "contradictions": []}
        found = score_facts(report, truth)
        extract_row.items, extract_row.recall, extract_row.alarms = found.extracted, found.recall, found.unmatched
        if found.missed:
            extract_row.note = "missed " + ", ".join(f"{topic} {n}" for topic, n in found.missed.most_common())
        if not check.ok:
            rows.append(Row("check", articles, len(report["facts"]), check))
            continue
        scored = score_contradictions(report, truth)
        row = Row(
            "check",
            articles,
            len(report["facts"]),
            check,
            recall=scored.recall,
            alarms=scored.false_alarms,
            kind=scored.kind_accuracy,
        )
        row.note = f"{scored.found}/{scored.injected} found, {scored.reported} reported; by kind " + ", ".join(
            f"{k} {scored.found_by_kind[k]}/{n}" for k, n in sorted(scored.injected_by_kind.items())
        )
        if scored.alarms_by_topic:
            row.note += "; false alarms on " + ", ".join(f"{t} {n}" for t, n in scored.alarms_by_topic.most_common())
        rows.append(row)
    return rows


def bench_fuse(claims: int, folder: Path, seed: int, timeout: float | None) -> list[Row]:
    click.echo(f"{claims:,} claims: generating", err=True)
    claims_path, truth_path = write_claims(folder, claims, seed)
    click.echo(f"{claims:,} claims: fuse", err=True)
    out = folder / f"fuse-{claims}.json"
    run = measure(
        reconcile_command(
            "fuse",
            str(claims_path),
            "--source",
            "source",
            "--item",
            "item",
            "--value",
            "value",
            "--truth",
            str(truth_path),
            "--format",
            "json",
        ),
        out,
        _env(False),
        timeout,
    )
    row = Row("fuse", None, claims, run)
    if run.ok:
        report = json.loads(out.read_text(encoding="utf-8"))
        row.recall = report["accuracy"]
        row.note = (
            f"accuracy {report['accuracy']:.3f} against majority vote {report['vote_accuracy']:.3f}; "
            f"{report['items']:,} items, {report['sources']:,} sources, {report['iterations']} iterations, "
            f"{report['seconds']:.1f} s inside"
        )
    return [row]


# --- the table -----------------------------------------------------------------------------


def _number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def _cells(row: Row) -> list[str]:
    run = row.run
    seconds = run.seconds if run is not None else row.seconds
    failed = run is not None and not run.ok
    rate = lambda count: "–" if failed or count is None or not seconds else _number(count / seconds)  # noqa: E731
    status = (
        "timeout"
        if run is not None and run.timed_out
        else f"exit {run.returncode}"
        if run is not None and failed
        else ""
    )
    return [
        row.stage,
        _number(row.articles),
        _number(row.items),
        (_number(seconds, 1) + (f" ({status})" if status else "")),
        rate(row.articles),
        rate(row.items),
        _number(run.peak_mb) if run is not None else "–",
        _number(run.tree_mb) if run is not None else "–",
        "–" if row.recall is None else f"{row.recall:.3f}",
        _number(row.alarms),
        "–" if row.kind is None else f"{row.kind:.3f}",
    ]


HEADER = [
    "stage",
    "articles",
    "facts / claims",
    "seconds",
    "articles/s",
    "facts/s",
    "peak MB¹",
    "tree MB²",
    "recall³",
    "false alarms⁴",
    "kind right⁵",
]


def render_table(rows: list[Row]) -> str:
    """A Markdown table of the rows, with numbered notes."""
    cells = [HEADER] + [_cells(r) for r in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(HEADER))]

    def line(values: list[str]) -> str:
        return (
            "| "
            + " | ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(values, widths)))
            + " |"
        )

    rule = "|" + "|".join(("-" * (w + 1) + ":") if i else ("-" * (w + 2)) for i, w in enumerate(widths)) + "|"
    return "\n".join([line(cells[0]), rule] + [line(c) for c in cells[1:]])


NOTES = [
    "¹ peak MB: the largest resident set of any single process of the stage (the command, or a worker it started), "
    "as the kernel reports it when the stage's process is reaped (os.wait4 ru_maxrss).",
    "² tree MB: the resident sets of all the stage's processes added up, sampled every 0.2 s (at least the peak).",
    "³ recall: extract, the share of the articles' known facts found in their fact files; check, the share of "
    "injected contradictions reported (same story and topic, involving a source from each side); fuse, the "
    "estimate's accuracy against the true values.",
    "⁴ false alarms: extract, extracted facts that state none of the known ones; check, reported contradictions "
    "that match no injected one.",
    "⁵ kind right: of the injected contradictions found, the share reported with the injected kind.",
]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--sizes", default="100,1000,10000", show_default=True, help="Article counts to generate and measure.")
@click.option(
    "--claims",
    "claim_sizes",
    default="10000,100000,1000000",
    show_default=True,
    help="Claim counts for the fuse stage (empty for none).",
)
@click.option("--sources", default=5, show_default=True, help="Sources (articles) per story.")
@click.option("--seed", default=0, show_default=True, help="Seed of the generators.")
@click.option("--workers", default=2, show_default=True, help="--workers for extract, when reconcile extract takes it.")
@click.option(
    "--rules-only",
    "rules_size",
    default=1000,
    show_default=True,
    help="Also extract this size with RECONCILE_NO_MODEL=1 (0: never).",
)
@click.option("--timeout", default=900.0, show_default=True, help="Seconds before a stage is stopped.")
@click.option("--keep", type=click.Path(path_type=Path), default=None, help="Keep corpora, facts and reports here.")
def main(
    sizes: str,
    claim_sizes: str,
    sources: int,
    seed: int,
    workers: int,
    rules_size: int,
    timeout: float,
    keep: Path | None,
) -> None:
    """Generate synthetic corpora and claims, time each stage, print one table (Markdown) on stdout.

    Example: python -m reconcile.bench --sizes 100,1000 --claims 100000 --keep /tmp/bench
    """
    article_sizes = [int(s.replace("_", "")) for s in sizes.split(",") if s.strip()]
    claim_counts = [int(s.replace("_", "")) for s in claim_sizes.split(",") if s.strip()]
    use_workers = workers if workers > 1 and has_workers() else None
    if workers > 1 and use_workers is None:
        click.echo("reconcile extract has no --workers yet: extraction runs in one process", err=True)
    root = keep or Path(tempfile.mkdtemp(prefix="reconcile-bench-"))
    started = time.perf_counter()
    rows: list[Row] = []
    try:
        for size in article_sizes:
            folder = root / f"articles-{size}"
            shutil.rmtree(folder, ignore_errors=True)
            rows += bench_articles(size, folder, sources, seed, use_workers, size == rules_size, timeout)
            if keep is None:
                shutil.rmtree(folder, ignore_errors=True)
        for count in claim_counts:
            folder = root / "claims"
            rows += bench_fuse(count, folder, seed, timeout)
            if keep is None:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)
    click.echo(render_table(rows))
    click.echo()
    notes = list(NOTES)
    if use_workers is None:
        notes.append("Extraction ran in one process: `reconcile extract --help` lists no --workers.")
    notes.append(
        f"Stories of {sources} sources (French and English alternately), about 600 words an article, seed {seed}; "
        f"{os.cpu_count()} CPUs; the spaCy model on unless the stage says rules only; total {time.perf_counter() - started:,.0f} s."
    )
    loads = [r.run.load for r in rows if r.run is not None]
    if loads:
        notes.append(
            f"Load average (1 min) when each stage ended: {min(loads):.1f} to {max(loads):.1f} "
            "(other work on the machine slows the stages down)."
        )
    for row in rows:
        if row.note:
            counted = f"{row.articles:,} articles" if row.articles else f"{row.items:,} claims"
            notes.append(f"{row.stage}, {counted}: {row.note}.")
    click.echo("\n".join(notes))
