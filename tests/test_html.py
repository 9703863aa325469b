"""The HTML report on small hand-made reconciliations: a page that loads nothing, shows every
contradiction with its quotes in context, filters by kind, charts moving figures, and escapes
everything that comes from an article."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from reconcile.models import (
    Contradiction,
    ContradictionKind,
    EncodingRepair,
    Evidence,
    Fact,
    FactGroup,
    FactKind,
    GroupEstimate,
    GroupStatus,
    Modality,
    Qualifier,
    Quantity,
    Reconciliation,
    Source,
    SourceTrust,
    TimeRef,
)
from reconcile.report import html_format

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Tags, attributes, visible text and script bodies of a page, with a check that tags nest."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "script":
            self.scripts.append(data)
        elif not self.stack or self.stack[-1] != "style":
            self.text.append(data)

    def named(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    @property
    def visible(self) -> str:
        return "".join(self.text)


def quoted(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def number(
    fid: str,
    source: str,
    text: str,
    quote: str,
    amount: float | None,
    *,
    qualifier: str = "exact",
    as_of: str | None = None,
    subject: str = "Brinot",
    predicate: str = "headcount",
) -> Fact:
    q = Qualifier(qualifier)
    low, high = (amount, amount) if q is Qualifier.exact else (None, None)
    when = TimeRef(text=as_of, start=0, date=as_of) if as_of else None
    return Fact(
        id=fid,
        source=source,
        kind=FactKind.number,
        subject=subject,
        predicate=predicate,
        value=Quantity(amount=amount, unit="people", qualifier=q, low=low, high=high),
        as_of=when,
        evidence=quoted(text, quote),
    )


def claim(fid: str, source: str, text: str, quote: str, reason: str) -> Fact:
    return Fact(
        id=fid,
        source=source,
        kind=FactKind.claim,
        subject="Léa Varin",
        predicate="fired for",
        object=reason,
        modality=Modality.asserted,
        evidence=quoted(text, quote),
    )


TEXTS = {
    "nord.txt": (
        "Brinot se sépare de sa directrice\n"
        "Le fabricant de vélos Brinot compte 420 salariés à Roubaix, selon sa direction.\n"
        "Léa Varin a été remerciée pour des erreurs de gestion répétées.\n"
    ),
    "wire.txt": (
        "Brinot ousts chief executive\n"
        "The bike maker, which employs about 510 people, said nothing more.\n"
        "Sources say Léa Varin was dismissed over a boardroom feud & a lost contract.\n"
    ),
}

SOURCES = [
    Source(
        name="nord.txt",
        outlet="Le Courrier du Nord",
        published="2024-05-02",
        language="fr",
        encoding_repair=EncodingRepair(detected="utf-8 read as cp1252", lines_repaired=2, chars_repaired=5),
    ),
    Source(name="wire.txt", outlet="Northern Wire", published="2024-05", language="en"),
]


def story() -> Reconciliation:
    """Two outlets disagree on a headcount (value) and on why a chief executive left (claim)."""
    nord, wire = TEXTS["nord.txt"], TEXTS["wire.txt"]
    facts = [
        number("n1", "nord.txt", nord, "compte 420 salariés", 420),
        number("w1", "wire.txt", wire, "employs about 510 people", 510, qualifier="approx"),
        claim("n2", "nord.txt", nord, "remerciée pour des erreurs de gestion", "mismanagement"),
        claim("w2", "wire.txt", wire, "dismissed over a boardroom feud & a lost contract", "boardroom feud"),
    ]
    groups = [
        FactGroup(
            id="g-headcount",
            subject="Brinot",
            predicate="headcount",
            object=None,
            facts=["n1", "w1"],
            status=GroupStatus.contradicted,
            estimate=GroupEstimate(value="420", confidence=0.6, support=["nord.txt"], weight=1.0),
        ),
        FactGroup(
            id="g-fired",
            subject="Léa Varin",
            predicate="fired for",
            object="mismanagement",
            facts=["n2", "w2"],
            status=GroupStatus.contradicted,
        ),
    ]
    contradictions = [
        Contradiction(
            id="c-claim",
            kind=ContradictionKind.claim,
            group="g-fired",
            facts=["n2", "w2"],
            sources=["nord.txt", "wire.txt"],
            severity=0.3,
            explanation="Two reasons for Léa Varin's exit: mismanagement <errors> against a feud & a contract.",
        ),
        Contradiction(
            id="c-value",
            kind=ContradictionKind.value,
            group="g-headcount",
            facts=["n1", "w1"],
            sources=["nord.txt", "wire.txt"],
            severity=0.8,
            explanation='Brinot headcount: 420 people against about 510 people; 420 < 485, "more" than allowed.',
        ),
    ]
    trust = [SourceTrust(source="nord.txt", trust=0.8, claims=2), SourceTrust(source="wire.txt", trust=0.55, claims=2)]
    return Reconciliation(sources=SOURCES, facts=facts, groups=groups, contradictions=contradictions, trust=trust)


def test_page_is_well_formed_and_loads_nothing_from_the_network() -> None:
    reconciliation = story()
    reconciliation.sources[1].url = "https://wire.example/brinot"
    text = html_format.render(reconciliation, TEXTS)
    page = Page(text)
    assert text.startswith("<!DOCTYPE html>")
    assert page.errors == []
    assert page.named("meta", name="viewport")
    remote = [
        (t, k, v) for t, a in page.tags for k, v in a.items() if v and ("//" in v or v.startswith(("http", "data:")))
    ]
    assert remote == []
    assert not page.named("link") and not page.named("iframe") and not page.named("img")
    assert not any("src" in a for _, a in page.tags)
    style = text[text.index("<style>") : text.index("</style>")]
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    # The source's address is shown, as text only.
    assert "https://wire.example/brinot" in page.visible
    assert "http" not in text.replace("https://wire.example/brinot", "")


def test_header_and_source_cards_come_from_the_data() -> None:
    page = Page(html_format.render(story(), TEXTS))
    visible = " ".join(page.visible.split())
    assert "2 sources, 4 facts in 2 groups, 2 contradictions (1 value, 1 claim)." in visible
    assert "Most disputed: Brinot (1 contradiction), Léa Varin (1)." in visible
    assert "Published 2024-05 to 2024-05-02." in visible
    cards = page.named("article", **{"class": "card source"})
    assert [c["data-source"] for c in cards] == ["nord.txt", "wire.txt"]
    for expected in (
        "Le Courrier du Nord",
        "Northern Wire",
        "0.80",
        "0.55",
        "fr",
        "en",
        "Encoding repaired: utf-8 read as cp1252",
    ):
        assert expected in visible
    assert visible.count("Encoding repaired") == 1


def test_every_explanation_appears_escaped_most_severe_first_with_the_estimate() -> None:
    reconciliation = story()
    text = html_format.render(reconciliation, TEXTS)
    value, claim_ = (c.explanation for c in sorted(reconciliation.contradictions, key=lambda c: -c.severity))
    assert html.escape(value, quote=True) in text and html.escape(claim_, quote=True) in text
    assert "<errors>" not in text
    assert text.index(html.escape(value, quote=True)) < text.index(html.escape(claim_, quote=True))
    page = Page(text)
    assert [a["id"] for a in page.named("article") if a.get("data-kind")] == ["c-value", "c-claim"]
    assert "Most likely: 420 people" in " ".join(page.visible.split())


def test_each_quote_is_marked_inside_its_own_paragraph() -> None:
    text = html_format.render(story(), TEXTS)
    assert "Le fabricant de vélos Brinot <mark>compte 420 salariés</mark> à Roubaix, selon sa direction." in text
    assert "The bike maker, which <mark>employs about 510 people</mark>, said nothing more." in text
    assert "Sources say Léa Varin was <mark>dismissed over a boardroom feud &amp; a lost contract</mark>." in text
    quotes = text.split("<blockquote")[1:]
    assert len(quotes) == 4
    # A paragraph is one line of the article: the lines around it stay out.
    assert not any("Brinot se sépare" in q or "Brinot ousts" in q for q in quotes)
    assert all(q.count("<mark>") == 1 for q in quotes)


def test_a_long_paragraph_is_cut_around_the_quote_at_word_ends() -> None:
    before = " ".join(f"avant{i}" for i in range(150))
    after = " ".join(f"après{i}" for i in range(150))
    article = f"Titre\n{before} le chiffre de 420 salariés {after}\nFin\n"
    evidence = quoted(article, "420 salariés")
    excerpt = html_format.quote_in_paragraph(article, evidence)
    assert excerpt.cut_before and excerpt.cut_after
    assert excerpt.quote == "420 salariés"
    shown = excerpt.before + excerpt.quote + excerpt.after
    assert 300 <= len(shown) <= html_format.PARAGRAPH_LIMIT
    assert excerpt.before.split()[0] in before.split() and excerpt.after.split()[-1] in after.split()
    assert abs(len(excerpt.before) - len(excerpt.after)) < 20
    marked = excerpt.to_html()
    assert marked.startswith("\u2026") and marked.endswith("\u2026") and "<mark>420 salariés</mark>" in marked
    # Offsets that no longer point at the quote fall back to finding it.
    moved = Evidence(quote="420 salariés", start=0, end=12)
    assert html_format.quote_in_paragraph(article, moved).quote == "420 salariés"
    assert html_format.quote_in_paragraph(article, Evidence(quote="absent", start=0, end=6)).note


def test_one_filter_control_per_kind_present_and_all_shown_without_scripts() -> None:
    page = Page(html_format.render(story(), TEXTS))
    boxes = page.named("input", type="checkbox")
    assert sorted(b["data-kind"] for b in boxes) == ["claim", "value"]
    assert all("checked" in b for b in boxes)
    # The filter bar appears only when the script runs; no contradiction starts hidden.
    [bar] = page.named("fieldset", id="filters")
    assert "hidden" in bar
    cards = [a for a in page.named("article") if a.get("data-kind")]
    assert sorted(a["data-kind"] for a in cards) == ["claim", "value"]
    assert not any("hidden" in a for a in cards)
    [script] = page.scripts
    assert "data-kind" in script and "hidden" in script


def dated_status() -> tuple[Reconciliation, dict[str, str]]:
    """A count of signatures that grows over three days, in three sources."""
    texts = {
        "a.txt": "Day one\nA petition already has 1,200 signatures.\n",
        "b.txt": "Day two\nThe petition reached 3,400 signatures on Tuesday.\n",
        "c.txt": "Day three\nPlus de 5 000 signatures au total.\n",
    }
    sources = [
        Source(name="a.txt", outlet="Gazette", published="2024-03-08"),
        Source(name="b.txt", outlet="Wire", published="2024-03-09"),
        Source(name="c.txt", outlet="Journal", published="2024-03-12"),
    ]
    facts = [
        number(
            "c1",
            "c.txt",
            texts["c.txt"],
            "Plus de 5 000 signatures",
            5000,
            qualifier="more_than",
            subject="petition",
            predicate="signed",
        ),
        number("a1", "a.txt", texts["a.txt"], "1,200 signatures", 1200, subject="petition", predicate="signed"),
        number(
            "b1",
            "b.txt",
            texts["b.txt"],
            "3,400 signatures on Tuesday",
            3400,
            as_of="2024-03-10",
            subject="petition",
            predicate="signed",
        ),
    ]
    group = FactGroup(
        id="g-petition",
        subject="petition",
        predicate="signed",
        object=None,
        facts=["c1", "a1", "b1"],
        status=GroupStatus.contradicted,
    )
    contradiction = Contradiction(
        id="c-status",
        kind=ContradictionKind.status,
        group="g-petition",
        facts=["a1", "b1", "c1"],
        sources=["a.txt", "b.txt", "c.txt"],
        severity=0.5,
        explanation="The petition grew while the story ran.",
        latest=["c1"],
    )
    return Reconciliation(sources=sources, facts=facts, groups=[group], contradictions=[contradiction]), texts


def test_a_status_contradiction_between_dated_figures_draws_one_point_per_fact_in_date_order() -> None:
    reconciliation, texts = dated_status()
    text = html_format.render(reconciliation, texts)
    page = Page(text)
    assert len(page.named("svg", **{"class": "timeline"})) == 1
    points = [a["data-fact"] for t, a in page.tags if t == "g" and a.get("class") == "point"]
    assert points == ["a1", "b1", "c1"]  # 03-08 (published), 03-10 (as of), 03-12 (published)
    svg = text[text.index('<svg class="timeline"') : text.index("</svg>", text.index('<svg class="timeline"'))]
    assert svg.count("<circle") == 3
    dates = [d for d in ("2024-03-08", "2024-03-10", "2024-03-12") if f">{d}</text>" in svg]
    assert dates == ["2024-03-08", "2024-03-10", "2024-03-12"]
    assert svg.index(">2024-03-08<") < svg.index(">2024-03-10<") < svg.index(">2024-03-12<")
    assert "undated" not in svg
    for label in ("1,200 people", "3,400 people", "more than 5,000 people"):
        assert label in svg
    assert 'class="pt latest"' in svg and svg.count("pt latest") == 1


def test_undated_and_vague_figures_get_their_own_column_and_a_band() -> None:
    reconciliation, texts = dated_status()
    texts["d.txt"] = "Undated\nNearly everyone in town has signed.\n"
    reconciliation.sources.append(Source(name="d.txt", outlet="Blog"))
    vague = number(
        "d1",
        "d.txt",
        texts["d.txt"],
        "Nearly everyone in town has signed",
        None,
        qualifier="nearly_all",
        subject="petition",
        predicate="signed",
    )
    reconciliation.facts.append(vague)
    reconciliation.groups[0].facts = [*reconciliation.groups[0].facts, "d1"]
    text = html_format.render(reconciliation, texts)
    svg = text[text.index('<svg class="timeline"') : text.index("</svg>", text.index('<svg class="timeline"'))]
    assert ">undated</text>" in svg and svg.index(">2024-03-12<") < svg.index(">undated<")
    assert svg.count('class="point"') == 4
    assert svg.count("<rect") == 1 and "nearly all people" in svg


def test_no_chart_for_a_claim_or_a_figure_without_a_second_value() -> None:
    reconciliation = story()
    reconciliation.contradictions = [c for c in reconciliation.contradictions if c.kind is ContradictionKind.claim]
    assert '<svg class="timeline"' not in html_format.render(reconciliation, TEXTS)
    # A value contradiction does get one, ordered by date and source.
    assert html_format.render(story(), TEXTS).count('<svg class="timeline"') == 1


def test_a_story_without_contradictions_still_renders() -> None:
    empty = Reconciliation(sources=[Source(name="a.txt")], facts=[], groups=[], contradictions=[])
    page = Page(html_format.render(empty, {"a.txt": ""}))
    assert page.errors == []
    assert "1 source, 0 facts in 0 groups, 0 contradictions." in " ".join(page.visible.split())
    assert "None found." in page.visible and not page.named("fieldset") and not page.named("svg")


ATTACK_TAG = "<script>alert(1)</script>"
ATTACK_ATTR = '"><img src=x onerror=alert(1)>'


def test_article_text_with_markup_is_shown_as_text_and_never_becomes_an_element() -> None:
    name = f"evil{ATTACK_ATTR}.txt"
    article = (
        f"Headline {ATTACK_TAG}\nThe board {ATTACK_TAG} said {ATTACK_ATTR} that 300 people{ATTACK_ATTR} work there.\n"
    )
    other = "Other\nIt has 900 staff.\n"
    sources = [
        Source(
            name=name,
            outlet=f"Outlet {ATTACK_ATTR}",
            published="2024-01-01",
            title=ATTACK_TAG,
            url=f"javascript:{ATTACK_ATTR}",
            encoding_repair=EncodingRepair(detected=ATTACK_TAG),
        ),
        Source(name="other.txt", outlet="Plain", published="2024-01-03"),
    ]
    facts = [
        number("e1", name, article, f"300 people{ATTACK_ATTR}", 300, subject=f"Acme{ATTACK_TAG}"),
        number("o1", "other.txt", other, "900 staff", 900, subject=f"Acme{ATTACK_TAG}"),
    ]
    group = FactGroup(
        id="g",
        subject=f"Acme{ATTACK_TAG}",
        predicate=ATTACK_ATTR,
        object=None,
        facts=["e1", "o1"],
        status=GroupStatus.contradicted,
        estimate=GroupEstimate(value=ATTACK_TAG, confidence=0.5, support=[name]),
    )
    contradiction = Contradiction(
        id=f"c{ATTACK_ATTR}",
        kind=ContradictionKind.status,
        group="g",
        facts=["e1", "o1"],
        sources=[name, "other.txt"],
        severity=0.5,
        latest=["o1"],
        explanation=f"It changed {ATTACK_TAG} {ATTACK_ATTR}",
    )
    reconciliation = Reconciliation(
        sources=sources,
        facts=facts,
        groups=[group],
        contradictions=[contradiction],
        trust=[SourceTrust(source=name, trust=0.5, claims=1)],
    )
    text = html_format.render(reconciliation, {name: article, "other.txt": other})
    page = Page(text)
    assert page.errors == []
    assert not page.named("img")
    assert len(page.named("script")) == 1
    [script] = page.scripts
    assert script == html_format.SCRIPT and "alert" not in script
    assert not [k for _, a in page.tags for k in a if k.startswith("on")]
    # Shown as text, in the quote's paragraph and everywhere else it lands.
    assert page.visible.count(ATTACK_TAG) >= 5 and page.visible.count(ATTACK_ATTR) >= 4
    assert f"300 people{ATTACK_ATTR}" in page.visible
    # And kept whole inside attribute values instead of breaking out of them.
    assert name in [a.get("data-source") for _, a in page.tags]
    assert page.named("article", id=f"c{ATTACK_ATTR}")
    assert not any((v or "").startswith("javascript:") for _, a in page.tags for v in a.values())
