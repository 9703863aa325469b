"""What every fact carries besides its content: when it holds, who the text credits, what it covers.

Rules:
- as_of: the time expression nearest the fact's quote in its sentence (see `extract.time`);
- attribution: "selon X", "d'après X", "according to X", or "X said / X a déclaré / X put it at"
  in the same stretch of the sentence as the fact (between commas, and between clauses joined by
  "while", "tandis que", "alors que", or "and" before a new figure); an attribution that opens
  the sentence ("Selon la police, ...") covers the sentence unless a stretch has its own;
  "X said" right after a stretch, set off by a comma, covers it -- but not a clause of its own
  (", while the union counted 45,000" or "; the union counted 45,000");
- scope (numbers only): a place or a part the figure covers, in its stretch: "à Paris",
  "dans toute la France", "in Valmora alone", "nationwide", "among senior staff" -- but not a
  name the fact already uses as its subject or object.
"""

from __future__ import annotations

from functools import lru_cache

import re
from bisect import bisect_right

from reconcile.extract.context import build_table, load_data, match_at, merge_languages
from reconcile.extract.entities import EntityIndex
from reconcile.extract.language import Sentence, Token, plain, tokenize
from reconcile.extract.time import find_times, nearest_time
from reconcile.models import Fact, FactKind

_SEGMENT_BREAKS = {",", ";", ":", "(", ")", "\u2014", "\u2013"}
_ASIDE_BREAKS = {",", "(", ")", "\u2014", "\u2013"}


class QualifyTables:
    def __init__(self) -> None:
        data = load_data("qualify.yaml")
        self.attribution_before = build_table({"by": merge_languages(data["attribution_before"])})
        self.speech_after = build_table({"said": merge_languages(data["speech_verbs"])})
        self.scope_phrases = build_table({"scope": merge_languages(data["scope_phrases"])})
        self.locative = {w for ws in data["locative_prepositions"].values() for w in ws}
        self.partial = {w for ws in data["partial_markers"].values() for w in ws}
        self.place_nouns = {w for ws in data["place_nouns"].values() for w in ws}
        self.clause_openers = build_table({"clause": merge_languages(data["clause_openers"])})
        self.figure_joiners = {w for ws in data["figure_joiners"].values() for w in ws}
        self.bare_speakers = {w for ws in data["bare_speakers"].values() for w in ws}


@lru_cache(maxsize=1)
def tables() -> QualifyTables:
    """The word tables, read once per process."""
    return QualifyTables()


def qualify(facts: list[Fact], sentences: list[Sentence], entities: EntityIndex, published: str | None) -> list[Fact]:
    """The facts with as_of, attribution and scope filled in where the text gives them."""
    if not facts:
        return facts
    starts = [s.start for s in sentences]
    cache: dict[int, tuple[list, list[Token], list[tuple[int, int]]]] = {}
    table = tables()
    out = []
    sentence_of: list[int] = []
    for fact in facts:
        number = bisect_right(starts, fact.evidence.start) - 1
        if number < 0:
            out.append(fact)
            sentence_of.append(number)
            continue
        sentence = sentences[number]
        if number not in cache:
            tokens = tokenize(sentence.text, sentence.start)
            cache[number] = (find_times(sentence.text, sentence.start, sentence.language, published), tokens, _segments(tokens, table))
        times, tokens, segments = cache[number]
        update: dict[str, object] = {}
        when = nearest_time(times, fact.evidence.start)
        if when is not None and fact.as_of is None:
            update["as_of"] = when
            # "ont échoué ce week-end": a time right after the quote belongs in it.
            if 0 <= when.start - fact.evidence.end <= 2:
                end = when.start + len(when.text)
                text = sentence.text
                quote = text[fact.evidence.start - sentence.start : end - sentence.start]
                update["evidence"] = fact.evidence.model_copy(update={"quote": quote, "end": end})
        if fact.attribution is None:
            attribution = _attribution(fact, tokens, segments, entities, table)
            if attribution is not None and attribution != fact.subject:
                update["attribution"] = attribution
        if fact.kind is FactKind.number and fact.scope is None:
            scope = _scope(fact, tokens, segments, entities, table)
            if scope is not None:
                update["scope"] = scope
        out.append(fact.model_copy(update=update) if update else fact)
        sentence_of.append(number)
    return _share_scopes(out, sentence_of)


def _share_scopes(facts: list[Fact], sentence_of: list[int]) -> list[Fact]:
    """A count without a scope takes the one scope of the same count elsewhere in its sentence:
    "Police said 12,000 marched, while the union counted 30,000 in the streets of Valmora",
    "..., la police en a compté 368 000"."""
    scopes: dict[tuple[int, str, str | None], set[str]] = {}
    for fact, number in zip(facts, sentence_of):
        if fact.kind is FactKind.number and fact.scope:
            scopes.setdefault((number, fact.predicate, _unit(fact)), set()).add(fact.scope)
    if not scopes:
        return facts
    out = []
    for fact, number in zip(facts, sentence_of):
        found = scopes.get((number, fact.predicate, _unit(fact))) if fact.kind is FactKind.number and not fact.scope else None
        out.append(fact.model_copy(update={"scope": next(iter(found))}) if found and len(found) == 1 else fact)
    return out


def _unit(fact: Fact) -> str | None:
    return fact.value.unit if fact.value is not None else None


def _segments(tokens: list[Token], table: QualifyTables) -> list[tuple[int, int]]:
    """Stretches of a sentence between commas, dashes and clause openers, as token index ranges.

    A clause opener ("while", "tandis que") or "and"/"et" right before a figure starts a new
    stretch: "12,000 according to the police and 45,000 according to the union" is two.
    """
    segments = []
    start = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        opener = match_at(tokens, index, table.clause_openers)
        if token.text in _SEGMENT_BREAKS:
            after = index + 1
        elif opener is not None:
            after = opener.end
        elif token.lower in table.figure_joiners and index + 1 < len(tokens) and tokens[index + 1].text[:1].isdigit():
            after = index + 1
        else:
            index += 1
            continue
        if index > start:
            segments.append((start, index))
        start = index = after
    if start < len(tokens):
        segments.append((start, len(tokens)))
    return segments


def _set_off_by_comma(segment: tuple[int, int], tokens: list[Token]) -> bool:
    """Whether a stretch follows a comma, bracket or dash directly, not a clause opener or ";"."""
    return segment[0] > 0 and tokens[segment[0] - 1].text in _ASIDE_BREAKS


def _segment_of(position: int, tokens: list[Token], segments: list[tuple[int, int]]) -> int:
    for number, (start, end) in enumerate(segments):
        if tokens[start].start <= position < tokens[end - 1].end or (
            number + 1 < len(segments) and position < tokens[segments[number + 1][0]].start
        ):
            return number
    return len(segments) - 1


def _attribution(
    fact: Fact, tokens: list[Token], segments: list[tuple[int, int]], entities: EntityIndex, table: QualifyTables
) -> str | None:
    if not segments:
        return None
    anchor = fact.evidence.start
    number = _segment_of(anchor, tokens, segments)
    own = _attribution_in(segments[number], tokens, entities, table)
    if own is not None:
        return own
    # "..., the Red Crescent said" or "..., according to the police" right after the stretch.
    if number + 1 < len(segments) and _set_off_by_comma(segments[number + 1], tokens):
        following = _attribution_in(segments[number + 1], tokens, entities, table, opening_only=True)
        if following is None:
            following = _speaker_segment(segments[number + 1], tokens, entities, table)
        if following is not None:
            return following
    # "Selon la police, ..." opening the sentence.
    if number > 0:
        opening = _attribution_in(segments[0], tokens, entities, table, opening_only=True)
        if opening is not None:
            return opening
    return None


def _attribution_in(
    segment: tuple[int, int], tokens: list[Token], entities: EntityIndex, table: QualifyTables, opening_only: bool = False
) -> str | None:
    start, end = segment
    for index in range(start, end):
        match = match_at(tokens, index, table.attribution_before)
        if match is not None and match.end < end:
            if opening_only and index != start:
                continue
            return _noun_phrase(tokens, match.end, end, entities)
    if opening_only:
        return None
    return _speaker_segment(segment, tokens, entities, table)


def _speaker_segment(segment: tuple[int, int], tokens: list[Token], entities: EntityIndex, table: QualifyTables) -> str | None:
    """A stretch like "the Red Crescent said" or "while the UN put it at": the speaker.

    The speaker is the name right before the verb of saying (auxiliaries skipped), or a short
    noun phrase opening with an article ("la police en a compté").
    """
    start, end = segment
    for index in range(start, end):
        match = match_at(tokens, index, table.speech_after)
        if match is None or index == start:
            continue
        position = index - 1
        while position > start and tokens[position].lower in _AUXILIARIES:
            position -= 1
        mention = entities.at(tokens[position].start, tokens[position].end)
        if mention is not None:
            return mention.name
        first = position
        while first > start and position - first < 4 and tokens[first].lower not in _ARTICLES:
            first -= 1
        if tokens[first].lower in _ARTICLES and all(t.text.isalpha() or t.text.endswith("'") for t in tokens[first : position + 1]):
            return _clean(" ".join(t.text for t in tokens[first : position + 1]))
        word = tokens[position]
        # "officials said", "witnesses told", and "Police said" opening the sentence.
        if position == start and word.text.isalpha() and (word.text.islower() or position == 0):
            if word.lower in table.bare_speakers or (word.text.islower() and word.lower.endswith("s")):
                return word.text if word.text.islower() else word.text.lower()
    return None


_AUXILIARIES = {"a", "ont", "avait", "avaient", "en", "y", "has", "have", "had", "was", "were", "is", "also", "aussi"}
_ARTICLES = {"la", "le", "les", "l'", "the", "un", "une", "a", "an"}


def _has_name(tokens: list[Token], entities: EntityIndex) -> bool:
    return any(entities.at(t.start, t.end) is not None for t in tokens)


def _noun_phrase(tokens: list[Token], start: int, end: int, entities: EntityIndex) -> str | None:
    words = []
    for token in tokens[start:end]:
        if token.text in {".", "!", "?"} or (words and token.lower in {"qui", "who", "which", "que", "that"}):
            break
        words.append(token.text)
        if len(words) >= 6:
            break
    return _clean(" ".join(words)) if words else None


def _clean(phrase: str) -> str:
    phrase = re.sub(r"\s+([,.;:!?])", r"\1", phrase)
    phrase = re.sub(r"\s*(['’])\s*s\b", r"\1s", phrase)
    phrase = re.sub(r"(\w['’])\s+", r"\1", phrase)
    return phrase.strip(" ,.;:")


def _scope(
    fact: Fact, tokens: list[Token], segments: list[tuple[int, int]], entities: EntityIndex, table: QualifyTables
) -> str | None:
    if not segments:
        return None
    number = _segment_of(fact.evidence.start, tokens, segments)
    start, end = segments[number]
    used = {plain(x).lower() for x in (fact.subject, fact.object) if x}
    phrase_scope: str | None = None
    for index in range(start, end):
        phrase = match_at(tokens, index, table.scope_phrases)
        if phrase is not None and phrase_scope is None and (phrase.end - phrase.start > 1 or index == start or tokens[index - 1].lower not in table.locative):
            phrase_scope = _clean(" ".join(t.text for t in tokens[phrase.start : phrase.end]))
            if phrase.end - phrase.start > 1:
                return phrase_scope
        if tokens[index].lower in table.locative and index + 1 < end:
            position = index + 1
            while position < end and tokens[position].lower in {"la", "le", "les", "l'", "the", "toute", "tout", "all"}:
                position += 1
            # "in eastern Valmora": one plain word before the name; "in the coastal city of Derval":
            # a place noun and "of"/"de" before it.
            if position + 1 < end and tokens[position].text.isalpha() and tokens[position].text.islower():
                if tokens[position + 1].text[:1].isupper():
                    position += 1
                else:
                    for head in range(position, min(position + 3, end - 2)):
                        if tokens[head].lower in table.place_nouns and tokens[head + 1].lower in {"of", "de", "d'", "du"}:
                            position = head + 2
                            break
            if position >= end:
                continue
            mention = entities.at(tokens[position].start, tokens[position].end)
            capitalised = tokens[position].text[:1].isupper()
            if mention is not None and (plain(mention.name).lower() in used or mention.type == "person"):
                continue
            if not capitalised:
                continue
            last = position
            while last + 1 < end and (tokens[last + 1].text[:1].isupper() or tokens[last + 1].lower in table.partial):
                last += 1
            return _clean(" ".join(t.text for t in tokens[index : last + 1]))
    return phrase_scope
