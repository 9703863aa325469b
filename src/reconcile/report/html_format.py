"""The contradiction report as one self-contained HTML page, for an editor's browser.

The page loads nothing: styles and the one small script are inline, charts are inline SVG, and
a source's URL is shown as text, never as a link. Everything that comes from an article or a
fact is escaped with `html.escape(..., quote=True)` wherever it lands, element or attribute.
The script carries no data: it reads the page's own `data-kind` attributes, so no article text
can reach it. With scripts off every contradiction is shown and the filter bar stays hidden.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from dataclasses import dataclass

from reconcile.models import (
    Contradiction,
    ContradictionKind,
    Evidence,
    Fact,
    FactGroup,
    FactKind,
    Granularity,
    GroupStatus,
    Quantity,
    Reconciliation,
    ReviewStatus,
    Source,
)
from reconcile.report.common import PREDICATE_WORDS, fact_topic, latest_state, source_label
from reconcile.wording import describe_fact, describe_quantity

PARAGRAPH_LIMIT = 400
"""Longest paragraph shown around a quote, in characters; longer ones are cut at word ends."""

KIND_WORDS: dict[ContradictionKind, str] = {
    ContradictionKind.value: "figures that cannot both hold",
    ContradictionKind.status: "a situation that changed while the story ran",
    ContradictionKind.succession: "two holders of one post",
    ContradictionKind.claim: "incompatible accounts",
    ContradictionKind.attributed: "figures from different counters",
}

CHARTED_KINDS = (ContradictionKind.status, ContradictionKind.value)
UNDATED = "undated"
SEPARATOR = " \u00b7 "


def render(reconciliation: Reconciliation, texts: dict[str, str]) -> str:
    """The whole page. `texts` maps a source name to the cleaned text its evidence offsets index."""
    page = _Page(reconciliation, texts)
    return page.render()


def esc(text: object) -> str:
    """Text made safe for an element's content or a quoted attribute value."""
    return html.escape(str(text), quote=True)


# --- quotes in their paragraphs ---------------------------------------------------------------


@dataclass(frozen=True)
class Excerpt:
    """A quote with the paragraph around it, cut to `PARAGRAPH_LIMIT`; `note` says when it is not in the text."""

    before: str
    quote: str
    after: str
    cut_before: bool = False
    cut_after: bool = False
    note: str | None = None

    def to_html(self) -> str:
        return (
            ("\u2026" if self.cut_before else "")
            + esc(self.before)
            + "<mark>"
            + esc(self.quote)
            + "</mark>"
            + esc(self.after)
            + ("\u2026" if self.cut_after else "")
        )


def quote_in_paragraph(text: str | None, evidence: Evidence, limit: int = PARAGRAPH_LIMIT) -> Excerpt:
    """The quote inside its paragraph: the line(s) of the text holding it.

    The evidence offsets are trusted when they point at the quote (whitespace aside); otherwise the
    quote's first occurrence is used. Long paragraphs keep about `limit` characters, shared evenly
    either side of the quote and cut at word boundaries.
    """
    if text is None:
        return Excerpt("", evidence.quote, "", note="article text not available")
    span = _locate(text, evidence)
    if span is None:
        return Excerpt("", evidence.quote, "", note="quote not found in the article text")
    start, end = span
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    left, right = line_start, line_end
    if line_end - line_start > limit:
        room = max(0, limit - (end - start))
        room_left = room // 2
        room_right = room - room_left
        # Room one side cannot use goes to the other.
        spare_left = max(0, room_left - (start - line_start))
        spare_right = max(0, room_right - (line_end - end))
        left = max(line_start, start - room_left - spare_right)
        right = min(line_end, end + room_right + spare_left)
        if left > line_start:
            gap = text.find(" ", left, start)
            left = gap + 1 if gap >= 0 else start
        if right < line_end:
            gap = text.rfind(" ", end, right)
            right = gap if gap >= 0 else end
    return Excerpt(
        text[left:start].lstrip() if left > line_start else text[left:start],
        text[start:end],
        text[end:right].rstrip() if right < line_end else text[end:right],
        cut_before=left > line_start,
        cut_after=right < line_end,
    )


def _locate(text: str, evidence: Evidence) -> tuple[int, int] | None:
    start, end = evidence.start, evidence.end
    if 0 <= start < end <= len(text) and text[start:end].split() == evidence.quote.split():
        return start, end
    found = text.find(evidence.quote)
    if found >= 0 and evidence.quote:
        return found, found + len(evidence.quote)
    return None


# --- dates --------------------------------------------------------------------------------------


def fact_date(fact: Fact, sources: dict[str, Source]) -> tuple[str | None, str]:
    """When a fact holds, as shown on the page, and where that date comes from ("as of" or "published").

    The fact's own date wins, cut to its granularity (a month shows as YYYY-MM); else the source's
    publication date, which may itself be YYYY-MM-DD, YYYY-MM or YYYY.
    """
    if fact.as_of is not None and fact.as_of.date:
        date = fact.as_of.date
        if fact.as_of.granularity is Granularity.month:
            date = date[:7]
        elif fact.as_of.granularity is Granularity.year:
            date = date[:4]
        return date, "as of"
    source = sources.get(fact.source)
    if source is not None and source.published:
        return source.published, "published"
    return None, ""


def fact_statement(fact: Fact) -> str:
    """What one fact says, with who it is credited to, its scope, and a time the text gives but no date resolves."""
    extras = [x for x in (f"per {fact.attribution}" if fact.attribution else None, fact.scope) if x]
    if fact.as_of is not None and not fact.as_of.date:
        extras.append(fact.as_of.text)
    text = describe_fact(fact)
    return f"{text} ({'; '.join(extras)})" if extras else text


def group_topic(group: FactGroup, kind: ContradictionKind) -> str:
    """The question a group answers, briefly: "Acme · employee count", "Interim CEO of Acme".

    A claim group's object is one of the competing answers, so it is left out.
    """
    relation = PREDICATE_WORDS.get(group.predicate, group.predicate)
    if group.subject is None:
        words = " ".join(x for x in (relation, group.object) if x)
        return words[:1].upper() + words[1:]
    if kind is ContradictionKind.claim:
        return f"{group.subject} \u00b7 {relation}"
    return " \u00b7 ".join(x for x in (group.subject, relation, group.object) if x)


# --- the page -------------------------------------------------------------------------------------


class _Page:
    def __init__(self, reconciliation: Reconciliation, texts: dict[str, str]) -> None:
        self.reconciliation = reconciliation
        self.texts = texts
        self.sources = {s.name: s for s in reconciliation.sources}
        self.facts = {f.id: f for f in reconciliation.facts}
        self.groups = {g.id: g for g in reconciliation.groups}
        self.trust = {t.source: t for t in reconciliation.trust}
        self.order = {s.name: i for i, s in enumerate(reconciliation.sources)}
        # Most severe first; the sort is stable, so ties keep the reconciler's order.
        self.contradictions = sorted(reconciliation.contradictions, key=lambda c: -c.severity)
        self.charted: dict[str, str] = {}  # group id -> contradiction id whose card holds its chart
        for contradiction in self.contradictions:
            if contradiction.kind in CHARTED_KINDS and contradiction.group not in self.charted:
                if len(self._chart_facts(contradiction.group)) >= 2:
                    self.charted[contradiction.group] = contradiction.id

    def label(self, source: str) -> str:
        return source_label(source, self.sources)

    def short_label(self, source: str) -> str:
        found = self.sources.get(source)
        return found.outlet if found is not None and found.outlet else source

    def render(self) -> str:
        count = len(self.reconciliation.contradictions)
        title = f"Contradiction report \u2014 {_count(len(self.reconciliation.sources), 'source')}, {_count(count, 'contradiction')}"
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            self.header(),
            self.source_cards(),
            self.contradiction_list(),
            self.agreements(),
            "</main>",
            f"<script>{SCRIPT}</script>",
            "</body>",
            "</html>",
        ]
        return "\n".join(parts) + "\n"

    # --- header and sources ---

    def header(self) -> str:
        kinds = Counter(c.kind for c in self.reconciliation.contradictions)
        agreeing = sum(1 for g in self.reconciliation.groups if g.status is GroupStatus.agree)
        single = sum(1 for g in self.reconciliation.groups if g.status is GroupStatus.single)
        count = len(self.reconciliation.contradictions)
        by_kind = ", ".join(f"{kinds[k]} {k.value}" for k in ContradictionKind if kinds[k])
        lines = [
            f"{_count(len(self.reconciliation.sources), 'source')}, {_count(len(self.reconciliation.facts), 'fact')} in "
            f"{_count(len(self.reconciliation.groups), 'group')}, {_count(count, 'contradiction')}"
            + (f" ({esc(by_kind)})" if by_kind else "")
            + ".",
            f"Sources agree in {_count(agreeing, 'group')}; {_count(single, 'group')} "
            f"rest{'s' if single == 1 else ''} on one source.",
        ]
        dates = sorted(s.published for s in self.reconciliation.sources if s.published)
        undated = len(self.reconciliation.sources) - len(dates)
        if dates:
            span = esc(dates[0]) if dates[0] == dates[-1] else f"{esc(dates[0])} to {esc(dates[-1])}"
            lines.append(f"Published {span}" + (f"; {_count(undated, 'source')} undated." if undated else "."))
        subjects: Counter[str] = Counter()  # ties go to the subject of the more severe contradiction
        for contradiction in self.contradictions:
            named = (self.facts[i].subject for i in contradiction.facts if i in self.facts)
            subjects.update(list(dict.fromkeys(x for x in named if x)))
        if subjects:
            top = [(esc(s), n) for s, n in subjects.most_common(3)]
            shown = [f"{top[0][0]} ({_count(top[0][1], 'contradiction')})"] + [f"{s} ({n})" for s, n in top[1:]]
            lines.append(f"Most disputed: {', '.join(shown)}.")
        body = "".join(f"<p>{line}</p>" for line in lines)
        return f'<header class="summary"><h1>Contradiction report</h1>{body}</header>'

    def source_cards(self) -> str:
        facts_per = Counter(f.source for f in self.reconciliation.facts)
        disputed_ids = {i for c in self.reconciliation.contradictions for i in c.facts}
        disputed = Counter(f.source for f in self.reconciliation.facts if f.id in disputed_ids)
        cards = []
        for source in self.reconciliation.sources:
            rows = [
                ("Published", esc(source.published) if source.published else '<span class="muted">not given</span>'),
                ("Language", esc(source.language) if source.language else '<span class="muted">unknown</span>'),
            ]
            trust = self.trust.get(source.name)
            if trust is not None:
                width = f"{trust.trust * 100:.0f}"
                rows.append(
                    (
                        "Trust",
                        f'{trust.trust:.2f} <span class="bar" aria-hidden="true"><span style="width:{width}%">'
                        f'</span></span><small class="muted">over {trust.claims} claims</small>',
                    )
                )
            rows.append(
                ("Facts", f'{facts_per[source.name]} <span class="muted">({disputed[source.name]} disputed)</span>')
            )
            if source.title:
                rows.append(("Title", esc(source.title)))
            if source.url:
                rows.append(("URL", f'<span class="url">{esc(source.url)}</span>'))
            details = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
            repair = ""
            if source.encoding_repair.detected:
                fix = source.encoding_repair
                repair = (
                    f'<p class="repair">Encoding repaired: {esc(fix.detected)} ({fix.lines_repaired} lines, '
                    f"{fix.chars_repaired} characters; {fix.chars_guessed} guessed).</p>"
                )
            if source.outlet:
                head = f'<h3>{esc(source.outlet)}</h3><p class="file">{esc(source.name)}</p>'
            else:
                head = f'<h3 class="file-title">{esc(source.name)}</h3><p class="muted">outlet not given</p>'
            cards.append(
                f'<article class="card source" data-source="{esc(source.name)}">{head}<dl>{details}</dl>{repair}</article>'
            )
        return f'<section class="sources"><h2>Sources</h2><div class="grid">{"".join(cards)}</div></section>'

    # --- contradictions ---

    def contradiction_list(self) -> str:
        if not self.contradictions:
            return '<section class="contradictions"><h2>Contradictions</h2><p>None found.</p></section>'
        cards = [self.contradiction(n, c) for n, c in enumerate(self.contradictions, 1)]
        return (
            f'<section class="contradictions"><h2>Contradictions <span class="muted">most severe first</span></h2>'
            f"{self.filters()}{''.join(cards)}</section>"
        )

    def filters(self) -> str:
        kinds = Counter(c.kind for c in self.reconciliation.contradictions)
        boxes = "".join(
            f'<label class="badge kind-{k.value}" title="{esc(KIND_WORDS[k])}">'
            f'<input type="checkbox" data-kind="{k.value}" checked> {k.value} ({kinds[k]})</label>'
            for k in ContradictionKind
            if kinds[k]
        )
        return (
            f'<fieldset id="filters" class="filters" hidden><legend>Show kinds</legend>{boxes}'
            f'<button type="button" id="show-all">show all</button> <span id="filter-count" class="muted"></span></fieldset>'
        )

    def contradiction(self, number: int, contradiction: Contradiction) -> str:
        kind = contradiction.kind.value
        facts = [self.facts[i] for i in contradiction.facts if i in self.facts]
        group = self.groups.get(contradiction.group)
        topic = group_topic(group, contradiction.kind) if group is not None else (fact_topic(facts[0]) if facts else "")
        severity = contradiction.severity
        head = (
            f'<header><span class="badge kind-{kind}" title="{esc(KIND_WORDS[contradiction.kind])}">{kind}</span>'
            f"<h3>{number}. {esc(topic)}</h3>"
            f'<span class="severity">severity {severity:.2f} <span class="bar" aria-hidden="true">'
            f'<span style="width:{severity * 100:.0f}%"></span></span></span></header>'
        )
        parts = [head, f'<p class="explanation">{esc(contradiction.explanation)}</p>']
        state = latest_state(contradiction, {f.id: f for f in facts}, self.sources)
        if state is not None:
            parts.append(f'<p class="estimate">Latest known: <strong>{esc(state)}</strong></p>')
        elif group is not None and group.estimate is not None:
            parts.append(self.estimate(group))
        if self.charted.get(contradiction.group) == contradiction.id and group is not None:
            parts.append(self.timeline(group, contradiction))
        latest = set(contradiction.latest)
        parts.append('<ol class="evidence">' + "".join(self.evidence(f, f.id in latest) for f in facts) + "</ol>")
        return (
            f'<article class="card contradiction kind-{kind}" data-kind="{kind}" id="{esc(contradiction.id)}">'
            + "".join(parts)
            + "</article>"
        )

    def estimate(self, group: FactGroup) -> str:
        estimate = group.estimate
        assert estimate is not None
        value = estimate.value
        numbers = [self.facts[i] for i in group.facts if i in self.facts and self.facts[i].kind is FactKind.number]
        if numbers:
            try:
                amount = float(value)
            except ValueError:
                pass
            else:
                unit = numbers[0].effective_value()
                value = describe_quantity(
                    Quantity(amount=amount, unit=unit.unit if unit else None, currency=unit.currency if unit else None)
                )
        who = ", ".join(self.label(s) for s in estimate.support)
        return (
            f'<p class="estimate">Most likely: <strong>{esc(value)}</strong> '
            f'<span class="muted">(confidence {estimate.confidence:.0%}'
            + (f"; given by {esc(who)}" if who else "")
            + ")</span></p>"
        )

    def evidence(self, fact: Fact, latest: bool) -> str:
        date, origin = fact_date(fact, self.sources)
        meta = [f'<span class="value">{esc(fact_statement(fact))}</span>']
        if date:
            meta.append(f'<span class="date">{esc(origin)} {esc(date)}</span>')
        if latest:
            meta.append('<span class="tag latest">latest known</span>')
        if fact.review.status is not ReviewStatus.unreviewed:
            meta.append(f'<span class="tag">{esc(fact.review.status.value)} by reviewer</span>')
        excerpt = quote_in_paragraph(self.texts.get(fact.source), fact.evidence)
        note = f' <span class="note">({esc(excerpt.note)})</span>' if excerpt.note else ""
        source = self.sources.get(fact.source)
        lang = f' lang="{esc(source.language)}"' if source is not None and source.language else ""
        file = f' <span class="file">{esc(fact.source)}</span>' if source is not None and source.outlet else ""
        return (
            f'<li class="fact{" latest" if latest else ""}" data-source="{esc(fact.source)}">'
            f'<div class="fact-head"><strong>{esc(self.short_label(fact.source))}</strong>{file}</div>'
            f'<div class="fact-meta">{SEPARATOR.join(meta)}</div>'
            f"<blockquote{lang}>{excerpt.to_html()}{note}</blockquote></li>"
        )

    def agreements(self) -> str:
        agreeing = [g for g in self.reconciliation.groups if g.status is GroupStatus.agree]
        if not agreeing:
            return ""
        items = []
        for group in agreeing:
            facts = [self.facts[i] for i in group.facts if i in self.facts]
            if not facts:
                continue
            who = ", ".join(sorted({self.short_label(f.source) for f in facts}))
            values = "; ".join(sorted({fact_statement(f) for f in facts}))
            items.append(
                f"<li><strong>{esc(fact_topic(facts[0]))}</strong>: {esc(values)} "
                f'<span class="muted">({esc(who)})</span></li>'
            )
        return (
            f'<section class="agreements"><details><summary>Where the sources agree ({len(items)} groups)</summary>'
            f"<ul>{''.join(items)}</ul></details></section>"
        )

    # --- timelines ---

    def _chart_facts(self, group_id: str) -> list[Fact]:
        group = self.groups.get(group_id)
        if group is None:
            return []
        return [
            self.facts[i]
            for i in group.facts
            if i in self.facts and self.facts[i].kind is FactKind.number and self.facts[i].active
        ]

    def timeline(self, group: FactGroup, contradiction: Contradiction) -> str:
        """A figure's values by date (or by source when no date is known), one mark per fact."""
        facts = self._chart_facts(group.id)
        dated = {f.id: fact_date(f, self.sources) for f in facts}
        by_source = not any(date for date, _ in dated.values())
        if by_source:
            keys = sorted({f.source for f in facts}, key=lambda s: (self.order.get(s, len(self.order)), s))
            column_of = {f.id: f.source for f in facts}
            column_names = {k: self.short_label(k) for k in keys}
        else:
            dates = sorted({d for d, _ in dated.values() if d})
            keys = dates + ([UNDATED] if any(d is None for d, _ in dated.values()) else [])
            column_of = {f.id: dated[f.id][0] or UNDATED for f in facts}
            column_names = {k: k for k in keys}
        slots: list[tuple[int, Fact]] = []
        for column, key in enumerate(keys):
            members = [f for f in facts if column_of[f.id] == key]
            members.sort(key=lambda f: self.order.get(f.source, len(self.order)))
            slots += [(column, f) for f in members]
        chart = _Chart(slots, keys, column_names, set(contradiction.latest), by_source, self)
        caption = (
            "No dates in the texts: values ordered by source. "
            if by_source
            else "Values by date (the fact's own date, else its source's publication date). "
        )
        legend = " ".join(
            f'<span class="key"><svg width="12" height="12" aria-hidden="true">{shape}</svg> {words}</span>'
            for shape, words in (
                ('<circle cx="6" cy="6" r="5" class="pt latest"/>', "latest known"),
                ('<circle cx="6" cy="6" r="5" class="pt"/>', "other sources"),
                ('<rect x="1" y="1" width="10" height="10" class="band"/>', "range or vague figure"),
            )
        )
        topic = group_topic(group, contradiction.kind)
        return (
            f'<figure class="chart"><figcaption><strong>{esc(topic)} over time.</strong> {caption}{legend}</figcaption>'
            f"{chart.svg()}</figure>"
        )


# --- the SVG chart --------------------------------------------------------------------------------------

SLOT = 128  # width given to one fact
COLUMN_GAP = 14
LEFT = 64
RIGHT = 16
TOP = 40
PLOT = 150
BOTTOM = 50


class _Chart:
    def __init__(
        self,
        slots: list[tuple[int, Fact]],
        keys: list[str],
        names: dict[str, str],
        latest: set[str],
        by_source: bool,
        page: _Page,
    ) -> None:
        self.slots = slots
        self.keys = keys
        self.names = names
        self.latest = latest
        self.by_source = by_source
        self.page = page
        numbers: list[float] = []
        for _, fact in slots:
            value = fact.effective_value()
            if value is not None:
                numbers += [x for x in (value.amount, value.low, value.high) if x is not None and math.isfinite(x)]
        self.ticks = _nice_ticks(min(numbers), max(numbers)) if numbers else []
        units = Counter(_unit_word(f.effective_value()) for _, f in slots)
        self.unit = units.most_common(1)[0][0]

    def x(self, index: int) -> float:
        column = self.slots[index][0]
        return LEFT + column * COLUMN_GAP + index * SLOT + SLOT / 2

    def y(self, amount: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return TOP + PLOT - (amount - low) / (high - low) * PLOT

    def svg(self) -> str:
        width = LEFT + len(self.slots) * SLOT + (len(self.keys) - 1) * COLUMN_GAP + RIGHT
        height = TOP + PLOT + BOTTOM
        out = [
            f'<svg class="timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="values by {"source" if self.by_source else "date"}">'
        ]
        base = TOP + PLOT
        out.append(f'<text class="unit" x="{LEFT - 8}" y="{TOP - 24}" text-anchor="end">{esc(self.unit)}</text>')
        for tick in self.ticks:
            y = self.y(tick)
            out.append(f'<line class="grid" x1="{LEFT}" x2="{width - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
            out.append(f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{esc(_tick(tick))}</text>')
        out.append(f'<line class="axis" x1="{LEFT}" x2="{width - RIGHT}" y1="{base}" y2="{base}"/>')
        for column, key in enumerate(self.keys):
            indexes = [i for i, (c, _) in enumerate(self.slots) if c == column]
            left = self.x(indexes[0]) - SLOT / 2
            right = self.x(indexes[-1]) + SLOT / 2
            if column:
                out.append(
                    f'<line class="sep" x1="{left - COLUMN_GAP / 2}" x2="{left - COLUMN_GAP / 2}" y1="{TOP - 30}" y2="{base + 40}"/>'
                )
            if not self.by_source:
                cls = "col undated" if key == UNDATED else "col"
                out.append(
                    f'<text class="{cls}" x="{(left + right) / 2:.1f}" y="{base + 18}" text-anchor="middle">{esc(self.names[key])}</text>'
                )
        for index, (_, fact) in enumerate(self.slots):
            out.append(self.mark(index, fact))
            name = self.page.short_label(fact.source)
            row = base + (18 if self.by_source else 36)
            out.append(
                f'<text class="src" x="{self.x(index):.1f}" y="{row}" text-anchor="middle">'
                f"<title>{esc(self.page.label(fact.source))}</title>{esc(_clip(name, 20))}</text>"
            )
        out.append("</svg>")
        return "".join(out)

    def mark(self, index: int, fact: Fact) -> str:
        """One fact: a point (with its range as a whisker), or a band when the text gives no figure."""
        value = fact.effective_value()
        x = self.x(index)
        said = describe_quantity(value)
        date, origin = fact_date(fact, self.page.sources)
        when = f"{origin} {date}" if date else "undated"
        tip = f"{self.page.label(fact.source)}: {said} ({when}) \u2014 \u201c{fact.evidence.quote}\u201d"
        cls = "pt latest" if fact.id in self.latest else "pt"
        out = [f'<g class="point" data-fact="{esc(fact.id)}"><title>{esc(tip)}</title>']
        low, high, amount = (_finite(getattr(value, name, None)) for name in ("low", "high", "amount"))
        if amount is not None and self.ticks:
            y = self.y(amount)
            if low is not None and high is not None and (low != amount or high != amount):
                y_low, y_high = self.y(low), self.y(high)
                out.append(f'<line class="whisker" x1="{x:.1f}" x2="{x:.1f}" y1="{y_low:.1f}" y2="{y_high:.1f}"/>')
                for end in (y_low, y_high):
                    out.append(
                        f'<line class="whisker" x1="{x - 5:.1f}" x2="{x + 5:.1f}" y1="{end:.1f}" y2="{end:.1f}"/>'
                    )
            elif (low is None) != (high is None):
                # "More than 500": an open whisker with an arrow towards what the text allows.
                tip_y, step = (TOP + 2, 5) if high is None else (TOP + PLOT - 2, -5)
                start_y = y - 24 if high is None else y + 7  # above the point, its label sits in between
                if (start_y - tip_y if high is None else tip_y - start_y) > 6:  # room for the arrow
                    out.append(
                        f'<path class="whisker open" d="M{x:.1f},{start_y:.1f} L{x:.1f},{tip_y:.1f} '
                        f'M{x - 4:.1f},{tip_y + step:.1f} L{x:.1f},{tip_y:.1f} L{x + 4:.1f},{tip_y + step:.1f}"/>'
                    )
            out.append(f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="5.5"/>')
            label_y = min(y, self.y(high) if high is not None else y) - 10
        else:
            # No figure: a band over what the text allows, the whole height when it allows anything.
            top = self.y(high) if high is not None and self.ticks else TOP
            bottom = self.y(low) if low is not None and self.ticks else TOP + PLOT
            vague = " open" if high is None else ""
            out.append(
                f'<rect class="band{vague}{" latest" if fact.id in self.latest else ""}" x="{x - 14:.1f}" '
                f'y="{top:.1f}" width="28" height="{max(bottom - top, 4):.1f}" rx="3"/>'
            )
            out.append(f'<text class="q" x="{x:.1f}" y="{(top + bottom) / 2 + 5:.1f}" text-anchor="middle">?</text>')
            label_y = top - 10
        out.append(
            f'<text class="label" x="{x:.1f}" y="{max(label_y, 12):.1f}" text-anchor="middle">{esc(_clip(said, 22))}</text>'
        )
        out.append("</g>")
        return "".join(out)


def _finite(number: float | None) -> float | None:
    return number if number is not None and math.isfinite(number) else None


def _unit_word(value: Quantity | None) -> str:
    if value is None:
        return ""
    if value.currency:
        return value.currency
    return "%" if value.unit == "percent" else (value.unit or "")


def _nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values spanning low..high (padded when they are equal), first and last included."""
    if low == high:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    ticks = []
    value = first
    while value <= last + step / 2:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _tick(value: float) -> str:
    for threshold, scale, word in ((1e12, 1e12, "T"), (1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e4, 1e3, "k")):
        if abs(value) >= threshold:
            return f"{value / scale:g}{word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


# --- inline style and script --------------------------------------------------------------------------
# Constant text: nothing from articles or facts is ever placed in either.

STYLE = """
:root{--ink:#1d232a;--muted:#5c6670;--line:#d5dbe1;--paper:#f5f6f8;--card:#fff;--mark:#ffe27a;
--value:#c2410c;--status:#1d4ed8;--succession:#7e22ce;--claim:#b91c1c;--attributed:#0f766e}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;background:var(--paper);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1200px;margin:0 auto;padding:16px}
h1{font-size:1.6rem;margin:0 0 .4rem}
h2{font-size:1.2rem;margin:1.6rem 0 .6rem}
h3{font-size:1rem;margin:0}
p{margin:.3rem 0}
.muted{color:var(--muted);font-weight:normal}
.summary{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 18px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:10px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.source .file,.fact .file{font:12px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted);overflow-wrap:anywhere}
.source dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:.5rem 0 0;font-size:.9rem}
.source dt{color:var(--muted)}
.source dd{margin:0}
.source dd small{display:block}
.file-title{overflow-wrap:anywhere}
.url{overflow-wrap:anywhere;user-select:all}
.repair{margin-top:.5rem;font-size:.85rem;background:#fff7e0;border-left:3px solid #d39e00;padding:4px 8px}
.bar{display:inline-block;width:60px;height:7px;background:#e4e8ec;border-radius:4px;vertical-align:middle;overflow:hidden}
.bar>span{display:block;height:100%;background:#5b6b7a}
.filters{border:1px solid var(--line);border-radius:8px;background:var(--card);padding:8px 12px;margin:0 0 12px;display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.filters legend{font-weight:600;padding:0 4px}
.filters label{cursor:pointer}
.filters button{font:inherit;padding:2px 10px;border:1px solid var(--line);border-radius:12px;background:#fff;cursor:pointer}
.badge{display:inline-block;border-radius:12px;padding:1px 10px;font-size:.8rem;font-weight:600;color:#fff;background:#555;white-space:nowrap}
.badge.kind-value{background:var(--value)}.badge.kind-status{background:var(--status)}
.badge.kind-succession{background:var(--succession)}.badge.kind-claim{background:var(--claim)}
.badge.kind-attributed{background:var(--attributed)}
.contradiction{margin:0 0 14px;border-left:5px solid #555}
.contradiction.kind-value{border-left-color:var(--value)}.contradiction.kind-status{border-left-color:var(--status)}
.contradiction.kind-succession{border-left-color:var(--succession)}.contradiction.kind-claim{border-left-color:var(--claim)}
.contradiction.kind-attributed{border-left-color:var(--attributed)}
.contradiction>header{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center;margin-bottom:.4rem}
.contradiction>header h3{flex:1 1 240px}
.severity{font-size:.85rem;color:var(--muted);white-space:nowrap}
.explanation{overflow-wrap:anywhere}
.estimate{background:#eef6ee;border-left:3px solid #2f7d32;padding:4px 8px}
.evidence{list-style:none;padding:0;margin:.6rem 0 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:8px}
.fact{border:1px solid var(--line);border-radius:6px;padding:8px 10px;background:#fbfcfd}
.fact.latest{border-color:#1d4ed8;box-shadow:inset 3px 0 0 #1d4ed8}
.fact-meta{font-size:.85rem;color:var(--muted)}
.fact-meta .value{color:var(--ink);font-weight:600}
.tag{display:inline-block;font-size:.75rem;border:1px solid currentColor;border-radius:10px;padding:0 6px}
.tag.latest{color:#1d4ed8}
blockquote{margin:.4rem 0 0;padding:0 0 0 10px;border-left:2px solid var(--line);font-family:Georgia,"Times New Roman",serif;white-space:pre-line;overflow-wrap:anywhere}
mark{background:var(--mark);color:inherit;padding:0 1px;border-radius:2px}
.note{font-family:system-ui,sans-serif;font-size:.8rem;color:var(--claim)}
.chart{margin:.6rem 0;overflow-x:auto}
.chart figcaption{font-size:.85rem;color:var(--muted);margin-bottom:4px}
.chart .key{white-space:nowrap;margin-right:6px}
.chart .key svg{vertical-align:-1px}
svg.timeline{display:block;max-width:100%;height:auto;font:11px system-ui,sans-serif}
svg .grid{stroke:#e6e9ed}
svg .axis{stroke:#8a949e}
svg .sep{stroke:#c9d0d7;stroke-dasharray:3 3}
svg .tick,svg .unit,svg .src{fill:var(--muted)}
svg .col{fill:var(--ink);font-weight:600}
svg .col.undated{font-style:italic;font-weight:normal;fill:var(--muted)}
svg .label{fill:var(--ink);font-weight:600}
.pt{fill:#8a949e;stroke:#fff;stroke-width:1.5}
.pt.latest{fill:#1d4ed8}
svg .whisker{stroke:#8a949e;stroke-width:1.5;fill:none}
svg .whisker.open{stroke-dasharray:3 2}
.band{fill:rgba(29,78,216,.10);stroke:#5b6b7a;stroke-dasharray:4 3}
.band.latest{fill:rgba(29,78,216,.25);stroke:#1d4ed8}
svg .q{fill:#5b6b7a;font-weight:bold;font-size:13px}
.agreements ul{padding-left:1.2rem}
.agreements summary{cursor:pointer;font-weight:600}
@media (max-width:600px){main{padding:8px}body{font-size:14px}.evidence{grid-template-columns:1fr}.card{padding:10px}}
@media print{body{background:#fff;font-size:11pt}main{max-width:none;padding:0}.filters{display:none!important}
.card,.summary{border-color:#999}.source,.fact,.chart,.summary,.estimate{break-inside:avoid}
h2,.contradiction>header{break-after:avoid}.evidence{grid-template-columns:1fr}
.chart{overflow:visible}mark,.badge,.bar>span,.pt,.band{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

SCRIPT = """
(function () {
  var bar = document.getElementById("filters");
  if (!bar) return;
  var boxes = Array.prototype.slice.call(bar.querySelectorAll("input[data-kind]"));
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.contradiction"));
  var count = document.getElementById("filter-count");
  function apply() {
    var on = {};
    boxes.forEach(function (box) { on[box.getAttribute("data-kind")] = box.checked; });
    var shown = 0;
    cards.forEach(function (card) {
      var visible = on[card.getAttribute("data-kind")] !== false;
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown + " of " + cards.length + " shown";
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  document.getElementById("show-all").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = true; });
    apply();
  });
  bar.hidden = false;
  apply();
})();
"""
