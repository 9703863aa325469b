"""Claim facts: accusations and reasons ("pour avoir trompé les investisseurs", "not consistently
candid with the board", "pour des raisons personnelles", "blamed the fire on an electrical fault"),
and assurances a speaker gives ("X a assuré que ...").

Rules (word tables in data/claims.yaml):
- an accusation phrase is reduced to one English wording ("deceiving", "lack of honesty"), and
  the group it is aimed at, when the sentence names one, to another ("the board", "the
  investors"): "trompé les investisseurs" is "deceiving the investors", "un manque d'honnêteté
  vis-à-vis des actionnaires majoritaires" is "lack of honesty towards the majority shareholders";
- the accused is the agent of a passive ("trompés par X"), else the person the clause is about,
  else the person whose dismissal the article reported last;
- the predicate is "fired for" when a dismissal is reported in the sentence or the two before it,
  "accused of" otherwise; "prétendument"/"allegedly" makes the claim reported;
- a reason or cause ("raisons personnelles", "défaillance électrique", and an accusation that is
  not already a reason for a dismissal) is a claim only when a cue ties it to what it explains:
  a cue before it ("en raison de", "citing", "blamed ... on", "dû à"), a short link right before
  it ("for", "pour", "after"), or a cue after it ("were to blame", "est en cause"); "l'incendie
  était criminel", "the strike was political" state a cause with a verb "to be";
- what a reason explains is the nearest departure or event in its sentence. A departure, forced
  ("poussée vers la sortie", "fired") or not ("a démissionné", "stepped down"), gives "reason for
  leaving" about the person who goes (as the event extractor read them, else the agent of the
  verb), so "pushed out over cost overruns" and "left for personal reasons" are two accounts of
  one departure; only an accusation tied to a dismissal keeps "fired for". An event
  ("l'incendie", "the strike") gives "cause of" with the event in one English wording as the
  subject, so "the fire" in one language meets "l'incendie" in the other. With none in its
  sentence, the departure of the two sentences before or the event of the three before is
  explained (the later one); else a personal reason ("raisons de santé") is its speaker's own
  reason for leaving, and any other is the cause of an unnamed event (no subject: grouping puts
  it with the one event it can belong to);
- a reason denied ("n'est pas dû à", "denied") is not extracted; a conditional ("serait dû à",
  "may") or an "allegedly" makes it reported;
- who made the claim (attribution) is the name or group before a verb of saying in the sentence
  ("le syndicat dénonce", "the company blamed", "X said", "citing": the subject of the clause);
- "assurer" followed by a duty ("l'intérim", "la direction") runs something: not a claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reconcile.extract.context import (
    CLAUSE_BREAKS,
    PLURAL_PRONOUNS,
    SINGULAR_PRONOUNS,
    ArticleContext,
    Clause,
    PhraseMatch,
    PhraseTable,
    build_table,
    ends_with,
    find_all,
    make_fact,
    match_at,
    merge_languages,
)
from reconcile.extract.entities import Mention
from reconcile.extract.language import Sentence
from reconcile.extract.lexicon import Lexicon
from reconcile.models import Fact, FactKind, Modality
from reconcile.tables import load_data, word_set

_AUXILIARIES = word_set("have_auxiliaries")
_PASSIVE = word_set("be_auxiliaries")
_ALLEGED = word_set("alleged", family="claims")
_ACCUSATION_OPENERS = word_set("alleged", "accusation_openers", family="claims")
_OBJECT_PRONOUNS = word_set("object_pronouns", family="claims")
_FIRING_WORDS = word_set("firing_words", family="claims")  # a reason in such a sentence is one for a dismissal
_DETERMINERS = word_set("articles", "partitives", "possessives", "personal_possessives")
_ONE_THING = word_set("singular_articles", "indefinite_articles")
_AGENT_LINKS = word_set("agent_links")
_OF_LINKS = word_set("of_links")
_RELATIVES = word_set("subject_relatives")

FIRED_FOR, LEAVING_FOR, CAUSE_OF = "fired for", "reason for leaving", "cause of"
IMPLICIT_CUES = {"given", "after"}  # cues whose reason may explain what an earlier sentence named
CUE_REACH = 6  # words between a cue ("citing", "blamed", "en raison de") and the reason it introduces
LINK_REACH = 3  # words between a short link ("for", "pour", "after") and its reason
AFTER_REACH = 1  # words between a reason and a cue after it ("maintenance cuts were largely to blame")
ATTRIBUTE_REACH = 2  # words between "to be" and an event's nature ("était avant tout politique")
DECISION_REACH = 10  # words between the decision a reason explains and the reason's cue
QUOTE_REACH = 8  # a decision this close before the cue opens the quote ("stepped down citing ...")


class ClaimTables:
    def __init__(self) -> None:
        data = load_data("claims.yaml")
        self.accusations = build_table({k: merge_languages(v) for k, v in data["accusations"].items()})
        self.targets = build_table({k: merge_languages(v) for k, v in data["targets"].items()})
        self.towards = build_table({"towards": merge_languages(data["towards"])})
        self.assurances = build_table({k: merge_languages(v) for k, v in data["assurances"].items()})
        self.duties = build_table({"duty": merge_languages(data["duties"])})
        self.reasons = build_table({k: merge_languages(v) for k, v in data["reasons"].items()})
        self.personal = frozenset(str(k) for k in data["personal_reasons"])
        self.attributes = build_table({k: merge_languages(v) for k, v in data["reason_attributes"].items()})
        self.copulas = build_table({"is": merge_languages(data["copulas"])})
        self.departures = build_table({k: merge_languages(v) for k, v in data["departures"].items()})  # chosen, forced
        self.incidents = build_table({k: merge_languages(v) for k, v in data["incidents"].items()})
        self.determiners = frozenset(str(w).lower() for w in merge_languages(data["determiners"]))
        cues = data["reason_cues"]
        self.cues_before = build_table(
            {"before": merge_languages(cues["before"]), "given": merge_languages(cues["given"])}
        )
        self.cues_after = build_table(
            {"after": merge_languages(cues["after"]), "effect": merge_languages(cues["effect"])}
        )
        self.links = build_table({"link": merge_languages(data["reason_links"])})
        self.link_fillers = frozenset(str(w).lower() for w in merge_languages(data["link_fillers"]))
        self.speech = frozenset(str(w).lower() for w in merge_languages(data["speech_verbs"]))
        self.speakers = frozenset(str(w).lower() for w in merge_languages(data["speakers"]))
        self.negation_words, self.negations = _words_and_phrases(merge_languages(data["negations"]))
        self.hedges = frozenset(str(w).lower() for w in merge_languages(data["hedges"])) | _ALLEGED


def _words_and_phrases(entries: list[str]) -> tuple[frozenset[str], PhraseTable]:
    """Entries that are one token ("pas", "n'") as a set, the others ("ruled out", "don't") as a phrase table."""
    words = {e.lower() for e in entries if " " not in e and "'" not in e[:-1]}
    return frozenset(words), build_table({"phrase": [e for e in entries if e.lower() not in words]})


@lru_cache(maxsize=1)
def tables() -> ClaimTables:
    """The word tables, read once per process."""
    return ClaimTables()


def extract_claims(article: ArticleContext, facts_so_far: list[Fact]) -> list[Fact]:
    """Claim facts of one article; `facts_so_far` (its events) tells who was dismissed or left."""
    source, text, sentences = article.source, article.text, article.sentences
    table = tables()
    firings = [f for f in facts_so_far if f.kind is FactKind.event and f.predicate == "fired"]
    departures = [
        f for f in facts_so_far if f.kind is FactKind.event and f.predicate in ("fired", "leaves") and f.subject
    ]
    claims: list[Fact] = []
    for number, sentence in enumerate(sentences):
        clause = article.clause(sentence)
        near_firing = _near_firing(sentences, number, firings)
        context = _Context(article, number, departures)
        taken: list[tuple[int, int]] = []
        for match in find_all(clause.tokens, table.accusations):
            fact = _accusation(source, text, clause, match.start, match.end, match.key, table, firings, near_firing)
            if fact is None or fact.predicate != FIRED_FOR:
                # Not a reason for a dismissal: it may still be the reason for a departure or an event.
                reason = _reason(source, text, clause, match, table, context, accusation=True)
                fact = reason or fact
            if fact is not None:
                claims.append(fact)
                taken.append((match.start, match.end))
        for match in find_all(clause.tokens, table.reasons):
            if any(match.start < end and start < match.end for start, end in taken):
                continue
            fact = _reason(source, text, clause, match, table, context, accusation=False)
            if fact is not None:
                claims.append(fact)
                taken.append((match.start, match.end))
        claims += _attributes(source, text, clause, table, taken)
        claims += _assurances(source, text, clause, table)
    return claims


def _near_firing(sentences: list[Sentence], number: int, firings: list[Fact]) -> bool:
    window_start = sentences[max(0, number - 2)].start
    window_end = sentences[number].end
    if any(window_start <= f.evidence.start < window_end for f in firings):
        return True
    words = sentences[number].text.lower()
    return any(word in words for word in _FIRING_WORDS)


def _accusation(
    source: str,
    text: str,
    clause: Clause,
    first: int,
    end: int,
    key: str,
    table: ClaimTables,
    firings: list[Fact],
    near_firing: bool,
) -> Fact | None:
    tokens = clause.tokens
    quote_first = first
    if first > 0 and tokens[first - 1].lower in _ONE_THING:
        quote_first = first - 1
    while quote_first > 0 and tokens[quote_first - 1].lower in _ACCUSATION_OPENERS:
        quote_first -= 1
    # Passive: "ils avaient été trompés par X" -- the subject is the target, X the accused.
    if first > 0 and tokens[first - 1].lower in _PASSIVE and end < len(tokens) and tokens[end].lower in _AGENT_LINKS:
        parties = _passive_accusation(clause, first, end, table)
        if parties.quote_first is None:
            parties.quote_first = quote_first
    else:
        parties = _active_accusation(clause, first, end, table)
        parties.quote_first = quote_first
    accused, target, towards, last = parties.accused, parties.target, parties.towards, parties.last
    quote_first = parties.quote_first
    if accused is None:
        previous = [f for f in firings if f.evidence.start < tokens[first].start]
        if previous and previous[-1].subject:
            accused = Mention(0, 0, previous[-1].subject, previous[-1].subject, "person")
    if accused is None:
        return None
    modality = (
        Modality.reported if any(t.lower in _ALLEGED for t in tokens[max(0, first - 3) : first]) else Modality.asserted
    )
    return make_fact(
        source,
        text,
        clause,
        FactKind.claim,
        first,
        (quote_first, last),
        subject=accused.name,
        predicate=FIRED_FOR if near_firing else "accused of",
        obj=_wording(key, target, towards),
        wording=" ".join(t.text for t in tokens[first:end]),
        modality=modality,
        attribution=_speaker(clause, first),
        per_person=False,
    )


@dataclass
class _Accusation:
    """Who is accused, of wronging whom, and where the quote ends (and starts, when the subject decides it)."""

    accused: Mention | None
    target: str | None
    towards: bool
    last: int
    quote_first: int | None = None


def _passive_accusation(clause: Clause, first: int, end: int, table: ClaimTables) -> _Accusation:
    """ "ils avaient été trompés par X": the subject is the target, X the accused."""
    tokens = clause.tokens
    parties = _Accusation(None, None, False, end - 1)
    found = clause.person_after(end + 1, limit=3)
    if found is not None:
        parties.accused, parties.last = found
    subject = first - 1
    while subject > 0 and (tokens[subject - 1].lower in _AUXILIARIES or tokens[subject - 1].lower in _PASSIVE):
        subject -= 1
    if subject > 0:
        parties.quote_first = subject - 1
        parties.target = _target_before(clause, subject - 1, table)
    return parties


def _active_accusation(clause: Clause, first: int, end: int, table: ClaimTables) -> _Accusation:
    """ "X a trompé les investisseurs": the agent before is the accused, the group after the target."""
    target, towards, target_last = _target_after(clause, end, table)
    parties = _Accusation(None, target, towards, target_last if target_last is not None else end - 1)
    agent = clause.agent_before(first, limit=12)
    if agent is not None:
        parties.accused = agent[0][0]
    return parties


def _target_after(clause: Clause, end: int, table: ClaimTables) -> tuple[str | None, bool, int | None]:
    """The group an accusation ending at `end` is aimed at: "trompé les investisseurs",
    "vis-à-vis des actionnaires majoritaires". Returns the target, whether a "towards" word
    introduced it, and its last token."""
    tokens = clause.tokens
    position = end
    towards = False
    towards_match = match_at(tokens, position, table.towards)
    if towards_match is not None:
        towards = True
        position = towards_match.end
    while position < len(tokens) and tokens[position].lower in _DETERMINERS:
        position += 1
    found_target = match_at(tokens, position, table.targets)
    if found_target is not None and found_target.start - end <= 4:
        return found_target.key, towards, found_target.end - 1
    return None, False, None


def _wording(key: str, target: str | None, towards: bool) -> str:
    """An accusation and its target as one English wording: "deceiving the board", "lack of honesty towards the board"."""
    if target is None:
        return key
    return f"{key} towards {target}" if towards or key != "deceiving" else f"{key} {target}"


def _target_before(clause: Clause, position: int, table: ClaimTables) -> str | None:
    """The group a pronoun stands for: "le conseil de surveillance ... a considéré qu'ils"."""
    for index in range(position - 1, -1, -1):
        match = match_at(clause.tokens, index, table.targets)
        if match is not None:
            return match.key
    return None


# --- reasons and causes ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Explained:
    """What a reason explains: the claim's predicate and subject, and where its word is in the sentence."""

    predicate: str
    subject: str | None
    start: int | None = None  # token index in the reason's sentence (None: named in a sentence before)
    end: int | None = None


@dataclass
class _Context:
    """The sentences before a reason's, for what it explains when its own sentence names nothing."""

    article: ArticleContext
    number: int
    departures: list[Fact]  # the article's dismissal and departure events

    def explained_before(self, table: ClaimTables, people_only: bool) -> _Explained | None:
        """The last departure of the two sentences before, or (unless `people_only`) event of the three before."""
        sentences = self.article.sentences
        start_of = sentences[self.number].start
        found: list[tuple[int, _Explained]] = []
        window = sentences[max(0, self.number - 2)].start
        for fact in self.departures:
            if window <= fact.evidence.start < start_of:
                found.append((fact.evidence.start, _Explained(LEAVING_FOR, fact.subject)))
        for sentence in sentences[max(0, self.number - 3) : self.number] if not people_only else []:
            clause = self.article.clause(sentence)
            for match in _incidents(clause, table):
                found.append((clause.tokens[match.start].start, _Explained(CAUSE_OF, match.key)))
        return max(found, key=lambda item: item[0])[1] if found else None


def _reason(
    source: str, text: str, clause: Clause, match: PhraseMatch, table: ClaimTables, context: _Context, accusation: bool
) -> Fact | None:
    """The claim a reason phrase makes when a cue ties it to a decision or an event (module rules).

    An accusation only becomes a reason when its sentence names the departure or the event.
    """
    tokens = clause.tokens
    cue = _cue(clause, match, table)
    if cue is None:
        return None
    cue_start, cue_end = cue.start, cue.end
    lo, hi = min(cue_start, match.start), max(cue_end, match.end)
    personal = match.key in table.personal  # a person's own reasons explain a departure, never an event
    explained = _explained_in(clause, lo, hi, match, table, context.departures, people_only=personal)
    if explained is None and (accusation or cue.key not in IMPLICIT_CUES):
        return None  # "shares fell because of poor results": what it explains is in no table
    opening = explained.start if explained is not None and explained.start is not None and explained.start < lo else lo
    if _negated(clause, max(0, opening - 3), match.start, table):
        return None
    speaker = _speaker(clause, cue_end if cue_end <= match.start else match.start)
    if explained is None:
        explained = context.explained_before(table, people_only=personal)
    if explained is None:
        if personal:
            person = _speaking_person(clause, cue_end)
            explained = _Explained(LEAVING_FOR, person.name if person is not None else None)
        else:
            explained = _Explained(CAUSE_OF, None)
    obj, last = match.key, match.end - 1
    if accusation:
        target, towards, target_last = _target_after(clause, match.end, table)
        obj = _wording(match.key, target, towards)
        last = max(last, target_last or last)
    first = lo
    last = max(last, hi - 1)
    if explained.start is not None and explained.end is not None:
        if explained.start < lo and lo - explained.end <= QUOTE_REACH:
            first = _determiner_start(clause, explained.start, table)
        elif explained.start >= hi and explained.start - hi <= LINK_REACH:
            last = explained.end - 1
    hedged = any(t.lower in table.hedges for t in tokens[max(0, first - 3) : match.start])
    return make_fact(
        source,
        text,
        clause,
        FactKind.claim,
        match.start,
        (first, last),
        subject=explained.subject,
        predicate=explained.predicate,
        obj=obj,
        wording=" ".join(t.text for t in tokens[match.start : match.end]),
        modality=Modality.reported if hedged else Modality.asserted,
        attribution=speaker,
        per_person=False,
    )


def _cue(clause: Clause, match: PhraseMatch, table: ClaimTables) -> PhraseMatch | None:
    """The cue that ties a reason to what it explains (its key: before, given, link, after, effect), or None."""
    tokens = clause.tokens
    for cues, reach in ((table.cues_before, CUE_REACH), (table.links, LINK_REACH)):
        for gap in range(reach + 1):
            end = match.start - gap
            if end <= 0 or (gap and _breaks(tokens[end].text)):
                break
            if gap and cues is table.links and not _in_noun_phrase(tokens[end].lower, table):
                break  # "brought on to support the reorganisation": a link ties only its own noun phrase
            found = ends_with(tokens, end, cues)
            if found is not None:
                return found
    for gap in range(AFTER_REACH + 1):
        position = match.end + gap
        if position >= len(tokens) or _breaks(tokens[position].text):
            break
        found = match_at(tokens, position, table.cues_after)
        if found is not None:
            return found
    return None


def _breaks(text: str) -> bool:
    return text in CLAUSE_BREAKS or text == ","


def _in_noun_phrase(word: str, table: ClaimTables) -> bool:
    """Words a short link may reach past: determiners and the group that says or does it ("after the board lost")."""
    return word in table.determiners or word in table.speakers or word in table.link_fillers


def _incidents(clause: Clause, table: ClaimTables) -> list[PhraseMatch]:
    """The events a sentence names with a determiner ("the fire", "l'incendie"; not "to fire")."""
    return [m for m in find_all(clause.tokens, table.incidents) if _determined(clause, m.start, table)]


def _determined(clause: Clause, start: int, table: ClaimTables) -> bool:
    """Whether a determiner comes right before token `start`, or one word earlier ("the huge fire")."""
    return _is_determiner(clause, start - 1, table) or _is_determiner(clause, start - 2, table)


def _is_determiner(clause: Clause, index: int, table: ClaimTables) -> bool:
    if index < 0:
        return False
    word = clause.tokens[index].lower
    if word == "s" and index > 0 and clause.tokens[index - 1].lower in {"'", "\u2019"}:
        word = "'s"  # "Monday's fire"
    return word in table.determiners


def _determiner_start(clause: Clause, start: int, table: ClaimTables) -> int:
    """Token `start`, or the determiner right before it."""
    if _is_determiner(clause, start - 1, table):
        return start - 2 if clause.tokens[start - 1].lower == "s" else start - 1
    return start


def _explained_in(
    clause: Clause,
    lo: int,
    hi: int,
    reason: PhraseMatch,
    table: ClaimTables,
    events: list[Fact],
    people_only: bool = False,
) -> _Explained | None:
    """The decision or event nearest the reason and its cue (tokens lo..hi) in its sentence.

    Before them wins a tie; one in a relative clause closed by a comma before the cue ("X, qui
    a quitté Y en 2019, dénonce ...") explains nothing here.
    """
    tokens = clause.tokens

    def apart(m: PhraseMatch) -> bool:
        return m.end <= reason.start or m.start >= reason.end

    incidents = [m for m in _incidents(clause, table) if apart(m)]
    named = [] if people_only else incidents
    departures = [
        m
        for m in find_all(tokens, table.departures)
        if apart(m) and not any(m.start < i.end and i.start < m.end for i in incidents)
    ]
    candidates: list[tuple[int, bool, int, PhraseMatch]] = []
    for m in named + departures:
        if lo <= m.start < hi:
            distance = 0  # inside the cue: "blamed the fire on"
        elif m.end <= lo:
            if _in_relative_clause(tokens, m, lo):
                continue
            distance = lo - m.end
        else:
            distance = m.start - hi
        if distance <= DECISION_REACH:
            candidates.append((distance, m.start >= hi, m.start, m))
    if not candidates:
        return None
    best = min(candidates, key=lambda c: c[:3])[3]
    if best.key not in ("chosen", "forced"):
        return _Explained(CAUSE_OF, best.key, best.start, best.end)
    person = _who_goes(clause, best, events)
    if person is None and not _pronoun_before(clause, best.start):
        return None  # "plans to fire 200 workers because of cost overruns": nobody in particular leaves
    return _Explained(LEAVING_FOR, person, best.start, best.end)


def _pronoun_before(clause: Clause, index: int) -> bool:
    """Whether a personal pronoun is the subject of the verb at `index` ("she stepped down"), past auxiliaries."""

    skip = clause.lexicon.subject_skip
    for position in range(index - 1, max(-1, index - 5), -1):
        word = clause.tokens[position].lower.rstrip("'")
        if word in SINGULAR_PRONOUNS | PLURAL_PRONOUNS:
            return True
        if word not in skip:
            return False
    return False


def _in_relative_clause(tokens: list, match: PhraseMatch, cue: int) -> bool:
    opens = any(t.lower in _RELATIVES for t in tokens[max(0, match.start - 3) : match.start])
    return opens and any(t.text == "," for t in tokens[match.end : cue])


def _who_goes(clause: Clause, decision: PhraseMatch, departures: list[Fact]) -> str | None:
    """The person a dismissal or departure word is about.

    The event the events extractor read nearest that word in the sentence, else the agent of the
    verb (a pronoun resolved), else the person right after it ("fired X", "le départ de X"), else
    the name right before it (a lone surname the rules took for an organisation: "Durand resigned").
    """
    sentence = clause.sentence
    at = clause.tokens[decision.start].start
    here = [f for f in departures if sentence.start <= f.evidence.start < sentence.end]
    if here:

        def gap(fact: Fact) -> int:
            if fact.evidence.start <= at < fact.evidence.end:
                return 0
            return min(abs(fact.evidence.start - at), abs(fact.evidence.end - at))

        return min(here, key=gap).subject
    agent = clause.agent_before(decision.start)
    if agent is not None:
        return agent[0][0].name
    after = clause.person_after(decision.end, limit=4)
    if after is not None:
        return after[0].name
    # Before a dismissal stands who dismisses ("Acme a licencié"); before a resignation, who goes.
    return _name_before(clause, decision.start) if decision.key == "chosen" else None


def _name_before(clause: Clause, index: int) -> str | None:
    """The name that opens the clause before token `index`, past auxiliaries and a pronoun that repeats it."""

    skip = clause.lexicon.subject_skip | SINGULAR_PRONOUNS
    position = index - 1
    while position >= 0 and position > index - 6:
        token = clause.tokens[position]
        if token.text in CLAUSE_BREAKS:
            return None
        mention = clause.mention(position)
        if mention is not None:
            return mention.name
        if token.lower not in skip and token.lower not in tables().speech:
            return None
        position -= 1
    return None


def _negated(clause: Clause, start: int, end: int, table: ClaimTables) -> bool:
    """Whether a negation or a denial comes between tokens start and end ("n'est pas dû à", "denied")."""
    tokens = clause.tokens[start:end]
    return any(t.lower in table.negation_words for t in tokens) or bool(find_all(tokens, table.negations))


def _attributes(source: str, text: str, clause: Clause, table: ClaimTables, taken: list[tuple[int, int]]) -> list[Fact]:
    """ "Le mouvement était politique", "the fire was deliberate": an event's cause stated with "to be"."""
    tokens = clause.tokens
    facts = []
    for incident in _incidents(clause, table):
        copula = match_at(tokens, incident.end, table.copulas)
        if copula is None:
            continue
        found = None
        for position in range(copula.end, min(len(tokens), copula.end + ATTRIBUTE_REACH + 1)):
            if _breaks(tokens[position].text):
                break
            found = match_at(tokens, position, table.attributes)
            if found is not None:
                break
        if found is None or any(found.start < end and start < found.end for start, end in taken):
            continue
        if _negated(clause, max(0, incident.start - 3), found.start, table):
            continue
        first = _determiner_start(clause, incident.start, table)
        hedged = any(t.lower in table.hedges for t in tokens[max(0, first - 3) : found.start])
        facts.append(
            make_fact(
                source,
                text,
                clause,
                FactKind.claim,
                found.start,
                (first, found.end - 1),
                subject=incident.key,
                predicate=CAUSE_OF,
                obj=found.key,
                wording=" ".join(t.text for t in tokens[found.start : found.end]),
                modality=Modality.reported if hedged else Modality.asserted,
                attribution=_speaker(clause, first),
                per_person=False,
            )
        )
        taken.append((found.start, found.end))
    return facts


def _speaking_person(clause: Clause, before: int) -> Mention | None:
    """The person who says what comes before token `before` ("X a invoqué ..."), if a person."""
    tokens = clause.tokens
    for index in range(before - 1, 0, -1):
        if tokens[index].lower in tables().speech:
            agent = clause.agent_before(index)
            if agent is not None:
                return agent[0][0]
            position = index - 1
            while position >= 0 and tokens[position].lower in _AUXILIARIES:
                position -= 1
            mention = clause.mention(position)
            return mention if mention is not None and mention.type == "person" else None
    return None


def _speaker(clause: Clause, before: int) -> str | None:
    """Who says it: the name or group right before a verb of saying earlier in the sentence.

    A name, else a pronoun's person, else a group of the target table ("the board"), else a
    speaker noun with its determiner ("le syndicat", "the company": the organisation named last
    when there is one), else for a participle ("citing", "invoquant") the subject of the clause.
    """
    tokens = clause.tokens
    table = tables()
    for index in range(before - 1, 0, -1):
        if tokens[index].lower in table.speech:
            position = index - 1
            while position >= 0 and (
                tokens[position].lower in _AUXILIARIES or tokens[position].lower in _OBJECT_PRONOUNS
            ):
                position -= 1
            mention = clause.mention(position)
            if mention is not None:
                return mention.name
            if position >= 0 and tokens[position].lower.rstrip("'") in SINGULAR_PRONOUNS | PLURAL_PRONOUNS:
                people = clause.resolve_pronoun(position)
                if people:
                    return people[0].name
            for start in range(max(0, position - 6), position + 1):
                target = match_at(tokens, start, table.targets)
                if target is not None:
                    return target.key
            group = _speaker_noun(clause, position, table)
            if group is not None:
                return group
            agent = clause.agent_before(index)
            return agent[0][0].name if agent is not None else None
    return None


def _speaker_noun(clause: Clause, position: int, table: ClaimTables) -> str | None:
    """ "Le syndicat", "the company", "le ministre de l'Intérieur" ending at token `position`."""

    tokens = clause.tokens
    for start in range(position, max(-1, position - 5), -1):
        if start < 0 or _breaks(tokens[start].text):
            return None
        if tokens[start].lower in table.speakers:
            first = _determiner_start(clause, start, table)
            offset = clause.sentence.start
            phrase = clause.sentence.text[tokens[first].start - offset : tokens[position].end - offset]
            if " ".join(phrase.lower().split()).replace("\u2019", "'") in clause.lexicon.anaphors:
                org = clause.entities.last_org_before(tokens[first].start, set())
                if org is not None:
                    return org.name
            return phrase[:1].lower() + phrase[1:] if first < start else phrase
    return None


def _assured_about(clause: Clause, start: int, speaker: Mention, lexicon: Lexicon) -> tuple[str | None, int]:
    """Whom an assurance is about: the first group of people of a named owner ("les employés de Y")
    or the first name other than the speaker's, within the sentence; and the token where it ends."""
    tokens = clause.tokens
    last = start
    for index in range(start, min(len(tokens), start + 20)):
        token = tokens[index]
        if token.text in {".", ";", "\u201d", "\u00bb", '"'}:
            break
        last = index
        group = lexicon.people_nouns.get(token.lower)
        if group is not None and index + 2 < len(tokens) and tokens[index + 1].lower in _OF_LINKS:
            owner = clause.mention(index + 2)
            if owner is not None:
                return f"{owner.name} {group}", clause.last_index_of(owner)
        mention = clause.mention(index)
        if mention is not None and mention.name != speaker.name:
            return mention.name, clause.last_index_of(mention)
    return None, last


def _assurances(source: str, text: str, clause: Clause, table: ClaimTables) -> list[Fact]:
    """ "X nous a assuré qu'il y aurait des postes pour tous les employés de Y": a claim X makes about Y's employees."""

    lexicon = clause.lexicon
    tokens = clause.tokens
    facts = []
    for match in find_all(tokens, table.assurances):
        if match_at(tokens, match.end, table.duties) is not None:
            continue  # "assure l'intérim": a post held, not a claim (roles reads it)
        position = match.start - 1
        while position >= 0 and (tokens[position].lower in _AUXILIARIES or tokens[position].lower in _OBJECT_PRONOUNS):
            position -= 1
        speaker = clause.mention(position)
        if speaker is None:
            continue
        about, last = _assured_about(clause, match.end, speaker, lexicon)
        if about is None:
            continue
        facts.append(
            make_fact(
                source,
                text,
                clause,
                FactKind.claim,
                match.start,
                (clause.index_at(speaker.start), last),
                subject=speaker.name,
                predicate=match.key,
                obj=about,
                wording=" ".join(t.text for t in tokens[match.start : last + 1]),
                modality=Modality.asserted,
                attribution=speaker.name,
                per_person=False,
            )
        )
    return facts
