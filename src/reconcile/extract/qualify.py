"""What every fact carries besides its content: when it holds, who the text credits, what it covers.

Rules:
- as_of: the time expression nearest the fact's quote in its sentence (see `extract.time`);
- attribution: "selon X", "d'après X", "according to X", or "X said / X a déclaré / X put it at / X fait
  état de / X maintient son comptage de" in the same stretch of the sentence as the fact's figure (between
  commas, and between clauses joined by "while", "tandis que", "alors que", or "and" before a new figure);
  a verb opening its stretch is said by the phrase after it ("..., a indiqué le préfet", "..., said the
  ministry") or by the phrase before the asides ("Les organisateurs, eux, parlent de 40 000"); an
  attribution that opens the sentence ("Selon la police, ...") covers the sentence unless a stretch has its
  own; "X said" right after a stretch, set off by a comma, covers it -- but not a clause of its own
  (", while the union counted 45,000", "; the union counted 45,000", ", la police en a compté 12 000").
  The speaker is a whole name ("le ministère de l'Intérieur", "two people briefed on the plan"), never a
  determiner: a word of counting after a determiner is a noun ("un chiffre qui ...");
- scope (numbers only): a place or a part the figure covers, in its stretch: "à Paris",
  "dans toute la France", "in Valmora alone", "nationwide", "among senior staff" -- but not a
  name the fact already uses as its subject or object, nor a time ("in March"); else a stretch that
  opens the sentence with nothing but a scope ("À Paris, ...", "Across France, ...") covers its figures.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from reconcile.extract.context import (
    ArticleContext,
    PhraseMatch,
    PhraseTable,
    build_table,
    finish_table,
    match_at,
    merge_languages,
)
from reconcile.extract.entities import EntityIndex
from reconcile.extract.language import Token, plain, tokenize
from reconcile.extract.time import find_times, nearest_time
from reconcile.models import Fact, FactKind
from reconcile.tables import load_data, word_set

_SEGMENT_BREAKS = {",", ";", ":", "(", ")", "\u2014", "\u2013"}
_ASIDE_BREAKS = {",", "(", ")", "\u2014", "\u2013"}


class QualifyTables:
    def __init__(self) -> None:
        data = load_data("qualify.yaml")
        self.attribution_before = _table("by", merge_languages(data["attribution_before"]))
        self.speech_after = _table("said", _speech_phrases(data))
        counting = data["count_statements"]
        # "l'"/"les" before a verb are mostly object pronouns ("la police l'estime à 12 000").
        self.noun_determiners = (_words(counting["determiners"]) | _ARTICLES) - _CLITICS
        self.adverbs = _words(data["speech_adverbs"])
        self.speaker_openers = _words(data["speaker_openers"])
        self.speaker_links = _words(data["speaker_links"])
        self.speaker_stops = _words(data["speaker_stops"])
        self.subject_asides = _table("aside", merge_languages(data["subject_asides"]))
        self.scope_phrases = _table(
            "scope", merge_languages(data["scope_phrases"]) + merge_languages(data["national_scopes"])
        )
        self.locative = {w for ws in data["locative_prepositions"].values() for w in ws}
        self.partial = {w for ws in data["partial_markers"].values() for w in ws}
        self.place_nouns = {w for ws in data["place_nouns"].values() for w in ws}
        self.facility_nouns = {w for ws in data["facility_nouns"].values() for w in ws}
        self.clause_openers = _table("clause", merge_languages(data["clause_openers"]))
        self.figure_joiners = {w for ws in data["figure_joiners"].values() for w in ws}
        self.bare_speakers = {w for ws in data["bare_speakers"].values() for w in ws}


def _table(key: str, phrases: list[str]) -> PhraseTable:
    """A phrase table in which a phrase ending in an elided word ("tandis qu'", "parlent d'") matches the
    token the text gives ("qu'" before "il"), not a bare apostrophe."""
    table: PhraseTable = {}
    for first, options in build_table({key: phrases}).items():
        for words, name in options:
            if len(words) >= 2 and words[-1] == "'":
                words = words[:-2] + (words[-2] + "'",)
            table.setdefault(words[0] if len(words) == 1 else first, []).append((words, name))
    return finish_table(table)


def _words(by_language: dict[str, list[str]]) -> set[str]:
    return {str(w).lower() for ws in by_language.values() for w in ws or []}


def _speech_phrases(data: dict) -> list[str]:
    """The verbs of saying, with "verb + determiner + count word" ("maintient son comptage", "puts the
    number"), and each phrase opening with an auxiliary also with its other forms (French "a ..." also
    as "ont ...", "avait ...", "avaient ...")."""
    counting = data["count_statements"]
    by_language: dict[str, list[str]] = {}
    for language, verbs in data["speech_verbs"].items():
        phrases = [str(v) for v in verbs or []]
        for verb in counting["verbs"].get(language) or []:
            for determiner in counting["determiners"].get(language) or []:
                joint = "" if str(determiner).endswith("'") else " "
                phrases += [f"{verb} {determiner}{joint}{noun}" for noun in counting["nouns"].get(language) or []]
        for auxiliary, forms in (data["auxiliary_forms"].get(language) or {}).items():
            head = f"{auxiliary} "
            phrases += [f"{form} {p[len(head) :]}" for p in phrases if p.startswith(head) for form in forms]
        by_language[language] = phrases
    return merge_languages(by_language)


@lru_cache(maxsize=1)
def tables() -> QualifyTables:
    """The word tables, read once per process."""
    return QualifyTables()


def qualify(article: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """The facts with as_of, attribution and scope filled in where the text gives them."""
    sentences, entities, published = article.sentences, article.entities, article.published
    if not facts:
        return facts
    starts = [s.start for s in sentences]
    cache: dict[int, tuple[list, _Tokens, list[tuple[int, int]]]] = {}
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
            tokens = _Tokens(tokenize(sentence.text, sentence.start))
            cache[number] = (
                find_times(sentence.text, sentence.start, sentence.language, published),
                tokens,
                _segments(tokens, table),
            )
        times, tokens, segments = cache[number]
        spans = [(t.start, t.start + len(t.text)) for t in times]
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
            attribution = _attribution(fact, tokens, segments, entities, table, spans)
            if attribution is not None and attribution != fact.subject:
                update["attribution"] = attribution
        if fact.kind is FactKind.number and fact.scope is None:
            scope = _scope(fact, tokens, segments, entities, table, spans)
            if scope is not None:
                update["scope"] = scope
        out.append(fact.model_copy(update=update) if update else fact)
        sentence_of.append(number)
    return _share_scopes(out, sentence_of)


def _share_scopes(facts: list[Fact], sentence_of: list[int]) -> list[Fact]:
    """A count without a scope takes the one scope of the same count elsewhere in its sentence
    ("Police said 12,000 marched, while the union counted 30,000 in the streets of Valmora",
    "..., la police en a compté 368 000"), or else the scope the same count had in the sentence
    or two before ("Des milliers de personnes ont défilé à Lyon. Les manifestants étaient 12 000
    selon la police")."""
    scopes: dict[tuple[int, tuple[str, str | None, str, str]], set[str]] = {}
    for fact, number in zip(facts, sentence_of):
        if fact.kind is FactKind.number and fact.scope:
            scopes.setdefault((number, _count_key(fact)), set()).add(fact.scope)
    if not scopes:
        return facts
    out = []
    recent: dict[
        tuple[str, str | None, str, str], tuple[int, str]
    ] = {}  # the last scope of each count, and its sentence
    for fact, number in zip(facts, sentence_of):
        if fact.kind is not FactKind.number:
            out.append(fact)
            continue
        count = _count_key(fact)
        if not fact.scope:
            found = scopes.get((number, count))
            earlier = recent.get(count)
            if found and len(found) == 1:
                fact = fact.model_copy(update={"scope": next(iter(found))})
            elif not found and earlier is not None and 0 < number - earlier[0] <= _SCOPE_REACH:
                fact = fact.model_copy(update={"scope": earlier[1]})
        if fact.scope:
            recent[count] = (number, fact.scope)
        out.append(fact)
    return out


_SCOPE_REACH = 2  # sentences after a scoped count in which the same count keeps its scope


def _unit(fact: Fact) -> str | None:
    return fact.value.unit if fact.value is not None else None


def _count_key(fact: Fact) -> tuple[str, str | None, str, str]:
    """What a count counts, as far as sharing a scope goes: its relation, unit, and the names of its
    subject and object ("Acme jobs" and "Beta jobs" differ; "people" and "protesters" do not)."""

    def named(text: str | None) -> str:
        return " ".join(w for w in (text or "").split() if w[:1].isupper())

    return fact.predicate, _unit(fact), named(fact.subject), named(fact.object)


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
    fact: Fact,
    tokens: list[Token],
    segments: list[tuple[int, int]],
    entities: EntityIndex,
    table: QualifyTables,
    times: Sequence[tuple[int, int]],
) -> str | None:
    if not segments:
        return None
    number = _segment_of(_anchor(fact, tokens), tokens, segments)
    own = _attribution_in(segments[number], tokens, entities, table, times=times)
    if own is not None:
        return own
    gapped = _gapped_counter(number, fact, tokens, segments, entities, table, times)
    if gapped is not None:
        return gapped
    # "Les organisateurs, eux, parlent d'environ 40 000": the speaker before the asides.
    subject = _subject_before(number, tokens, segments, entities, table)
    if subject is not None:
        return subject
    # "..., the Red Crescent said", "..., a indiqué le préfet" or "..., according to the police" right after
    # the stretch -- but not a stretch with a figure of its own (", le syndicat en revendique 45 000").
    following = segments[number + 1] if number + 1 < len(segments) else None
    if following is not None and _set_off_by_comma(following, tokens) and not _has_figure(following, tokens):
        speaker = _attribution_in(following, tokens, entities, table, opening_only=True)
        if speaker is None:
            speaker = _speaker_segment(following, tokens, entities, table, times)
        if speaker is not None:
            return speaker
    # "Selon la police, ..." opening the sentence.
    if number > 0:
        opening = _attribution_in(segments[0], tokens, entities, table, opening_only=True)
        if opening is not None:
            return opening
    return None


def _gapped_counter(
    number: int,
    fact: Fact,
    tokens: list[Token],
    segments: list[tuple[int, int]],
    entities: EntityIndex,
    table: QualifyTables,
    times: Sequence[tuple[int, int]],
) -> str | None:
    """ "le ministère a recensé 280 000 manifestants, l'intersyndicale 1,1 million": after a stretch
    whose counter says a figure, a stretch that is only a name and a figure gives that name's figure."""
    if number == 0:
        return None
    start, _ = segments[number]
    anchor = _anchor(fact, tokens)
    figure = next((i for i in range(start, segments[number][1]) if tokens[i].start >= anchor), None)
    if figure is None or not 1 <= figure - start <= 4:
        return None
    words = tokens[start:figure]
    if not (words[0].lower in _ARTICLES or words[0].text[:1].isupper()) or any(w.text[:1].isdigit() for w in words):
        return None
    if _attribution_in(segments[number - 1], tokens, entities, table, times=times) is None:
        return None
    return _noun_phrase(tokens, start, figure, entities)


def _anchor(fact: Fact, tokens: list[Token]) -> int:
    """Where a fact sits in its sentence: its figure when the quote gives it in digits (a quote may run
    back to the noun a bare figure counts: "number of injured at 34, while the authorities count 27"),
    else the start of its quote."""
    amount = fact.value.amount if fact.value is not None else None
    if amount is not None:
        digits = f"{amount:f}".rstrip("0").rstrip(".").replace(".", "")
        for token in tokens:
            if fact.evidence.start <= token.start < fact.evidence.end and re.sub(r"\D", "", token.text) == digits:
                return token.start
    return fact.evidence.start


def _has_figure(segment: tuple[int, int], tokens: list[Token]) -> bool:
    return any(t.text[:1].isdigit() for t in tokens[segment[0] : segment[1]])


def _attribution_in(
    segment: tuple[int, int],
    tokens: list[Token],
    entities: EntityIndex,
    table: QualifyTables,
    opening_only: bool = False,
    times: Sequence[tuple[int, int]] = (),
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
    return _speaker_segment(segment, tokens, entities, table, times)


class _Tokens(list[Token]):
    """A sentence's tokens with the verbs of saying found in it so far, by token index: the rules
    look for a speaker around every fact of the sentence, so each place is read once."""

    def __init__(self, tokens: list[Token]) -> None:
        super().__init__(tokens)
        self.speech: dict[int, PhraseMatch | None] = {}


def _speech_at(tokens: list[Token], index: int, table: QualifyTables) -> PhraseMatch | None:
    """The verb of saying starting at token `index`, read across one adverb inside it ("fait désormais état")."""
    if not isinstance(tokens, _Tokens):
        return _find_speech(tokens, index, table)
    if index not in tokens.speech:
        tokens.speech[index] = _find_speech(tokens, index, table)
    return tokens.speech[index]


def _find_speech(tokens: list[Token], index: int, table: QualifyTables) -> PhraseMatch | None:
    match = match_at(tokens, index, table.speech_after)
    if index + 2 < len(tokens) and tokens[index + 1].lower in table.adverbs:
        window = [tokens[index], *tokens[index + 2 : index + 2 + _LONGEST_SPEECH]]  # the verb without its adverb
        split = match_at(window, 0, table.speech_after)
        if split is not None and split.end > 1 and (match is None or index + split.end + 1 > match.end):
            return PhraseMatch(index, index + split.end + 1, split.key)
    return match


_LONGEST_SPEECH = 8  # tokens: no verb of saying in the tables is longer


def _speaker_segment(
    segment: tuple[int, int],
    tokens: list[Token],
    entities: EntityIndex,
    table: QualifyTables,
    times: Sequence[tuple[int, int]] = (),
) -> str | None:
    """A stretch like "the Red Crescent said", "while the UN put it at" or "a indiqué le préfet": the speaker.

    The speaker is the phrase before the verb of saying (auxiliaries and adverbs skipped), or after it when
    the verb opens the stretch. A count word right after a determiner is a noun ("un chiffre qui ...").
    """
    start, end = segment
    for index in range(start, end):
        match = _speech_at(tokens, index, table)
        if match is None or _noun_use(tokens, index, match.end, table):
            continue
        position = index - 1
        while position >= start and (
            tokens[position].lower in _AUXILIARIES
            or tokens[position].lower in table.adverbs
            or tokens[position].lower in _CLITICS
        ):
            position -= 1
        if position < start:
            speaker = _speaker_after(tokens, match.end, end, entities, table, times)
        elif position == start and tokens[start].lower in _RELATIVES and start >= 2 and tokens[start - 1].text == ",":
            # "Secours Horizon, which says at least 230 people died": the name the clause hangs on.
            named = entities.at(tokens[start - 2].start, tokens[start - 2].end)
            speaker = named.name if named is not None else None
        else:
            speaker = _speaker_before(tokens, start, position, entities, table)
        if speaker is not None:
            return speaker
    return None


def _noun_use(tokens: list[Token], index: int, end: int, table: QualifyTables) -> bool:
    """Whether a verb of saying is a noun here: after a determiner ("un chiffre qui ...") or before a verb
    ("the final count was 27")."""
    return (index > 0 and tokens[index - 1].lower in table.noun_determiners) or (
        end < len(tokens) and tokens[end].lower in _COPULAS
    )


def _speaker_before(
    tokens: list[Token], start: int, position: int, entities: EntityIndex, table: QualifyTables
) -> str | None:
    """The speaker ending at token `position`, in a stretch starting at `start`.

    A phrase opening the stretch whose head is joined to a name ("le ministère de l'Intérieur", "two people
    briefed on the plan") is the speaker as a whole; else the name right before the verb ("the Red Crescent"
    gives "Red Crescent"), but not a place after "in"/"à" ("Police in Valmora"); else a short noun phrase
    opening with an article ("la police en a compté"); else a bare plural ("officials said").
    """
    phrase = tokens[start : position + 1]
    if (
        tokens[start].lower in table.speaker_openers
        and len(phrase) <= 8
        and all(_is_word(t) for t in phrase)
        and any(t.lower in table.speaker_links for t in phrase[1:-1])
    ):
        return _clean(" ".join(t.text for t in phrase))
    mention = entities.at(tokens[position].start, tokens[position].end)
    if mention is not None:
        first = position
        while first > start and tokens[first - 1].start >= mention.start:
            first -= 1
        if first - 1 <= start or tokens[first - 1].lower not in table.locative:
            return mention.name
        position = first - 2
    first = position
    while first > start and position - first < 4 and tokens[first].lower not in _ARTICLES:
        first -= 1
    if tokens[first].lower in _ARTICLES and first < position and all(_is_word(t) for t in tokens[first : position + 1]):
        return _clean(" ".join(t.text for t in tokens[first : position + 1]))
    word = tokens[position]
    # "officials said", "witnesses told", and "Police said" opening the sentence.
    if position == start and word.text.isalpha() and (word.text.islower() or position == 0):
        if word.lower in table.bare_speakers or (word.text.islower() and word.lower.endswith("s")):
            return word.text if word.text.islower() else word.text.lower()
    return None


def _speaker_after(
    tokens: list[Token],
    begin: int,
    end: int,
    entities: EntityIndex,
    table: QualifyTables,
    times: Sequence[tuple[int, int]],
) -> str | None:
    """The speaker of an inverted verb: "a indiqué (lundi) le préfet", "said two people briefed on it".

    It opens with a determiner, a counting word, a bare speaker or a name, and ends before a figure, a time,
    punctuation or a word that starts an adjunct ("dans un communiqué", "in a statement").
    """
    while begin < end and _in_time(tokens[begin], times):
        begin += 1
    if begin >= end:
        return None
    lead = tokens[begin]
    if not (
        lead.lower in table.speaker_openers
        or lead.lower in table.bare_speakers
        or entities.at(lead.start, lead.end) is not None
        or (lead.text[:1].isupper() and lead.text.isalpha())
    ):
        return None
    last = begin
    while last < end and last - begin < 8:
        token = tokens[last]
        if not _is_word(token) or _in_time(token, times) or (last > begin and token.lower in table.speaker_stops):
            break
        last += 1
    while last > begin and (
        tokens[last - 1].lower in table.speaker_links or tokens[last - 1].lower in table.speaker_openers
    ):
        last -= 1
    if last == begin:
        return None
    return _clean(" ".join(t.text for t in tokens[begin:last]))


def _subject_before(
    number: int, tokens: list[Token], segments: list[tuple[int, int]], entities: EntityIndex, table: QualifyTables
) -> str | None:
    """A stretch that opens with its verb of saying, set off by a comma, is said by the noun phrase before it,
    past asides: "Les organisateurs, eux, parlent de 40 000", "The union, for its part, puts it at 34"."""
    if number == 0:
        return None
    start, end = segments[number]
    index = start
    while (
        _speech_at(tokens, index, table) is None
        and index < end
        and (tokens[index].lower in _AUXILIARIES or tokens[index].lower in table.adverbs)
    ):
        index += 1
    if not _set_off_by_comma(segments[number], tokens) or _speech_at(tokens, index, table) is None:
        return None
    before = number - 1
    while (
        before > 0
        and _set_off_by_comma(segments[before], tokens)
        and match_at(tokens, segments[before][0], table.subject_asides)
    ):
        before -= 1
    first, last = segments[before]
    phrase = tokens[first:last]
    if len(phrase) > 8 or not all(_is_word(t) for t in phrase):
        return None
    lead = phrase[0]
    mention = entities.at(lead.start, lead.end)
    if mention is not None and mention.end >= phrase[-1].end:
        return mention.name
    if lead.lower in table.speaker_openers or lead.lower in table.bare_speakers:
        return _clean(" ".join(t.text for t in phrase))
    return None


def _is_word(token: Token) -> bool:
    return bool(_WORD.match(token.text)) or token.text.endswith(("'", "\u2019"))


def _in_time(token: Token, times: Sequence[tuple[int, int]]) -> bool:
    return any(start <= token.start < end for start, end in times)


_WORD = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")
_CLITICS = word_set("object_clitics", family="qualify")  # "la police l'estime à 12 000"
_COPULAS = word_set("count_noun_verbs", family="qualify")  # "the final count was 27": a noun
_PHRASE_ENDS = word_set("relative_pronouns")
_PLACE_OPENERS = word_set("articles") | word_set("whole_words", family="qualify")
_OF_LINKS = word_set("of_links")
_AUXILIARIES = word_set("have_auxiliaries") | word_set("before_verb", family="qualify")
_ARTICLES = word_set("articles", "indefinite_articles")


def _has_name(tokens: list[Token], entities: EntityIndex) -> bool:
    return any(entities.at(t.start, t.end) is not None for t in tokens)


def _noun_phrase(tokens: list[Token], start: int, end: int, entities: EntityIndex) -> str | None:
    words: list[str] = []
    for token in tokens[start:end]:
        if token.text in {".", "!", "?"} or (words and token.lower in _PHRASE_ENDS):
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
    fact: Fact,
    tokens: list[Token],
    segments: list[tuple[int, int]],
    entities: EntityIndex,
    table: QualifyTables,
    times: Sequence[tuple[int, int]],
) -> str | None:
    """The figure's scope in its own stretch; else the scope of a stretch that opens the sentence with
    nothing but a scope ("À Paris, ...", "Across France, ..."), past an opening "Selon X," or time."""
    if not segments:
        return None
    number = _segment_of(_anchor(fact, tokens), tokens, segments)
    used = {plain(x).lower() for x in (fact.subject, fact.object) if x}
    own = _scope_in(segments[number], tokens, entities, table, used, times)
    if own is not None:
        return own[0]
    for start, end in segments[:number]:
        found = _scope_in((start, end), tokens, entities, table, used, times)
        if found is not None and found[1:] == (start, end):
            text = found[0]
            return text[:1].lower() + text[1:] if start == 0 else text
        opening = match_at(tokens, start, table.attribution_before) is not None
        if not opening and not all(_in_time(t, times) for t in tokens[start:end]):
            break
    return None


def _scope_in(
    segment: tuple[int, int],
    tokens: list[Token],
    entities: EntityIndex,
    table: QualifyTables,
    used: set[str],
    times: Sequence[tuple[int, int]],
) -> tuple[str, int, int] | None:
    """A place or part in a stretch, with its token range: a scope phrase, or a locative and a name that is
    not the fact's subject or object, a person or a time ("in March")."""
    start, end = segment
    phrase_scope: tuple[str, int, int] | None = None
    for index in range(start, end):
        phrase = match_at(tokens, index, table.scope_phrases)
        if (
            phrase is not None
            and phrase_scope is None
            and (phrase.end - phrase.start > 1 or index == start or tokens[index - 1].lower not in table.locative)
        ):
            phrase_scope = (
                _clean(" ".join(t.text for t in tokens[phrase.start : phrase.end])),
                phrase.start,
                phrase.end,
            )
            if phrase.end - phrase.start > 1:
                return phrase_scope
        if tokens[index].lower in table.locative and index + 1 < end:
            found = _locative_scope(index, end, tokens, entities, table, used, times)
            if found is not None:
                return found
    return phrase_scope


def _locative_scope(
    index: int,
    end: int,
    tokens: list[Token],
    entities: EntityIndex,
    table: QualifyTables,
    used: set[str],
    times: Sequence[tuple[int, int]],
) -> tuple[str, int, int] | None:
    """The place a locative at `index` introduces ("in eastern Valmora", "à Derval"), with its token range,
    unless the name is the fact's subject or object, a person, a time or a plant's owner."""
    position = _place_name_start(tokens, index + 1, end, table)
    if position >= end:
        return None
    mention = entities.at(tokens[position].start, tokens[position].end)
    if mention is not None and mention.start <= tokens[index].start:
        mention = None  # "Across France" opening a sentence, taken for a name with its preposition
    capitalised = tokens[position].text[:1].isupper()
    if mention is not None and (plain(mention.name).lower() in used or mention.type == "person"):
        return None
    if not capitalised or _in_time(tokens[position], times):
        return None
    last = position
    while last + 1 < end and (tokens[last + 1].text[:1].isupper() or tokens[last + 1].lower in table.partial):
        last += 1
    facility = next((t for t in tokens[last + 1 : min(end, last + 4)] if t.lower in table.facility_nouns), None)
    if (
        tokens[index + 1].lower in _ARTICLES
        and facility is not None
        and all(t.text.isalpha() and t.text.islower() for t in tokens[last + 1 : tokens.index(facility) + 1])
    ):
        return None  # "at the Solvexa chemical plant in Kervel": the name is the plant's owner, not a place
    return _clean(" ".join(t.text for t in tokens[index : last + 1])), index, last + 1


def _place_name_start(tokens: list[Token], position: int, end: int, table: QualifyTables) -> int:
    """Where the name after a locative starts, past articles, one plain word ("in eastern Valmora") or a
    place noun and "of"/"de" ("in the coastal city of Derval")."""
    while position < end and tokens[position].lower in _PLACE_OPENERS:
        position += 1
    if position + 1 < end and tokens[position].text.isalpha() and tokens[position].text.islower():
        if tokens[position + 1].text[:1].isupper():
            return position + 1
        for head in range(position, min(position + 3, end - 2)):
            if tokens[head].lower in table.place_nouns and tokens[head + 1].lower in _OF_LINKS:
                return head + 2
    return position


_RELATIVES = word_set("subject_relatives")
