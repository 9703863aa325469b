"""Each contradiction kind on small hand-made fact sets (French and English wordings), and what is not one."""

from __future__ import annotations

from reconcile.models import Evidence, Fact, FactKind, Modality, Qualifier, Quantity, Source, TimeRef
from reconcile.reconcile import reconcile

SOURCES = [
    Source(name="a.txt", outlet="Le Quotidien", published="2024-03-08"),
    Source(name="b.txt", outlet="Northern Wire", published="2024-03-09"),
    Source(name="c.txt", outlet="La Gazette", published="2024-03-10"),
]


def number(
    fid: str,
    source: str,
    subject: str | None,
    predicate: str,
    amount: float | None,
    qualifier: str = "exact",
    unit: str = "people",
    attribution: str | None = None,
    scope: str | None = None,
    obj: str | None = None,
    quote: str = "",
) -> Fact:
    q = Qualifier(qualifier)
    low, high = (
        (amount, amount)
        if q is Qualifier.exact
        else (amount * 0.95, amount * 1.05)
        if q is Qualifier.approx
        else (amount, None)
    )
    if amount is None:
        low = high = None
    return Fact(
        id=fid,
        source=source,
        kind=FactKind.number,
        subject=subject,
        predicate=predicate,
        object=obj,
        value=Quantity(amount=amount, unit=unit, qualifier=q, low=low, high=high),
        attribution=attribution,
        scope=scope,
        evidence=Evidence(quote=quote or f"q-{fid}", start=0, end=3),
    )


def other(
    fid: str,
    source: str,
    kind: str,
    subject: str | None,
    predicate: str,
    obj: str | None,
    modality: Modality = Modality.asserted,
    as_of: str | None = None,
    quote: str = "",
) -> Fact:
    when = TimeRef(text=as_of, start=0, date=as_of) if as_of else None
    return Fact(
        id=fid,
        source=source,
        kind=FactKind(kind),
        subject=subject,
        predicate=predicate,
        object=obj,
        modality=modality,
        as_of=when,
        evidence=Evidence(quote=quote or f"q-{fid}", start=0, end=3),
    )


def kinds(facts: list[Fact]) -> list[tuple[str, set[str]]]:
    result = reconcile(SOURCES, facts)
    return sorted((c.kind.value, set(c.facts)) for c in result.contradictions)


def test_two_counters_for_one_march_are_attributed_not_blamed() -> None:
    facts = [
        number("a1", "a.txt", "protesters", "marched", 12000, "approx", attribution="la police", scope="à Lyon"),
        number("a2", "a.txt", "protesters", "marched", 45000, attribution="la CGT", scope="à Lyon"),
        number("b1", "b.txt", "protesters", "marched", 12000, attribution="the police", scope="in Lyon"),
    ]
    [(kind, ids)] = kinds(facts)
    assert kind == "attributed" and ids == {"a1", "a2", "b1"}
    explanation = reconcile(SOURCES, facts).contradictions[0].explanation
    assert "la police" in explanation and "la CGT" in explanation


def test_one_article_giving_two_counters_figures_is_attributed_beside_outlets_that_name_none() -> None:
    # "The Herald puts the bonus at €60m, while the Courier puts it at €75m"; other outlets give a figure alone.
    facts = [
        number("a1", "a.txt", None, "bonus", 60e6, unit="EUR", attribution="the Herald"),
        number("a2", "a.txt", None, "bonus", 75e6, unit="EUR", attribution="the Courier"),
        number("b1", "b.txt", None, "bonus", 75e6, unit="EUR"),
        number("c1", "c.txt", None, "bonus", 75e6, unit="EUR"),
    ]
    found = kinds(facts)
    assert ("attributed", {"a1", "a2"}) in found
    explanation = next(c for c in reconcile(SOURCES, facts).contradictions if c.kind.value == "attributed").explanation
    assert "Herald" in explanation and "Courier" in explanation


def test_two_outlets_with_different_figures_for_the_same_counter_disagree() -> None:
    facts = [
        number("a1", "a.txt", "protesters", "marched", 12000, attribution="la police"),
        number("b1", "b.txt", "protesters", "marched", 20000, attribution="la police"),
    ]
    assert [k for k, _ in kinds(facts)] == ["value"]


def test_one_counter_under_other_names_and_languages_is_one_counter() -> None:
    facts = [
        number("a1", "a.txt", "protesters", "marched", 12000, attribution="police", scope="à Lyon"),
        number("a2", "a.txt", "protesters", "marched", 30000, attribution="the union", scope="à Lyon"),
        number("b1", "b.txt", "protesters", "marched", 15000, attribution="la préfecture", scope="in Lyon"),
        number("b2", "b.txt", "protesters", "marched", 40000, attribution="les syndicats", scope="in Lyon"),
    ]
    found = reconcile(SOURCES, facts).contradictions
    assert sorted((c.kind.value, frozenset(c.facts)) for c in found) == [
        ("attributed", frozenset({"a1", "a2", "b1", "b2"})),  # police against unions: both reported faithfully
        ("value", frozenset({"a1", "b1"})),  # the police figure, given differently by two outlets
        ("value", frozenset({"a2", "b2"})),  # the unions' figure, likewise
    ]
    unions = next(c for c in found if set(c.facts) == {"a2", "b2"})
    assert "both credited to unions" in unions.explanation


def test_one_counter_quoted_alike_by_two_outlets_is_no_disagreement() -> None:
    facts = [
        number("a1", "a.txt", "protesters", "marched", 12000, attribution="la police"),
        number("a2", "a.txt", "protesters", "marched", 30000, attribution="the unions"),
        number("b1", "b.txt", "protesters", "marched", 12000, attribution="la préfecture"),
        number("b2", "b.txt", "protesters", "marched", 30000, attribution="l'intersyndicale"),
    ]
    assert [k for k, _ in kinds(facts)] == ["attributed"]


def test_a_city_figure_beside_a_national_one_is_not_a_contradiction() -> None:
    facts = [
        number("a1", "a.txt", "protesters", "protesters count", 1300000, scope="dans toute la France"),
        number("b1", "b.txt", "protesters", "protesters count", 55000, scope="à Paris"),
    ]
    assert kinds(facts) == []


def test_a_scope_in_other_words_is_the_same_scope() -> None:
    facts = [
        number("a1", "a.txt", "protesters", "marched", 12000, scope="in the streets of Valmora"),
        number("b1", "b.txt", "protesters", "marched", 20000, scope="à Valmora"),
        number("c1", "c.txt", "protesters", "marched", 90000, scope="in eastern Valmora"),
    ]
    # Eastern Valmora is a part, not the same place; a march count differing is a status change.
    assert [ids for _, ids in kinds(facts)] == [{"a1", "b1"}]


def test_headcount_far_apart_is_a_value_contradiction_and_exact_ranks_first() -> None:
    facts = [
        number("a1", "a.txt", "Brinot", "headcount", 700),
        number("b1", "b.txt", "Brinot", "headcount", 770, "approx"),
        number("a2", "a.txt", "Arvel", "headcount", 100),
        number("c2", "c.txt", "Arvel", "headcount", 300),
    ]
    result = reconcile(SOURCES, facts)
    assert [(c.kind.value, set(c.facts)) for c in result.contradictions] == [
        ("value", {"a2", "c2"}),
        ("value", {"a1", "b1"}),
    ]
    assert (
        "Le Quotidien" in result.contradictions[1].explanation
        and "Northern Wire" in result.contradictions[1].explanation
    )


def test_a_growing_count_is_a_status_change_with_the_latest_named() -> None:
    facts = [
        number("a1", "a.txt", "Brinot employees", "signed", 505),
        number("a2", "a.txt", "Brinot employees", "signed", 500, "more_than"),
        number("c1", "c.txt", "Brinot employees", "signed", None, "nearly_all"),
        number("c2", "c.txt", "Brinot", "headcount", 770, "approx"),
    ]
    result = reconcile(SOURCES, facts)
    [contradiction] = result.contradictions
    assert contradiction.kind.value == "status"
    assert set(contradiction.facts) == {"a1", "c1"}  # "more than 500" fits both and takes no side
    assert contradiction.latest == ["c1"]


def test_interim_holders_are_a_succession() -> None:
    facts = [
        other("a1", "a.txt", "role", "Claire Martin", "interim ceo", "Valmont", as_of="2024-03-01"),
        other("b1", "b.txt", "role", "Paul Girard", "interim ceo", "Valmont", as_of="2024-03-03"),
        other("c1", "c.txt", "role", "Claire Martin", "interim ceo", None),
    ]
    result = reconcile(SOURCES, facts)
    [contradiction] = result.contradictions
    assert contradiction.kind.value == "succession"
    assert contradiction.latest == ["b1"]
    assert len(result.groups) == 1  # the post, whoever holds it


def test_hiring_then_on_hold_and_a_move_back_are_status_changes() -> None:
    facts = [
        other("a1", "a.txt", "event", "John Carter", "joins", "Brightwave", Modality.announced),
        other("b1", "b.txt", "event", "John Carter", "joins", "Brightwave", Modality.on_hold),
        other("c1", "c.txt", "event", "John Carter", "returns", "Acme"),
    ]
    # The hire put on hold and the move back share the announced hire: one status contradiction lists both.
    assert kinds(facts) == [("status", {"a1", "b1", "c1"})]
    (found,) = reconcile(SOURCES, facts).contradictions
    assert "on hold" in found.explanation and "returns to Acme" in found.explanation


def test_different_reasons_for_one_dismissal_are_a_claim_contradiction() -> None:
    facts = [
        other("a1", "a.txt", "claim", "John Carter", "fired for", "lack of honesty towards the majority shareholders"),
        other("b1", "b.txt", "claim", "John Carter", "fired for", "deceiving the board"),
        other("b2", "b.txt", "claim", "John Carter", "fired for", "deceiving the investors"),
    ]
    [(kind, ids)] = kinds(facts)
    assert kind == "claim" and "b1" in ids
    # Shareholders and investors are one account: never opposed to each other.
    assert not ({"a1", "b2"} <= ids and "b1" not in ids)


def test_fired_for_one_reason_and_leaving_for_another_are_two_accounts_of_one_departure() -> None:
    facts = [
        other("a1", "a.txt", "claim", "Anna Marchetti", "reason for leaving", "personal reasons"),
        other("b1", "b.txt", "claim", "Anna Marchetti", "fired for", "cost overruns"),
    ]
    [contradiction] = reconcile(SOURCES, facts).contradictions
    assert contradiction.kind.value == "claim" and set(contradiction.facts) == {"a1", "b1"}
    assert contradiction.explanation.startswith("Different accounts of why Anna Marchetti")


def test_same_values_in_other_words_agree() -> None:
    facts = [
        number("a1", "a.txt", "Arvel", "stake", 49, unit="percent", obj="Brinot"),
        number("b1", "b.txt", "Arvel Corp.", "stake", 49, unit="percent", obj="Brinot"),
        other("a2", "a.txt", "event", "John Carter", "fired", "Acme"),
        other("b2", "b.txt", "event", "Carter", "fired", None),
    ]
    result = reconcile(SOURCES, facts)
    assert result.contradictions == []
    assert sorted(len(g.facts) for g in result.groups) == [2, 2]


def test_aliases_file_forces_and_forbids_merges(tmp_path) -> None:
    from reconcile.errors import BadInput
    from reconcile.grouping import load_aliases, same_entity

    (tmp_path / "aliases.yaml").write_text(
        "same:\n  - [Brinot, BRNT Holdings]\ndifferent:\n  - [Arvel, Arvel TV]\n", encoding="utf-8"
    )
    aliases = load_aliases(tmp_path)
    assert same_entity("BRNT Holdings", "Brinot", aliases=aliases)
    assert not same_entity("Brinot", "BRNT Holdings")
    assert not same_entity("Arvel", "Arvel TV", threshold=50, aliases=aliases)
    (tmp_path / "aliases.yaml").write_text("same:\n  - [Brinot]\n", encoding="utf-8")
    try:
        load_aliases(tmp_path)
    except BadInput as error:
        assert error.line == 2
    else:
        raise AssertionError("a one-name entry must be refused")


def test_changes_with_nothing_said_of_what_changed_are_not_compared() -> None:
    facts = [
        number("a1", "a.txt", None, "change", 6, "approx", unit="percent", quote="Shares rose nearly 6%"),
        number("b1", "b.txt", None, "change", 11, unit="percent", quote="revenue was up 11%"),
    ]
    assert kinds(facts) == []


def test_two_figures_of_one_article_are_two_things_not_a_contradiction() -> None:
    # "44 goals last season", "256 goals in all": one outlet tells two figures of one count.
    facts = [
        number("a1", "a.txt", "Brinot", "goals count", 44, unit="goals"),
        number("a2", "a.txt", "Brinot", "goals count", 256, unit="goals"),
    ]
    assert kinds(facts) == []
    # The same two figures from two outlets are a disagreement.
    facts[1] = number("b2", "b.txt", "Brinot", "goals count", 256, unit="goals")
    assert [kind for kind, _ in kinds(facts)] == ["value"]


def test_money_with_nothing_said_of_what_it_pays_is_never_compared() -> None:
    facts = [
        number("a1", "a.txt", "Dan Ortiz", "amount", 15e6, unit="EUR"),
        number("b1", "b.txt", "Dan Ortiz", "amount", 110e6, unit="EUR"),
    ]
    assert kinds(facts) == []
    # Once the figures say what they pay for, the same two figures disagree.
    facts = [number(f.id, f.source, f.subject, "bonus", f.value.amount, unit="EUR") for f in facts]
    assert [kind for kind, _ in kinds(facts)] == ["value"]


def test_every_sentence_names_its_object_and_a_disputed_move_is_not_listed_twice() -> None:
    facts = [
        other("a1", "a.txt", "event", "Jeanne Morel", "joins", "Brinot", Modality.announced),
        other("a2", "a.txt", "event", "Jeanne Morel", "joins", "Brinot"),
        other("b1", "b.txt", "event", "Jeanne Morel", "joins", "Brinot", Modality.on_hold),
        other("c1", "c.txt", "event", "Jeanne Morel", "returns", "Valmont"),
        other("c2", "c.txt", "event", "Jeanne Morel", "returns", None, Modality.denied),
    ]
    texts = [c.explanation for c in reconcile(SOURCES, facts).contradictions]
    assert texts and not any("returns to (" in t or " returns Valmont" in t for t in texts), texts
    assert any("returns to Valmont (denied)" in t for t in texts), texts
    moved = next(t for t in texts if "Where Jeanne Morel works" in t)
    moved = moved[moved.index("Where Jeanne Morel works") :]
    moved = moved[: moved.index("The latest known state")]
    assert moved.count("Le Quotidien") == 1  # one fact of each outlet on each side of the move
    found = reconcile(SOURCES, facts).contradictions
    for kind in {c.kind for c in found}:  # a fact is listed under one contradiction of each kind at most
        listed = [fact for c in found if c.kind is kind for fact in c.facts]
        assert len(listed) == len(set(listed))


def test_a_count_that_changed_is_one_status_contradiction_through_its_steps_and_the_missing_go_down() -> None:
    facts = [
        number("a1", "a.txt", "workers", "missing", 6),
        number("b1", "b.txt", "workers", "missing", 4),
        number("c1", "c.txt", "workers", "missing", 2),
        number("c2", "c.txt", "workers", "missing", 2),
    ]
    found = reconcile(SOURCES, facts).contradictions
    assert [(c.kind.value, sorted(c.facts)) for c in found] == [("status", ["a1", "b1", "c1", "c2"])]
    assert set(found[0].latest) == {"c1", "c2"}  # the latest known is 2 missing
    assert found[0].explanation.count("6") == 1  # each step told once: 6, then 4, then 2


def test_two_counts_of_one_day_are_ordered_by_the_part_of_the_day() -> None:
    morning = TimeRef(text="Tuesday morning", start=0, date="2024-03-12")
    evening = TimeRef(text="mardi soir", start=0, date="2024-03-12")
    facts = [
        number("b1", "b.txt", "protesters", "marched", 12000).model_copy(update={"as_of": evening}),
        number("a1", "a.txt", "protesters", "marched", 30000).model_copy(update={"as_of": morning}),
    ]
    (found,) = reconcile(SOURCES, facts).contradictions
    # The evening's figure is the later one, though a count that grows would otherwise end at the larger.
    assert found.kind.value == "status" and found.latest == ["b1"]


def test_a_move_dated_long_before_the_article_is_the_persons_past_not_a_change() -> None:
    # "after joining Brinot in 2017" in an article of 2024: background, not the story's news.
    past = other("a1", "a.txt", "event", "Jeanne Morel", "joins", "Brinot")
    past = past.model_copy(update={"as_of": TimeRef(text="in 2017", start=0, date="2017-01-01", granularity="year")})
    facts = [past, other("b1", "b.txt", "event", "Jeanne Morel", "joins", "Valmont")]
    assert kinds(facts) == []
    # Dated within the weeks the story ran, the same two moves are a change.
    recent = past.model_copy(update={"as_of": TimeRef(text="le 1er mars", start=0, date="2024-03-01")})
    assert [kind for kind, _ in kinds([recent, facts[1]])] == ["status"]
