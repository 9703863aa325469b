"""Number facts from sentences written for these tests, in French and English."""

from __future__ import annotations

import pytest

from reconcile.extract import extract_article
from reconcile.extract.language import guess_language
from reconcile.ingest import Article
from reconcile.models import Fact, Qualifier, Source


def facts_of(text: str, language: str | None = None) -> list[Fact]:
    """The number facts of a one-paragraph article."""
    language = language or guess_language(text, "fr")
    facts = extract_article(Article(source=Source(name="t.txt", language=language), text=text))
    return [f for f in facts if f.kind.value == "number"]


def only(text: str) -> Fact:
    facts = facts_of(text)
    assert len(facts) == 1, [(f.value, f.evidence.quote) for f in facts]
    return facts[0]


@pytest.mark.parametrize(
    "text, amount, unit, qualifier",
    [
        ("Arvel a investi 1,5 milliard d'euros dans Brinot.", 1.5e9, "EUR", "exact"),
        ("Arvel has invested $13 billion in Brinot.", 13e9, "USD", "exact"),
        ("Arvel a promis plus de 200 millions de dollars à Brinot.", 2e8, "USD", "more_than"),
        ("Brinot compte quelque 200 000 salariés dans le monde.", 200000, "people", "approx"),
        ("Brinot employs roughly 4,200 people.", 4200, "people", "approx"),
        ("La grève a réuni au moins trois cents personnes devant l'usine.", 300, "people", "at_least"),
        ("Seven hundred workers walked out of the plant.", 700, "people", "exact"),
        ("Arvel détient 12,5 % du capital de Brinot.", 12.5, "percent", "exact"),
        ("Fewer than 20 employees of Brinot voted for the plan.", 20, "people", "less_than"),
        ("Brinot a embauché environ 40 ingénieurs cette année.", 40, "people", "approx"),
        # Wordings added as rows of data/lang/*/numbers.yaml (hedges), no code changed:
        ("Brinot emploie aux environs de 4 000 salariés.", 4000, "people", "approx"),
        ("Brinot employs in the region of 4,000 people.", 4000, "people", "approx"),
        ("L'usine de Brinot touche quelques 300 salariés.", 300, "people", "approx"),  # a common misspelling
    ],
)
def test_figure_value_unit_and_qualifier(text: str, amount: float, unit: str, qualifier: str) -> None:
    fact = only(text)
    assert fact.value is not None
    assert fact.value.amount == pytest.approx(amount)
    assert fact.value.unit == unit
    assert fact.value.qualifier.value == qualifier
    start, end = fact.evidence.start, fact.evidence.end
    assert text[start:end] == fact.evidence.quote


@pytest.mark.parametrize(
    "text",
    [
        "Le 12 mars 2024, la direction a parlé pendant 3 heures.",
        "He was born in 1971 and left after 12 years.",
        "Le modèle GPT-5 et la version 4G sont attendus.",
        "Tous deux ont quitté l'entreprise, une semaine plus tard.",
        "La mission continue, a-t-il dit le 20 novembre.",
        # Ages after a name, in commas or brackets.
        "The victims were Tom Reyes, 35, of Glen Burnie, and Dan Ortiz, 26.",
        "Jeanne Morel (52) a démissionné.",
    ],
)
def test_dates_durations_versions_and_pronouns_are_not_facts(text: str) -> None:
    assert facts_of(text) == []


def test_stake_subject_and_object_through_a_relative_clause() -> None:
    fact = only("Une belle prise pour Arvel, qui détient 30 % du capital de Brinot.")
    assert (fact.subject, fact.predicate, fact.object) == ("Arvel", "stake", "Brinot")
    assert "30 % du capital" in fact.evidence.quote


def test_money_subject_skips_an_aside_and_resolves_the_company() -> None:
    text = "Arvel Corp., which owns a 30% stake in Brinot, has committed more than €2 billion to the company."
    money = [f for f in facts_of(text) if f.value and f.value.currency][0]
    assert (money.subject, money.predicate, money.object) == ("Arvel", "funding", "Brinot")
    assert money.value.qualifier.value == "more_than"
    assert money.wording == "committed"


def test_headcount_of_the_company_named_before() -> None:
    text = "Brinot pourrait perdre ses talents. C'est grave, car la société compte 900 employés en tout."
    fact = only(text)
    assert (fact.subject, fact.predicate) == ("Brinot", "headcount")


def test_a_headcount_is_not_the_number_who_signed() -> None:
    facts = facts_of("Breaking: 300 of 900 employees @Brinot tell the board to resign.", "en")
    by_amount = {f.value.amount: f for f in facts}
    assert set(by_amount) == {300, 900}
    assert by_amount[900].predicate == "headcount"
    assert by_amount[900].subject == "Brinot"
    assert by_amount[300].predicate != "headcount"
    assert "300 of 900 employees" in by_amount[900].evidence.quote


def test_nearly_all_of_a_total() -> None:
    facts = facts_of("La quasi-totalité des quelque 900 employés de Brinot ont signé une lettre.")
    vague = [f for f in facts if f.value.amount is None][0]
    total = [f for f in facts if f.value.amount == 900][0]
    assert vague.value.qualifier.value == "nearly_all"
    assert vague.predicate == "signed"
    assert total.predicate == "headcount" and total.value.qualifier.value == "approx"


def test_elided_noun_takes_the_earlier_figure_noun() -> None:
    facts = facts_of("Selon la police, 12 000 manifestants ont défilé, 45 000 selon les syndicats.")
    assert [f.value.amount for f in facts] == [12000, 45000]
    assert {f.value.unit for f in facts} == {"people"}


def test_ids_are_stable_across_runs() -> None:
    text = "Arvel a investi 2 milliards d'euros dans Brinot."
    assert [f.id for f in facts_of(text)] == [f.id for f in facts_of(text)]


def test_approximate_figure_stands_for_an_interval() -> None:
    fact = only("Brinot employs about 1,000 people.")
    assert (fact.value.low, fact.value.high) == (950, 1050)


def test_toll_named_before_the_figure_and_a_second_counter() -> None:
    text = "The death toll in Valmora has risen to 11,300, the aid agency said, while the ministry put it at 3,958."
    facts = facts_of(text, "en")
    assert [(f.value.amount, f.predicate) for f in facts] == [(11300, "killed"), (3958, "killed")]
    assert "death toll" in facts[0].evidence.quote


def test_what_the_counted_people_did() -> None:
    facts = facts_of("At least 5,000 people were killed and about 10,000 are missing, officials said.", "en")
    assert [(f.value.amount, f.value.qualifier.value, f.predicate) for f in facts] == [
        (5000, "at_least", "killed"),
        (10000, "approx", "missing"),
    ]


def test_revenue_of_a_company_and_a_percentage_change() -> None:
    facts = facts_of("Le chiffre d'affaires de Brinot a atteint 4,2 milliards d'euros, en hausse de 12 %.")
    money, change = sorted(facts, key=lambda f: f.predicate != "revenue")
    assert (money.subject, money.predicate, money.value.currency) == ("Brinot", "revenue", "EUR")
    assert (change.predicate, change.value.amount) == ("change", 12)


def test_scale_words_follow_the_sentence_language() -> None:
    assert only("Arvel raised $2 billion from investors.").value.amount == 2e9
    assert only("Arvel a levé 2 billions d'euros.").value.amount == 2e12


def test_a_company_name_between_the_figure_and_the_people_noun() -> None:
    fact = only("Some 420 Acme employees have signed a petition.")
    assert (fact.value.amount, fact.value.unit, fact.value.qualifier.value) == (420, "people", "approx")
    assert (fact.subject, fact.predicate) == ("Acme employees", "signed")
    assert "420 Acme employees have signed" in fact.evidence.quote


@pytest.mark.parametrize(
    "text, amount, qualifier, subject",
    [
        (
            "The board received a petition signed by more than 610 employees of Acme.",
            610,
            "more_than",
            "Acme employees",
        ),
        ("Acme has received a petition signed by more than 610 employees.", 610, "more_than", "employees"),
        ("La lettre a été signée par 610 salariés.", 610, "exact", "employees"),
        (
            "La pétition, signée par quelque 610 salariés de Brinot, a été remise lundi.",
            610,
            "approx",
            "Brinot employees",
        ),
    ],
)
def test_the_agent_of_a_passive_signed_by_is_the_signers(
    text: str, amount: float, qualifier: str, subject: str
) -> None:
    fact = only(text)
    assert (fact.value.amount, fact.value.unit, fact.value.qualifier.value) == (amount, "people", qualifier)
    assert (fact.subject, fact.predicate) == (subject, "signed")
    assert "signed by" in fact.evidence.quote or "signée par" in fact.evidence.quote


def test_etre_n_a_faire_counts_the_people_who_did_it() -> None:
    fact = only("Ils étaient 12 000 à défiler dans les rues de Valmora mardi.")
    assert (fact.value.amount, fact.value.unit, fact.value.qualifier.value) == (12000, "people", "exact")
    assert fact.predicate == "marched"
    assert "12 000 à défiler" in fact.evidence.quote


def test_a_place_after_a_count_is_its_scope_not_its_object() -> None:
    fact = only("Police counted about 12,000 protesters in Valmora.")
    assert (fact.value.amount, fact.value.unit, fact.value.qualifier.value) == (12000, "people", "approx")
    assert (fact.subject, fact.predicate, fact.object) == (
        "protesters",
        "marched",
        None,
    )  # a crowd of protesters marched
    assert fact.scope == "in Valmora"


@pytest.mark.parametrize(
    "text, amount, subject, predicate, unit",
    [
        ("About 200 police officers were deployed in Valmora on Tuesday.", 200, "police", "deployed", "people"),
        ("Quelque 300 policiers ont été mobilisés mardi à Valmora.", 300, "police", "deployed", "people"),
        ("Près de 500 forces de l'ordre ont été déployées.", 500, "police", "deployed", "people"),
        ("Plus de 12 000 personnes se sont mobilisées et ont défilé mardi.", 12000, "people", "marched", "people"),
        ("The union counted 30,000 protesters in the streets of Valmora.", 30000, "protesters", "marched", "people"),
        ("Brinot said it would cut 1,200 jobs.", 1200, "Brinot jobs", "cut", "jobs"),
        ("Brinot va supprimer 1 500 emplois en Europe.", 1500, "Brinot jobs", "cut", "jobs"),
        ("Brinot plans to create 800 jobs in Valmora.", 800, "Brinot jobs", "created", "jobs"),
        ("The storm destroyed some 300 homes.", 300, "homes", "destroyed", "homes"),
        ("Cinq salariés sont morts dans l'incendie.", 5, "employees", "killed", "people"),
        ("La préfecture fait état de 27 blessés.", 27, "injured", "injured", "people"),
        (
            "The death toll from the fire at the plant in Kervel, western Norland, rose to four on Tuesday.",
            4,
            "dead",
            "killed",
            "people",
        ),
        ("In Valmora, police counted 12,500 marchers.", 12500, "protesters", "marched", "people"),
        ("Les syndicats avancent le chiffre de 1 600 suppressions de postes.", 1600, "jobs", "cut", "jobs"),
        ("The unions expect 1,600 job cuts.", 1600, "jobs", "cut", "jobs"),
        ("La CTU revendique plus d'un million de manifestants.", 1e6, "protesters", "marched", "people"),
        ("More than one million people marched across the country.", 1e6, "people", "marched", "people"),
        ("Some 310 flights were cancelled on Tuesday.", 310, "flights", "cancelled", "flights"),
        ("Près de 200 vols ont été supprimés mardi.", 200, "flights", "cancelled", "flights"),
        ("Environ 45 000 passagers ont été touchés.", 45000, "passengers", "passengers count", "people"),
        ("About 380 employees were on strike, the operator said.", 380, "employees", "on strike", "people"),
        ("Le mouvement a été suivi par 1 100 grévistes, selon le syndicat.", 1100, "strikers", "on strike", "people"),
        ("The strike forced the cancellation of 120 flights by 9 a.m.", 120, "flights", "cancelled", "flights"),
        (
            "The operator said 380 employees had taken part in the walkout.",
            380,
            "employees",
            "employees count",
            "people",
        ),
    ],
)
def test_who_or_what_a_count_counts_and_what_happened_to_it(
    text: str, amount: float, subject: str, predicate: str, unit: str
) -> None:
    fact = only(text)
    assert (fact.value.amount, fact.subject, fact.predicate, fact.value.unit) == (amount, subject, predicate, unit)


def test_a_part_of_a_place_scopes_a_count_to_the_place() -> None:
    assert (
        only("Selon la préfecture, 15 000 personnes ont défilé dans les rues de Valmora.").scope
        == "dans les rues de Valmora"
    )


def test_a_count_takes_the_scope_its_sentence_gives_the_same_count() -> None:
    facts = facts_of(
        "Police said 12,000 people marched, while the union counted 30,000 protesters in the streets of Valmora."
    )
    assert [(f.value.amount, f.predicate, f.attribution, f.scope) for f in facts] == [
        (12000, "marched", "police", "in the streets of Valmora"),
        (30000, "marched", "the union", "in the streets of Valmora"),
    ]


def test_a_crowd_counted_with_to_be_and_a_second_counter() -> None:
    facts = facts_of("Les manifestants étaient 12 000 selon la police, 40 000 selon les organisateurs.")
    assert [(f.value.amount, f.subject, f.predicate, f.attribution) for f in facts] == [
        (12000, "protesters", "marched", "la police"),
        (40000, "protesters", "marched", "les organisateurs"),
    ]


@pytest.mark.parametrize(
    "text, subject, predicate, obj",
    [
        ("Brinot agreed to buy a 65% stake in the Belgian company Valmora Steel.", "Brinot", "stake", "Valmora Steel"),
        ("Le rachat de 60 % de Valmora Steel coûtera 2,3 milliards d'euros.", None, "stake", "Valmora Steel"),
        ("Brinot a racheté 30 % de Valmora Steel.", "Brinot", "stake", "Valmora Steel"),
    ],
)
def test_a_stake_bought_and_an_adjective_of_nationality_is_no_name(
    text: str, subject: str | None, predicate: str, obj: str
) -> None:
    fact = next(f for f in facts_of(text) if f.value.unit == "percent")
    assert (fact.subject, fact.predicate, fact.object) == (subject, predicate, obj)


def test_a_participle_clause_says_what_happened_to_the_counted_people() -> None:
    facts = facts_of("The quake struck on Sunday, killing at least 142 people and injuring more than 600.", "en")
    assert [(f.value.amount, f.subject, f.predicate) for f in facts] == [
        (142, "people", "killed"),
        (600, "people", "injured"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The EU pledged €12 million (about $13 million) in aid.",
        "Le rachat coûtera 2,3 milliards d'euros, soit environ 2,5 milliards de dollars.",
    ],
)
def test_an_amount_converted_to_another_currency_says_the_same_thing_approximately(text: str) -> None:
    first, second = facts_of(text)
    assert second.predicate == first.predicate != "amount"
    assert (second.subject, second.object) == (first.subject, first.object)
    assert second.value.currency != first.value.currency
    assert second.value.qualifier is Qualifier.approx  # converted at a rate the text does not give
    assert second.value.low < second.value.amount < second.value.high


@pytest.mark.parametrize(
    ("text", "language", "counters"),
    [
        (
            "The club will have to pay a signing bonus to the striker. The Herald puts the figure at €60 million, "
            "while the Courier puts it at €75 million.",
            "en",
            ["Herald", "Courier"],
        ),
        ("Le club versera une prime à la signature. La Gazette l'évalue à 60 millions d'euros.", "fr", ["Gazette"]),
    ],
)
def test_an_estimate_of_an_amount_named_before_is_that_amount_credited_to_who_gives_it(
    text: str, language: str, counters: list[str]
) -> None:
    facts = facts_of(text, language)
    assert [f.predicate for f in facts] == ["bonus"] * len(counters)  # what the sentence before paid
    assert [f.subject for f in facts] == [None] * len(counters)  # the outlet is credited, the money is not its
    assert [f.attribution for f in facts] == counters


def test_a_magnitude_and_a_number_of_sources_are_no_counts() -> None:
    assert facts_of("A magnitude 6.8 earthquake hit the region, two sources said.", "en") == []


def test_a_period_is_no_subject_and_a_relation_named_far_before_still_counts() -> None:
    fact = only("Le chiffre d'affaires du troisième trimestre s'est élevé à 4,27 milliards de dollars.")
    assert (fact.subject, fact.predicate, fact.value.amount) == (None, "revenue", 4.27e9)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Acme bought Beta for $3 billion (Beta had paid £1 billion in 2019).",
            [3e9, 1e9],
        ),  # no conversion: both stand
        ("Revenue rose to €12 million, or about $13 million.", [12e6, 13e6]),  # a conversion, approximately
        ("Rescuers have recovered 40 bodies.", [40]),
        ("Brinot has a workforce of 1,200.", [1200]),
    ],
)
def test_a_second_amount_is_a_conversion_only_after_or_and_having_is_no_headcount(
    text: str, expected: list[float]
) -> None:
    facts = facts_of(text, "en")
    assert [f.value.amount for f in facts] == expected
    assert all((f.predicate == "headcount") == ("workforce" in text) for f in facts)  # "has a workforce of" is one


def test_people_on_cancelled_flights_are_not_cancelled() -> None:
    assert only("Some 400 passengers on cancelled flights were rebooked.").predicate == "passengers count"


@pytest.mark.parametrize(
    ("text", "language", "quote"),
    [
        # The clause around the figure, up to its punctuation: what the figure is said of.
        (
            "Selon la préfecture, huit ouvriers se trouvaient sur le chantier.",
            "fr",
            "huit ouvriers se trouvaient sur le chantier",
        ),
        # "and" opening another clause ends the quote; an article does not dangle at its end.
        (
            "Rescuers said two workers were pulled from the water and the search went on.",
            "en",
            "Rescuers said two workers were pulled from the water",
        ),
        # A complementizer before the figure is where its clause starts.
        (
            "Le préfet a rappelé que la société compte 700 employés en tout.",
            "fr",
            "la société compte 700 employés en tout",
        ),
    ],
)
def test_a_number_quote_is_the_clause_around_its_figure(text: str, language: str, quote: str) -> None:
    (fact,) = facts_of(text, language)
    assert fact.evidence.quote == quote


@pytest.mark.parametrize(
    ("text", "language", "amounts"),
    [
        # Two figures linked by "or", "and", "et": the bare one takes the other's scale, currency and noun.
        ("His pay rises to €35 or €45 million a year.", "en", [35e6, 45e6]),
        ("Il touchera entre 80 et 100 millions d'euros de prime.", "fr", [80e6, 100e6]),
        ("Margins increased by 9 and 11 points respectively.", "en", [9, 11]),
    ],
)
def test_a_bare_figure_shares_the_scale_and_noun_of_the_next(text: str, language: str, amounts: list[float]) -> None:
    facts = facts_of(text, language)
    assert sorted(f.value.amount for f in facts) == amounts
    assert len({f.value.currency or f.value.unit for f in facts}) == 1


def test_a_modifier_before_a_people_noun_is_not_what_is_counted() -> None:
    (fact,) = facts_of("Six construction workers were killed on the bridge.", "en")
    assert (fact.value.amount, fact.value.unit, fact.predicate) == (6, "people", "killed")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # A bare figure as the subject of what people underwent: people, by the verb.
        ("Two were rescued from the water.", "en", (2, "people", "rescued")),
        ("Three remain missing after the collapse.", "en", (3, "people", "missing")),
        ("Deux restent portés disparus.", "fr", (2, "people", "missing")),
        # Losing one's life is being killed, in both languages; bodies recovered are their own count.
        ("Six personnes ont perdu la vie.", "fr", (6, "people", "killed")),
        ("Six workers lost their lives.", "en", (6, "people", "killed")),
        ("Two bodies were recovered on Wednesday.", "en", (2, "bodies", "recovered")),
    ],
)
def test_what_the_counted_underwent(text: str, language: str, expected: tuple[float, str, str]) -> None:
    (fact,) = facts_of(text, language)
    assert (fact.value.amount, fact.value.unit, fact.predicate) == expected


def test_job_cuts_announced_belong_to_the_company_that_announced_them() -> None:
    (fact,) = facts_of("Brinot announced 4,700 job cuts on Tuesday.", "en")
    assert (fact.subject, fact.predicate, fact.value.amount) == ("Brinot jobs", "cut", 4700)


@pytest.mark.parametrize(
    ("text", "language", "amount", "quote_ends"),
    [
        # The verb of the counted people comes after a relative clause that says something else of them.
        ("Four technicians who were also in the tunnel at the time remain missing.", "en", 4, "remain missing"),
        (
            "Cinq techniciens qui réparaient une conduite sous la gare de Vernay, près du fleuve, restent portés "
            "disparus.",
            "fr",
            5,
            "restent portés",
        ),
        # A figure right after a definite article, then what the people underwent.
        ("Les secours gardent peu d'espoir de retrouver les cinq disparus.", "fr", 5, "les cinq disparus"),
    ],
)
def test_people_described_by_a_relative_clause_or_by_an_article_are_counted_by_what_they_underwent(
    text: str, language: str, amount: int, quote_ends: str
) -> None:
    [fact] = facts_of(text, language)
    assert (fact.value.amount, fact.predicate) == (amount, "missing")
    assert fact.evidence.quote.endswith(quote_ends)


def test_a_relative_clause_with_no_action_of_the_people_gives_no_action() -> None:
    [fact] = facts_of("Acme employs 400 workers who build engines.", "en")
    assert (fact.subject, fact.predicate) == ("Acme", "headcount")


@pytest.mark.parametrize(
    ("text", "language", "amount"),
    [
        # The count of children is the person's named before, even in the sentence before.
        ("Divers recovered Tomas Reyes-Olmo on Friday. The father of two came from Peru, a cousin said.", "en", 2),
        ("Tomas Reyes-Olmo died at the site. The 40-year-old was a father of four.", "en", 4),
        ("Jeanne Morel, mère de trois enfants, a été licenciée.", "fr", 3),
    ],
)
def test_a_parent_of_n_is_the_persons_count_of_children(text: str, language: str, amount: int) -> None:
    [fact] = facts_of(text, language)
    person = "Jeanne Morel" if language == "fr" else "Tomas Reyes-Olmo"
    assert (fact.subject, fact.predicate, fact.value.amount, fact.value.unit) == (
        person,
        "children count",
        amount,
        "children",
    )


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # A span of time that is a fact: what lasts, how long, for whom.
        (
            "Le tribunal a condamné Paul Girard à quatre ans d'emprisonnement et à 100 000 euros d'amende.",
            "fr",
            [("Paul Girard", "prison sentence", 4, "years")],
        ),
        ("The court handed Paul Girard a five-year ban.", "en", [("Paul Girard", "ineligibility", 5, "years")]),
        (
            "Paul Girard a été condamné à cinq ans d'inéligibilité.",
            "fr",
            [("Paul Girard", "ineligibility", 5, "years")],
        ),
        ("Brinot signed a contract of five seasons with Valmont.", "en", [("Brinot", "contract length", 5, "seasons")]),
        ("Acme signed a 10-year lease on the site.", "en", [("Acme", "contract length", 10, "years")]),
        # A part of the span given before it, in its unit: what is suspended, what is served.
        (
            "The court sentenced Paul Girard to four years in prison, two of them suspended.",
            "en",
            [("Paul Girard", "prison sentence", 4, "years"), ("Paul Girard", "suspended sentence", 2, "years")],
        ),
        (
            "Paul Girard a été condamné à quatre ans de prison, dont deux d'entre eux avec sursis et deux ferme.",
            "fr",
            [
                ("Paul Girard", "prison sentence", 4, "years"),
                ("Paul Girard", "suspended sentence", 2, "years"),
                ("Paul Girard", "firm prison term", 2, "years"),
            ],
        ),
        # A span asked for is its own question, never the one handed down.
        ("Prosecutors had sought a 7-year ban for Paul Girard.", "en", [(None, "ineligibility requested", 7, "years")]),
        # Ages and times ago are no facts.
        ("Paul Girard came to Valmora 17 years ago.", "en", []),
        ("A twelve-year-old boy was hurt.", "en", []),
    ],
)
def test_a_sentence_a_ban_or_a_contract_is_a_span_of_time(
    text: str, language: str, expected: list[tuple[str | None, str, float, str]]
) -> None:
    facts = [f for f in facts_of(text, language) if f.value.unit != "EUR"]
    assert [(f.predicate, f.value.amount, f.value.unit) for f in facts] == [row[1:] for row in expected]
    assert [f.subject for f, row in zip(facts, expected) if row[0]] == [row[0] for row in expected if row[0]]
