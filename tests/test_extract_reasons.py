"""Reasons and causes given for a departure or an event, in English and French, and what reconciling them shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconcile.cli import main
from reconcile.extract import ExtractConfig, extract_article
from reconcile.extract.language import guess_language
from reconcile.ingest import Article
from reconcile.models import Fact, Source
from reconcile.reconcile import reconcile


def claims_of(text: str, name: str = "t.txt", language: str | None = None, use_model: bool = True) -> list[Fact]:
    source = Source(name=name, language=language or guess_language(text, "fr"), published="2024-02-05")
    facts = extract_article(Article(source=source, text=text), ExtractConfig.default(use_model=use_model))
    return [f for f in facts if f.kind.value == "claim"]


def said(facts: list[Fact]) -> list[tuple[str | None, str, str | None, str | None, str]]:
    return [(f.subject, f.predicate, f.object, f.attribution, f.evidence.quote) for f in facts]


# --- why someone left ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Valmora named Anna Marchetti chief executive in 2020. Marchetti said she was leaving for personal reasons.",
            (
                "Anna Marchetti",
                "reason for leaving",
                "personal reasons",
                "Anna Marchetti",
                "leaving for personal reasons",
            ),
        ),
        (
            "Anna Marchetti left Valmora on Monday. Marchetti resigned after the board lost confidence in her.",
            (
                "Anna Marchetti",
                "reason for leaving",
                "loss of confidence",
                None,
                "resigned after the board lost confidence",
            ),
        ),
        (
            "Anna Marchetti, the chief executive of Valmora, left on Friday. She stepped down citing health reasons.",
            (
                "Anna Marchetti",
                "reason for leaving",
                "health reasons",
                "Anna Marchetti",
                "stepped down citing health reasons",
            ),
        ),
        (
            "Anna Marchetti a invoqué des raisons personnelles.",
            (
                "Anna Marchetti",
                "reason for leaving",
                "personal reasons",
                "Anna Marchetti",
                "a invoqué des raisons personnelles",
            ),
        ),
        (
            "La PDG de Valmora, Anna Marchetti, a quitté ses fonctions lundi. "
            "Elle a été poussée vers la sortie en raison des dépassements de coûts.",
            (
                "Anna Marchetti",
                "reason for leaving",
                "cost overruns",
                None,
                "poussée vers la sortie en raison des dépassements de coûts",
            ),
        ),
        (
            "Valmora fired Paul Brinot over cost overruns.",
            ("Paul Brinot", "reason for leaving", "cost overruns", None, "fired Paul Brinot over cost overruns"),
        ),
    ],
)
def test_a_reason_for_leaving_names_who_left_the_reason_and_who_gives_it(text: str, expected: tuple) -> None:
    assert said(claims_of(text)) == [expected]


def test_the_same_reason_reads_the_same_in_both_languages() -> None:
    english = claims_of("Anna Marchetti left Valmora. She said she was leaving for health reasons.")
    french = claims_of("Anna Marchetti quitte Valmora. Elle a démissionné pour des raisons de santé.")
    assert [(f.subject, f.predicate, f.object) for f in english] == [
        ("Anna Marchetti", "reason for leaving", "health reasons")
    ]
    assert [(f.subject, f.predicate, f.object) for f in french] == [
        ("Anna Marchetti", "reason for leaving", "health reasons")
    ]


def test_an_accusation_behind_a_dismissal_keeps_its_reading() -> None:
    claims = claims_of("Norvale fired Paul Brinot on Monday. Brinot was dismissed for fraud.")
    assert [(f.subject, f.predicate, f.object) for f in claims] == [("Paul Brinot", "fired for", "fraud")]


# --- what caused an event --------------------------------------------------------------------


def test_two_causes_of_a_fire_in_english() -> None:
    text = (
        "A fire broke out at the Norvale plant on Monday. The company blamed the fire on an electrical fault. "
        "The union said maintenance cuts were to blame."
    )
    assert said(claims_of(text)) == [
        ("the fire", "cause of", "electrical fault", "Norvale", "blamed the fire on an electrical fault"),
        ("the fire", "cause of", "maintenance cuts", "the union", "maintenance cuts were to blame"),
    ]


def test_two_causes_of_a_fire_in_french_one_of_them_reported() -> None:
    text = (
        "Un incendie a ravagé l'usine Norvale lundi. "
        "L'incendie serait dû à une défaillance électrique, selon la direction. "
        "Le syndicat dénonce des économies sur la maintenance."
    )
    claims = claims_of(text)
    assert said(claims) == [
        (
            "the fire",
            "cause of",
            "electrical fault",
            "la direction",
            "L'incendie serait dû à une défaillance électrique",
        ),
        ("the fire", "cause of", "maintenance cuts", "le syndicat", "dénonce des économies sur la maintenance"),
    ]
    assert [f.modality.value for f in claims] == ["reported", "asserted"]  # "serait dû à"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "La grève paralyse les usines de Norvale depuis lundi. Le ministre a estimé que le mouvement était politique.",
            ("the strike", "cause of", "political motives", "le ministre", "le mouvement était politique"),
        ),
        (
            "The strike was politically motivated, the minister said.",
            ("the strike", "cause of", "political motives", "the minister", "The strike was politically motivated"),
        ),
        (
            "Norvale blamed the delay on bad weather.",
            ("the delay", "cause of", "bad weather", "Norvale", "blamed the delay on bad weather"),
        ),
    ],
)
def test_the_nature_or_cause_of_an_event(text: str, expected: tuple) -> None:
    assert said(claims_of(text)) == [expected]


def test_a_cause_given_without_its_event_is_kept_without_a_subject() -> None:
    claims = claims_of("The union said maintenance cuts were to blame.")
    assert said(claims) == [(None, "cause of", "maintenance cuts", "the union", "maintenance cuts were to blame")]


# --- what is not a reason --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Anna Marchetti said the plant would stay open.",
        "Le ministre a estimé que la réforme était nécessaire.",
        "Le syndicat dénonce la fermeture de l'usine.",
        "Valmora's shares fell 5% on Monday because of disappointing results.",  # no departure or event in view
        "Valmora plans to fire 200 workers because of cost overruns.",  # nobody in particular leaves
        "A consultancy has been brought on to support the reorganisation.",
        "Anna Marchetti denied she was leaving for personal reasons.",
        "L'incendie n'est pas dû à une défaillance électrique, selon la direction.",
        "The fire was put out by firefighters on Monday.",
    ],
)
def test_sentences_that_give_no_reason_give_no_claim(text: str) -> None:
    assert claims_of(text) == []


# --- reconciling the reasons -----------------------------------------------------------------

LEFT_FOR_PERSONAL_REASONS = (
    "Valmora said on Monday that its chief executive Anna Marchetti was leaving. "
    "Marchetti said she was leaving for personal reasons."
)
PERSONAL_REASONS_FR = (
    "Anna Marchetti quitte la direction de Valmora. Anna Marchetti a invoqué des raisons personnelles."
)
PUSHED_OUT_FR = (
    "La PDG de Valmora, Anna Marchetti, a quitté ses fonctions lundi. "
    "Elle a été poussée vers la sortie en raison des dépassements de coûts."
)
HEALTH_REASONS_EN = (
    "Anna Marchetti, the chief executive of Valmora, left on Friday. She stepped down citing health reasons."
)


def reconciled(*texts: tuple[str, str]):
    sources, facts = [], []
    for index, (language, text) in enumerate(texts):
        source = Source(name=f"{index}.txt", outlet=f"Outlet {index}", language=language, published="2024-02-05")
        sources.append(source)
        facts += extract_article(Article(source=source, text=text), ExtractConfig.default(use_model=False))
    return facts, reconcile(sources, facts)


def test_two_incompatible_reasons_for_one_departure_are_a_claim_contradiction() -> None:
    facts, result = reconciled(("en", LEFT_FOR_PERSONAL_REASONS), ("fr", PUSHED_OUT_FR))
    [contradiction] = result.contradictions
    assert contradiction.kind.value == "claim"
    by_id = {f.id: f for f in facts}
    assert {by_id[i].object for i in contradiction.facts} == {"personal reasons", "cost overruns"}
    assert "Outlet 0" in contradiction.explanation and "Outlet 1" in contradiction.explanation
    assert "dépassements de coûts" in contradiction.explanation and "personal reasons" in contradiction.explanation


@pytest.mark.parametrize(
    "other",
    [
        ("fr", PERSONAL_REASONS_FR),
        ("en", HEALTH_REASONS_EN),
    ],  # the same reason in French; a personal reason in other words
)
def test_the_same_reason_in_two_languages_is_one_group_and_no_contradiction(other: tuple[str, str]) -> None:
    facts, result = reconciled(("en", LEFT_FOR_PERSONAL_REASONS), other)
    assert result.contradictions == []
    claims = {f.id for f in facts if f.kind.value == "claim"}
    [group] = [g for g in result.groups if set(g.facts) & claims]
    assert set(group.facts) == claims and len(claims) == 2 and group.status.value == "agree"


def test_two_causes_of_one_fire_across_languages() -> None:
    english = "A fire broke out at the Norvale plant on Monday. The company blamed the fire on an electrical fault."
    union = "Un incendie a ravagé l'usine Norvale lundi. Le syndicat dénonce des économies sur la maintenance."
    management = "Un incendie a ravagé l'usine Norvale lundi. L'incendie serait dû à une défaillance électrique, selon la direction."
    _, disputed = reconciled(("en", english), ("fr", union))
    assert [c.kind.value for c in disputed.contradictions] == ["claim"]
    _, agreed = reconciled(("en", english), ("fr", management))
    assert agreed.contradictions == []


def test_check_flags_the_disputed_departure_and_passes_the_agreed_one(tmp_path: Path) -> None:
    def check(name: str, french: str) -> tuple[int, dict]:
        articles = tmp_path / name / "articles"
        articles.mkdir(parents=True)
        (articles / "wire.txt").write_text(LEFT_FOR_PERSONAL_REASONS + "\n", encoding="utf-8")
        (articles / "journal.txt").write_text(french + "\n", encoding="utf-8")
        (articles / "sources.yaml").write_text(
            "wire.txt: {outlet: Northern Wire, published: 2024-02-05, language: en}\n"
            "journal.txt: {outlet: Le Journal, published: 2024-02-05, language: fr}\n",
            encoding="utf-8",
        )
        result = CliRunner().invoke(
            main,
            [
                "check",
                "--articles",
                str(articles),
                "--facts",
                str(tmp_path / name / "facts"),
                "--reports",
                str(tmp_path / name / "reports"),
                "--format",
                "json",
                "-q",
            ],
        )
        return result.exit_code, json.loads(result.stdout)

    code, report = check("disputed", PUSHED_OUT_FR)
    assert code == 1
    [contradiction] = report["contradictions"]
    assert contradiction["kind"] == "claim"
    assert "Northern Wire" in contradiction["explanation"] and "Le Journal" in contradiction["explanation"]
    code, report = check("agreed", PERSONAL_REASONS_FR)
    assert code == 0 and report["contradictions"] == []
