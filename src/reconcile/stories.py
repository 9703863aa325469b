"""Real multi-source stories as a development corpus: manifests and gold committed, texts cached.

`eval/stories/<story>/manifest.yaml` lists a story's articles (url, outlet, date, language, the
query that finds the page in the search tool's `pages` corpus, sha256 of the cached text);
`eval/stories/<story>/gold.yaml` labels them in the format of the gold README. The texts are
third-party pages: they live in an ignored cache folder, `eval/cache/<story>/<file>`, and a story
whose texts are missing is listed with how to rebuild them, not scored. A text whose sha256 differs
from the manifest's (the stored page was re-crawled, or copied with another invisible character) is
still scored when every gold quote of that article is found in it, and named as changed; otherwise
the story is not scored, since its gold no longer fits the text.

A story marked `unseen: true` is kept aside while rules are changed: it is reported apart.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from reconcile.errors import BadInput
from reconcile.evaluate import EvalReport, Ratio, load_gold, normalise_text, score
from reconcile.ingest import read_article
from reconcile.store import located_error, safe_load_yaml

MANIFEST = "manifest.yaml"
GOLD = "gold.yaml"


class ManifestArticle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("published", mode="before")
    @classmethod
    def _date_to_text(cls, value: object) -> object:
        return value.isoformat() if isinstance(value, date) else value  # YAML reads 2024-11-05 as a date

    file: str = Field(pattern=r"^[^/\\]+\.(txt|md|html?)$")
    url: str
    outlet: str
    published: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY-MM-DD, YYYY-MM or YYYY")
    language: str
    query: str = Field(description="a query of the search tool's pages corpus whose results hold the text")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    story: str
    title: str
    domain: str
    unseen: bool = False
    articles: list[ManifestArticle] = Field(min_length=1)


class StoryResult(BaseModel):
    """One story: scored, or why not (texts missing or changed)."""

    story: str
    unseen: bool
    languages: dict[str, int]
    missing: list[str] = Field(
        default_factory=list, description="cached texts absent, or changed and missing a gold quote"
    )
    changed: list[str] = Field(default_factory=list, description="texts with another sha256 that hold every gold quote")
    report: EvalReport | None = None


def load_manifest(path: Path) -> Manifest:
    data, marks = safe_load_yaml(path)
    try:
        return Manifest.model_validate(data)
    except ValidationError as err:
        raise located_error(path, err, marks) from err


def story_folders(stories: Path) -> list[Path]:
    if not stories.is_dir():
        raise BadInput(stories, "no such folder of stories")
    return sorted(p for p in stories.iterdir() if (p / MANIFEST).is_file())


def missing_texts(manifest: Manifest, cache: Path) -> list[str]:
    """The manifest's files that are not in the cache as they were when the gold was labelled."""
    return [name for name, state in _text_states(manifest, cache).items() if state != "same"]


def _text_states(manifest: Manifest, cache: Path) -> dict[str, str]:
    """Each file of the manifest: "same", "changed" (another sha256) or "absent"."""
    states = {}
    for article in manifest.articles:
        path = cache / article.file
        if path.is_symlink() or not path.is_file():
            states[article.file] = "absent"
        elif hashlib.sha256(path.read_bytes()).hexdigest() != article.sha256:
            states[article.file] = "changed"
        else:
            states[article.file] = "same"
    return states


def _quotes_lost(path: Path, quotes: list[str]) -> int:
    """How many of these gold quotes the article's cleaned text no longer holds."""
    text = normalise_text(read_article(path).text)
    return sum(normalise_text(quote) not in text for quote in quotes)


def evaluate_story(folder: Path, cache_root: Path) -> StoryResult:
    """Score one story's gold against a fresh extraction of its cached texts."""
    from reconcile.pipeline import fresh_reconciliation

    manifest = load_manifest(folder / MANIFEST)
    cache = cache_root / folder.name
    languages: dict[str, int] = {}
    for article in manifest.articles:
        languages[article.language] = languages.get(article.language, 0) + 1
    result = StoryResult(story=manifest.story, unseen=manifest.unseen, languages=languages)
    states = _text_states(manifest, cache)
    result.missing = [name for name, state in states.items() if state == "absent"]
    if result.missing:
        return result
    gold = load_gold(folder / GOLD)
    for name in (name for name, state in states.items() if state == "changed"):
        quotes = [str(f["quote"]) for f in gold.get("facts", []) if f.get("source") == name and f.get("quote")]
        lost = _quotes_lost(cache / name, quotes)
        if lost:
            result.missing.append(f"{name} (changed: {lost} of {len(quotes)} gold quotes lost)")
        else:
            result.changed.append(name)
    if result.missing:
        return result
    result.report = score(gold, fresh_reconciliation(cache))
    return result


def _row(name: str, report: EvalReport) -> list[str]:
    found = report.contradictions_found
    return [
        name,
        _share(_pick(report, "number")),
        _share(report.number_precision),
        _share(report.entity_recall),
        _share(report.recall),
        f"{found.hits}/{found.total}",
        f"{report.contradictions_kind_right.hits}/{found.hits}",
        str(len(report.false_alarms)),
    ]


def _share(ratio: Ratio) -> str:
    return f"{ratio.hits}/{ratio.total} {ratio.value:.2f}" if ratio.total else "-"


def _total(reports: list[EvalReport]) -> list[str]:
    def pooled(pick: str) -> Ratio:
        ratios = [_pick(r, pick) for r in reports]
        return Ratio.of(sum(x.hits for x in ratios), sum(x.total for x in ratios))

    found = pooled("contradictions_found")
    return [
        "all seen stories",
        _share(pooled("number")),
        _share(pooled("number_precision")),
        _share(pooled("entity_recall")),
        _share(pooled("recall")),
        f"{found.hits}/{found.total} {found.value:.2f}",
        f"{sum(r.contradictions_kind_right.hits for r in reports)}/{found.hits}",
        f"{sum(len(r.false_alarms) for r in reports)} ({max(len(r.false_alarms) for r in reports)} at most)",
    ]


def _pick(report: EvalReport, name: str) -> Ratio:
    if name == "number":
        return next((r for k, r in report.recall_by_kind.items() if k.value == "number"), Ratio.of(0, 0))
    value = getattr(report, name)
    assert isinstance(value, Ratio)
    return value


HEADER = [
    "story",
    "number recall",
    "number precision",
    "entity recall",
    "fact recall",
    "contradictions",
    "kind right",
    "false alarms",
]


def render(results: list[StoryResult], cache_root: Path, stories: Path) -> str:
    """A plain table per story, the seen stories pooled, the unseen ones apart, then what is missing."""
    seen = [r for r in results if r.report is not None and not r.unseen]
    unseen = [r for r in results if r.report is not None and r.unseen]
    rows: list[list[str]] = [HEADER]
    for result in seen:
        assert result.report is not None
        rows.append(_row(result.story, result.report))
    if len(seen) > 1:
        rows.append(_total([r.report for r in seen if r.report is not None]))
    for result in unseen:
        assert result.report is not None
        rows.append(_row(f"{result.story} (unseen)", result.report))
    lines = []
    if len(rows) > 1:
        widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
        lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    for result in results:
        if result.missing:
            lines.append(
                f"{result.story}: not scored, {len(result.missing)} text(s) missing from "
                f"{cache_root / result.story}: {', '.join(result.missing)}"
            )
    for result in results:
        if result.changed and not result.missing:
            lines.append(
                f"{result.story}: {len(result.changed)} text(s) differ from the manifest's sha256 but hold every "
                f"gold quote, scored: {', '.join(result.changed)}"
            )
    if any(r.missing for r in results):
        lines.append(
            f"To rebuild a text: run the article's `query` from {stories}/<story>/{MANIFEST} in the search "
            "tool's pages corpus, save the page text of its `url` under the `file` name with front matter "
            "(outlet, published, language, url), and check its sha256 (see eval/README.md)."
        )
    if not results:
        lines.append(f"no stories under {stories} (a story is a folder with {MANIFEST} and {GOLD})")
    return "\n".join(lines) + "\n"
