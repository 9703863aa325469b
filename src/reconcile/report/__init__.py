"""Output formats. Each module renders a Reconciliation; `RENDERERS` maps a format to its renderer."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from reconcile.models import Reconciliation
from reconcile.report import claimreview_format, csv_format, json_format, jsonl_format, markdown_format


class ExportFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    csv = "csv"
    html = "html"
    claimreview = "claimreview"


RENDERERS: dict[ExportFormat, Callable[[Reconciliation], str]] = {
    ExportFormat.json: json_format.render,
    ExportFormat.jsonl: jsonl_format.render,
    ExportFormat.markdown: markdown_format.render,
    ExportFormat.csv: csv_format.render,
    ExportFormat.claimreview: claimreview_format.render,
}
"""Formats that need only the reconciliation; html also needs the article texts (see `render`)."""

SUFFIXES: dict[ExportFormat, str] = {
    ExportFormat.json: ".json",
    ExportFormat.jsonl: ".jsonl",
    ExportFormat.markdown: ".md",
    ExportFormat.csv: ".csv",
    ExportFormat.html: ".html",
    ExportFormat.claimreview: ".claimreview.json",
}

REPORT_FORMATS = (ExportFormat.json, ExportFormat.markdown, ExportFormat.csv, ExportFormat.html)
"""What `reconcile run` writes into reports/."""


def render(reconciliation: Reconciliation, export_format: ExportFormat, texts: dict[str, str] | None = None) -> str:
    """The report in one format; `texts` (article name -> cleaned text) is what html quotes paragraphs from."""
    if export_format is ExportFormat.html:
        from reconcile.report import html_format

        return html_format.render(reconciliation, texts or {})
    return RENDERERS[export_format](reconciliation)
