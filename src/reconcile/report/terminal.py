"""The per-source report for a terminal (rich): what a source states and how the others answer it."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from reconcile.models import Reconciliation, Source
from reconcile.report.common import FactStanding, fact_topic, fact_value, source_label, standings

_HEADINGS = {"number": "Figures", "role": "Roles", "event": "Events", "claim": "Claims"}
_STYLE = {"contradicted": "bold red", "agrees": "green", "only here": "dim"}


def _source_header(source: Source, trust: float | None = None) -> Text:
    parts = [
        ("outlet", source.outlet or "unknown"),
        ("published", source.published or "unknown"),
        ("language", source.language or "unknown"),
    ]
    if trust is not None:
        parts.append(("trust", f"{trust:.2f}"))
    text = Text()
    for index, (key, value) in enumerate(parts):
        if index:
            text.append("  ")
        text.append(f"{key}: ", style="dim")
        text.append(value)
    repair = source.encoding_repair
    if repair.detected:
        text.append(
            f"\nencoding repaired ({repair.detected}): {repair.lines_repaired} lines, "
            f"{repair.chars_repaired} characters, {repair.chars_guessed} guessed",
            style="yellow",
        )
    return text


def _answer(standing: FactStanding, sources: dict[str, Source]) -> Text:
    text = Text(standing.label, style=_STYLE[standing.label])
    for other in standing.contradicting:
        text.append(f"\n\u2717 {source_label(other.source, sources)}: ", style="red")
        text.append(f"{fact_value(other)} \u201c{' '.join(other.evidence.quote.split())}\u201d")
    for other in standing.agreeing:
        text.append(f"\n\u2713 {source_label(other.source, sources)}: ", style="green")
        text.append(f"{fact_value(other)}")
    return text


def render_source(console: Console, reconciliation: Reconciliation, source: Source) -> None:
    """Print one source's panel: its facts, each with agreeing and contradicting sources."""
    sources = {s.name: s for s in reconciliation.sources}
    rows = standings(reconciliation, source.name)
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("what it states", ratio=3)
    table.add_column("the other sources", ratio=2)
    order = {"number": 0, "role": 1, "event": 2, "claim": 3}
    rows = sorted(
        rows,
        key=lambda r: (order.get(r.fact.kind.value, 9), r.group.id if r.group else r.fact.id, r.fact.evidence.start),
    )
    current_kind = ""
    for standing in rows:
        fact = standing.fact
        if fact.kind.value != current_kind:
            current_kind = fact.kind.value
            table.add_row(Text(_HEADINGS.get(current_kind, current_kind), style="bold underline"), Text(""))
        cell = Text()
        cell.append(fact_value(fact), style="bold")
        cell.append(f"\n{fact_topic(fact)}", style="cyan")
        cell.append(f"\n\u201c{' '.join(fact.evidence.quote.split())}\u201d", style="italic")
        if fact.review.status.value != "unreviewed":
            cell.append(f"\nreview: {fact.review.status.value}", style="magenta")
        table.add_row(cell, _answer(standing, sources))
    counts = {label: sum(1 for r in rows if r.label == label) for label in _STYLE}
    by_kind: dict[str, int] = {}
    for contradiction in reconciliation.contradictions:
        if source.name in contradiction.sources:
            by_kind[contradiction.kind.value] = by_kind.get(contradiction.kind.value, 0) + 1
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(by_kind.items())) or "none"
    summary = Text(
        f"{len(rows)} facts: {counts['agrees']} agree, {counts['contradicted']} contradicted, "
        f"{counts['only here']} only here; contradictions: {kinds}"
    )
    trust = {t.source: t.trust for t in reconciliation.trust}.get(source.name)
    body: list = [_source_header(source, trust), summary]
    if rows:
        body.insert(1, table)
    else:
        body.insert(1, Text("No facts extracted.", style="dim"))
    console.print(Panel(Group(*body), title=Text(source.name, style="bold"), title_align="left"))


def render_all(console: Console, reconciliation: Reconciliation, only: str | None = None) -> None:
    for source in reconciliation.sources:
        if only is None or source.name == only:
            render_source(console, reconciliation, source)


def render_contradictions(console: Console, reconciliation: Reconciliation) -> None:
    """The contradictions, most severe first, as `reconcile check` prints them."""
    if not reconciliation.contradictions:
        console.print("No contradictions found.")
        return
    for contradiction in reconciliation.contradictions:
        console.print(
            Text.assemble(
                (f"[{contradiction.kind.value}] ", "bold red"),
                (f"severity {contradiction.severity:.2f} ", "dim"),
                contradiction.explanation,
            )
        )
