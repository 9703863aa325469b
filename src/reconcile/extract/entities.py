"""Names of people and organisations in an article, found by capitalisation rules.

A name is a run of capitalised words (or an @handle) that is not a function word, a role
title or a common acronym. A word at the start of a sentence counts only when the article
also capitalises it elsewhere. Two or more plain title-case words make a person; a lone word
that is the last word of a person's name in the same article is that person; other names
are taken for organisations.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from reconcile.extract.language import Sentence, Token, plain, tokenize
from reconcile.extract.lexicon import Lexicon
from reconcile.extract.ner import ModelEntity
from reconcile.names import squash
from reconcile.tables import word_set

_OF_LINKS = tuple(sorted(word_set("of_links")))  # for str.endswith
_ADVERB_ENDINGS = tuple(sorted(word_set("adverb_endings", family="entities")))


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    name: str  # canonical: legal suffixes and @ dropped, surnames resolved to full names
    type: str  # "person" or "org"


@lru_cache(maxsize=4)
def _surnames(story_people: tuple[str, ...]) -> dict[str, str]:
    """Surname -> the first full name with it, over the story (built once per story, not per article)."""
    found: dict[str, str] = {}
    for full in story_people:
        found.setdefault(plain(full.split()[-1]), full)
    return found


def _is_capitalised(token: Token) -> bool:
    text = token.text
    if text.startswith("@") and len(text) > 1:
        return True
    first = text[0]
    return first.isalpha() and first.isupper()


def strip_legal_suffix(words: list[str], lexicon: Lexicon) -> list[str]:
    """Drop trailing legal forms ("Corp.", "Inc") while a name remains."""
    while len(words) > 1 and plain(words[-1]).lower().rstrip(".") in lexicon.legal_suffixes:
        words = words[:-1]
    return words


class EntityIndex:
    """The mentions of one article, in text order, with helpers to look around a position."""

    def __init__(self, mentions: list[Mention], text: str = "") -> None:
        self.text = text
        self.mentions = mentions
        self._starts = [m.start for m in mentions]
        # Definite descriptions that stand for a person ("le cofondateur de Y" = the last person named).
        self.descriptions: list[Mention] = []

    def describe(self, mention: Mention) -> None:
        """Record that a description stands for a person, for extractors that look back for agents."""
        self.descriptions.append(mention)

    def copy(self) -> EntityIndex:
        """The same names with descriptions of their own, so a reader's notes stay its own."""
        return self.with_descriptions(self.descriptions)

    def with_descriptions(self, descriptions: list[Mention]) -> EntityIndex:
        """The same names, with these descriptions standing for people."""
        index = EntityIndex.__new__(EntityIndex)
        index.text, index.mentions, index._starts = self.text, self.mentions, self._starts
        index.descriptions = list(descriptions)
        return index

    def description_at(self, start: int, end: int) -> Mention | None:
        for mention in self.descriptions:
            if mention.start < end and start < mention.end:
                return mention
        return None

    def at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping [start, end), if any."""
        index = bisect_right(self._starts, end - 1) - 1
        while index >= 0:
            mention = self.mentions[index]
            if mention.end > start:
                return mention
            if mention.end <= start:
                break
            index -= 1
        return None

    def last_person_before(self, position: int) -> Mention | None:
        """The person named last before `position`."""
        index = bisect_right(self._starts, position) - 1
        while index >= 0:
            mention = self.mentions[index]
            if mention.type == "person" and mention.end <= position:
                return mention
            index -= 1
        return None

    def last_org_before(self, position: int, exclude: set[str]) -> Mention | None:
        """The organisation named last before `position`, other than the excluded names."""
        index = bisect_right(self._starts, position) - 1
        while index >= 0:
            mention = self.mentions[index]
            if mention.type == "org" and mention.end <= position and squash(mention.name) not in exclude:
                return mention
            index -= 1
        return None


Span = tuple[int, int, list[str]]


def find_mentions(
    text: str,
    sentences: list[Sentence],
    lexicon: Lexicon,
    model_entities: list[ModelEntity] | None = None,
    story_people: tuple[str, ...] = (),
) -> EntityIndex:
    """Every name in the article, typed and canonicalised.

    With a statistical model's entities, a name the model calls a person or an organisation
    takes that type, and full person names the rules missed are added. A lone surname takes
    the full name used in the article, or failing that in the story (`story_people`).
    """
    tokenised = [tokenize(s.text, s.start) for s in sentences]
    raw = _split_joined_names(_name_runs(tokenised, lexicon), text, lexicon)
    model_types: dict[tuple[int, int], str] = {}
    if model_entities:
        model_types = _apply_model(raw, model_entities, text)
    return EntityIndex(_typed_mentions(raw, model_types, text, lexicon, story_people), text)


def _name_runs(tokenised: list[list[Token]], lexicon: Lexicon) -> list[Span]:
    """Runs of capitalised name words, without a leading title, and the words of each."""
    mid_sentence_caps: set[str] = set()
    lower_words: set[str] = set()  # words the article writes in lower case: "Tire maker X" opens with one
    for tokens in tokenised:
        for previous, token in zip(tokens, tokens[1:]):
            if _is_capitalised(token) and previous.text not in '.!?:«"“—–-':
                mid_sentence_caps.add(token.text)
            elif token.text.isalpha() and token.text.islower():
                lower_words.add(token.text)
    seen = _Seen(mid_sentence_caps, lower_words)
    raw: list[Span] = []
    for tokens in tokenised:
        run: list[Token] = []
        for position, token in enumerate(tokens + [Token(-1, -1, ".")]):
            if _name_word(token, position, tokens, lexicon, seen):
                run.append(token)
                continue
            # "Acme Corp." keeps its suffix in the run; the dot token is its own.
            if run and token.text == "." and plain(run[-1].text).lower() in lexicon.legal_suffixes:
                run.append(token)
                continue
            if run:
                raw += [span for part in _split_at_title(run, lexicon) if (span := _run_span(part, lexicon))]
                run = []
    return raw


def _split_at_title(run: list[Token], lexicon: Lexicon) -> list[list[Token]]:
    """ "Prime Minister Paul Girard", "Valmora Governor Jane Holt", "Industry Minister Tom Reyes":
    a title inside a run of capitals ends what comes before it (an organisation or a place, kept
    as its own name) and starts the person's name after it; the title is part of neither."""
    titles = [i for i, token in enumerate(run[:-1]) if plain(token.text).lower() in lexicon.titles]
    if not titles:
        return [run]
    first, last = titles[0], titles[-1]
    return [part for part in (run[:first], run[last + 1 :]) if part]


def _run_span(run: list[Token], lexicon: Lexicon) -> Span | None:
    words = [t.text for t in run if t.text != "."]
    # "the Belgian company", "Chief executive X": a lone adjective of nationality or title is no name.
    if not words or (len(words) == 1 and (words[0] in lexicon.demonyms or plain(words[0]).lower() in lexicon.titles)):
        return None
    return (run[0].start, run[-1].end, words)


def _split_joined_names(raw: list[Span], text: str, lexicon: Lexicon) -> list[Span]:
    """ "d'Acme Jeanne Morel": a name seen alone elsewhere, then a person's name, are two names."""
    singles = {words[0] for _, _, words in raw if len(words) == 1}
    split: list[Span] = []
    for start, end, words in raw:
        after_complement = plain(text[max(0, start - 3) : start]).lower().rstrip().endswith(_OF_LINKS)
        if (
            len(words) >= 3
            and (words[0] in singles or after_complement)
            and _looks_like_person(words[-2:], lexicon)
            and (words[0] in singles or len(words) == 3)
        ):
            first_end = start + len(words[0])
            second_start = text.index(words[1], first_end)
            split.append((start, first_end, [words[0]]))
            split.append((second_start, end, words[1:]))
        else:
            split.append((start, end, words))
    return split


def _apply_model(raw: list[Span], model_entities: list[ModelEntity], text: str) -> dict[tuple[int, int], str]:
    """Types the model gives the rules' names; adds (to `raw`, kept sorted) the full person names they missed."""
    model_types: dict[tuple[int, int], str] = {}
    splits: list[tuple[tuple[int, int], int]] = []
    covered = [(start, end) for start, end, _ in raw]
    for entity in model_entities:
        span_text = text[entity.start : entity.end].strip(" .,;:!?")
        end = entity.start + len(span_text)
        words = span_text.split()
        overlaps = [(s, e) for s, e in covered if s < end and entity.start < e]
        for span in overlaps:
            span_words = text[span[0] : span[1]].split()
            # A lone capitalised word the model calls a person is too often a company or a place.
            if entity.label == "org" or (entity.label == "person" and len(span_words) >= 2):
                model_types[span] = entity.label
            # "Valmont Paul Girard": the model's person ends the rules' run; split it off.
            if entity.label == "person" and span[0] < entity.start and end == span[1] and len(words) >= 2:
                splits.append((span, entity.start))
        if not overlaps and entity.label == "person" and len(words) >= 2 and all(w[:1].isupper() for w in words):
            raw.append((entity.start, end, words))
            model_types[(entity.start, end)] = "person"
    for (start, end), cut in splits:
        for index, (s0, e0, _words) in enumerate(raw):
            if (s0, e0) == (start, end):
                head = text[s0:cut].rstrip()
                raw[index] = (s0, s0 + len(head), head.split())
                raw.append((cut, e0, text[cut:e0].split()))
                model_types.pop((start, end), None)
                model_types[(cut, e0)] = "person"
                break
    raw.sort()
    return model_types


def _typed_mentions(
    raw: list[Span],
    model_types: dict[tuple[int, int], str],
    text: str,
    lexicon: Lexicon,
    story_people: tuple[str, ...],
) -> list[Mention]:
    people_full: dict[str, str] = {}
    for start, end, words in raw:
        if _looks_like_person(words, lexicon) and model_types.get((start, end), "person") == "person":
            people_full.setdefault(plain(words[-1]), " ".join(words))
    story_full = _surnames(story_people)
    handles = {
        squash(" ".join(w)): " ".join(strip_legal_suffix(w, lexicon)) for _, _, w in raw if not w[0].startswith("@")
    }
    mentions: list[Mention] = []
    for start, end, words in raw:
        if words[0].startswith("@"):
            handle = words[0][1:]
            name = handles.get(squash(handle), handle)
            kind = "person" if _looks_like_person(name.split(), lexicon) else "org"
        else:
            words = strip_legal_suffix(words, lexicon)
            name, kind = _name_and_kind(words, model_types.get((start, end)), people_full, story_full, lexicon)
        # "Acme Corp. (ACME)": a ticker in brackets right after a name is that name.
        if (
            mentions
            and len(words) == 1
            and words[0].isupper()
            and text[max(0, start - 1) : start] == "("
            and text[end : end + 1] == ")"
            and 0 <= start - 1 - mentions[-1].end <= 2
            and mentions[-1].type == "org"
        ):
            name, kind = mentions[-1].name, "org"
        mentions.append(Mention(start, end, text[start:end], name, kind))
    return mentions


def _name_and_kind(
    words: list[str],
    typed: str | None,
    people_full: dict[str, str],
    story_full: dict[str, str],
    lexicon: Lexicon,
) -> tuple[str, str]:
    full = people_full.get(plain(words[0])) or story_full.get(plain(words[0])) if len(words) == 1 else None
    if full is not None:
        return full, "person"
    name = " ".join(words)
    if len(words) > 1 and (
        plain(words[-1]).lower() in lexicon.firm_words or plain(words[0]).lower() in lexicon.firm_openers
    ):
        return name, "org"  # "Valmora Systems", whatever a model says: no surname is a kind of firm
    if typed is not None:
        return name, typed
    return name, "person" if _looks_like_person(words, lexicon) else "org"


class _Seen(NamedTuple):
    """What the whole article shows of its words: those capitalised mid-sentence, those in lower case."""

    capitalised: set[str]
    lower: set[str]


def _name_word(token: Token, position: int, tokens: list[Token], lexicon: Lexicon, seen: _Seen) -> bool:
    if token.start < 0 or not _is_capitalised(token):
        return False
    if token.text in lexicon.not_entities:
        return False
    if token.text.startswith("@"):
        return True
    bare = plain(token.text).lower().rstrip("'")
    previous = tokens[position - 1] if position > 0 else None
    following_token = tokens[position + 1] if position + 1 < len(tokens) else None
    if len(token.text) == 1 and previous is not None and following_token is not None:
        # "Tom R Reyes", "Tom R. Reyes": a middle initial between two capitalised words.
        if _is_capitalised(previous) and (_is_capitalised(following_token) or following_token.text == "."):
            return True
    if bare in lexicon.function_words:
        # "Valmora State Police": a word of institutions ends a name it follows, never starts one.
        return (
            bare in lexicon.firm_words
            and previous is not None
            and _is_capitalised(previous)
            and plain(previous.text).lower() not in lexicon.function_words
        )
    at_start = position == 0 or tokens[position - 1].text in '.!?:«"“—–-'
    if at_start and token.text not in seen.capitalised:
        if token.text.lower() in seen.lower and len(token.text) > 2:
            return False  # "Tire maker X said", "Added to this is": a common word that opens the sentence
        next_token = tokens[position + 1] if position + 1 < len(tokens) else None
        if token.text.lower() in lexicon.people_nouns and not (next_token and _is_capitalised(next_token)):
            return False  # "Workers went on strike", "Prosecutors had sought": people, not a name
        # An opening word followed by a comma is an adverb ("Manifestement,", "However,").
        following = next_token.text if next_token else ""
        adverb = bare.endswith(_ADVERB_ENDINGS)
        after_next = tokens[position + 2].text if position + 2 < len(tokens) else ""
        possessive = following in {"'", "’"} and after_next == "s"  # "Acme's chief executive"
        if (
            (following in {"'", "’"} and not possessive)
            or (following == "," and adverb)
            or not (following[:1].isalpha() or following in {",", "'", "’"})
        ):
            return False
    # An all-caps word longer than an acronym is shouting, not a name.
    return not (token.text.isupper() and len(token.text) > 6)


def _looks_like_person(words: list[str], lexicon: Lexicon) -> bool:
    if len(words) < 2 or len(words) > 4 or plain(words[-1]).lower() in lexicon.firm_words:
        return False
    if plain(words[0]).lower() in lexicon.firm_openers:
        return False
    initials = sum(1 for w in words if re.fullmatch(r"[A-ZÀ-ÖØ-Þ]\.?", w))  # "Tom R Reyes Jr"
    return initials < len(words) - 1 and all(_NAME_WORD.fullmatch(w) for w in words)


_NAME_WORD = re.compile(
    r"[A-ZÀ-ÖØ-Þ](?:[a-zà-öø-ÿ]+(?:['’-][A-ZÀ-ÖØ-Þ]?[a-zà-öø-ÿ]+)*|\.?)"
)  # "Reyes", "Reyes-Olmo", "Jean-Luc", "J."
