"""Loads the language tables in reconcile/data into lookup structures the extractors use."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from reconcile.extract.language import plain
from reconcile.tables import languages, load_data


def _norm(phrase: str) -> str:
    return plain(phrase).lower()


def _token_words(phrase: str) -> tuple[str, ...]:
    """A phrase as the tokenizer splits it ("chiffre d'affaires" -> chiffre, d', affaires)."""
    from reconcile.extract.language import tokenize

    return tuple(t.lower for t in tokenize(plain(phrase)))


@dataclass(frozen=True)
class Relation:
    id: str
    label: str
    unit: str
    words: frozenset[str]
    after: frozenset[str] = frozenset()
    before: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()  # multi-word signals, as token sequences


@dataclass(frozen=True)
class Vague:
    phrase: str
    qualifier: str
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Lexicon:
    """Every word list, merged over languages where a word means the same in both."""

    hedges: dict[str, list[tuple[str, str]]]  # language -> [(phrase, qualifier)], longest first
    vague: dict[str, list[Vague]]
    scales: dict[str, dict[str, float]]
    currency_symbols: dict[str, str]
    currency_words: dict[str, dict[str, str]]
    percent_words: dict[str, list[str]]
    people_nouns: dict[str, str]  # noun -> English class label
    people_phrases: tuple[tuple[tuple[str, ...], str], ...]  # multi-word people nouns as (tokens, noun), longest first
    counted_things: dict[str, str]  # noun of a counted thing -> English label ("emplois" -> jobs)
    class_actions: dict[str, dict[str, str]]  # class -> action as worded -> what it means for that class
    implied_actions: dict[str, str]  # class -> the action a bare count of it states (protesters -> marched)
    not_counted: frozenset[str]
    relations: list[Relation]
    actions: dict[str, str]  # verb form -> label
    function_words: frozenset[str]
    not_entities: frozenset[str]
    demonyms: frozenset[str]  # "Belgian", "French": a name only inside a longer one
    titles: frozenset[str]  # "co-founder", "ministre": written before a name, no part of it
    firm_words: frozenset[str]  # "systems", "labs": a name ending with one is an organisation's
    firm_openers: frozenset[str]  # "real", "banque": a name opening with one is an organisation's
    legal_suffixes: frozenset[str]
    anaphors: list[str]
    subject_skip: frozenset[str]
    counted_before: tuple[tuple[tuple[str, ...], str], ...]  # (phrase tokens, class label), longest first
    languages: tuple[str, ...] = field(default_factory=languages)  # those with rules, from data/languages.yaml


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The tables shipped with the package, read once per process."""
    numbers = load_data("numbers.yaml")
    entities = load_data("entities.yaml")
    people = _labelled(numbers["people_nouns"])
    return Lexicon(
        hedges=_hedges(numbers["hedges"]),
        vague=_vague(numbers["vague"]),
        scales={lang: {_norm(k): float(v) for k, v in table.items()} for lang, table in numbers["scales"].items()},
        currency_symbols=dict(numbers["currency_symbols"]),
        currency_words={
            lang: {_norm(k): v for k, v in table.items()} for lang, table in numbers["currency_words"].items()
        },
        percent_words={lang: [_norm(w) for w in ws] for lang, ws in numbers["percent_words"].items()},
        people_nouns=people,
        people_phrases=_longest_first((_token_words(noun), noun) for noun in people if len(_token_words(noun)) > 1),
        counted_things=_labelled(numbers["counted_things"]),
        class_actions={label: dict(actions) for label, actions in numbers["class_actions"].items()},
        implied_actions=dict(numbers["implied_actions"]),
        not_counted=_normed(numbers["not_counted"]),
        relations=[_relation(rid, spec) for rid, spec in numbers["relations"].items()],
        actions=_labelled(numbers["actions"]),
        function_words=_normed(entities["capitalised_function_words"]),
        not_entities=frozenset(entities["not_entities"]),
        demonyms=frozenset(entities["demonyms"]),
        titles=frozenset(_norm(w) for w in entities["titles"]),
        firm_words=frozenset(_norm(w) for w in entities["organisation_words"]),
        firm_openers=frozenset(_norm(w) for w in entities["organisation_openers"]),
        legal_suffixes=frozenset(_norm(w) for w in entities["legal_suffixes"]),
        anaphors=sorted(_normed(entities["organisation_anaphors"]), key=lambda a: -len(a)),
        subject_skip=_normed(entities["subject_skip"]),
        counted_before=_longest_first(
            (_token_words(p), label)
            for label, by_lang in numbers["counted_before"].items()
            for phrases in by_lang.values()
            for p in phrases
        ),
    )


def _normed(by_language: dict[str, list[str]]) -> frozenset[str]:
    """A table's words over its languages, in matching form."""
    return frozenset(_norm(w) for ws in by_language.values() for w in ws)


def _labelled(table: dict[str, dict[str, list[str]]]) -> dict[str, str]:
    """Word -> its label, from a table of labels with their words per language."""
    return {_norm(word): label for label, by_lang in table.items() for words in by_lang.values() for word in words}


def _longest_first(
    phrases: Iterable[tuple[tuple[str, ...], str]],
) -> tuple[tuple[tuple[str, ...], str], ...]:
    return tuple(sorted(phrases, key=lambda item: -len(item[0])))


def _hedges(table: dict[str, dict[str, list[str]]]) -> dict[str, list[tuple[str, str]]]:
    """Per language, (phrase, qualifier) longest first."""
    return {
        lang: sorted(((_norm(p), q) for q, phrases in rows.items() for p in phrases), key=lambda item: -len(item[0]))
        for lang, rows in table.items()
    }


def _vague(table: dict[str, list[dict]]) -> dict[str, list[Vague]]:
    return {
        lang: sorted(
            (Vague(_norm(v["phrase"]), v["qualifier"], v.get("low"), v.get("high")) for v in rows),
            key=lambda v: -len(v.phrase),
        )
        for lang, rows in table.items()
    }


def _relation(rid: str, spec: dict) -> Relation:
    """A relation with its one-word signals apart from those of several words."""
    words = {_norm(w) for ws in spec.get("words", {}).values() for w in ws}
    after = {_norm(w) for ws in spec.get("after", {}).values() for w in ws}
    before = {_norm(w) for ws in spec.get("before", {}).values() for w in ws}
    multi = tuple(_token_words(w) for w in words if len(_token_words(w)) > 1)
    single = {w for w in words if len(_token_words(w)) == 1}
    return Relation(rid, spec["label"], spec["unit"], frozenset(single), frozenset(after), frozenset(before), multi)
