"""The whole job over folders: articles -> fact files -> reconciliation, and where each step writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reconcile.errors import BadInput
from reconcile.extract import ExtractConfig, extract_article
from reconcile.ingest import Article, read_articles
from reconcile.models import FactFile, Reconciliation
from reconcile.grouping import load_aliases
from reconcile.reconcile import ReconcileConfig, reconcile
from reconcile.report import REPORT_FORMATS, SUFFIXES, ExportFormat, render
from reconcile.store import fact_file_path, load_fact_file, save_facts, write_atomic

Progress = Callable[[int, int, str], None]
"""Called after each article: (done, total, what happened)."""


@dataclass(frozen=True)
class Folders:
    articles: Path
    facts: Path
    reports: Path
    quiet: bool = False


def story_config(articles: list[Article]) -> ExtractConfig:
    """Extraction settings for one story: the full names its articles use, for lone surnames."""
    from dataclasses import replace

    from reconcile.extract.entities import find_mentions
    from reconcile.extract.language import split_sentences

    config = ExtractConfig.default()
    names: set[str] = set()
    for article in articles:
        language = article.source.language if article.source.language in ("fr", "en") else "fr"
        sentences = split_sentences(article.text, language)
        for mention in find_mentions(article.text, sentences, config.lexicon).mentions:
            if mention.type == "person" and len(mention.name.split()) >= 2:
                names.add(mention.name)
    return replace(config, story_people=tuple(sorted(names)))


def copy_groups(articles: list[Article], threshold: float = 90.0) -> dict[str, str]:
    """Articles whose texts are near-identical (syndicated copies of one wire story) share a group.

    Texts are compared with rapidfuzz `ratio` on their first 3,000 characters, after blocking on
    length (copies differ little in length), so the cost stays close to linear.
    """
    from rapidfuzz import fuzz

    ordered = sorted(articles, key=lambda a: len(a.text))
    group: dict[str, str] = {}
    for index, article in enumerate(ordered):
        if article.source.name in group:
            continue
        group[article.source.name] = article.source.name
        head = article.text[:3000]
        for other in ordered[index + 1 :]:
            if len(other.text) > len(article.text) * 1.2:
                break
            if other.source.name not in group and fuzz.ratio(head, other.text[:3000]) >= threshold:
                group[other.source.name] = article.source.name
    return group


def extract_all(folders: Folders, force: bool = True, progress: Progress | None = None) -> list[FactFile]:
    """Extract every article into its fact file, merging a person's edits.

    With `force=False`, an article whose fact file already matches its cleaned text (same
    sha256) is not extracted again.
    """
    articles = read_articles(folders.articles)
    if not articles:
        raise BadInput(folders.articles, "no articles (.txt, .md, .html) in this folder")
    config = None
    files = []
    for article in articles:
        path = fact_file_path(folders.facts, article.source.name)
        if not force and path.exists():
            current = load_fact_file(path)
            if current.source.sha256 == article.source.sha256 and current.source == article.source:
                files.append(current)
                continue
        config = config or story_config(articles)
        fact_file, changed = save_facts(folders.facts, article.source, extract_article(article, config))
        if progress is not None:
            state = "written" if changed else "unchanged"
            progress(len(files) + 1, len(articles), f"{article.source.name}: {len(fact_file.facts)} facts, {path} {state}")
        files.append(fact_file)
    return files


def load_story(folders: Folders, progress: Progress | None = None) -> Reconciliation:
    """Fact files for every article (extracting those missing or out of date), reconciled."""
    files = extract_all(folders, force=False, progress=progress)
    sources = [f.source for f in files]
    facts = [fact for f in files for fact in f.facts]
    copies = copy_groups(read_articles(folders.articles))
    return reconcile(sources, facts, ReconcileConfig(aliases=load_aliases(folders.articles), copy_groups=copies))


def articles_of(folders: Folders) -> list[Article]:
    return read_articles(folders.articles)


def fresh_reconciliation(articles_dir: Path) -> Reconciliation:
    """Extract every article afresh (writing nothing) and reconcile: what `eval` measures."""
    articles = read_articles(articles_dir)
    config = story_config(articles)
    facts = [fact for article in articles for fact in extract_article(article, config)]
    config_r = ReconcileConfig(aliases=load_aliases(articles_dir), copy_groups=copy_groups(articles))
    return reconcile([a.source for a in articles], facts, config_r)


def export(reconciliation: Reconciliation, export_format: ExportFormat, path: Path, articles: Path | None = None,
           what: str = "contradictions") -> None:
    """Write one report file atomically; html quotes paragraphs from the articles folder."""
    write_atomic(path, render_report(reconciliation, export_format, articles, what))


def render_report(reconciliation: Reconciliation, export_format: ExportFormat, articles: Path | None = None,
                  what: str = "contradictions") -> str:
    if export_format is ExportFormat.csv and what == "facts":
        from reconcile.report.csv_format import render_facts

        return render_facts(reconciliation)
    texts = None
    if export_format is ExportFormat.html and articles is not None:
        texts = {a.source.name: a.text for a in read_articles(articles)}
    return render(reconciliation, export_format, texts)


def export_reports(reconciliation: Reconciliation, reports: Path, articles: Path | None = None) -> list[Path]:
    """contradictions.json, .md, .csv (and .html) in the reports folder."""
    written = []
    for export_format in REPORT_FORMATS:
        path = reports / f"contradictions{SUFFIXES[export_format]}"
        export(reconciliation, export_format, path, articles)
        written.append(path)
    return written
