"""What the role, event and claim extractors share: phrase tables, and finding who a clause is about.

Phrases are matched on tokens (so "d'Acme" splits into "d'" and "Acme"), longest first.
The tables stay hand-written rather than spaCy's PhraseMatcher: the rules ask "what phrase starts
at token i" of most tokens, with stems ("quitt*"), and a PhraseMatcher needs a spaCy Doc per
sentence first; measured on 200 benchmark articles, making those Docs alone (~145 ms) costs what
the whole hand-written matching of one family does, for the same matches.
Pronouns resolve to people named earlier in the article: "il"/"he" to the last person named,
"ils"/"they" to the last two; a clause's agent is the nearest person before its verb, skipping
companions ("en compagnie de X", "with X") and asides in brackets.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from reconcile.extract.entities import EntityIndex, Mention
from reconcile.extract.language import Sentence, Token, plain, tokenize
from reconcile.extract.lexicon import Lexicon
from reconcile.models import Evidence, Fact, FactKind, Modality
from reconcile.tables import word_set

PhraseTable = dict[str, list[tuple[tuple[str, ...], str]]]  # first word -> [(words, key)], longest first

SINGULAR_PRONOUNS = word_set("singular_pronouns")
PLURAL_PRONOUNS = word_set("plural_pronouns")
COMPANION_WORDS = {tuple(phrase.split()) for phrase in word_set("companions")}  # rows are written as tokens
CLAUSE_BREAKS = {";", ":", ".", "!", "?"}
PURPOSE_WORDS = word_set("clause_links")  # a word that opens another clause ends the search
_AND_LISTS = word_set("and_words") | {","}  # "X, Y et Z"
_PAIR_LINKS = word_set("and_words", "pair_links") | {","}
_BOTH = [tuple(row.split()) for row in sorted(word_set("both_words"))]  # each word of a row, in any order
_OF_LINKS = word_set("of_links")
_CONTRACTED_PRONOUNS = word_set("contracted_pronouns")


def fact_id(source: str, kind: FactKind, start: int, end: int) -> str:
    """A stable id from the article, the kind and the offsets of the figure itself."""
    digest = hashlib.sha1(f"{source}|{kind.value}|{start}|{end}".encode()).hexdigest()[:8]
    stem = source.rsplit(".", 1)[0]
    prefix = stem.split("_", 1)[0] if "_" in stem else stem[:12]
    return f"{prefix}-{kind.value[0]}{digest}"


def anaphor_ending_at(index: int, tokens: list[Token], lexicon: Lexicon) -> int | None:
    """Index of the first token of an organisation anaphor ("la société") ending at `index`."""
    for phrase in lexicon.anaphors:
        parts = re.findall(r"[^\W\d_]+'?|'", phrase)
        size = len(parts)
        if index - size + 1 < 0:
            continue
        words = "".join(t.lower for t in tokens[index - size + 1 : index + 1]).replace(" ", "")
        if words == phrase.replace(" ", ""):
            return index - size + 1
    return None


def words_of(phrase: str) -> tuple[str, ...]:
    """A phrase as the tokenizer splits it, lower-cased."""
    return tuple(t.lower for t in tokenize(plain(phrase)))


PREFIX = "*"  # phrases whose first word is a stem ("quitt*") are kept under "*" + its first letters
STEM_KEY = 3  # how many first letters of a stem index it, so a token only tries the stems it could take


def build_table(entries: dict[str, list[str]]) -> PhraseTable:
    """key -> phrases, to first word -> [(words, key)] with the longest phrases first.

    A word ending in "*" is a stem: "quitt*" matches "quitte", "quittait", "quitter".
    """
    table: PhraseTable = {}
    for key, phrases in entries.items():
        for phrase in phrases:
            text = str(phrase)
            stem = text.endswith("*")
            words = words_of(text.rstrip("*"))
            if stem and words:
                words = words[:-1] + (words[-1] + PREFIX,)
            if words:
                table.setdefault(_table_key(words[0]), []).append((words, key))
    return finish_table(table)


def merge_languages(by_language: dict[str, list[str]] | None) -> list[str]:
    if not by_language:
        return []
    return [str(w) for words in by_language.values() for w in words]


@dataclass(frozen=True)
class PhraseMatch:
    start: int  # token index
    end: int  # token index, exclusive
    key: str


def _table_key(first: str) -> str:
    """Where a phrase is kept: its first word, or for a stem, "*" and the stem's first letters."""
    if not first.endswith(PREFIX):
        return first
    stem = first[:-1]
    return PREFIX + stem[:STEM_KEY] if len(stem) >= STEM_KEY else PREFIX


_NONE: list[tuple[tuple[str, ...], str]] = []


def could_start(table: PhraseTable, lower: str) -> bool:
    """Whether some phrase of the table may start with this (lower-cased) token."""
    return lower in table or PREFIX + lower[:STEM_KEY] in table or PREFIX in table


def match_at(tokens: list[Token], index: int, table: PhraseTable) -> PhraseMatch | None:
    """The longest phrase of the table starting at token `index` (the first listed wins a tie)."""
    if index >= len(tokens):
        return None
    lower = tokens[index].lower
    best: PhraseMatch | None = None
    count = len(tokens)
    following = tokens[index + 1].lower if index + 1 < count else None
    for candidates in (table.get(lower, _NONE), table.get(PREFIX + lower[:STEM_KEY], _NONE), table.get(PREFIX, _NONE)):
        if len(candidates) > _MANY:
            candidates = _by_second_word(candidates, following)
        for words, key in candidates:
            end = index + len(words)
            if end > count or (best is not None and end <= best.end):
                continue
            for offset, word in enumerate(words):
                token = tokens[index + offset].lower
                if token != word and not (word.endswith(PREFIX) and _word_matches(token, word)):
                    break
            else:
                best = PhraseMatch(index, end, key)
    return best


_MANY = 16  # candidate phrases for one first word beyond which they are narrowed by their second word


class Candidates(list[tuple[tuple[str, ...], str]]):
    """The phrases of a table under one first word, longest first, and, for a long list, the same
    phrases by their second word: "a" opens a thousand verbs of saying; "a indiqué" needs few."""

    by_second: dict[str, list[tuple[tuple[str, ...], str]]]
    rest: list[tuple[tuple[str, ...], str]]  # phrases of one word, or whose second word is a stem

    def build_index(self) -> Candidates:
        self.by_second, self.rest = {}, []
        for phrase in self:
            words = phrase[0]
            if len(words) > 1 and not words[1].endswith(PREFIX):
                self.by_second.setdefault(words[1], []).append(phrase)
            else:
                self.rest.append(phrase)
        return self


def finish_table(table: PhraseTable) -> PhraseTable:
    """A table ready to match: each list longest first (stable), long lists indexed by second word."""
    for first, options in table.items():
        options.sort(key=lambda item: -len(item[0]))
        table[first] = Candidates(options).build_index() if len(options) > _MANY else options
    return table


def _by_second_word(
    candidates: list[tuple[tuple[str, ...], str]], following: str | None
) -> list[tuple[tuple[str, ...], str]]:
    """The phrases of a long candidate list that may match when the next token is `following`:
    those whose second word it is, those of one word, and those whose second word is a stem
    (in the list's order within each)."""
    if not isinstance(candidates, Candidates):  # a table that was not finished: no index to narrow by
        return candidates
    return candidates.by_second.get(following, _NONE) + candidates.rest if following is not None else candidates.rest


# What may follow a stem: verb endings only, so "licenci*" takes "licencié" but not "licenciement".
VERB_ENDINGS = word_set("verb_endings")


def _word_matches(token: str, word: str) -> bool:
    if word.endswith(PREFIX):
        stem = word[:-1]
        return token.startswith(stem) and token[len(stem) :] in VERB_ENDINGS
    return token == word


def find_all(tokens: list[Token], table: PhraseTable) -> list[PhraseMatch]:
    """Non-overlapping phrase matches, left to right, longest first."""
    found = []
    index = 0
    while index < len(tokens):
        match = match_at(tokens, index, table) if could_start(table, tokens[index].lower) else None
        if match is not None:
            found.append(match)
            index = match.end
        else:
            index += 1
    return found


def ends_with(tokens: list[Token], end: int, table: PhraseTable) -> PhraseMatch | None:
    """The longest phrase of the table ending right before token `end`."""
    best: PhraseMatch | None = None
    for start in range(max(0, end - 6), end):
        match = match_at(tokens, start, table)
        if match is not None and match.end == end and (best is None or match.start < best.start):
            best = match
    return best


@dataclass(frozen=True)
class ArticleContext:
    """What every extractor reads of one article: its text cut into sentences, the names in it, and
    the word tables. `extract_article` builds it and hands it to each family in turn."""

    source: str
    text: str
    sentences: list[Sentence]
    entities: EntityIndex
    lexicon: Lexicon
    published: str | None = None

    def clause(self, sentence: Sentence) -> Clause:
        return Clause(sentence, self.entities, self.lexicon)


class Clause:
    """A sentence's tokens with the names in it, and the article's names for looking back."""

    def __init__(self, sentence: Sentence, entities: EntityIndex, lexicon: Lexicon) -> None:
        self.sentence = sentence
        self.tokens = tokenize(sentence.text, sentence.start)
        self.entities = entities
        self.lexicon = lexicon

    def mention(self, index: int) -> Mention | None:
        if 0 <= index < len(self.tokens):
            token = self.tokens[index]
            return self.entities.at(token.start, token.end)
        return None

    def index_at(self, position: int) -> int:
        for index, token in enumerate(self.tokens):
            if token.start >= position:
                return index
        return len(self.tokens)

    def last_index_of(self, mention: Mention) -> int:
        index = self.index_at(mention.start)
        while index + 1 < len(self.tokens) and self.tokens[index + 1].end <= mention.end:
            index += 1
        return index

    def people_before(self, position: int, count: int = 1, window: int | None = None) -> list[Mention]:
        """The last `count` distinct people named in the article before `position` (within `window` characters)."""
        found: list[Mention] = []
        for mention in reversed(self.entities.mentions):
            if mention.end > position or mention.type != "person":
                continue
            if window is not None and position - mention.end > window:
                break
            if all(m.name != mention.name for m in found):
                found.append(mention)
            if len(found) == count:
                break
        return found

    def resolve_pronoun(self, index: int) -> list[Mention]:
        word = self.tokens[index].lower.rstrip("'")
        if word in SINGULAR_PRONOUNS:
            return self.people_before(self.tokens[index].start, 1)
        if word in PLURAL_PRONOUNS:
            people = self.people_before(self.tokens[index].start, 2, window=250)
            # "ils" stands for two people only when the article just named them together.
            if len(people) == 2 and self._named_together(people[1], people[0]):
                return people
            following = [t.lower for t in self.tokens[index + 1 : index + 5]]
            if any(all(word in following for word in row) for row in _BOTH):
                return people[:1]
            return []
        return []

    def _named_together(self, first: Mention, second: Mention) -> bool:
        """ "X et Y", "X, Y", "tant X que Y": two people named as a pair."""
        between = self.entities.text[first.end : second.start] if self.entities.text else ""
        words = plain(between).lower().replace(",", " , ").split()
        return 0 < len(words) <= 7 and any(w in _PAIR_LINKS for w in words)

    def person_after(
        self, index: int, limit: int = 6, stop: AbstractSet[str] | None = None
    ) -> tuple[Mention, int] | None:
        """The first person named within `limit` tokens after `index` (returns the mention and its last token)."""
        stop = stop or set()
        for position in range(index, min(index + limit, len(self.tokens))):
            if self.tokens[position].lower in stop or self.tokens[position].text in CLAUSE_BREAKS:
                return None
            mention = self.mention(position)
            if mention is not None and mention.type == "person":
                return mention, self.last_index_of(mention)
        return None

    def org_after(self, index: int, limit: int = 8) -> tuple[Mention, int] | None:
        """The first organisation named within `limit` tokens after `index`, or an "l'entreprise" resolved."""
        lexicon = self.lexicon
        for position in range(index, min(index + limit, len(self.tokens))):
            if self.tokens[position].text in CLAUSE_BREAKS or self.tokens[position].text == ",":
                return None
            if self.tokens[position].lower in PURPOSE_WORDS:
                return None
            mention = self.mention(position)
            if mention is not None and mention.type == "org":
                return mention, self.last_index_of(mention)
            start = anaphor_ending_at(position, self.tokens, lexicon)
            if start is not None and start >= index:
                following = self.tokens[position + 1].lower if position + 1 < len(self.tokens) else ""
                if following in _OF_LINKS and self.mention(position + 2) is not None:
                    continue
                resolved = self.entities.last_org_before(self.tokens[start].start, set())
                if resolved is not None:
                    return resolved, position
        return None

    def org_before(self, index: int, limit: int = 12) -> Mention | None:
        """The nearest organisation named before token `index` in this sentence.

        A name that is only the complement of a noun ("l'entreprise-mère de Zephyr") is passed
        over when another organisation comes before it.
        """
        fallback: Mention | None = None
        position = index - 1
        while position > max(-1, index - limit - 1):
            mention = self.mention(position)
            if mention is not None and mention.type == "org":
                start = self.index_at(mention.start)
                if start > 0 and self.tokens[start - 1].lower in _OF_LINKS:
                    fallback = fallback or mention
                    position = start - 1
                    continue
                return mention
            position -= 1
        return fallback

    def agent_before(self, index: int, limit: int = 14) -> tuple[list[Mention], int] | None:
        """Who does the verb at `index`: the nearest person (or pronoun) before it.

        Skips companions ("en compagnie de X", "with X") and text in brackets; "qui"/"who"
        points to the name before it. Returns the people and the token index where they start.
        """
        position = index - 1
        depth = 0
        steps = 0
        while position >= 0 and steps < limit:
            token = self.tokens[position]
            if token.text == ")":
                depth += 1
            elif token.text == "(":
                depth = max(0, depth - 1)
            elif depth == 0:
                if token.text in CLAUSE_BREAKS:
                    return None
                described = self.entities.description_at(token.start, token.end)
                if described is not None:
                    return [described], self.index_at(described.start)
                mention = self.mention(position)
                if mention is not None and mention.type == "person":
                    start = self.index_at(mention.start)
                    if not self._is_companion(start):
                        return self._coordinated(mention, start)
                    position = start - 1
                    steps += 1
                    continue
                if (
                    token.lower.rstrip("'") in SINGULAR_PRONOUNS | PLURAL_PRONOUNS
                    or token.lower in _CONTRACTED_PRONOUNS
                ):
                    people = self.resolve_pronoun(position)
                    if people:
                        return people, position
                if mention is not None and mention.type == "org" and steps > 0:
                    start = self.index_at(mention.start)
                    if start > 0 and self.tokens[start - 1].lower in _OF_LINKS:
                        position = start - 1  # "leurs collègues d'Acme": a complement, look further
                        steps += 1
                        continue
                    return None  # an organisation does it ("Acme a annoncé qu'elle embaucherait")
            position -= 1
            steps += 1
        return None

    def _coordinated(self, mention: Mention, start: int) -> tuple[list[Mention], int]:
        """ "X, Y et Z" before a verb: all of them, and where the first starts."""
        people = [mention]
        while start >= 2 and self.tokens[start - 1].lower in _AND_LISTS:
            other = self.mention(start - 2)
            if other is None or other.type != "person":
                break
            people.insert(0, other)
            start = self.index_at(other.start)
        return people, start

    def _is_companion(self, start: int) -> bool:
        for words in COMPANION_WORDS:
            size = len(words)
            if start - size >= 0 and tuple(t.lower for t in self.tokens[start - size : start]) == words:
                return True
        return False

    def org_agent_before(self, index: int, limit: int = 10) -> Mention | None:
        """The organisation that does the verb at `index` ("Acme a annoncé qu'elle embaucherait")."""
        for position in range(index - 1, max(-1, index - limit - 1), -1):
            token = self.tokens[position]
            if token.text in CLAUSE_BREAKS:
                return None
            mention = self.mention(position)
            if mention is not None:
                return mention if mention.type == "org" else None
        return None

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets of tokens first..last (inclusive)."""
        first = max(0, min(first, len(self.tokens) - 1))
        last = max(first, min(last, len(self.tokens) - 1))
        return self.tokens[first].start, self.tokens[last].end


def holder_suffix(name: str) -> str:
    """Two people named by one phrase ("ils ont fondé") need two ids: a short hash of the name."""
    import hashlib

    return hashlib.sha1(name.encode()).hexdigest()[:3]


def make_fact(
    source: str,
    text: str,
    clause: Clause,
    kind: FactKind,
    anchor: int,
    span: tuple[int, int],
    *,
    subject: str | None,
    predicate: str,
    obj: str | None,
    wording: str | None,
    modality: Modality,
    attribution: str | None = None,
    per_person: bool = True,
) -> Fact:
    """A fact from a clause: its id from the anchor token (plus the person, when one phrase names
    several), its quote from the token span `span` (first and last, inclusive)."""
    start, end = clause.span(*span)
    anchor_start, anchor_end = clause.span(anchor, anchor)
    identifier = fact_id(source, kind, anchor_start, anchor_end)
    if per_person and subject:
        identifier += holder_suffix(subject)
    return Fact(
        id=identifier,
        source=source,
        kind=kind,
        subject=subject,
        predicate=predicate,
        object=obj,
        wording=wording,
        modality=modality,
        attribution=attribution,
        evidence=Evidence(quote=text[start:end], start=start, end=end),
        language=clause.sentence.language,
    )
