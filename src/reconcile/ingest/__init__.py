"""Files to clean text and source metadata.

An article's cleaned text is derived deterministically from its file (front matter removed,
HTML reduced to its text, encoding damage repaired), so evidence offsets stored in fact
files always point into the same string.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from reconcile.errors import BadInput
from reconcile.ingest.encoding import repair_text
from reconcile.models import EncodingRepair, Source

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
SOURCES_FILE = "sources.yaml"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: front matter is read on every run
_METADATA_KEYS = {"outlet", "published", "language", "url", "title"}


class Article(BaseModel):
    """An article ready for extraction: its source record and its cleaned text."""

    model_config = ConfigDict(extra="forbid")

    source: Source
    text: str


class SourceInfo(BaseModel):
    """One entry of sources.yaml or of an article's front matter."""

    model_config = ConfigDict(extra="forbid")

    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    title: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _date_to_text(cls, value: object) -> object:
        # YAML reads an unquoted 2023-11-20 as a date; keep the text form.
        return value.isoformat() if isinstance(value, date) else value


def list_article_files(folder: Path) -> list[Path]:
    """Article files in a folder, sorted by name; other files are ignored."""
    if not folder.is_dir():
        raise BadInput(folder, "articles folder not found")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)


def decode_bytes(path: Path, raw: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else a legacy code page that fits."""
    if b"\x00" in raw[:4096]:
        raise BadInput(path, "binary file, not an article")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # a dependency of trafilatura

    best = from_bytes(raw).best()
    if best is None:
        raise BadInput(path, "bytes are not text in any known encoding")
    return str(best)


def split_front_matter(path: Path, text: str) -> tuple[dict[str, object], str]:
    """YAML front matter (--- / key: value / ---) and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.load(match.group(1), Loader=_SAFE_LOADER) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        raise BadInput(path, f"front matter is not valid YAML ({getattr(err, 'problem', err)})", line) from err
    if not isinstance(data, dict):
        raise BadInput(path, "front matter must be a mapping of key: value", 2)
    return {k: v for k, v in data.items() if k in _METADATA_KEYS}, text[match.end() :]


def clean_text(path: Path, raw: bytes) -> tuple[str, EncodingRepair, dict[str, object]]:
    """The article's cleaned text, what the encoding repair did, and metadata found in the file."""
    text = decode_bytes(path, raw)
    metadata: dict[str, object] = {}
    if path.suffix.lower() in (".html", ".htm"):
        from reconcile.ingest.html import html_to_text

        text, metadata = html_to_text(path, text)
    else:
        metadata, text = split_front_matter(path, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    result = repair_text(text)
    repair = EncodingRepair(
        detected=f"utf-8 read as {result.codec}" if result.codec else None,
        lines_repaired=result.lines_repaired,
        chars_repaired=result.chars_repaired,
        chars_guessed=result.chars_guessed,
    )
    return result.text, repair, metadata


def load_sources_file(folder: Path) -> dict[str, SourceInfo]:
    """articles/sources.yaml: file name -> what is known of the source."""
    path = folder / SOURCES_FILE
    if not path.exists():
        return {}
    from reconcile.store import located_error, safe_load_yaml

    data, marks = safe_load_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BadInput(path, "expected a mapping of article file name to its metadata", 1)
    infos: dict[str, SourceInfo] = {}
    for name, entry in data.items():
        try:
            infos[str(name)] = SourceInfo.model_validate(entry or {})
        except ValidationError as err:
            raise located_error(path, err, marks, prefix=[str(name)]) from err
    return infos


LANGUAGES_WITH_RULES = ("fr", "en")
LANGUAGE_NAMES = {
    "fr": "French",
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
}
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
"""Larger files are refused: a news article is far smaller, and extraction time grows with size."""


def detect_language(text: str) -> str:
    """'fr' or 'en' by function words ('und' when the text does not tell); another code when the
    text is in a language without rules (see `identify_language`)."""
    from reconcile.extract.language import guess_language, identify_language

    found = identify_language(text)
    if found is None:
        return guess_language(text) or "und"
    return found


def _unsupported(path: Path, language: str) -> BadInput:
    from reconcile.extract.language import OTHER_SCRIPT

    if language == OTHER_SCRIPT:
        what = "its text is mostly outside the Latin alphabet"
    else:
        what = f"it is in {LANGUAGE_NAMES.get(language, repr(language))}"
    return BadInput(path, f"{what}, and reconcile has rules for French and English only; skipped")


def read_article(path: Path, info: SourceInfo | None = None) -> Article:
    """One article file to an Article; sources.yaml wins over front matter where both speak."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise BadInput(
                path,
                f"{size / 2**20:.1f} MB is more than the {MAX_ARTICLE_BYTES // 2**20} MB an article may hold; "
                "split it or leave it out",
            )
        raw = path.read_bytes()
    except OSError as err:
        raise BadInput(path, f"cannot read file ({err.strerror})") from err
    if not raw.strip():
        raise BadInput(path, "empty article")
    text, repair, metadata = clean_text(path, raw)
    merged: dict[str, object] = {k: v for k, v in metadata.items() if v is not None}
    if info is not None:
        merged.update({k: v for k, v in info.model_dump().items() if v is not None})
    if "published" in merged and merged["published"] is not None:
        merged["published"] = str(merged["published"])
    try:
        source = Source(
            name=path.name,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            encoding_repair=repair,
            **merged,
        )
    except ValidationError as err:
        from reconcile.store import located_error

        raise located_error(path, err) from err
    if source.language is None:
        source.language = detect_language(text)
    else:  # "fr-FR", "EN_gb": the rules go by the primary language
        source.language = source.language.replace("_", "-").split("-")[0].strip().lower() or "und"
    if source.language not in (*LANGUAGES_WITH_RULES, "und"):
        raise _unsupported(path, source.language)
    return Article(source=source, text=text)


def read_articles(folder: Path, problems: list[BadInput] | None = None) -> list[Article]:
    """Every article in a folder, with sources.yaml applied.

    With a `problems` list, an article that cannot be read (empty, binary, too large, not
    text, in a language without rules) is recorded there and skipped, so one bad file does
    not stop the rest; without one, the first problem is raised.
    """
    infos = load_sources_file(folder)
    files = list_article_files(folder)
    names = {p.name for p in files}
    for name in infos:
        if name not in names:
            raise BadInput(folder / SOURCES_FILE, f"names an article that is not in the folder: {name}")
    articles = []
    for path in files:
        try:
            articles.append(read_article(path, infos.get(path.name)))
        except BadInput as problem:
            if problems is None:
                raise
            problems.append(problem)
    return articles
