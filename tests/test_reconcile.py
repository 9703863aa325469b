"""Grouping and value contradictions on hand-made facts."""

from __future__ import annotations

from reconcile.models import Evidence, Fact, FactKind, Qualifier, Quantity, Source
from reconcile.reconcile import reconcile, same_entity
from reconcile.wording import describe_quantity


def number(
    fid: str,
    source: str,
    subject: str,
    predicate: str,
    obj: str | None,
    amount: float,
    unit: str = "people",
    qualifier: str = "exact",
    low: float | None = None,
    high: float | None = None,
    currency: str | None = None,
) -> Fact:
    if low is None and high is None and qualifier == "exact":
        low = high = amount
    return Fact(
        id=fid,
        source=source,
        kind=FactKind.number,
        subject=subject,
        predicate=predicate,
        object=obj,
        value=Quantity(amount=amount, unit=unit, currency=currency, qualifier=Qualifier(qualifier), low=low, high=high),
        evidence=Evidence(quote=f"quote {fid}", start=0, end=5),
    )


SOURCES = [Source(name="a.txt", outlet="Outlet A"), Source(name="b.txt", outlet="Outlet B"), Source(name="c.txt")]


def test_names_match_after_normalisation_but_look_alikes_do_not() -> None:
    assert same_entity("Arvel Corp.", "Arvel")
    assert same_entity("Open Arvel", "OpenArvel")
    assert same_entity("Jeanne Morel", "Morel")
    assert not same_entity("Arvel Summit", "Arvel")
    assert not same_entity("Brinot", "Arvel")


def test_approximate_figure_ten_percent_away_is_a_contradiction() -> None:
    facts = [
        number("a1", "a.txt", "Brinot", "headcount", None, 700),
        number("b1", "b.txt", "Brinot", "headcount", None, 770, qualifier="approx", low=731.5, high=808.5),
    ]
    result = reconcile(SOURCES, facts)
    assert len(result.groups) == 1
    assert len(result.contradictions) == 1
    contradiction = result.contradictions[0]
    assert contradiction.kind.value == "value"
    assert set(contradiction.facts) == {"a1", "b1"}
    assert "Outlet A" in contradiction.explanation and "Outlet B" in contradiction.explanation
    assert "quote a1" in contradiction.explanation and "quote b1" in contradiction.explanation


def test_more_than_and_exact_same_figure_agree() -> None:
    facts = [
        number(
            "a1",
            "a.txt",
            "Arvel",
            "funding",
            "Brinot",
            13e9,
            unit="USD",
            currency="USD",
            qualifier="more_than",
            low=13e9,
        ),
        number(
            "b1", "b.txt", "Arvel Corp.", "funding", "Brinot", 13e9, unit="USD", currency="USD", low=12.5e9, high=13.5e9
        ),
    ]
    result = reconcile(SOURCES, facts)
    assert len(result.groups) == 1 and result.groups[0].status.value == "agree"
    assert result.contradictions == []


def test_different_subjects_or_units_are_different_groups() -> None:
    facts = [
        number("a1", "a.txt", "Brinot", "headcount", None, 700),
        number("b1", "b.txt", "Arvel", "headcount", None, 200000),
        number("c1", "c.txt", "Brinot", "headcount", None, 30, unit="percent"),
    ]
    result = reconcile(SOURCES, facts)
    assert len(result.groups) == 3
    assert result.contradictions == []


def test_rejected_fact_leaves_and_corrected_value_counts() -> None:
    rejected = number("b1", "b.txt", "Brinot", "headcount", None, 900)
    rejected.review.status = "rejected"
    corrected = number("c1", "c.txt", "Brinot", "headcount", None, 900)
    corrected.review.corrected = Quantity(amount=700, unit="people", low=700, high=700)
    facts = [number("a1", "a.txt", "Brinot", "headcount", None, 700), rejected, corrected]
    result = reconcile(SOURCES, facts)
    assert result.contradictions == []
    assert [g.facts for g in result.groups] == [["a1", "c1"]]


def test_exact_conflict_ranks_above_approximate_one() -> None:
    facts = [
        number("a1", "a.txt", "Brinot", "headcount", None, 700),
        number("b1", "b.txt", "Brinot", "headcount", None, 1000),
        number("a2", "a.txt", "Arvel", "stake", "Brinot", 30, unit="percent", qualifier="approx", low=28.5, high=31.5),
        number("b2", "b.txt", "Arvel", "stake", "Brinot", 40, unit="percent", qualifier="approx", low=38, high=42),
    ]
    result = reconcile(SOURCES, facts)
    assert [set(c.facts) for c in result.contradictions] == [{"a1", "b1"}, {"a2", "b2"}]
    assert result.contradictions[0].severity > result.contradictions[1].severity


def test_describe_quantity_reads_like_a_person() -> None:
    assert (
        describe_quantity(Quantity(amount=13e9, unit="USD", currency="USD", qualifier="more_than"))
        == "more than $13 billion"
    )
    assert describe_quantity(Quantity(amount=770, unit="people", qualifier="approx")) == "about 770 people"
    assert describe_quantity(Quantity(amount=49, unit="percent")) == "49%"


def test_one_crowd_counted_as_people_or_protesters_is_one_group(tmp_path) -> None:
    import json

    from click.testing import CliRunner

    from reconcile.cli import main

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.md").write_text(
        "---\nlanguage: en\n---\nAbout 12,000 people marched in Valmora on Saturday.\n", encoding="utf-8"
    )
    (articles / "b.md").write_text(
        "---\nlanguage: en\n---\nSome 12,000 protesters marched in Valmora on Saturday.\n", encoding="utf-8"
    )
    (articles / "c.md").write_text(
        "---\nlanguage: fr\n---\nQuelque 20 000 manifestants ont défilé à Valmora samedi.\n", encoding="utf-8"
    )
    (articles / "d.md").write_text(
        "---\nlanguage: en\n---\nSome 300 Brinot employees marched in Valmora on Saturday.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--articles",
            str(articles),
            "--facts",
            str(tmp_path / "facts"),
            "--format",
            "json",
            "-o",
            "-",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    source_of = {f["id"]: f["source"] for f in document["facts"]}
    groups = sorted(sorted(source_of[i] for i in g["facts"]) for g in document["groups"])
    assert groups == [["a.md", "b.md", "c.md"], ["d.md"]]  # a company's staff is not the crowd
    # 12,000 against 20,000: a march count that may have grown through the day (an accumulating count)
    assert [c["kind"] for c in document["contradictions"]] == ["status"]


def test_a_story_told_in_english_and_in_french_meets_on_each_figure(tmp_path) -> None:
    import json

    from click.testing import CliRunner

    from reconcile.cli import main

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.md").write_text(
        "---\noutlet: Daily Norvale\npublished: 2024-03-12\n---\n"
        "About 200 police officers were deployed in Valmora on Tuesday. Police said 12,000 people marched, while the "
        "union counted 30,000 protesters in the streets of Valmora.\n\n"
        "Brinot Corp. said it would cut 1,200 jobs. The company employs more than 15,000 people worldwide.\n",
        encoding="utf-8",
    )
    (articles / "b.md").write_text(
        "---\noutlet: Le Quotidien\npublished: 2024-03-12\n---\n"
        "Quelque 200 policiers ont été mobilisés mardi. Selon la préfecture, 15 000 personnes ont défilé dans les rues "
        "de Valmora, 40 000 selon les syndicats.\n\n"
        "Brinot va supprimer 1 500 emplois, sur les 15 000 salariés que compte le groupe.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--articles",
            str(articles),
            "--facts",
            str(tmp_path / "facts"),
            "--format",
            "json",
            "-o",
            "-",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    quote = {f["id"]: f["evidence"]["quote"] for f in document["facts"]}
    found = sorted((c["kind"], sorted(quote[i] for i in c["facts"])) for c in document["contradictions"])
    expected = [
        ("attributed", ["12,000 people marched", "15 000 personnes ont défilé", "30,000 protesters", "40 000"]),
        ("value", ["1 500 emplois", "1,200 jobs"]),  # one cut, two figures
        ("value", ["12,000 people marched", "15 000 personnes ont défilé"]),  # the police figure, told twice
        ("value", ["30,000 protesters", "40 000"]),  # the unions' figure, told twice
    ]

    def covers(quotes: list[str], parts: list[str]) -> bool:  # each quote is the clause around its figure
        return len(quotes) == len(parts) and all(any(part in q for q in quotes) for part in parts)

    assert len(found) == len(expected), found
    for kind, parts in expected:
        assert sum(1 for k, quotes in found if k == kind and covers(quotes, parts)) == 1, (kind, parts, found)
    # The police deployed are no marchers; both outlets give about 200 of them, which agrees.
    deployed = [g for g in document["groups"] if g["predicate"] == "deployed"]
    assert len(deployed) == 1 and len(deployed[0]["facts"]) == 2 and deployed[0]["status"] == "agree"


def test_a_toll_is_one_count_whatever_the_victims_are_called() -> None:
    from reconcile.grouping import group_facts
    from reconcile.models import Evidence, Fact, FactKind, Quantity

    def toll(fid: str, source: str, subject: str, amount: float) -> Fact:
        return Fact(
            id=fid,
            source=source,
            kind=FactKind.number,
            subject=subject,
            predicate="killed",
            value=Quantity(amount=amount, unit="people", low=amount, high=amount),
            evidence=Evidence(quote="q", start=0, end=1),
        )

    groups = group_facts(
        [
            toll("a", "a.txt", "employees", 5),
            toll("b", "b.txt", "dead", 4),
            toll("c", "c.txt", "people", 5),
            toll("d", "d.txt", "Brinot employees", 2),
        ]
    )
    assert sorted(sorted(g.facts) for g in groups) == [["a", "b", "c"], ["d"]]  # one company's staff is its own count

    def strike(fid: str, subject: str, amount: float) -> Fact:
        return toll(fid, f"{fid}.txt", subject, amount).model_copy(update={"predicate": "on strike"})

    groups = group_facts([strike("e", "employees", 380), strike("f", "strikers", 1100)])
    assert [sorted(g.facts) for g in groups] == [["e", "f"]]  # the strikers, however they are called


def test_a_firm_named_with_and_without_the_kind_of_firm_is_one_firm() -> None:
    from reconcile.grouping import same_entity

    assert same_entity("Lumera", "Lumera Systems") and same_entity("Oduna Labs", "Oduna")
    assert not same_entity("Lumera", "Lumera Jones")  # a person's name is no kind of firm


def test_figures_of_a_firm_named_short_and_long_meet_in_one_group() -> None:
    from reconcile.grouping import group_facts
    from reconcile.models import Evidence, Fact, FactKind, Quantity

    def revenue(fid: str, subject: str, amount: float) -> Fact:
        return Fact(
            id=fid,
            source=f"{fid}.txt",
            kind=FactKind.number,
            subject=subject,
            predicate="revenue",
            value=Quantity(amount=amount, unit="USD", currency="USD", low=amount, high=amount),
            evidence=Evidence(quote="q", start=0, end=1),
        )

    groups = group_facts(
        [revenue("a", "Lumera Systems", 4.27e9), revenue("b", "Lumera", 4.72e9), revenue("c", "Lumera Biologics", 1e9)]
    )
    assert sorted(sorted(g.facts) for g in groups) == [["a", "b"], ["c"]]  # another firm of the same family stays apart
