"""Roles, events, claims, and when/who/where, from sentences written for these tests (English and French)."""

from __future__ import annotations

import pytest

from reconcile.extract import ExtractConfig, extract_article
from reconcile.extract.language import guess_language
from reconcile.ingest import Article
from reconcile.models import Fact, Source


def facts_of(
    text: str, kind: str | None = None, published: str | None = "2024-02-05", use_model: bool = True
) -> list[Fact]:
    source = Source(name="t.txt", language=guess_language(text, "fr"), published=published)
    facts = extract_article(Article(source=source, text=text), ExtractConfig.default(use_model=use_model))
    return [f for f in facts if kind is None or f.kind.value == kind]


def spo(facts: list[Fact]) -> set[tuple[str | None, str, str | None]]:
    return {(f.subject, f.predicate, f.object) for f in facts}


# --- roles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Acme CEO John Carter met the staff on Monday.", ("John Carter", "ceo", "Acme")),
        ("John Carter, the chief executive of Acme, met the staff.", ("John Carter", "ceo", "Acme")),
        ("Le PDG de Valmont, Pierre Durand, a rencontré les salariés.", ("Pierre Durand", "ceo", "Valmont")),
        ("Pierre Durand, le patron de Valmont, a rencontré les salariés.", ("Pierre Durand", "ceo", "Valmont")),
        ("La directrice financière de Valmont, Claire Martin, a démenti.", ("Claire Martin", "cfo", "Valmont")),
        ("Le cofondateur de Valmont Paul Girard a pris la parole.", ("Paul Girard", "founder", "Valmont")),
        # A capitalised title inside a run of names: the title is neither the place's name nor the person's.
        ("Valmora Governor Jane Holt said the search would go on.", ("Jane Holt", "governor", "Valmora")),
        ("Prime Minister Paul Girard said he regretted the decision.", ("Paul Girard", "prime minister", None)),
        (
            "Tom Reyes, the executive director of Brinot, spoke to reporters.",
            ("Tom Reyes", "executive director", "Brinot"),
        ),
        ("L'entraîneur de Valmont, Pierre Durand, a salué l'arrivée du joueur.", ("Pierre Durand", "coach", "Valmont")),
        # A middle initial is part of the name; an institution word ends one ("Valmora State Police").
        (
            "Tom R Reyes, superintendent for Valmora State Police, spoke.",
            ("Tom R Reyes", "superintendent", "Valmora State Police"),
        ),
        # Hyphenated names are people's names too.
        ("Jean-Luc Morel-Vidal, le PDG de Valmont, a démenti.", ("Jean-Luc Morel-Vidal", "ceo", "Valmont")),
    ],
)
def test_role_holder_post_and_organisation(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in spo(facts_of(text, "role"))


def test_former_and_interim_are_kept_apart() -> None:
    former = facts_of("L'ancien président de Valmont, Paul Girard, a quitté le pays.", "role")
    assert [(f.subject, f.predicate, f.modality.value) for f in former] == [("Paul Girard", "president", "former")]
    interim = facts_of("Acme named Maria Lopez as interim CEO on Sunday night.", "role")
    assert [(f.subject, f.predicate) for f in interim] == [("Maria Lopez", "interim ceo")]
    assert interim[0].as_of is not None and interim[0].as_of.date == "2024-02-04"


def test_replaced_by_takes_the_post_and_surnames_resolve() -> None:
    text = (
        "Valmont a annoncé que son PDG, Pierre Durand, avait été démis de ses fonctions et remplacé par Claire Martin. "
        "Martin a été élevée du poste de directrice financière au poste de PDG par intérim."
    )
    roles = spo(facts_of(text, "role"))
    assert ("Pierre Durand", "ceo", "Valmont") in roles
    assert ("Claire Martin", "interim ceo", "Valmont") in roles  # replacing someone just dismissed
    # The second sentence names no company: the one named just before, whose posts these are.
    assert ("Claire Martin", "cfo", "Valmont") in roles


def test_a_description_opening_a_sentence_stands_for_the_last_person_named() -> None:
    text = (
        "Paul Girard a quitté Valmont. Le cofondateur et ex-PDG de Valmont va diriger une nouvelle équipe chez Norvale."
    )
    roles = spo(facts_of(text, "role"))
    assert ("Paul Girard", "founder", "Valmont") in roles
    assert ("Paul Girard", "ceo", "Valmont") in roles
    assert ("Paul Girard", "leads a unit at", "Norvale") in roles


# --- events --------------------------------------------------------------------------------


def test_events_in_english_with_modality() -> None:
    text = (
        "Acme said on Monday that John Carter had been fired. Former Acme CTO Linda Park will join Brightwave, "
        "the company said. Brightwave's hiring of Linda Park was put on hold."
    )
    events = {(f.subject, f.predicate, f.object, f.modality.value) for f in facts_of(text, "event")}
    assert ("John Carter", "fired", None, "announced") in events
    assert ("Linda Park", "joins", "Brightwave", "announced") in events
    assert ("Linda Park", "joins", "Brightwave", "on_hold") in events


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A transfer is a move to the club; a name opening with a club word is no person.
        ("Dan Ortiz signed for Real Valmora on a five-year deal.", ("Dan Ortiz", "joins", "Real Valmora")),
        ("Dan Ortiz a signé au Real Valmora pour cinq saisons.", ("Dan Ortiz", "joins", "Real Valmora")),
        (
            "Le milieu Pablo Ruiz s'est engagé avec l'Olympique Valmoréen.",
            ("Pablo Ruiz", "joins", "Olympique Valmoréen"),
        ),
    ],
)
def test_a_transfer_is_joining_the_club(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in spo(facts_of(text, "event", use_model=False))


def test_events_in_french_with_pronouns_and_conditionals() -> None:
    text = (
        "Pierre Durand a été limogé de Valmont vendredi. Il a confirmé qu'il rejoignait Norvale. "
        "Selon la presse, Claire Martin pourrait rejoindre Norvale. Paul Girard ne reviendrait pas chez Valmont."
    )
    events = {(f.subject, f.predicate, f.object, f.modality.value) for f in facts_of(text, "event")}
    assert ("Pierre Durand", "fired", "Valmont", "asserted") in events
    assert ("Pierre Durand", "joins", "Norvale", "announced") in events
    assert ("Claire Martin", "joins", "Norvale", "conditional") in events
    assert ("Paul Girard", "returns", "Valmont", "denied") in events


def test_a_noun_event_names_its_person() -> None:
    events = facts_of(
        "Le licenciement de Pierre Durand a surpris. Le départ du cofondateur de Valmont Paul Girard aussi.", "event"
    )
    assert {(f.subject, f.predicate) for f in events} == {("Pierre Durand", "fired"), ("Paul Girard", "leaves")}


# --- claims --------------------------------------------------------------------------------


def test_accusations_reduce_to_one_wording_in_both_languages() -> None:
    english = facts_of(
        "The board fired John Carter. The board said Carter was not consistently candid with the board.", "claim"
    )
    french = facts_of("Pierre Durand a été licencié pour avoir prétendument trompé les actionnaires.", "claim")
    assert [(f.subject, f.predicate, f.object) for f in english] == [
        ("John Carter", "fired for", "lack of honesty towards the board")
    ]
    assert english[0].attribution == "the board"
    assert [(f.subject, f.predicate, f.object, f.modality.value) for f in french] == [
        ("Pierre Durand", "fired for", "deceiving the shareholders", "reported")
    ]


def test_passive_accusation_names_the_accused_and_the_target() -> None:
    text = "Le conseil d'administration de Valmont a licencié Pierre Durand. Le conseil a estimé qu'ils avaient été trompés par Durand."
    claims = facts_of(text, "claim")
    assert ("Pierre Durand", "fired for", "deceiving the board") in spo(claims)


# --- when, who, where ---------------------------------------------------------------------


def test_two_counters_for_one_march_keep_their_attribution_and_scope() -> None:
    text = "Selon la police, quelque 12 000 manifestants ont défilé à Lyon mardi, 45 000 selon les syndicats."
    numbers = facts_of(text, "number", published="2023-03-08")
    assert [(f.value.amount, f.attribution, f.scope) for f in numbers] == [
        (12000, "la police", "à Lyon"),
        (45000, "les syndicats", "à Lyon"),
    ]
    assert numbers[0].predicate == numbers[1].predicate
    assert numbers[0].as_of.date == "2023-03-07"


def test_english_toll_with_two_counters_and_a_place() -> None:
    text = "The death toll in Valmora has risen to 11,300, the Red Crescent said, while the ministry put it at 3,958."
    numbers = facts_of(text, "number")
    assert [(f.value.amount, f.attribution, f.scope) for f in numbers] == [
        (11300, "Red Crescent", "in Valmora"),
        (3958, "the ministry", "in Valmora"),  # "put it at": the same toll
    ]


def test_rules_alone_give_the_same_facts_on_a_plain_paragraph() -> None:
    text = "Le PDG de Valmont, Pierre Durand, a été limogé. Il pourrait rejoindre Norvale, qui compte 900 salariés."
    with_model = [(f.kind, f.subject, f.predicate, f.object) for f in facts_of(text)]
    rules_only = [(f.kind, f.subject, f.predicate, f.object) for f in facts_of(text, use_model=False)]
    assert with_model == rules_only
    assert len(with_model) >= 3


def test_an_english_disaster_report_keeps_verbs_counters_and_places() -> None:
    text = (
        "Floods in eastern Valmora have killed at least 5,300 people, officials said on Tuesday. "
        "The Red Crescent said 11,300 people had died in the coastal city of Derval alone, while another 10,100 "
        "were reported missing. More than 2,000 people were feared dead in Sarn. The airline grounded 65 Boeing 737 Max 9 jets."
    )
    numbers = [
        (f.value.amount, f.predicate, f.attribution, f.scope) for f in facts_of(text, "number", published="2023-09-14")
    ]
    assert (5300, "killed", "officials", "in eastern Valmora") in numbers
    assert (11300, "killed", "Red Crescent", "in the coastal city of Derval alone") in numbers
    assert any(amount == 10100 and predicate == "missing" for amount, predicate, _, _ in numbers)
    assert any(amount == 2000 and predicate == "killed" for amount, predicate, _, _ in numbers)
    assert all(amount != 9 for amount, _, _, _ in numbers)  # "Max 9" is a model name


def test_possessive_organisation_and_a_part_of_a_national_figure() -> None:
    roles = spo(facts_of("Brightwave's chief executive Dave Colton said the company would cooperate.", "role"))
    assert ("Dave Colton", "ceo", "Brightwave") in roles
    text = "Selon le ministère, 1,28 million de personnes ont manifesté mardi dans toute la France, dont 81 000 à Lyon."
    numbers = [(f.value.amount, f.scope) for f in facts_of(text, "number", published="2023-03-08")]
    assert numbers == [(1280000, "dans toute la France"), (81000, "à Lyon")]


# --- successions and interim posts ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Claire Martin a succédé à Pierre Durand au poste de PDG par intérim.",
        "Claire Martin took over from Pierre Durand as interim CEO.",
    ],
)
def test_a_successor_takes_the_post_not_the_predecessor(text: str) -> None:
    roles = facts_of(text, "role")
    assert ("Claire Martin", "interim ceo") in {(f.subject, f.predicate) for f in roles}
    assert all(f.subject != "Pierre Durand" or f.modality.value == "former" for f in roles)


def test_a_passive_replacement_is_not_a_succession() -> None:
    roles = spo(facts_of("Maria Lopez was replaced as CEO by John Carter.", "role"))
    assert ("Maria Lopez", "ceo", None) not in roles


@pytest.mark.parametrize(
    "text, holder",
    [
        ("Maria Lopez, Acme's interim chief executive, told staff that the plan would go ahead.", "Maria Lopez"),
        ("Claire Martin, directrice générale par intérim d'Acme, a démenti.", "Claire Martin"),
        ("Acme named Maria Lopez as interim CEO on Sunday night.", "Maria Lopez"),
        ("Acme a nommé Claire Martin directrice générale par intérim.", "Claire Martin"),
        ("Claire Martin assure l'intérim à la tête d'Acme depuis lundi.", "Claire Martin"),
    ],
)
def test_an_interim_post_keeps_its_organisation(text: str, holder: str) -> None:
    assert (holder, "interim ceo", "Acme") in spo(facts_of(text, "role"))


def test_holding_the_interim_is_not_an_assurance() -> None:
    assert facts_of("Claire Martin assure l'intérim à la tête d'Acme depuis lundi.", "claim") == []
    claims = facts_of("Claire Martin a assuré que Acme garderait ses salariés.", "claim")
    assert [(f.subject, f.predicate) for f in claims] == [("Claire Martin", "assured")]


# --- site events -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Brinot will close its Valmora and Ostend production plants by 2027.",
            ("Brinot", "closes", "Valmora and Ostend production plants", "asserted"),
        ),
        (
            "La direction de Brinot a annoncé mardi la fermeture des usines de Valmora (Ardèche) et Ostende.",
            ("Brinot", "closes", "usines de Valmora (Ardèche) et Ostende", "announced"),
        ),
        (
            "Tire maker Brinot plans to close two of its factories.",
            ("Brinot", "closes", "two of its factories", "conditional"),
        ),
        (
            "Brinot makes tires in Valmora. For its staff, the company has halted production at the two sites.",
            ("Brinot", "halts", "two sites", "asserted"),
        ),
    ],
)
def test_an_organisation_closes_a_site(text: str, expected: tuple[str, str, str, str]) -> None:
    found = {
        (f.subject, f.predicate, f.object, f.modality.value if f.modality else None) for f in facts_of(text, "event")
    }
    assert expected in found


@pytest.mark.parametrize(
    "text",
    ["Brinot shares closed at 12 euros on Monday.", "Brinot closed the deal with Valmora Bank on Friday."],
)
def test_closing_without_a_site_is_no_event(text: str) -> None:
    assert not [f for f in facts_of(text, "event") if f.predicate == "closes"]


def test_a_common_word_opening_a_sentence_is_no_name() -> None:
    # "Tire" opens the sentence, and the article writes "tire" in lower case elsewhere: not a company.
    text = "Tire maker Brinot hired Tom Reyes. Brinot sells every tire it makes in Valmora."
    names = {f.object for f in facts_of(text, "event")} | {f.subject for f in facts_of(text, "event")}
    assert "Tire" not in names and "Brinot" in names


@pytest.mark.parametrize(
    "text",
    [
        "Workers went on strike on Monday to protest against the closure of the plant.",
        "Salariés et syndicats dénoncent la fermeture de l'usine.",
    ],
)
def test_people_opening_a_sentence_are_no_organisation_closing_a_site(text: str) -> None:
    assert not [f for f in facts_of(text, "event") if f.subject in {"Workers", "Salariés"}]
