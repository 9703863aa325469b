"""The whole job over folders: articles -> fact files -> reconciliation, and where each step writes."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reconcile.errors import BadInput
from reconcile.grouping import load_aliases
from reconcile.ingest import Article, read_articles
from reconcile.models import Fact, FactFile, Reconciliation
from reconcile.parallel import (
    InlineExecutor,
    Workers,
    batch_size,
    executor_for,
    map_batches,
)
from reconcile.parallel import (
    batches as parallel_batches,
)
from reconcile.reconcile import ReconcileConfig, reconcile
from reconcile.report import REPORT_FORMATS, SUFFIXES, ExportFormat, render
from reconcile.store import (
    JSONL_NAME,
    fact_file_path,
    load_fact_file,
    read_jsonl,
    save_facts,
    write_atomic,
    write_jsonl,
)

if TYPE_CHECKING:  # extraction is imported where it runs: `check` on fresh fact files never needs it
    from reconcile.extract import ExtractConfig

ARTICLES_PER_TASK = 16  # so fact files are written, and progress shown, while extraction goes on

Progress = Callable[[int, int, str], None]
"""Called after each article: (done, total, what happened)."""


@dataclass(frozen=True)
class Folders:
    articles: Path
    facts: Path
    reports: Path
    quiet: bool = False
    workers: Workers = Workers()
    jsonl: bool = False  # also keep facts/facts.jsonl
    problems: list[BadInput] = field(default_factory=list)  # bad articles skipped, reported at the end


def story_people(articles: list[Article], executor: Executor | None = None) -> tuple[str, ...]:
    """The full names of people the story's articles use, for lone surnames (found by the rules, in batches)."""
    executor = executor or InlineExecutor()
    names: set[str] = set()
    for found in map_batches(executor, people_in, articles, batch_size(len(articles), executor, ARTICLES_PER_TASK)):
        names.update(found)
    return tuple(sorted(names))


def story_config(articles: list[Article], executor: Executor | None = None) -> ExtractConfig:
    """Extraction settings for one story: the default tables and model, and the story's people."""
    from dataclasses import replace

    from reconcile.extract import ExtractConfig

    return replace(ExtractConfig.default(), story_people=story_people(articles, executor))


def people_in(articles: list[Article]) -> list[str]:
    """Full names of people (two words or more) the articles mention, by the rules alone (a worker task)."""
    from reconcile.extract.entities import find_mentions
    from reconcile.extract.language import split_sentences

    lexicon = _process_config(False).lexicon
    names: set[str] = set()
    for article in articles:
        language = article.source.language if article.source.language in ("fr", "en") else "fr"
        sentences = split_sentences(article.text, language)
        for mention in find_mentions(article.text, sentences, lexicon).mentions:
            if mention.type == "person" and len(mention.name.split()) >= 2:
                names.add(mention.name)
    return sorted(names)


@lru_cache(maxsize=2)
def _process_config(use_model: bool) -> ExtractConfig:
    """The extraction tables (and model) of this process, loaded once per worker."""
    from reconcile.extract import ExtractConfig

    return ExtractConfig.default(use_model)


def extract_batch(articles: list[Article], story_people: tuple[str, ...], use_model: bool) -> list[list[Fact]]:
    """The facts of each article (a worker task: everything it needs travels with it)."""
    from dataclasses import replace

    from reconcile.extract import extract_article

    config = replace(_process_config(use_model), story_people=story_people)
    return [extract_article(article, config) for article in articles]


COPY_HEAD = 3000  # characters of each text compared when looking for copies
SAMPLE = 4  # one five-word shingle in SAMPLE (chosen by its hash) stands for the text
BOILERPLATE = 200  # a shingle in more articles than this is boilerplate, not a sign of copying


def copy_groups(articles: list[Article], threshold: float = 90.0) -> dict[str, str]:
    """Articles whose texts are near-identical (syndicated copies of one wire story) share a group.

    Texts are compared with rapidfuzz `ratio` on their first 3,000 characters, and only when
    they are candidates: lengths within 20%, and at least half of the shorter text's sampled
    five-word shingles in common (shingles kept by their hash, so two texts sample alike).
    Shingles found in more than BOILERPLATE articles are ignored, so the cost grows with the
    number of articles, not its square; a story copied more than 200 times is not grouped.
    """
    from collections import Counter

    from rapidfuzz import fuzz

    ordered = sorted(articles, key=lambda a: len(a.text))
    samples = [_sample(a.text[:COPY_HEAD]) for a in ordered]
    counts = Counter(value for sample in samples for value in sample)
    holders: dict[int, list[int]] = {}
    for index, sample in enumerate(samples):
        for value in sample:
            if counts[value] <= BOILERPLATE:
                holders.setdefault(value, []).append(index)
    group: dict[str, str] = {}
    for index, article in enumerate(ordered):
        if article.source.name in group:
            continue
        group[article.source.name] = article.source.name
        shared = Counter(j for value in samples[index] for j in holders.get(value, ()) if j > index)
        needed = max(1, len(samples[index]) // 2)
        head = article.text[:COPY_HEAD]
        for j in sorted(j for j, count in shared.items() if count >= needed):
            other = ordered[j]
            if len(other.text) > len(article.text) * 1.2:
                continue
            if other.source.name not in group and fuzz.ratio(head, other.text[:COPY_HEAD]) >= threshold:
                group[other.source.name] = article.source.name
    return group


def _sample(text: str) -> set[int]:
    import zlib

    words = text.lower().split()
    shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    hashes = {zlib.crc32(s.encode("utf-8")) for s in shingles}
    return {h for h in hashes if h % SAMPLE == 0} or set(sorted(hashes)[:1])


def extract_all(
    folders: Folders, force: bool = True, progress: Progress | None = None, executor: Executor | None = None
) -> list[FactFile]:
    """Extract every article into its fact file, merging a person's edits (see `extract_story`)."""
    return extract_story(folders, force, progress, executor)[1]


def extract_story(
    folders: Folders, force: bool = True, progress: Progress | None = None, executor: Executor | None = None
) -> tuple[list[Article], list[FactFile]]:
    """Extract every article into its fact file, merging a person's edits.

    With `force=False`, an article whose fact file already matches its cleaned text (same
    sha256) is not extracted again, and no model is loaded when none needs extracting. The
    extraction itself is submitted to `executor` in batches; fact files are written here.
    """
    articles = read_articles(folders.articles, folders.problems)
    if not articles and not folders.problems:
        raise BadInput(folders.articles, "no articles (.txt, .md, .html) in this folder")
    kept: dict[str, FactFile] = {}
    todo: list[Article] = []
    index = _JsonlIndex(folders.facts, wanted=folders.jsonl)
    for article in articles:
        path = fact_file_path(folders.facts, article.source.name)
        if not force and path.exists():
            current = index.get(path, article.source.name) or load_fact_file(path)
            if current.source.sha256 == article.source.sha256 and current.source == article.source:
                kept[article.source.name] = current
                continue
        todo.append(article)
    files: dict[str, FactFile] = dict(kept)
    if todo:
        if executor is None:
            with executor_for(folders.workers) as executor:
                files.update(_extract_into(folders, articles, todo, len(kept), executor, progress))
        else:
            files.update(_extract_into(folders, articles, todo, len(kept), executor, progress))
    result = [files[a.source.name] for a in articles]
    folders.problems.extend(orphan_fact_files(folders))
    if index.enabled and (todo or index.stale):
        write_jsonl(folders.facts, result)
    return articles, result


def _extract_into(
    folders: Folders,
    articles: list[Article],
    todo: list[Article],
    done: int,
    executor: Executor,
    progress: Progress | None,
) -> dict[str, FactFile]:
    """Extract `todo` through the executor and merge each article's facts into its fact file."""
    from reconcile.extract.ner import default_ner

    people = story_people(articles, executor)
    use_model = default_ner() is not None
    size = batch_size(len(todo), executor, ARTICLES_PER_TASK)
    files: dict[str, FactFile] = {}
    results = map_batches(executor, extract_batch, todo, size, people, use_model)
    for batch, facts_of in zip(parallel_batches(todo, size), results):
        for article, facts in zip(batch, facts_of):
            fact_file, changed = save_facts(folders.facts, article.source, facts)
            files[article.source.name] = fact_file
            done += 1
            if progress is not None:
                state = "written" if changed else "unchanged"
                path = fact_file_path(folders.facts, article.source.name)
                progress(done, len(articles), f"{article.source.name}: {len(fact_file.facts)} facts, {path} {state}")
    return files


def orphan_fact_files(folders: Folders) -> list[BadInput]:
    """Fact files whose article is gone: kept as they are (they may hold a person's review), not used."""
    from reconcile.ingest import list_article_files
    from reconcile.store import safe_load_yaml

    if not folders.facts.is_dir():
        return []
    stems = {path.stem for path in list_article_files(folders.articles)}
    problems = []
    for path in sorted(folders.facts.glob("*.yaml")):
        if path.stem in stems:
            continue
        try:
            data, marks = safe_load_yaml(path)
            source = data.get("source") if isinstance(data, dict) else None
            name = source.get("name") if isinstance(source, dict) else None
            line = marks.line(["source", "name"])
        except BadInput as error:
            problems.append(error)
            continue
        problems.append(
            BadInput(
                path,
                f"its article {name or path.stem!r} is not in {folders.articles}; the file is kept but not used",
                line,
                "source.name",
            )
        )
    return problems


class _JsonlIndex:
    """facts/facts.jsonl as a fast way to read fact files back.

    A line is used instead of the YAML file only when the YAML file is not newer than the
    JSON Lines file, so a person's edit to the YAML always wins. The file is kept (rewritten
    after any change) once it exists or when `--jsonl` asks for it.
    """

    def __init__(self, facts: Path, wanted: bool) -> None:
        self.path = facts / JSONL_NAME
        self.enabled = wanted or self.path.exists()
        self.stale = wanted and not self.path.exists()
        self._mtime = self.path.stat().st_mtime_ns if self.path.exists() else None
        self._files: dict[str, FactFile] | None = None

    def get(self, yaml_path: Path, name: str) -> FactFile | None:
        if self._mtime is None:
            return None
        if yaml_path.stat().st_mtime_ns > self._mtime:
            self.stale = True
            return None
        if self._files is None:
            self._files = read_jsonl(self.path.parent)
        found = self._files.get(name)
        if found is None:
            self.stale = True
        return found


def load_story(folders: Folders, progress: Progress | None = None, executor: Executor | None = None) -> Reconciliation:
    """Fact files for every article (extracting those missing or out of date), reconciled.

    Extraction and reconciliation share one executor, from `folders.workers` unless given.
    """
    if executor is None:
        with executor_for(folders.workers) as executor:
            return load_story(folders, progress, executor)
    articles, files = extract_story(folders, force=False, progress=progress, executor=executor)
    sources = [f.source for f in files]
    facts = [fact for f in files for fact in f.facts]
    copies = copy_groups(articles)
    config = ReconcileConfig(aliases=load_aliases(folders.articles), copy_groups=copies)
    return reconcile(sources, facts, config, executor)


def fresh_reconciliation(articles_dir: Path) -> Reconciliation:
    """Extract every article afresh (writing nothing) and reconcile: what `eval` measures."""
    articles = read_articles(articles_dir)
    config = story_config(articles)
    from reconcile.extract import extract_article

    facts = [fact for article in articles for fact in extract_article(article, config)]
    config_r = ReconcileConfig(aliases=load_aliases(articles_dir), copy_groups=copy_groups(articles))
    return reconcile([a.source for a in articles], facts, config_r)


def export(
    reconciliation: Reconciliation,
    export_format: ExportFormat,
    path: Path,
    articles: Path | None = None,
    what: str = "contradictions",
) -> None:
    """Write one report file atomically; html quotes paragraphs from the articles folder."""
    write_atomic(path, render_report(reconciliation, export_format, articles, what))


def render_report(
    reconciliation: Reconciliation,
    export_format: ExportFormat,
    articles: Path | None = None,
    what: str = "contradictions",
) -> str:
    if export_format is ExportFormat.csv and what == "facts":
        from reconcile.report.csv_format import render_facts

        return render_facts(reconciliation)
    texts = None
    if export_format is ExportFormat.html and articles is not None:
        texts = {a.source.name: a.text for a in read_articles(articles, problems=[])}  # bad ones were reported already
    return render(reconciliation, export_format, texts)


def export_reports(reconciliation: Reconciliation, reports: Path, articles: Path | None = None) -> list[Path]:
    """contradictions.json, .md, .csv (and .html) in the reports folder."""
    written = []
    for export_format in REPORT_FORMATS:
        path = reports / f"contradictions{SUFFIXES[export_format]}"
        export(reconciliation, export_format, path, articles)
        written.append(path)
    return written
