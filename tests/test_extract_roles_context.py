"""Roles read from the sentences around them: a post's organisation, the post an interim holds,
a post its holder has left. Sentences written for these tests (English and French)."""

from __future__ import annotations

import pytest

from reconcile.extract import ExtractConfig, extract_article
from reconcile.extract.language import guess_language
from reconcile.ingest import Article
from reconcile.models import Fact, Source


def facts_of(text: str, kind: str | None = "role", published: str | None = "2024-02-05") -> list[Fact]:
    source = Source(name="t.txt", language=guess_language(text, "fr"), published=published)
    facts = extract_article(Article(source=source, text=text), ExtractConfig.default())
    return [f for f in facts if kind is None or f.kind.value == kind]


def spo(facts: list[Fact]) -> set[tuple[str | None, str, str | None]]:
    return {(f.subject, f.predicate, f.object) for f in facts}


def modality(facts: list[Fact], subject: str, predicate: str) -> set[str]:
    return {f.modality.value for f in facts if (f.subject, f.predicate) == (subject, predicate)}


# --- a post's organisation from the sentences before ---------------------------------------


def test_interim_named_by_the_board_is_at_the_organisation_of_the_sentence_before() -> None:
    text = (
        "Norvalis said on Monday that its chief executive, Anna Marchetti, had resigned. The board named chief "
        "financial officer Julien Castagne as interim CEO while it searches for a successor."
    )
    roles = spo(facts_of(text))
    assert ("Julien Castagne", "interim ceo", "Norvalis") in roles
    assert ("Julien Castagne", "cfo", "Norvalis") in roles
    assert ("Julien Castagne", "interim ceo", None) not in roles


def test_replaced_by_as_interim_takes_the_organisation_of_the_one_replaced() -> None:
    text = (
        "Jane Brinot, the chief executive of Acme, resigned on Monday. She was replaced by John Keller as interim CEO."
    )
    assert ("John Keller", "interim ceo", "Acme") in spo(facts_of(text))


def test_replaced_by_alone_takes_the_post_of_the_one_replaced() -> None:
    text = "Jane Brinot, the chief executive of Acme, resigned on Monday. She was replaced by John Keller."
    assert ("John Keller", "ceo", "Acme") in spo(facts_of(text))


@pytest.mark.parametrize(
    "text",
    [
        # two organisations around: which one is not said
        "Linda Marsh, chief executive of Brightwave, praised the board of Acme. The board named John Keller as interim CEO.",
        "Valmora a publié ses résultats avec Norvale. Le directeur financier Julien Castagne a présenté les comptes.",
        # the post is somewhere else, or someone's, not the company's
        "Acme said sales rose. John Keller, who was CFO at a bank, joined in May.",
        # a possessive after a sentence naming two companies: "sa" could be either
        "Valmora a racheté Norvale. Son directeur financier, Julien Castagne, a démissionné.",
        "Valmora and Norvale signed a deal. Its chief financial officer, John Keller, resigned.",
    ],
)
def test_no_organisation_is_guessed_when_the_context_is_ambiguous(text: str) -> None:
    roles = facts_of(text)
    assert roles and all(f.object is None for f in roles if f.subject in {"John Keller", "Julien Castagne"})


def test_a_possessive_after_one_company_is_that_company() -> None:
    roles = facts_of("Valmora a annoncé des pertes. Son directeur financier, Julien Castagne, a démissionné.")
    assert ("Julien Castagne", "cfo", "Valmora") in spo(roles)


def test_a_public_office_does_not_take_the_company_of_the_story() -> None:
    text = "Valmora a annoncé mardi ses résultats. Le président Jean Dubreuil a salué les salariés."
    assert ("Jean Dubreuil", "president", None) in spo(facts_of(text))


def test_a_post_already_held_elsewhere_keeps_its_organisation_unsaid() -> None:
    text = (
        "Julien Castagne a été PDG de Norvale. Il vit à Lyon. Il aime le vélo. Valmora a publié ses résultats. "
        "Avec le retour de Julien Castagne en tant que PDG, la société respire."
    )
    roles = spo(facts_of(text))
    assert ("Julien Castagne", "ceo", "Norvale") in roles
    assert ("Julien Castagne", "ceo", "Valmora") not in roles


# --- French interim wordings ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "La directrice générale de Valmora, Jane Brinot, a démissionné lundi. Julien Castagne, directeur financier, "
            "assurera l'intérim.",
            ("Julien Castagne", "interim ceo", "Valmora"),
        ),
        (
            "La directrice générale Jane Brinot a démissionné lundi. John Keller assure l'intérim.",
            ("John Keller", "interim ceo", None),
        ),
        (
            "Valmora a annoncé le départ de sa directrice générale, Jane Brinot. L'intérim sera assuré par Julien Castagne.",
            ("Julien Castagne", "interim ceo", "Valmora"),
        ),
        (
            "Valmora a annoncé le départ de sa directrice générale, Jane Brinot. Julien Castagne prend la direction par intérim.",
            ("Julien Castagne", "interim ceo", "Valmora"),
        ),
        (
            "Le directeur financier de Valmora, Julien Castagne, a été limogé. L'intérim de la direction financière sera "
            "assuré par Marc Vidal.",
            ("Marc Vidal", "interim cfo", "Valmora"),
        ),
    ],
)
def test_french_interim_wordings_hold_the_post_just_left(text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in spo(facts_of(text))


def test_interim_wordings_are_roles_not_claims() -> None:
    text = "La directrice générale de Valmora, Jane Brinot, a démissionné lundi. John Keller assure l'intérim."
    facts = facts_of(text, kind=None)
    assert ("John Keller", "interim ceo", "Valmora") in spo([f for f in facts if f.kind.value == "role"])
    assert not [f for f in facts if f.kind.value == "claim"]


def test_an_interim_with_no_post_before_says_nothing() -> None:
    assert not [
        f for f in facts_of("Valmora a publié ses comptes. John Keller assure l'intérim.") if f.subject == "John Keller"
    ]


# --- a post its holder has left is former -------------------------------------------------


@pytest.mark.parametrize(
    "text, holder",
    [
        ("Norvalis said on Monday that its chief executive, Anna Marchetti, had resigned.", "Anna Marchetti"),
        ("Acme fired its chief executive John Carter on Monday.", "John Carter"),
        ("John Carter resigned as CEO of Acme on Monday.", "John Carter"),
        ("Paul Girard a démissionné de son poste de PDG de Valmora.", "Paul Girard"),
        ("Valmora a annoncé le départ de sa directrice générale, Jane Brinot.", "Jane Brinot"),
    ],
)
def test_a_post_left_is_former(text: str, holder: str) -> None:
    roles = facts_of(text)
    assert ceo_of(roles, holder) and modality(roles, holder, "ceo") == {"former"}


def ceo_of(roles: list[Fact], holder: str) -> list[Fact]:
    return [f for f in roles if (f.subject, f.predicate) == (holder, "ceo") and f.object]


@pytest.mark.parametrize(
    "text",
    [
        "John Carter, chief executive of Acme, will step down next month.",
        "Shareholders called for the resignation of Acme CEO John Carter.",
        "Le PDG de Valmora, John Carter, a démissionné du conseil de Norvale.",
    ],
)
def test_a_post_not_left_stays_asserted(text: str) -> None:
    assert modality(facts_of(text), "John Carter", "ceo") == {"asserted"}


def test_leaving_one_post_keeps_the_other() -> None:
    roles = facts_of("John Carter stepped down as CEO of Acme but remains chairman.")
    assert modality(roles, "John Carter", "ceo") == {"former"}
    assert modality(roles, "John Carter", "chair") == {"asserted"}


def test_a_ceo_who_resigned_and_the_interim_are_no_succession(tmp_path) -> None:
    """Across sources: two interims of one organisation are a succession; the CEO who left is not one."""
    from click.testing import CliRunner

    from reconcile.cli import main

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.md").write_text(
        "---\noutlet: Northern Wire\npublished: 2024-03-11\nlanguage: en\n---\n"
        "Norvalis said on Monday that its chief executive, Anna Marchetti, had resigned. The board named chief "
        "financial officer Julien Castagne as interim CEO while it searches for a successor.\n",
        encoding="utf-8",
    )
    (articles / "b.md").write_text(
        "---\noutlet: Le Courrier\npublished: 2024-03-12\nlanguage: fr\n---\n"
        "La directrice générale de Norvalis, Anna Marchetti, a démissionné lundi. Paul Girard, directeur des "
        "opérations, assurera l'intérim.\n",
        encoding="utf-8",
    )
    (articles / "c.md").write_text(
        "---\noutlet: Daily Post\npublished: 2024-03-10\nlanguage: en\n---\n"
        "Norvalis CEO Anna Marchetti met investors in Lyon on Sunday.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        [
            "check",
            "--articles",
            str(articles),
            "--facts",
            str(tmp_path / "facts"),
            "--reports",
            str(tmp_path / "reports"),
            "--format",
            "json",
            "--quiet",
        ],
    )
    assert result.exit_code == 1, result.output
    import json

    found = json.loads(result.stdout)
    records = found["contradictions"] if isinstance(found, dict) else found
    assert [c["kind"] for c in records] == ["succession"]
    assert "Julien Castagne" in records[0]["explanation"] and "Paul Girard" in records[0]["explanation"]
    assert "Marchetti" not in records[0]["explanation"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Helena Marsh is CEO of Lumera Systems.", ("Helena Marsh", "ceo", "Lumera Systems")),  # a firm, not a person
        ("Co-founder Alden Brisk would return as chief executive of Lumera.", ("Alden Brisk", "ceo", "Lumera")),
        (
            "Lumera said on Monday that chief executive Helena Marsh would stay. Chief executive Helena Marsh spoke.",
            ("Helena Marsh", "ceo", "Lumera"),
        ),
    ],
)
def test_a_name_is_told_from_a_firm_and_from_a_title(text: str, expected: tuple[str, str, str]) -> None:
    facts = extract_article(Article(source=Source(name="t.txt", language="en"), text=text))
    assert expected in [(f.subject, f.predicate, f.object) for f in facts if f.kind.value == "role"]


def test_a_return_as_chief_executive_is_a_return_to_the_firm() -> None:
    facts = extract_article(
        Article(
            source=Source(name="t.txt", language="en"),
            text="Co-founder Alden Brisk would return as chief executive of Lumera.",
        )
    )
    assert ("Alden Brisk", "returns", "Lumera") in [
        (f.subject, f.predicate, f.object) for f in facts if f.kind.value == "event"
    ]
