"""Which sentences can hold a fact, so the statistical model only reads those.

Every fact the extractors build is anchored on a figure (a digit or a number word) or on a
word of the role, event and claim tables. A sentence with neither holds no fact, and typing its
names with the model changes nothing the extractors keep; skipping it is what makes the model
affordable on long articles full of background.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from reconcile.extract.language import FUNCTION_WORDS, Sentence, plain, tokenize
from reconcile.tables import load_data, word_set

CUE_SECTIONS = {
    "roles.yaml": ("roles", "lead_verbs", "founding_verbs", "interim_head", "interim_post", "interim_by"),
    "events.yaml": ("events", "agreements"),
    "claims.yaml": ("accusations", "reason_cues", "assurances"),
    "numbers.yaml": ("vague",),  # amounts without a figure: "la quasi-totalité", "dozens"
}
"""The parts of the tables that anchor a fact; hedges, units and modal words only qualify one."""
_DIGIT = re.compile(r"\d")
_NO_ANCHOR = word_set("no_anchor_words")
"""Common words that never anchor a phrase: "plusieurs milliers" is anchored by "milliers"."""
MIN_CUE = 3  # shorter words ("a", "de", "is") are everywhere and anchor nothing on their own


@dataclass(frozen=True)
class Cues:
    words: frozenset[str]
    stems: tuple[str, ...]  # "quitt" from "quitt*": any word starting with it


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


@lru_cache(maxsize=1)
def fact_cues() -> Cues:
    """Content words of the anchoring parts of the tables (CUE_SECTIONS), and the number words."""
    words: set[str] = set()
    stems: set[str] = set()
    phrases: list[str] = [
        s
        for name, sections in CUE_SECTIONS.items()
        for section in sections
        for s in _strings(load_data(name).get(section))
    ]
    phrases += sorted(word_set("number_words", family="numbers"))
    for phrase in phrases:
        # A phrase is anchored by its longest word: "tout le personnel" needs "personnel".
        tokens = [t.lower for t in tokenize(plain(phrase.rstrip("*")))]
        content = [
            (len(w), -i, w) for i, w in enumerate(tokens) if len(w) >= MIN_CUE and w not in FUNCTION_WORDS | _NO_ANCHOR
        ]
        if not content:
            continue
        _, position, word = max(content)
        if phrase.endswith("*") and -position == len(tokens) - 1:
            stems.add(word)
        else:
            words.add(word)
    return Cues(frozenset(words), tuple(sorted(stems)))


def may_hold_fact(sentence: Sentence, cues: Cues | None = None) -> bool:
    """True when the sentence has a digit or a cue word: only then can an extractor anchor a fact in it."""
    if _DIGIT.search(sentence.text):
        return True
    cues = cues or fact_cues()
    for token in tokenize(plain(sentence.text)):
        word = token.lower
        if word in cues.words or (len(word) > MIN_CUE and word.startswith(cues.stems)):
            return True
    return False


def fact_sentences(sentences: Iterable[Sentence]) -> list[Sentence]:
    """The sentences worth giving to the model."""
    cues = fact_cues()
    return [s for s in sentences if may_hold_fact(s, cues)]
