"""The contradiction report as Markdown, for an editor."""

from __future__ import annotations

from reconcile.models import GroupStatus, Reconciliation
from reconcile.report.common import fact_topic, fact_value, latest_state, source_label


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def render(reconciliation: Reconciliation) -> str:
    sources = {s.name: s for s in reconciliation.sources}
    by_id = {f.id: f for f in reconciliation.facts}
    lines = ["# Contradiction report", ""]
    agreeing = [g for g in reconciliation.groups if g.status is GroupStatus.agree]
    lines.append(
        f"{len(reconciliation.sources)} sources, {len(reconciliation.facts)} facts, "
        f"{len(reconciliation.contradictions)} contradictions, {len(agreeing)} groups where sources agree."
    )
    trust = {t.source: t.trust for t in reconciliation.trust}
    lines += ["", "## Sources", "", "| file | outlet | published | language | trust |", "|---|---|---|---|---|"]
    for source in reconciliation.sources:
        score = f"{trust[source.name]:.2f}" if source.name in trust else ""
        lines.append(
            f"| {_cell(source.name)} | {_cell(source.outlet)} | {_cell(source.published)} | {_cell(source.language)} | {score} |"
        )
    lines += ["", "## Contradictions", ""]
    if not reconciliation.contradictions:
        lines.append("None found.")
    for number, contradiction in enumerate(reconciliation.contradictions, 1):
        head = by_id[contradiction.facts[0]]
        lines.append(
            f"### {number}. {fact_topic(head)} ({contradiction.kind.value}, severity {contradiction.severity:.2f})"
        )
        lines += ["", contradiction.explanation, ""]
        group = next((g for g in reconciliation.groups if g.id == contradiction.group), None)
        state = latest_state(contradiction, by_id, {s.name: s for s in reconciliation.sources})
        if state is not None:
            lines += [f"Latest known: **{_cell(state)}**.", ""]
        elif group is not None and group.estimate is not None:
            lines += [
                f"Most likely: **{_cell(group.estimate.value)}** (confidence {group.estimate.confidence:.2f}, "
                f"supported by {', '.join(group.estimate.support)}).",
                "",
            ]
        for fact_id in contradiction.facts:
            fact = by_id[fact_id]
            lines.append(
                f"- **{_cell(source_label(fact.source, sources))}**: {fact_value(fact)} \u2014 "
                f"\u201c{_cell(' '.join(fact.evidence.quote.split()))}\u201d (`{fact.id}`)"
            )
        lines.append("")
    lines += ["## Agreements", ""]
    if not agreeing:
        lines.append("None.")
    for group in agreeing:
        facts = [by_id[i] for i in group.facts]
        who = ", ".join(sorted({source_label(f.source, sources) for f in facts}))
        values = "; ".join(sorted({fact_value(f) for f in facts}))
        lines.append(f"- {fact_topic(facts[0])}: {values} ({who})")
    return "\n".join(lines).rstrip() + "\n"
