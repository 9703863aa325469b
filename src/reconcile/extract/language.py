"""Sentences, tokens and the language of each sentence.

Offsets are always into the cleaned article text. Typographic apostrophes are kept in the
text; matching code uses `plain()`, which replaces them one for one so offsets hold.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from reconcile.tables import word_set, word_sets_by_language

_FUNCTION_WORDS = word_sets_by_language("function_words")  # language -> its commonest words
FUNCTION_WORDS = word_set("function_words")
_WORD = re.compile(r"[^\W\d_]+", re.U)


def plain(text: str) -> str:
    """Same-length text with typographic apostrophes and spaces made plain, for matching."""
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u02bc", "'")
        .replace("\u00a0", " ")
        .replace("\u202f", " ")
        .replace("\u2009", " ")
    )


OTHER_SCRIPT = "other-script"
"""What `identify_language` says of a text written mostly outside the Latin alphabet."""


def identify_language(text: str) -> str | None:
    """The language of a whole article: 'fr', 'en', another code from data/languages.yaml, or
    OTHER_SCRIPT; None when the text is too short or too mixed to tell.

    Function words decide (the language with the most, at least 5 and more than any other); the
    first 20,000 characters are enough.
    """
    import unicodedata

    from reconcile.tables import foreign_function_words

    sample = plain(text[:20000])
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= 200 and sum(1 for c in letters if "LATIN" in unicodedata.name(c, "")) < len(letters) / 2:
        return OTHER_SCRIPT
    words = [w.lower() for w in _WORD.findall(sample)]
    tables: dict[str, AbstractSet[str]] = dict(_FUNCTION_WORDS)
    tables.update({code: set(map(str, table)) - FUNCTION_WORDS for code, table in foreign_function_words().items()})
    counts = sorted(((sum(1 for w in words if w in table), code) for code, table in tables.items()), reverse=True)
    (best, code), (second, _) = counts[0], counts[1]
    if best < 5 or best == second:
        return None
    return code


def guess_language(text: str, default: str | None = None) -> str | None:
    """The language with rules whose function words the text has most of. When they barely tell
    ("Six workers died.", "Two were rescued."), a character model decides (py3langid, over the
    languages with rules); `default` when neither does."""
    words = [w.lower() for w in _WORD.findall(plain(text))]
    counts = sorted(
        ((sum(1 for w in words if w in table), code) for code, table in _FUNCTION_WORDS.items()), reverse=True
    )
    best, code = counts[0] if counts else (0, default)
    second = counts[1][0] if len(counts) > 1 else 0
    if best - second <= 1 and words:
        return _character_model(text) or (default if best == second else code)
    return code


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model over the languages with rules, loaded on the first sentence that needs it."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(_FUNCTION_WORDS))
    return identifier


def _character_model(text: str) -> str | None:
    try:
        identifier = _identifier()
    except ImportError:  # an install without it: function words alone decide
        return None
    language = identifier.classify(text)[0]
    return str(language) if language in _FUNCTION_WORDS else None


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    language: str


# A sentence ends at . ! ? … followed by space and an upper-case letter, a quote or a digit,
# and at every line break. Abbreviations with a capital before the dot (Corp., Inc., M.) do not end one.
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”»)]?\s+(?=[«\"“(A-ZÀ-ÖØ-Þ0-9])")
_ABBREVIATIONS = word_set("abbreviations")
_MONTH_ABBREVIATIONS = word_set("month_abbreviations", family="time")  # "Nov. 5": one date, not two sentences


def split_sentences(text: str, default_language: str) -> list[Sentence]:
    """Sentences with their offsets and language (a French article may quote English)."""
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        line_start = line.start()
        chunk = line.group()
        cut = 0
        for boundary in _BOUNDARY.finditer(chunk):
            before = chunk[cut : boundary.start()]
            last_word = re.search(r"(\w+)\.$", before)
            if last_word and last_word.group(1).lower() in _ABBREVIATIONS:
                continue
            if (
                last_word
                and last_word.group(1).lower() in _MONTH_ABBREVIATIONS
                and chunk[boundary.end() :][:1].isdigit()
            ):
                continue
            _append(sentences, text, line_start + cut, line_start + boundary.start(), default_language)
            cut = boundary.end()
        _append(sentences, text, line_start + cut, line_start + len(chunk), default_language)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, default_language: str) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    body = text[start:end]
    language = guess_language(body, default_language) if len(_WORD.findall(body)) >= 3 else default_language
    out.append(Sentence(start=start, end=end, text=body, language=language or default_language))


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @cached_property
    def lower(self) -> str:
        """The token lower-cased with plain apostrophes, computed once (matching asks for it often)."""
        return plain(self.text).lower()


# Words (with inner hyphens), an elided word with its apostrophe (d', l', qu', jusqu'), numbers with
# inner separators, @handles, and single punctuation marks.
_ELIDED = "".join("|" + re.escape(word.rstrip("'")) for word in sorted(word_set("elided_words")))
_TOKEN = re.compile(
    rf"@\w+|(?:[^\W\d_]{{1,2}}{_ELIDED})['’](?=\w)|(?<![\w-])ex-(?=[^\W\d_])|\d+(?:[.,  ]\d+)*|[^\W_]+(?:[-.][^\W_]+)*|[^\w\s]",
    re.U | re.I,
)


@lru_cache(maxsize=4096)
def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of a sentence, with offsets shifted by `offset` into the article.

    Every extractor reads each sentence, so the list is cached: treat it as read-only.
    """
    return [Token(m.start() + offset, m.end() + offset, m.group()) for m in _TOKEN.finditer(text)]
