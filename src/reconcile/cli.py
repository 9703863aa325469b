"""The command line: parse options, call the library, pick the exit code.

Exit codes: 0 done (for `check`: no contradictions), 1 contradictions found (`check`),
2 bad usage or bad input.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console

from reconcile.errors import BadInput
from reconcile.lock import LOCK_NAME, LockBusy, folder_lock
from reconcile.models import ContradictionKind
from reconcile.parallel import Workers
from reconcile.pipeline import Folders, export, export_reports, extract_all, fresh_reconciliation, load_story
from reconcile.report import SUFFIXES, ExportFormat
from reconcile.report.terminal import render_all, render_contradictions

if TYPE_CHECKING:  # rich's progress bar is imported only when one is shown
    from rich.progress import Progress, TaskID

EXIT_OK, EXIT_FOUND, EXIT_BAD_INPUT, EXIT_BUSY = 0, 1, 2, 3


def _folder_options(command: Callable[..., Any] | None = None, *, lock: bool = True) -> Any:
    """--articles, --facts, --reports, --workers, --debug and --quiet, shared by every command.

    A command that may write the facts folder (`lock=True`) holds its lock while it runs.
    Articles that could not be read were skipped by the command; each gets one line on stderr
    at the end, and the exit code is then 2.
    """
    if command is None:
        return functools.partial(_folder_options, lock=lock)

    @click.option(
        "--articles",
        "articles",
        type=click.Path(path_type=Path),
        default=Path("articles"),
        show_default=True,
        help="Folder of articles (.txt, .md, .html) and sources.yaml.",
    )
    @click.option(
        "--facts",
        "facts",
        type=click.Path(path_type=Path),
        default=Path("facts"),
        show_default=True,
        help="Folder of fact files, one YAML per article.",
    )
    @click.option(
        "--reports",
        "reports",
        type=click.Path(path_type=Path),
        default=Path("reports"),
        show_default=True,
        help="Folder the contradiction reports are written to.",
    )
    @click.option(
        "--workers",
        "-j",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help="Extract and reconcile in this many local processes.",
    )
    @click.option(
        "--dask-scheduler", metavar="ADDRESS", help="Send the work to a Dask cluster (tcp://host:8786) instead."
    )
    @click.option(
        "--jsonl", is_flag=True, help="Also keep every fact in facts/facts.jsonl, read back instead of the YAML files."
    )
    @click.option(
        "--lock-timeout",
        type=click.FloatRange(min=0),
        metavar="SECONDS",
        help="Give up (exit 3) when another run holds the facts folder this long; default: wait.",
    )
    @click.option("--debug", is_flag=True, help="Show a traceback on errors.")
    @click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary on stderr.")
    @functools.wraps(command)
    def wrapper(
        articles: Path,
        facts: Path,
        reports: Path,
        workers: int,
        dask_scheduler: str | None,
        jsonl: bool,
        lock_timeout: float | None,
        debug: bool,
        quiet: bool,
        **kwargs: Any,
    ) -> Any:
        folders = Folders(
            articles=articles,
            facts=facts,
            reports=reports,
            quiet=quiet,
            workers=Workers(workers, dask_scheduler),
            jsonl=jsonl,
        )
        code = EXIT_OK
        try:
            if lock:
                waiting = lambda holder: _say(folders, f"waiting for {facts / LOCK_NAME}, held by {holder}")  # noqa: E731
                with folder_lock(facts, f"reconcile {click.get_current_context().info_name}", lock_timeout, waiting):
                    command(folders, **kwargs)
            else:
                command(folders, **kwargs)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else EXIT_OK
        except LockBusy as err:
            click.echo(f"error: {err.location_line()}", err=True)
            sys.exit(EXIT_BUSY)
        except BadInput as err:
            if debug:
                raise
            for line in _problem_lines(folders):
                click.echo(f"error: {line}", err=True)
            click.echo(f"error: {err.location_line()}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        for line in _problem_lines(folders):
            click.echo(f"error: {line}", err=True)
        sys.exit(EXIT_BAD_INPUT if folders.problems else code)

    return wrapper


def _problem_lines(folders: Folders) -> list[str]:
    """One line per problem the run skipped past, each once (a command may read the folder twice)."""
    return list(dict.fromkeys(problem.location_line() for problem in folders.problems))


def _stdout() -> Console:
    return Console(file=click.get_text_stream("stdout"), highlight=False)


class ProgressBar:
    """A progress bar on stderr while articles are extracted; silent off a terminal or with --quiet."""

    def __init__(self, quiet: bool) -> None:
        stderr = click.get_text_stream("stderr")
        self.enabled = not quiet and stderr.isatty()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn("extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}"),
                console=Console(file=stderr),
                transient=True,
            )

    def __call__(self, done: int, total: int, message: str) -> None:
        if self._progress is None:
            return
        if self._task is None:
            self._progress.start()
            self._task = self._progress.add_task("", total=total)
        self._progress.update(self._task, completed=done, description=message.split(":")[0])
        if done >= total:
            self._progress.stop()


def _say(folders: Folders, message: str) -> None:
    """A summary line on stderr, unless --quiet."""
    if not folders.quiet:
        click.echo(message, err=True)


def _progress(quiet: bool = False) -> ProgressBar:
    return ProgressBar(quiet)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reconcile")
def main() -> None:
    """Find where news articles about one story agree and where they contradict each other.

    \b
    Exit codes: 0 done (check: no contradictions), 1 contradictions found (check),
    2 bad usage or bad input (one line naming the file, and the line for YAML).
    """


@main.command()
@_folder_options
def extract(folders: Folders) -> None:
    """Extract facts from every article into facts/, keeping a person's edits.

    Example: reconcile extract --articles articles --facts facts
    """
    files = extract_all(folders, force=True, progress=_progress(folders.quiet))
    _say(folders, f"{sum(len(f.facts) for f in files)} facts from {len(files)} articles in {folders.facts}")


@main.command()
@click.option("--source", "source", metavar="NAME", help="Only this article (its file name).")
@_folder_options
def report(folders: Folders, source: str | None) -> None:
    """Print, for each source, what it states and which sources agree or contradict it.

    Example: reconcile report --source 002_93fdc74b7b2f05f8.txt
    """
    reconciliation = load_story(folders, progress=_progress(folders.quiet))
    if source is not None and source not in {s.name for s in reconciliation.sources}:
        raise click.BadParameter(f"no article named {source!r} in {folders.articles}", param_hint="--source")
    render_all(_stdout(), reconciliation, only=source)


@main.command("export")
@click.option(
    "--format",
    "export_format",
    type=click.Choice([f.value for f in ExportFormat]),
    default="json",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--what",
    type=click.Choice(["contradictions", "facts"]),
    default="contradictions",
    show_default=True,
    help="csv only: one row per contradiction, or one row per fact.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File to write (default: reports/contradictions.EXT; '-' for stdout).",
)
@_folder_options
def export_command(folders: Folders, export_format: str, what: str, output: Path | None) -> None:
    """Write the report as JSON, JSON Lines, Markdown, CSV, HTML or ClaimReview JSON-LD.

    Example: reconcile export --format html -o reports/contradictions.html
    """
    from reconcile.pipeline import render_report

    chosen = ExportFormat(export_format)
    reconciliation = load_story(folders, progress=_progress(folders.quiet))
    if output is not None and str(output) == "-":
        click.echo(render_report(reconciliation, chosen, folders.articles, what), nl=False)
        return
    suffix = SUFFIXES[chosen] if what == "contradictions" else ".facts" + SUFFIXES[chosen]
    path = output or folders.reports / f"contradictions{suffix}"
    export(reconciliation, chosen, path, folders.articles, what)
    _say(folders, f"wrote {path}")


@main.command()
@click.option(
    "--fail-on",
    default="any",
    show_default=True,
    metavar="any|value|SEVERITY",
    help="Exit 1 only for contradictions of this kind (value) or at or above this severity (0-1).",
)
@click.option("--exit-zero", is_flag=True, help="Always exit 0 (still prints the contradictions).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv", "markdown"]),
    default="table",
    show_default=True,
    help="How to print the contradictions on stdout.",
)
@_folder_options
def check(folders: Folders, fail_on: str, exit_zero: bool, output_format: str) -> None:
    """Print the contradictions; exit 1 when any is at or above --fail-on.

    \b
    Exit codes: 0 nothing at or above --fail-on (or --exit-zero), 1 contradictions found,
    2 bad usage or bad input.
    Example: reconcile check --fail-on 0.7 --format json
    """
    threshold = _fail_threshold(fail_on)
    reconciliation = load_story(folders)
    if output_format == "table":
        render_contradictions(_stdout(), reconciliation)
    else:
        from reconcile.report import render

        chosen = ExportFormat(output_format)
        click.echo(render(reconciliation, chosen), nl=False)
    failing = [c for c in reconciliation.contradictions if threshold(c)]
    _say(
        folders, f"{len(reconciliation.contradictions)} contradictions, {len(failing)} at or above --fail-on {fail_on}"
    )
    sys.exit(EXIT_OK if exit_zero or not failing else EXIT_FOUND)


def _fail_threshold(fail_on: str) -> Callable[[Any], bool]:
    if fail_on == "any":
        return lambda c: True
    if fail_on in {k.value for k in ContradictionKind}:
        return lambda c: c.kind.value == fail_on
    try:
        level = float(fail_on)
    except ValueError:
        raise click.BadParameter(
            "use any, a contradiction kind (value, status, ...) or a severity between 0 and 1", param_hint="--fail-on"
        ) from None
    if not 0 <= level <= 1:
        raise click.BadParameter("a severity is between 0 and 1", param_hint="--fail-on")
    return lambda c: c.severity >= level


@main.command()
@_folder_options(lock=False)
def validate(folders: Folders) -> None:
    """Check every fact file against the schema: one `file:line: field: problem` line per error.

    Exit 2 when there is an error, 0 when every file is sound.
    Example: reconcile validate --facts facts
    """
    from reconcile.store import validate_fact_file

    if not folders.facts.is_dir():
        raise BadInput(folders.facts, "facts folder not found")
    files = sorted(folders.facts.glob("*.yaml"))
    problems = [p for path in files for p in validate_fact_file(path)]
    for problem in problems:
        click.echo(problem.location_line(), err=False)
    _say(folders, f"{len(files)} fact files, {len(problems)} problems")
    sys.exit(EXIT_BAD_INPUT if problems else EXIT_OK)


@main.command()
@_folder_options
def run(folders: Folders) -> None:
    """The whole job: extract, reconcile, print the per-source reports, write reports/.

    Example: reconcile run --articles articles --facts facts --reports reports
    """
    extract_all(folders, force=True, progress=_progress(folders.quiet))
    reconciliation = load_story(folders)
    render_all(_stdout(), reconciliation)
    for path in export_reports(reconciliation, folders.reports, folders.articles):
        _say(folders, f"wrote {path}")
    _say(
        folders,
        f"{len(reconciliation.sources)} sources, {len(reconciliation.facts)} facts, "
        f"{len(reconciliation.contradictions)} contradictions",
    )


@main.command("eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_folder_options(lock=False)
def eval_command(folders: Folders, gold: Path, output_format: str) -> None:
    """Score freshly extracted facts, groups and contradictions against a gold file.

    Extraction runs in memory: nothing is written into the facts folder.

    Example: reconcile eval ../shared/gold/seeds.yaml --format json
    """
    from reconcile.evaluate import load_gold, render_text, score

    gold_data = load_gold(gold)
    report = score(gold_data, fresh_reconciliation(folders.articles))
    if output_format == "json":
        click.echo(report.model_dump_json(indent=2))
    else:
        click.echo(render_text(report), nl=False)


@main.command("eval-stories")
@click.argument("stories", type=click.Path(path_type=Path), default=Path("eval/stories"))
@click.option(
    "--cache",
    type=click.Path(path_type=Path),
    default=Path("eval/cache"),
    show_default=True,
    help="Folder of cached article texts, one sub-folder per story.",
)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_folder_options(lock=False)
def eval_stories_command(folders: Folders, stories: Path, cache: Path, output_format: str) -> None:
    """Score every real story whose texts are cached: one row per story, the unseen one apart.

    A story is a folder with manifest.yaml and gold.yaml; its texts live in CACHE/<story>/.
    Stories whose texts are missing or changed are listed with how to rebuild them.

    Example: reconcile eval-stories eval/stories --cache eval/cache
    """
    from reconcile.stories import evaluate_story, render, story_folders

    results = [evaluate_story(folder, cache) for folder in story_folders(stories)]
    if output_format == "json":
        click.echo("[" + ",\n".join(r.model_dump_json(indent=2) for r in results) + "]")
    else:
        click.echo(render(results, cache, stories), nl=False)


@main.command()
@click.argument("claims", type=click.Path(path_type=Path))
@click.option("--source", "source_column", required=True, metavar="COL", help="Column naming the source of each claim.")
@click.option(
    "--item",
    "item_columns",
    required=True,
    multiple=True,
    metavar="COL",
    help="Column(s) naming the item; repeat for a tuple of columns.",
)
@click.option("--value", "value_column", required=True, metavar="COL", help="Column holding the claimed value.")
@click.option(
    "--truth",
    "truth_path",
    type=click.Path(path_type=Path),
    help="CSV of true values (same item and value columns) to score against.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="text/json: the scores (with --truth) or a summary; csv: one row per item with the estimate.",
)
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
def fuse(
    claims: Path,
    source_column: str,
    item_columns: tuple[str, ...],
    value_column: str,
    truth_path: Path | None,
    output_format: str,
    debug: bool,
) -> None:
    """Estimate the true value of each item from conflicting claims in a CSV, and each source's trust.

    Runs the estimator reconcile uses on stories (see the README) on structured claims, so it can
    be measured on public benchmarks; with --truth it prints its accuracy beside majority voting.

    Example: reconcile fuse claims.csv --source SourceID --item ObjectID --item PropertyID --value PropertyValue --truth truth.csv --format json
    """
    import csv as csv_module
    import json

    from reconcile.truth import fuse_csv

    try:
        result, report = fuse_csv(claims, source_column, list(item_columns), value_column, truth_path)
    except BadInput as err:
        if debug:
            raise
        click.echo(f"error: {err.location_line()}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if output_format == "csv":
        writer = csv_module.writer(click.get_text_stream("stdout"), lineterminator="\n")
        writer.writerow([*item_columns, value_column, "confidence", "support"])
        for item in result.items:
            writer.writerow([*item.item, item.value, f"{item.confidence:.4f}", len(item.support)])
        return
    summary = {"claims_items": len(result.items), "sources": len(result.sources), "iterations": result.iterations}
    if report is not None:
        summary = report.model_dump()
    if output_format == "json":
        click.echo(json.dumps(summary, indent=2))
    elif report is not None:
        click.echo(
            f"accuracy {report.accuracy:.3f} over {report.items_scored} items (majority vote {report.vote_accuracy:.3f}); "
            f"{report.claims} claims, {report.sources} sources, {report.iterations} iterations, {report.seconds:.1f} s"
        )
    else:
        click.echo(f"{summary['claims_items']} items, {summary['sources']} sources, {summary['iterations']} iterations")


@main.command()
@click.option("--source", "source", metavar="NAME", help="Only the facts of this article.")
@_folder_options
def review(folders: Folders, source: str | None) -> None:
    """Walk the unreviewed facts one by one and record a verdict for each.

    \b
    Answers (read from standard input, one per line, so a session can be scripted):
      c confirm | r reject | e FIELD=VALUE correct | n TEXT note | s skip | q quit
    Each answer is written to the fact file at once; quitting midway loses nothing.
    Example: printf 'c\\nr\\nq\\n' | reconcile review --source a.txt
    """
    from rich.panel import Panel
    from rich.text import Text

    from reconcile.pipeline import extract_all
    from reconcile.review import AnswerError, apply_answer, paragraph, save_review

    files = extract_all(folders, force=False)
    from reconcile.ingest import read_articles

    texts = {a.source.name: a.text for a in read_articles(folders.articles, folders.problems)}
    console = _stdout()
    stdin = click.get_text_stream("stdin")
    pending = [
        f
        for file in files
        for f in file.facts
        if f.review.status.value == "unreviewed" and (source is None or f.source == source)
    ]
    done = 0
    for number, fact in enumerate(pending, 1):
        shown, left, right = paragraph(
            texts.get(fact.source, fact.evidence.quote), fact.evidence.start, fact.evidence.end
        )
        body = Text()
        body.append(shown[:left])
        body.append(shown[left:right], style="bold reverse")
        body.append(shown[right:])
        value = fact.value
        fields = (
            f"\nkind: {fact.kind.value}  subject: {fact.subject}  predicate: {fact.predicate}  object: {fact.object}"
        )
        if value is not None:
            fields += f"\nvalue: {value.amount} {value.unit or ''} ({value.qualifier.value})"
        body.append(fields, style="cyan")
        console.print(Panel(body, title=f"{number}/{len(pending)} {fact.id} \u2014 {fact.source}", title_align="left"))
        while True:
            console.print(
                "c confirm \u00b7 r reject \u00b7 e FIELD=VALUE \u00b7 n TEXT \u00b7 s skip \u00b7 q quit > ", end=""
            )
            line = stdin.readline()
            if not line or line.strip().lower() in ("q", "quit"):
                click.echo(f"{done} facts reviewed; the rest stay unreviewed", err=True)
                return
            try:
                changed, what = apply_answer(fact, line)
            except AnswerError as err:
                console.print(f"[red]{err}[/red]")
                continue
            if changed is not None:
                save_review(folders.facts, changed)
                fact = changed
                done += 1
            console.print(what)
            if line.strip().lower().split(" ")[0] in ("c", "confirm", "r", "reject", "s", "skip", ""):
                break
    click.echo(f"{done} answers recorded; no unreviewed facts left", err=True)
