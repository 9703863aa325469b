"""Output formats. Each module renders a Reconciliation; `RENDERERS` maps a format to its renderer."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from reconcile.models import Reconciliation
from reconcile.report import csv_format, json_format, markdown_format


class ExportFormat(str, Enum):
    json = "json"
    markdown = "markdown"
    csv = "csv"


RENDERERS: dict[ExportFormat, Callable[[Reconciliation], str]] = {
    ExportFormat.json: json_format.render,
    ExportFormat.markdown: markdown_format.render,
    ExportFormat.csv: csv_format.render,
}

SUFFIXES: dict[ExportFormat, str] = {
    ExportFormat.json: ".json",
    ExportFormat.markdown: ".md",
    ExportFormat.csv: ".csv",
}


def render(reconciliation: Reconciliation, export_format: ExportFormat) -> str:
    return RENDERERS[export_format](reconciliation)
