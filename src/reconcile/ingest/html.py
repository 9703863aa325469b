"""HTML pages to article text and metadata, without navigation, ads or scripts."""

from __future__ import annotations

from pathlib import Path

from reconcile.errors import BadInput


def html_to_text(path: Path, html: str) -> tuple[str, dict[str, object]]:
    """The main text of a page (trafilatura) and the metadata it declares."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise BadInput(path, "no article text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    metadata: dict[str, object] = {}
    if meta is not None:
        if meta.sitename:
            metadata["outlet"] = meta.sitename
        if meta.date:
            metadata["published"] = meta.date
        if meta.url:
            metadata["url"] = meta.url
        if meta.title:
            metadata["title"] = meta.title
    title = metadata.get("title")
    if isinstance(title, str) and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return text + "\n", metadata
