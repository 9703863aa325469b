"""Role facts: who holds which post in which organisation ("X, le PDG de Y", "Y CEO X").

Rules:
- a role phrase is a role word from data/roles.yaml, with the words around it that belong to
  it: an article or possessive, "ancien"/"former" (the role is former), "par intérim"/"interim"
  (the post is the interim one), and the organisation after "de"/"of"/"chez" or before it in
  English ("Acme CEO", "Acme's CEO"); "son PDG" is the post at the organisation named last;
- the holder is the name right after the phrase ("le PDG de Y, X"; "le directeur technique X"),
  or right before it after a comma or a bracket ("X, le PDG de Y"; "X (lui aussi cofondateur"),
  or the person a cue gives the post to ("X en tant que PDG", "X a été élevée au poste de PDG",
  "remplacé par X"); a role phrase opening a sentence with no name ("Le cofondateur de Y va...")
  stands for the last person named before it;
- "X a succédé à Y au poste de PDG", "X took over from Y as CEO": the post goes to X (Y is the
  predecessor, and gets nothing); "Acme a nommé X PDG", "Acme named X as interim CEO": the post
  is at the organisation naming X when the phrase names none;
- "X assure l'intérim à la tête de Y", "X prend la direction par intérim", "X, the acting head of
  Y": X is Y's interim CEO; "X assure l'intérim", "l'intérim sera assuré par X": X holds in the
  interim the post of the person who just left or was named (this sentence or the two before);
- a company post whose sentence names no organisation is at the organisation of the sentence
  and the two before, when they name only one and it holds a post named there or is the subject
  of one of them ("Acme said its CEO had resigned. The board named X as interim CEO");
- a post its holder is said to have left is former: "X, the CEO of Y, had resigned", "Acme fired
  its CEO X", "X a démissionné de son poste de PDG", "Acme a annoncé le départ de sa PDG, X";
- "R1 et R2 de Y" gives both roles; "l'entreprise qu'il a fondée" makes "il" a founder;
- "pour diriger une nouvelle équipe" makes the person the verb is about the leader of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reconcile.extract.context import (
    ArticleContext,
    Clause,
    PhraseMatch,
    anaphor_ending_at,
    build_table,
    could_start,
    ends_with,
    find_all,
    make_fact,
    match_at,
    merge_languages,
    words_of,
)
from reconcile.extract.entities import EntityIndex, Mention
from reconcile.extract.language import Sentence, plain, tokenize
from reconcile.models import Fact, FactKind, Modality
from reconcile.names import squash
from reconcile.tables import languages, load_data, word_set

_DETERMINERS = word_set(
    "articles", "indefinite_articles", "partitives", "possessives", "personal_possessives"
) | word_set("other_words", "post_determiners", family="roles")
_POSSESSIVES = word_set("possessives")
_ORG_LINKS = word_set("of_links") | word_set("organisation_links", family="roles")
_CONTAINERS = word_set("containers", family="roles")
_DISMISSAL_STEMS = tuple(sorted(word_set("dismissal_stems", family="roles")))
_ALSO = word_set("also_words", family="roles")
_POSSESSIVE_MARKERS = word_set("possessive_markers", family="roles")
_POST_LINKS = word_set("post_links", family="roles")
_INTERIM_WORDS = word_set("interim", "interim_nouns", family="roles")  # the one-word rows
_PASSIVE_AUXILIARIES = word_set("be_auxiliaries")
_OF_LINKS = word_set("of_links", "partitives")
_ARTICLES = word_set("articles")
_SINGULAR_ARTICLES = word_set("singular_articles")
_PLURAL_ARTICLES = word_set("plural_articles")
_AND = word_set("and_words")
_SENTENCE_OPENERS = word_set("and_words", "but_words")
_AGENT_LINKS = word_set("agent_links")
_COMPLEMENTIZERS = word_set("complementizers")
_RELATIVE_LINKS = word_set("complementizers", "relative_pronouns")
_PURPOSE_LINKS = word_set("purpose_links")
_INDEFINITE = word_set("indefinite_articles") | word_set("other_words", family="roles")
CONTEXT_SENTENCES = 2  # how many sentences back a post's organisation, or the post an interim holds, may come from


class RoleTables:
    def __init__(self) -> None:
        data = load_data("roles.yaml")
        self.roles = build_table(
            {
                key: merge_languages({k: v for k, v in spec.items() if k in languages()})
                for key, spec in data["roles"].items()
            }
        )
        self.labels = {key: spec["label"] for key, spec in data["roles"].items()}
        self.interim = build_table({"interim": merge_languages(data["interim"])})
        self.former = build_table({"former": merge_languages(data["former"])})
        self.holder_cues = build_table({"cue": merge_languages(data["holder_cues"])})
        self.replaced_by = build_table({"replaced": merge_languages(data["replaced_by"])})
        self.succeeds = build_table({"succeeds": merge_languages(data["succeeds"])})
        self.appointing = build_table({"appoints": merge_languages(data["appointing_verbs"])})
        self.interim_head = build_table(
            {"head": merge_languages(data["interim_head"]), "post": merge_languages(data["interim_post"])}
        )
        self.interim_by = build_table({"by": merge_languages(data["interim_by"])})
        self.interim_nouns = {w for phrase in data["interim_nouns"] for w in words_of(phrase)}
        self.post_nouns: dict[str, str | None] = {
            words_of(noun)[0]: as_role for noun, as_role in data["post_nouns"].items()
        }
        self.context_posts = frozenset(data["context_posts"])
        self.exclusive_posts = frozenset(data["exclusive_posts"])
        departures = data["departures"]
        self.departures = build_table(
            {
                "leaves": merge_languages(departures["verbs"]),
                "removes": merge_languages(departures["removes"]),
                "noun": merge_languages(departures["nouns"]),
            }
        )
        self.departure_leads = build_table({"lead": merge_languages(departures["leads"])})
        self.departure_links = build_table({"link": merge_languages(departures["links"])})
        self.departure_blockers = {w for phrase in merge_languages(departures["not_after"]) for w in words_of(phrase)}
        self.lead_verbs = build_table({"lead": merge_languages(data["lead_verbs"])})
        self.founding = build_table({"founded": merge_languages(data["founding_verbs"])})


@lru_cache(maxsize=1)
def tables() -> RoleTables:
    """The word tables, read once per process."""
    return RoleTables()


class RolePhrase:
    """A role word with its article, modifiers and organisation."""

    def __init__(self, match: PhraseMatch) -> None:
        self.role = match.key
        self.first = match.start  # token index of the first word that belongs to the phrase
        self.core_first = match.start
        self.last = match.end - 1
        self.former = False
        self.interim = False
        self.determiner: str | None = None
        self.org: Mention | None = None
        self.org_link = False  # followed by "de"/"of"/"chez": the text says whose post it is
        self.org_from_context = False  # the organisation is the one of the sentences before

    @property
    def predicate(self) -> str:
        return f"interim {self.role}" if self.interim else self.role


def _role_phrases(clause: Clause, table: RoleTables) -> list[RolePhrase]:
    tokens = clause.tokens
    phrases: list[RolePhrase] = []
    index = 0
    while index < len(tokens):
        match = match_at(tokens, index, table.roles) if could_start(table.roles, tokens[index].lower) else None
        if match is None or _is_name_part(clause, index, match):
            index += 1
            continue
        phrase = RolePhrase(match)
        _extend_left(clause, phrase, table)
        _extend_right(clause, phrase, table)
        phrases.append(phrase)
        index = phrase.last + 1
    # "cofondateur et ex-PDG d'Acme": the first role shares the organisation of the second.
    for left, right in zip(phrases, phrases[1:]):
        between = [t.lower for t in tokens[left.last + 1 : right.first]]
        if between in (["et"], ["and"], [","]) and left.org is None:
            left.org = right.org
    return phrases


def _is_name_part(clause: Clause, index: int, match: PhraseMatch) -> bool:
    """ "Patron" inside a name, or an upper-case word that is part of a longer name, is not a role."""
    mention = clause.mention(index)
    if mention is None:
        return False
    words = words_of(mention.text)
    return len(words) > match.end - match.start


def _extend_left(clause: Clause, phrase: RolePhrase, table: RoleTables) -> None:
    tokens = clause.tokens
    position = phrase.first - 1
    while position >= 0:
        word = tokens[position].lower
        former = ends_with(tokens, position + 1, table.former)
        interim = ends_with(tokens, position + 1, table.interim)
        if word == "ex-":
            phrase.former = True
            position -= 1
            continue
        if former is not None:
            phrase.former = True
            position = former.start - 1
            continue
        if interim is not None:
            phrase.interim = True
            position = interim.start - 1
            continue
        if word in _DETERMINERS or word in _ALSO:
            phrase.determiner = phrase.determiner or word
            position -= 1
            continue
        mention = clause.mention(position)
        if mention is not None and mention.type == "org" and clause.sentence.language == "en":
            phrase.org = mention  # "Acme CEO", "Acme's chief scientist"
            position = clause.index_at(mention.start) - 1
            continue
        if word in _POSSESSIVE_MARKERS and position > 0:
            position -= 1
            continue
        break
    phrase.first = position + 1
    # An article that belongs to the phrase: keep it, so quotes read "le PDG de ...".
    if phrase.first > 0 and tokens[phrase.first - 1].lower in _DETERMINERS:
        phrase.first -= 1


def _extend_right(clause: Clause, phrase: RolePhrase, table: RoleTables) -> None:
    tokens = clause.tokens
    position = phrase.last + 1
    interim = match_at(tokens, position, table.interim)
    if interim is not None:
        phrase.interim = True
        phrase.last = interim.end - 1
        position = interim.end
    if position < len(tokens) and tokens[position].lower in _ORG_LINKS:
        phrase.org_link = tokens[position].lower not in _POST_LINKS  # "directrice financière au poste de PDG": no owner
        found = clause.org_after(position, limit=6)
        if found is not None and found[1] - position <= 5:
            phrase.org, last = found
            if clause.mention(last) is None:
                # "du géant de la technologie": keep the description's complement in the quote.
                while last + 2 < len(tokens) and tokens[last + 1].lower in _OF_LINKS and last - position < 8:
                    following = last + 2
                    while following < len(tokens) and tokens[following].lower in _ARTICLES:
                        following += 1
                    if (
                        following < len(tokens)
                        and tokens[following].text.isalpha()
                        and tokens[following].text.islower()
                    ):
                        last = following
                    else:
                        break
            phrase.last = max(phrase.last, last)
            interim = match_at(tokens, phrase.last + 1, table.interim)
            if interim is not None:
                phrase.interim = True
                phrase.last = interim.end - 1
    if phrase.org is None and phrase.determiner in _POSSESSIVES:
        phrase.org = clause.org_before(phrase.first, limit=30) or _possessor(clause, tokens[phrase.first].start)


def _possessor(clause: Clause, position: int) -> Mention | None:
    """The organisation a possessive points to ("sa directrice technique", "its CTO"): the one named
    last, unless the sentence before names two or more, between which a reader cannot choose (then
    none: a post of no known organisation is never compared)."""
    text, start = clause.entities.text, clause.sentence.start
    previous = max(text.rfind(". ", 0, max(0, start - 2)), text.rfind("\n", 0, max(0, start - 1))) + 1
    named = {squash(m.name) for m in clause.entities.mentions if m.type == "org" and previous <= m.start < position}
    if len(named) > 1:
        return None
    return clause.entities.last_org_before(position, set())


@dataclass
class RoleFindings:
    """The role facts of an article, and the descriptions found to stand for a person ("le cofondateur
    de Y" = the last person named), which the families read next use to find agents."""

    facts: list[Fact]
    descriptions: list[Mention]


def extract_roles(article: ArticleContext) -> RoleFindings:
    """Role facts of one article, in text order."""
    source, text, sentences = article.source, article.text, article.sentences
    entities = article.entities.copy()  # descriptions found here are returned, not written into the article's
    table = tables()
    facts: list[Fact] = []
    # Who the article has already said holds a post: "Le PDG de Y" later means that person.
    known: dict[tuple[str, str | None], Mention] = {}
    orgs = _orgs_by_sentence(sentences, entities)
    history: list[list[Fact]] = []  # the role facts of each sentence so far
    for number, sentence in enumerate(sentences):
        clause = Clause(sentence, entities, article.lexicon)
        phrases = _role_phrases(clause, table)
        recent = [f for found in history[-CONTEXT_SENTENCES:] for f in found]
        orgs[number].posts = {squash(p.org.name): p.org for p in phrases if p.org is not None}
        context = _context_org(orgs[max(0, number - CONTEXT_SENTENCES) : number + 1], recent)
        for phrase in phrases:
            if context is not None and _takes_context(phrase, table):
                phrase.org, phrase.org_from_context = context, True
        departures = _departures(clause, table)
        found: list[Fact] = []
        for phrase in phrases:
            holders = _holders(clause, phrase, phrases, table, known) or _leavers(clause, phrase, departures, table)
            for holder, first, last, wording in holders:
                former = phrase.former or _left_post(clause, phrase, holder, wording, departures, table)
                org = phrase.org.name if phrase.org is not None else None
                if phrase.org_from_context and _held_elsewhere(facts + found, holder.name, phrase.predicate, org):
                    org = None  # "Girard, PDG d'Acme ... le retour de Girard en tant que PDG": not the context's
                found.append(_role_fact(source, text, clause, phrase, holder, first, last, wording, former, org))
                known.setdefault((phrase.predicate, phrase.org.name if phrase.org else None), holder)
        found += _replacements(source, text, clause, phrases, table, recent + found)
        found += _interim_heads(source, text, clause, table, recent + found, context)
        found += _founders(source, text, clause, table)
        found += _leaders(source, text, clause, table)
        history.append(found)
        facts += found
    return RoleFindings(_dedupe(facts), entities.descriptions)


class SentenceOrgs:
    """The organisations one sentence names, the one it opens with (its subject), and those of its posts."""

    def __init__(self, named: dict[str, Mention], subject: str | None) -> None:
        self.named = named  # squashed name -> first mention
        self.subject = subject
        self.posts: dict[str, Mention] = {}  # "Le PDG de Y a démissionné": Y, even with no holder named


def _orgs_by_sentence(sentences: list[Sentence], entities: EntityIndex) -> list[SentenceOrgs]:
    """For each sentence, the organisations it names; its subject when a name of one opens it."""
    result: list[SentenceOrgs] = []
    mentions = entities.mentions
    index = 0
    for sentence in sentences:
        while index < len(mentions) and mentions[index].start < sentence.start:
            index += 1
        named: dict[str, Mention] = {}
        opening: Mention | None = None
        position = index
        while position < len(mentions) and mentions[position].start < sentence.end:
            mention = mentions[position]
            opening = opening or mention
            if mention.type == "org":
                named.setdefault(squash(mention.name), mention)
            position += 1
        # "Acme said...", "Lundi, Acme a annoncé...": a name within the first few words opens it.
        lead = sentence.text[: max(0, opening.start - sentence.start)] if opening is not None else ""
        subject = (
            squash(opening.name) if opening is not None and opening.type == "org" and len(lead.split()) <= 2 else None
        )
        result.append(SentenceOrgs(named, subject))
    return result


def _context_org(window: list[SentenceOrgs], recent: list[Fact]) -> Mention | None:
    """The one organisation a post without its own may be at: see the module rules.

    `window` is the organisations of the sentences before and of this one; `recent`, the role
    facts of the sentences before. Two organisations named there, and there is none.
    """
    named: dict[str, Mention] = {}
    salient: set[str] = set()
    for orgs in window:
        for key, mention in list(orgs.named.items()) + list(orgs.posts.items()):
            named.setdefault(key, mention)
        salient.update(orgs.posts)
        if orgs.subject:
            salient.add(orgs.subject)
    for fact in recent:
        if fact.object:
            key = squash(fact.object)
            if key not in named:
                start, end = fact.evidence.start, fact.evidence.end
                named[key] = Mention(start, end, fact.object, fact.object, "org")
            salient.add(key)
    if len(named) != 1:
        return None
    key, mention = next(iter(named.items()))
    return mention if key in salient and mention.type == "org" else None


def _held_elsewhere(facts: list[Fact], holder: str, predicate: str, org: str | None) -> bool:
    """Whether the article already gave the holder this post at another organisation than `org`."""
    return any(
        f.subject == holder
        and f.object
        and _base_post(f.predicate) == _base_post(predicate)
        and (org is None or squash(f.object) != squash(org))
        for f in facts
    )


def _takes_context(phrase: RolePhrase, table: RoleTables) -> bool:
    """A company post that names no organisation and does not say it is another one ("a CEO", "CFO at a bank")."""
    return (
        phrase.org is None
        and not phrase.org_link
        and phrase.role in table.context_posts
        and phrase.determiner not in _INDEFINITE
    )


def _departures(clause: Clause, table: RoleTables) -> list[PhraseMatch]:
    """Words saying someone left a post, unless a negation or a future comes right before them."""
    tokens = clause.tokens
    return [
        m
        for m in find_all(tokens, table.departures)
        if not (m.start > 0 and tokens[m.start - 1].lower in table.departure_blockers)
    ]


def _links_to(clause: Clause, start: int, end: int, table: RoleTables) -> bool:
    """Whether tokens start..end-1 are only words that tie a verb to a post ("as", "de son poste de")."""
    position = start
    while position < end:
        link = match_at(clause.tokens, position, table.departure_links)
        if link is None:
            return False
        position = link.end
    return position == end and end - start <= 5


def _leaving_verb_before(
    clause: Clause, phrase: RolePhrase, departures: list[PhraseMatch], table: RoleTables
) -> PhraseMatch | None:
    """A departure word tied to the post right after it: "resigned as CEO", "fired its CEO", "le départ de sa PDG"."""
    for departure in departures:
        if departure.end > phrase.first or not _links_to(clause, departure.end, phrase.first, table):
            continue
        if departure.key == "noun":
            # "a annoncé le départ de sa PDG", "after the resignation of": reported as done.
            if not any(
                match_at(clause.tokens, p, table.departure_leads)
                for p in range(max(0, departure.start - 3), departure.start)
            ):
                continue
        return departure
    return None


def _leavers(
    clause: Clause, phrase: RolePhrase, departures: list[PhraseMatch], table: RoleTables
) -> list[tuple[Mention, int, int, str | None]]:
    """ "X a démissionné de son poste de PDG", "X resigned as CEO": the one who left held the post."""
    departure = _leaving_verb_before(clause, phrase, departures, table)
    if departure is None or departure.key != "leaves":
        return []
    agent = clause.agent_before(departure.start, limit=8)
    if agent is None:
        return []
    people, start = agent
    wording = " ".join(t.text for t in clause.tokens[departure.start : departure.end])
    return [(person, start, phrase.last, wording) for person in people]


def _left_post(
    clause: Clause,
    phrase: RolePhrase,
    holder: Mention,
    wording: str | None,
    departures: list[PhraseMatch],
    table: RoleTables,
) -> bool:
    """Whether the sentence says the holder has left the post (see the module rules)."""
    departure = _leaving_verb_before(clause, phrase, departures, table)
    if departure is not None and (departure.key != "leaves" or _agent_is(clause, departure.start, holder)):
        return True
    if wording is not None:
        return False  # a post given by a cue ("X remains chairman") is not the one a later verb leaves
    for departure in departures:
        if (
            departure.key != "leaves"
            or departure.start <= phrase.last
            or not _agent_is(clause, departure.start, holder)
        ):
            continue
        # "X, PDG de Y, a démissionné du conseil de Z": another organisation's post was left.
        after = clause.org_after(departure.end, limit=4)
        if after is not None and phrase.org is not None and squash(after[0].name) != squash(phrase.org.name):
            continue
        return True
    return False


def _agent_is(clause: Clause, index: int, holder: Mention) -> bool:
    agent = clause.agent_before(index)
    return agent is not None and any(p.name == holder.name for p in agent[0])


def _previous_post(
    facts: list[Fact],
    before: int,
    table: RoleTables,
    *,
    holder: str | None = None,
    other_than: set[str] | None = None,
    post: str | None = None,
) -> Fact | None:
    """The post named last before offset `before` (of `holder`, or of someone not in `other_than`;
    only `post` when given).

    A post its holder left wins over one still held: it is the one an interim fills.
    """
    candidates = [
        f
        for f in facts
        if f.kind is FactKind.role
        and f.evidence.start < before
        and f.subject
        and _base_post(f.predicate) in table.context_posts
        and _base_post(f.predicate) in table.exclusive_posts
        and (holder is None or f.subject == holder)
        and (other_than is None or f.subject not in other_than)
        and (post is None or _base_post(f.predicate) == post)
    ]
    candidates.sort(key=lambda f: f.evidence.start)
    left = [f for f in candidates if f.modality is Modality.former]
    chosen = left or candidates
    return chosen[-1] if chosen else None


def _base_post(predicate: str) -> str:
    return predicate.removeprefix("interim ")


_Holder = tuple[Mention, int, int, str | None]


def _holders(
    clause: Clause,
    phrase: RolePhrase,
    phrases: list[RolePhrase],
    table: RoleTables,
    known: dict[tuple[str, str | None], Mention],
) -> list[_Holder]:
    """Who holds the post of a role phrase, with the token span the quote covers."""
    # Coordinated roles share their holder: "le directeur du conseil et scientifique en chef X".
    group = [phrase]
    for other in phrases:
        if other is phrase:
            continue
        between = [t.lower for t in clause.tokens[min(phrase.last, other.last) + 1 : max(phrase.first, other.first)]]
        if between in (["et"], ["and"]):
            group.append(other)
    first = min(p.first for p in group)
    last = max(p.last for p in group)
    found = _holder_after(clause, phrase, last) or _holder_named_before(clause, phrase, first, table)
    if found:
        return found
    found = _holders_in_apposition(clause, phrase, first, last)
    if found:
        return found
    # A cue gives the post to a person before it: "X en tant que PDG", "X a été élevée au poste de PDG".
    tokens = clause.tokens
    cue = ends_with(tokens, first, table.holder_cues) or ends_with(tokens, phrase.first, table.holder_cues)
    if cue is not None and _leads_before(clause, cue.start, table):
        return []  # "dirigerait la nouvelle entité en tant que PDG": the lead fact says it
    if cue is not None:
        agent = clause.agent_before(cue.start)
        if agent is not None:
            return _holders_by_cue(clause, phrase, cue, agent, table)
    determiner = min(group, key=lambda p: p.first).determiner
    return _holder_from_context(clause, phrase, (first, last), determiner, known)


def _holder_after(clause: Clause, phrase: RolePhrase, last_of_group: int) -> list[_Holder]:
    """After: "le PDG de Y, X" / "le directeur de la technologie X" / "Acme CEO X"."""
    tokens = clause.tokens
    after = last_of_group + 1
    if after < len(tokens) and tokens[after].text == ",":
        after += 1
    else:
        # "l'ancien chercheur en recherche X": a few plain words may sit between the role and the name.
        skip = after
        while skip < len(tokens) and skip - after < 3 and tokens[skip].text.islower() and tokens[skip].text.isalpha():
            skip += 1
        skipped = clause.mention(skip)
        if skipped is not None and skipped.type == "person":
            after = skip
    mention = clause.mention(after)
    if mention is not None and mention.type == "person":
        return [(mention, phrase.first, clause.last_index_of(mention), None)]
    return []


def _holder_named_before(clause: Clause, phrase: RolePhrase, first_of_group: int, table: RoleTables) -> list[_Holder]:
    """Named right before the role: "Acme a nommé X directrice générale", "Acme named X CEO"."""
    tokens = clause.tokens
    named = clause.mention(first_of_group - 1) if first_of_group > 0 else None
    if named is None or named.type != "person":
        return []
    verb = ends_with(tokens, clause.index_at(named.start), table.appointing)
    if verb is None:
        return []
    _org_from_appointer(clause, phrase, verb.start)
    return [(named, verb.start, phrase.last, " ".join(t.text for t in tokens[verb.start : verb.end]))]


def _holders_in_apposition(
    clause: Clause, phrase: RolePhrase, first_of_group: int, last_of_group: int
) -> list[_Holder]:
    """Before: "X, le PDG de Y" / "X (lui aussi cofondateur" / "X et Y, les cofondateurs de Z"."""
    tokens = clause.tokens
    before = first_of_group - 1
    if before < 1 or tokens[before].text not in {",", "("}:
        return []
    mention = clause.mention(before - 1)
    # Without an article, an apposition closed by a comma: "X, Acme's interim CEO, said", "X, PDG d'Acme, a dit".
    closed = phrase.org is not None and (
        last_of_group + 1 >= len(tokens) or tokens[last_of_group + 1].text in {",", ")", ".", ";"}
    )
    if mention is None or mention.type != "person" or not (phrase.determiner or tokens[before].text == "(" or closed):
        return []
    start = clause.index_at(mention.start)
    holders: list[_Holder] = [(mention, start, phrase.last, None)]
    if phrase.determiner in _PLURAL_ARTICLES and start >= 2 and tokens[start - 1].lower in _AND:
        other = clause.mention(start - 2)
        if other is not None and other.type == "person":
            holders.insert(0, (other, clause.index_at(other.start), phrase.last, None))
    return holders


def _holders_by_cue(
    clause: Clause, phrase: RolePhrase, cue: PhraseMatch, agent: tuple[list[Mention], int], table: RoleTables
) -> list[_Holder]:
    """The people before a cue that gives them the post ("X en tant que PDG"), past a predecessor."""
    tokens = clause.tokens
    people, start = agent
    # "X a succédé à Y au poste de PDG", "X took over from Y as CEO": Y is the predecessor.
    succession = ends_with(tokens, start, table.succeeds)
    if succession is not None and not _passive_before(tokens, succession.start):
        successor = clause.agent_before(succession.start)
        if successor is None:
            return []
        people, start = successor
    verb = ends_with(tokens, start, table.appointing)
    if verb is not None:
        _org_from_appointer(clause, phrase, verb.start)
    wording = " ".join(t.text for t in tokens[cue.start : cue.end])
    return [(person, min(start, cue.start), phrase.last, wording) for person in people]


def _holder_from_context(
    clause: Clause,
    phrase: RolePhrase,
    group: tuple[int, int],
    determiner: str | None,
    known: dict[tuple[str, str | None], Mention],
) -> list[_Holder]:
    """A role phrase with an article opening the sentence, no name: the last person named before."""
    tokens = clause.tokens
    first_of_group, last_of_group = group
    opening = first_of_group == 0 or (first_of_group <= 2 and tokens[0].lower in _SENTENCE_OPENERS)
    if not opening or determiner not in _SINGULAR_ARTICLES:
        return []
    holder = known.get((phrase.predicate, phrase.org.name if phrase.org else None))
    if holder is None:
        people = clause.people_before(clause.sentence.start, 1)
        holder = people[0] if people else None
    if holder is None:
        return []
    start, end = clause.span(first_of_group, last_of_group)
    clause.entities.describe(
        Mention(
            start,
            end,
            clause.sentence.text[start - clause.sentence.start : end - clause.sentence.start],
            holder.name,
            "person",
        )
    )
    return [(holder, first_of_group, last_of_group, None)]


def _passive_before(tokens: list, index: int) -> bool:
    """ "X was replaced as CEO": the verb at `index` is passive, so X is not the successor."""
    return index > 0 and tokens[index - 1].lower in _PASSIVE_AUXILIARIES


def _org_from_appointer(clause: Clause, phrase: RolePhrase, verb_start: int) -> None:
    """ "Acme named X as interim CEO": a post with no organisation of its own is at the one naming X."""
    if phrase.org is None:
        phrase.org = clause.org_agent_before(verb_start)


def _leads_before(clause: Clause, index: int, table: RoleTables) -> bool:
    for position in range(max(0, index - 8), index):
        if match_at(clause.tokens, position, table.lead_verbs) is not None:
            return True
    return False


def _role_fact(
    source: str,
    text: str,
    clause: Clause,
    phrase: RolePhrase,
    holder: Mention,
    first: int,
    last: int,
    wording: str | None,
    former: bool,
    org: str | None,
) -> Fact:
    role_words = " ".join(t.text for t in clause.tokens[phrase.core_first : phrase.last + 1])
    return make_fact(
        source,
        text,
        clause,
        FactKind.role,
        phrase.core_first,
        (first, last),
        subject=holder.name,
        predicate=phrase.predicate,
        obj=org,
        wording=wording or role_words,
        modality=Modality.former if former else Modality.asserted,
    )


def _replacements(
    source: str, text: str, clause: Clause, phrases: list[RolePhrase], table: RoleTables, before: list[Fact]
) -> list[Fact]:
    """ "remplacé par X": X takes the post of the role named before in the sentence; "She was
    replaced by X" with no post named: X takes the post the article last gave her (`before`)."""
    facts = []
    tokens = clause.tokens
    for index in range(len(tokens)):
        match = (
            match_at(tokens, index, table.replaced_by) if could_start(table.replaced_by, tokens[index].lower) else None
        )
        if match is None:
            continue
        found = clause.person_after(match.end, limit=3)
        if found is None:
            continue
        person, last = found
        previous = [p for p in phrases if p.last < match.start]
        # Someone named to replace a person just dismissed holds the post in the interim.
        dismissed = any(t.lower.startswith(_DISMISSAL_STEMS) for t in tokens[: match.start])
        wording = " ".join(t.text for t in tokens[match.start : match.end])
        if previous:
            phrase = previous[-1]
            predicate = phrase.predicate if phrase.interim or not dismissed else f"interim {phrase.role}"
            org = phrase.org.name if phrase.org is not None else None
        else:
            post = _replaced_post(clause, match.start, table, before)
            if post is None:
                continue
            predicate = (
                post.predicate
                if post.predicate.startswith("interim ") or not dismissed
                else f"interim {post.predicate}"
            )
            if any(f.subject == person.name and _base_post(f.predicate) == _base_post(predicate) for f in before):
                continue  # "replaced by X as interim CEO": the cue already gave X the post
            org = post.object
        facts.append(
            make_fact(
                source,
                text,
                clause,
                FactKind.role,
                match.start,
                (match.start, last),
                subject=person.name,
                predicate=predicate,
                obj=org,
                wording=wording,
                modality=Modality.asserted,
            )
        )
    return facts


def _replaced_post(clause: Clause, index: int, table: RoleTables, before: list[Fact]) -> Fact | None:
    """The post of the person replaced ("She was replaced by"): the one the article last gave them."""
    agent = clause.agent_before(index, limit=6)
    if agent is None or len(agent[0]) != 1:
        return None
    return _previous_post(before, clause.tokens[index].start, table, holder=agent[0][0].name)


def _interim_heads(
    source: str, text: str, clause: Clause, table: RoleTables, before: list[Fact], context: Mention | None
) -> list[Fact]:
    """ "X assure l'intérim à la tête de Y", "X is acting head of Y": X is Y's interim CEO.

    "X prend la direction par intérim" names no organisation: it is the one of the same post last
    named (`before`, the role facts of this sentence and the two before), or else `context`.
    "X assure l'intérim", "l'intérim sera assuré par X": X holds the post of the person who just
    left or was named, in the interim; with no such post, nothing is said.
    """
    facts: list[Fact] = []
    tokens = clause.tokens
    if not any(t.lower in _INTERIM_WORDS for t in tokens):
        return facts  # every interim wording names the interim ("intérim", "interim", "acting")
    for match, post, people, first, last in _interim_holders(clause, table):
        org_after = clause.org_after(match.end, limit=3)
        names = {p.name for p in people}
        previous = _previous_post(before, tokens[match.start].start, table, other_than=names, post=post)
        if (
            previous is not None
            and previous.object
            and org_after is not None
            and squash(previous.object) != squash(org_after[0].name)
        ):
            previous = None  # a post at another organisation is not the one held here
        if post is None and previous is not None:
            post = _base_post(previous.predicate)
        elif post is None and org_after is not None:
            post = "ceo"  # "X assure l'intérim chez Y": the head of Y
        elif post is None:
            continue
        if org_after is not None:
            org: str | None = org_after[0].name
            last = max(last, org_after[1])
        elif previous is not None and previous.object:
            org = previous.object
        else:
            org = context.name if context is not None else None
        for person in people:
            facts.append(
                make_fact(
                    source,
                    text,
                    clause,
                    FactKind.role,
                    match.start,
                    (first, last),
                    subject=person.name,
                    predicate=f"interim {post}",
                    obj=org,
                    wording=" ".join(t.text for t in tokens[match.start : match.end]),
                    modality=Modality.asserted,
                )
            )
    return facts


def _interim_holders(
    clause: Clause, table: RoleTables
) -> list[tuple[PhraseMatch, str | None, list[Mention], int, int]]:
    """Who holds an interim: the words that say so, the post they name (None: the one last named),
    the people, and the token span of the quote.

    "X assure l'intérim" / "X prend la direction par intérim": X is the agent of the words;
    "l'intérim (de la direction financière) sera assuré par X": X follows them.
    """
    tokens = clause.tokens
    found: list[tuple[PhraseMatch, str | None, list[Mention], int, int]] = []
    for match in find_all(tokens, table.interim_head):
        agent = clause.agent_before(match.start, limit=6)
        if agent is None:
            continue
        post, last = _noun_post(clause, match.start, match.end, table)
        if post is None and match.key == "head":
            post = "ceo"  # "acting head of Y"
        found.append((match, post, agent[0], agent[1], max(last, match.end - 1)))
    for match in find_all(tokens, table.interim_by):
        noun = next(
            (p for p in range(match.start - 1, max(-1, match.start - 8), -1) if tokens[p].lower in table.interim_nouns),
            None,
        )
        if noun is None or any(t.text in {",", ";", ":", "."} for t in tokens[noun : match.start]):
            continue
        person = clause.person_after(match.end, limit=3)
        if person is None:
            continue
        start = noun - 1 if noun > 0 and tokens[noun - 1].lower in _DETERMINERS else noun
        post, _ = _noun_post(clause, noun, match.start, table)
        found.append((PhraseMatch(noun, match.end, "by"), post, [person[0]], start, person[1]))
    return found


def _noun_post(clause: Clause, first: int, end: int, table: RoleTables) -> tuple[str | None, int]:
    """The post a noun among tokens first..end-1 names ("la direction financière" the CFO's, "la
    direction", "la tête" the CEO's; None without such a noun), and the last token that names it."""
    tokens = clause.tokens
    for position in range(first, end):
        word = tokens[position].lower
        if word not in table.post_nouns:
            continue
        as_role = table.post_nouns[word]
        if as_role:
            # Read "direction financière" as "directrice financière", with the words that follow.
            following = " ".join(t.text for t in tokens[position + 1 : position + 5])
            match = match_at(tokenize(plain(f"{as_role} {following}")), 0, table.roles)
            if match is not None and match.end > 1:
                return match.key, position + match.end - 1
        return "ceo", position
    return None, -1


def _founders(source: str, text: str, clause: Clause, table: RoleTables) -> list[Fact]:
    """ "l'entreprise qu'il a fondée" / "X a fondé Y" / "Y, founded by X"."""
    facts = []
    tokens = clause.tokens
    for index in range(len(tokens)):
        match = match_at(tokens, index, table.founding)
        if match is None:
            continue
        org: Mention | None = None
        people: list[Mention] = []
        first = index
        if match.end < len(tokens) and tokens[match.end].lower in _AGENT_LINKS:
            found = clause.person_after(match.end + 1, limit=2)
            people = [found[0]] if found else []
            org = clause.org_before(index, limit=4)
        else:
            agent = clause.agent_before(index, limit=6)
            if agent is not None:
                people, first = agent
            relative = _relative_head(clause, first)
            if relative is not None:
                org, first = relative
                if clause.mention(first) is None:
                    org = None  # "l'entreprise qu'il a fondée": which one is not certain enough to say
            else:
                found_org = clause.org_after(match.end, limit=3)
                org = found_org[0] if found_org else None
        if not people:
            continue
        for person in people:
            facts.append(
                make_fact(
                    source,
                    text,
                    clause,
                    FactKind.role,
                    index,
                    (first, match.end - 1),
                    subject=person.name,
                    predicate="founder",
                    obj=org.name if org is not None else None,
                    wording=tokens[index].text,
                    modality=Modality.asserted,
                )
            )
    return facts


def _relative_head(clause: Clause, pronoun_index: int) -> tuple[Mention, int] | None:
    """For "l'entreprise qu'il a fondée": the organisation "l'entreprise" stands for, and where it starts."""
    tokens = clause.tokens
    position = pronoun_index - 1
    if position >= 0 and tokens[position].lower in _RELATIVE_LINKS:
        position -= 1
    mention = clause.mention(position)
    if mention is not None and mention.type == "org":
        return mention, clause.index_at(mention.start)
    start = anaphor_ending_at(position, tokens, clause.lexicon) if position >= 0 else None
    if start is not None:
        resolved = clause.entities.last_org_before(tokens[start].start, set())
        if resolved is not None:
            return resolved, start
    return None


def _leaders(source: str, text: str, clause: Clause, table: RoleTables) -> list[Fact]:
    """ "pour diriger une nouvelle équipe chez Y": the person leads a unit at Y."""
    facts = []
    tokens = clause.tokens
    for index in range(len(tokens)):
        match = match_at(tokens, index, table.lead_verbs)
        if match is None:
            continue
        window = [t.lower for t in tokens[match.end : match.end + 6]]
        if not any(w in _CONTAINERS for w in window):
            continue
        agent = clause.agent_before(index, limit=8)
        if agent is None:
            continue
        people, agent_start = agent
        first = agent_start if index - agent_start <= 4 else index
        if first > 0 and tokens[first - 1].lower in _COMPLEMENTIZERS:
            first -= 1
        if first > 0 and tokens[first - 1].lower in _PURPOSE_LINKS:
            first -= 1
        elif index > 0 and tokens[index - 1].lower in _PURPOSE_LINKS:
            first = min(first, index - 1)
        org: Mention | None
        org_found = clause.org_after(match.end, limit=14)
        if org_found is not None:
            org, last = org_found
        else:
            org = clause.org_agent_before(agent_start)
            last = match.end - 1
            while (
                last + 1 < len(tokens)
                and tokens[last + 1].text not in {",", ";", ".", ":", "(", "»", "«"}
                and last - match.end < 10
            ):
                last += 1
        for person in people:
            facts.append(
                make_fact(
                    source,
                    text,
                    clause,
                    FactKind.role,
                    index,
                    (first, last),
                    subject=person.name,
                    predicate="leads a unit at",
                    obj=org.name if org is not None else None,
                    wording=" ".join(t.text for t in tokens[match.start : min(len(tokens), match.end + 3)]),
                    modality=Modality.planned,
                )
            )
    return facts


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per id, and per (holder, post, organisation) among overlapping quotes: the longest."""
    seen: dict[str, Fact] = {}
    for fact in facts:
        seen.setdefault(fact.id, fact)
    kept: list[Fact] = []
    for fact in sorted(seen.values(), key=lambda f: -(f.evidence.end - f.evidence.start)):
        same = [
            k
            for k in kept
            if (k.subject, k.predicate, k.object) == (fact.subject, fact.predicate, fact.object)
            and k.evidence.start <= fact.evidence.end
            and fact.evidence.start <= k.evidence.end
        ]
        if not same:
            kept.append(fact)
    return sorted(kept, key=lambda f: (f.evidence.start, f.id))
