"""Loads the language tables in reconcile/data into lookup structures the extractors use."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from reconcile.extract.language import plain
from reconcile.tables import load_data


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
    legal_suffixes: frozenset[str]
    anaphors: list[str]
    subject_skip: frozenset[str]
    counted_before: tuple[tuple[tuple[str, ...], str], ...]  # (phrase tokens, class label), longest first
    languages: tuple[str, ...] = field(default=("fr", "en"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The tables shipped with the package, read once per process."""
    numbers = load_data("numbers.yaml")
    entities = load_data("entities.yaml")
    hedges = {
        lang: sorted(
            ((_norm(p), q) for q, phrases in table.items() for p in phrases),
            key=lambda item: -len(item[0]),
        )
        for lang, table in numbers["hedges"].items()
    }
    vague = {
        lang: sorted(
            (Vague(_norm(v["phrase"]), v["qualifier"], v.get("low"), v.get("high")) for v in rows),
            key=lambda v: -len(v.phrase),
        )
        for lang, rows in numbers["vague"].items()
    }
    people = {
        _norm(noun): label
        for label, by_lang in numbers["people_nouns"].items()
        for nouns in by_lang.values()
        for noun in nouns
    }
    things = {
        _norm(noun): label
        for label, by_lang in numbers["counted_things"].items()
        for nouns in by_lang.values()
        for noun in nouns
    }
    people_phrases = tuple(
        sorted(
            ((_token_words(noun), noun) for noun in people if len(_token_words(noun)) > 1),
            key=lambda item: -len(item[0]),
        )
    )
    relations = []
    for rid, spec in numbers["relations"].items():
        words = {_norm(w) for ws in spec.get("words", {}).values() for w in ws}
        after = {_norm(w) for ws in spec.get("after", {}).values() for w in ws}
        before = {_norm(w) for ws in spec.get("before", {}).values() for w in ws}
        multi = tuple(_token_words(w) for w in words if len(_token_words(w)) > 1)
        single = {w for w in words if len(_token_words(w)) == 1}
        relations.append(
            Relation(rid, spec["label"], spec["unit"], frozenset(single), frozenset(after), frozenset(before), multi)
        )
    actions = {_norm(w): label for label, by_lang in numbers["actions"].items() for ws in by_lang.values() for w in ws}
    return Lexicon(
        hedges=hedges,
        vague=vague,
        scales={lang: {_norm(k): float(v) for k, v in table.items()} for lang, table in numbers["scales"].items()},
        currency_symbols=dict(numbers["currency_symbols"]),
        currency_words={
            lang: {_norm(k): v for k, v in table.items()} for lang, table in numbers["currency_words"].items()
        },
        percent_words={lang: [_norm(w) for w in ws] for lang, ws in numbers["percent_words"].items()},
        people_nouns=people,
        people_phrases=people_phrases,
        counted_things=things,
        class_actions={label: dict(actions) for label, actions in numbers["class_actions"].items()},
        implied_actions=dict(numbers["implied_actions"]),
        not_counted=frozenset(_norm(w) for ws in numbers["not_counted"].values() for w in ws),
        relations=relations,
        actions=actions,
        function_words=frozenset(_norm(w) for ws in entities["capitalised_function_words"].values() for w in ws),
        not_entities=frozenset(entities["not_entities"]),
        demonyms=frozenset(entities["demonyms"]),
        titles=frozenset(_norm(w) for w in entities["titles"]),
        firm_words=frozenset(_norm(w) for w in entities["organisation_words"]),
        legal_suffixes=frozenset(_norm(w) for w in entities["legal_suffixes"]),
        anaphors=sorted(
            (_norm(a) for ws in entities["organisation_anaphors"].values() for a in ws), key=lambda a: -len(a)
        ),
        subject_skip=frozenset(_norm(w) for ws in entities["subject_skip"].values() for w in ws),
        counted_before=tuple(
            sorted(
                (
                    (_token_words(p), label)
                    for label, by_lang in numbers["counted_before"].items()
                    for phrases in by_lang.values()
                    for p in phrases
                ),
                key=lambda item: -len(item[0]),
            )
        ),
    )
