"""Event facts: a person joins, leaves, is fired from or returns to an organisation.

Rules (word tables in data/events.yaml):
- a verb whose subject is the person ("il rejoignait X", "X quits Y"): the person is the agent
  before the verb (pronouns resolve to people named before; "X, Y et leurs collègues" gives all
  of them), the organisation the first one named after it;
- a verb whose subject is the employer ("X embaucherait Y", "Acme hired Y"): the person comes
  after it, the organisation before it;
- a passive ("Y a été limogé d'X", "Y was fired"): the person is before the auxiliary;
- a noun ("le limogeage de Y", "le départ du cofondateur d'X Y"): the person follows it;
  "cette embauche" with no person is the last hiring the article reported; "des ex-dirigeants"
  stands for the two people named last;
- the modality comes from the sentence: on hold, failed, denied, announced, conditional
  (including a French conditional verb), reported; otherwise asserted.

Site events (an organisation closes a plant, halts production at a site): a verb or a noun of the
`site_events` table with a site noun ("plants", "usines") within a few words after it. The site is
the phrase up to the site noun and the names it takes ("usines de X (dept) et Y", "its X and Y
production plants"); the organisation is the one doing the verb, else a name right after the site
noun ("usines Acme de X"), else the one named before in the sentence; with a possessive ("its
plants", "ses usines") and no name, the organisation named last in the article.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from reconcile.extract.context import (
    CLAUSE_BREAKS,
    ArticleContext,
    Clause,
    PhraseMatch,
    anaphor_ending_at,
    build_table,
    could_start,
    find_all,
    make_fact,
    match_at,
    merge_languages,
)
from reconcile.extract.entities import Mention
from reconcile.extract.language import Token, tokenize
from reconcile.models import Fact, FactKind, Modality
from reconcile.tables import load_data, word_set, word_sets_by_language

FORMS = ("verbs", "hire", "passive", "nouns")
_PASSIVE_AUX = word_set("passive_auxiliaries", family="events")
_PERFECT_AUX = word_set("perfect_auxiliaries", family="events")
_PLURAL_PEOPLE = word_set("plural_people", family="events")
_ATTEMPTS = word_set("attempts", family="events")
_TIME_PREPOSITIONS = word_set("time_prepositions", family="events")
_BREAKS = word_set("clause_breaks", family="events") | {",", ";", ":"}
_CONDITIONAL_ENDINGS = word_sets_by_language("conditional_endings", family="events")
_REACHED = word_set("agreements/reached", family="events")
_DEMONSTRATIVES = word_set("demonstratives")
_NOUN_OPENERS = word_set("demonstratives", "singular_articles", "partitives", "indefinite_articles")
_ATTEMPT_OPENERS = word_set("articles", "partitives", "of_links")
_PERSON_LINKS = word_set("of_links", "partitives")
_SINGULAR_ARTICLES = word_set("singular_articles")
_AND = word_set("and_words")
_CONJUNCTIONS = word_set("conjunctions")
_COMPLEMENTIZERS = word_set("complementizers")
_AGENT_LINKS = word_set("agent_links")
_BETWEEN = word_set("between_words")
_FROM_LINKS = word_set("from_links")
_OF_LINKS = word_set("of_links")
_MODALITY_ORDER = [
    Modality.denied,
    Modality.on_hold,
    Modality.failed,
    Modality.announced,
    Modality.conditional,
    Modality.reported,
]


class EventTables:
    def __init__(self) -> None:
        data = load_data("events.yaml")
        self.labels = {key: spec["label"] for key, spec in data["events"].items()}
        self.forms = {
            form: build_table(
                {key: merge_languages(spec.get(form)) for key, spec in data["events"].items() if spec.get(form)}
            )
            for form in FORMS
        }
        self.modality = build_table({key: merge_languages(words) for key, words in data["modality"].items()})
        agreements = data["agreements"]
        self.agreement = build_table({"agreement": merge_languages(agreements["phrases"])})
        self.reached = build_table({"reached": merge_languages(agreements["reached"])})
        self.talks = build_table({"talks": merge_languages(agreements["talks"])})
        self.return_words = build_table({"returns": merge_languages(agreements["return_words"])})


class SiteTables:
    def __init__(self) -> None:
        data = load_data("events.yaml")
        specs = data["site_events"]
        self.labels = {key: spec["label"] for key, spec in specs.items()}
        self.verbs = build_table({k: merge_languages(v.get("verbs")) for k, v in specs.items() if v.get("verbs")})
        self.nouns = build_table({k: merge_languages(v.get("nouns")) for k, v in specs.items() if v.get("nouns")})
        self.site_nouns = frozenset(merge_languages(data["site_nouns"]))


@lru_cache(maxsize=1)
def site_tables() -> SiteTables:
    return SiteTables()


@lru_cache(maxsize=1)
def tables() -> EventTables:
    """The word tables, read once per process."""
    return EventTables()


def extract_events(article: ArticleContext) -> list[Fact]:
    """Event facts of one article, in text order."""
    source, text, sentences = article.source, article.text, article.sentences
    table = tables()
    facts: list[Fact] = []
    last_hire: Fact | None = None
    for sentence in sentences:
        tokens = tokenize(sentence.text, sentence.start)
        starts = [
            i for i, token in enumerate(tokens) if any(could_start(table.forms[form], token.lower) for form in FORMS)
        ]
        if not starts:
            continue  # no event word here: most sentences of an article
        clause = article.clause(sentence)
        index = 0
        while index < len(clause.tokens):
            following = bisect_left(starts, index)
            if following == len(starts):
                break
            index = starts[following]
            candidates = _matches(clause, index, table)
            produced: list[Fact] = []
            for form, match in candidates:
                produced = _event(source, text, clause, form, match, table, last_hire)
                if produced:
                    break
            for fact in produced:
                facts.append(fact)
                if fact.predicate == "joins" and fact.modality is not Modality.on_hold:
                    last_hire = fact
            index = max((m.end for _, m in candidates), default=index + 1) if produced else index + 1
    facts += _agreements(article, table)
    facts += _site_events(article)
    return _dedupe(facts)


def _agreements(article: ArticleContext, table: EventTables) -> list[Fact]:
    """ "Un terrain d'entente a été trouvé" after talks "entre X et Y": X's case was agreed."""
    source, text = article.source, article.text
    facts = []
    clauses = [article.clause(s) for s in article.sentences]
    for number, clause in enumerate(clauses):
        tokens = clause.tokens
        for match in find_all(tokens, table.agreement):
            reached = any(find_all(tokens[max(0, match.start - 6) : match.end + 6], table.reached))
            if not reached:
                continue
            person, org, about_return = _parties_between(clauses[max(0, number - 2) : number + 1], table)
            if person is None:
                continue
            facts.append(
                make_fact(
                    source,
                    text,
                    clause,
                    FactKind.event,
                    match.start,
                    _agreement_span(tokens, match),
                    subject=person.name,
                    predicate="returns" if about_return else "agreement",
                    obj=org.name if org is not None else None,
                    wording=" ".join(t.text for t in tokens[match.start : match.end]),
                    modality=Modality.agreed,
                )
            )
    return facts


def _parties_between(clauses: list[Clause], table: EventTables) -> tuple[Mention | None, Mention | None, bool]:
    """The person and organisation of talks "entre X et Y" in these clauses (the latest first), and
    whether the talks were about a return."""
    person: Mention | None = None
    org: Mention | None = None
    about_return = False
    for earlier in reversed(clauses):
        if find_all(earlier.tokens, table.return_words):
            about_return = True
        for index, token in enumerate(earlier.tokens):
            if token.lower not in _BETWEEN:
                continue
            for position in range(index + 1, min(index + 8, len(earlier.tokens))):
                mention = earlier.mention(position)
                if mention is None:
                    continue
                if mention.type == "person" and person is None:
                    person = mention
                elif mention.type == "org" and org is None:
                    org = mention
        if person is not None:
            break
    return person, org, about_return


def _agreement_span(tokens: list[Token], match: PhraseMatch) -> tuple[int, int]:
    """The agreement's words up to the punctuation around it, ending at the verb that reached it."""
    first = match.start
    while first > 0 and first > match.start - 6 and tokens[first - 1].text not in {",", ";", ":", "."}:
        first -= 1
    last = match.end - 1
    while last + 1 < len(tokens) and last < match.end + 5 and tokens[last + 1].text not in {",", ";", ":", "."}:
        last += 1
        if tokens[last].lower in _REACHED:
            break
    return first, last


def _matches(clause: Clause, index: int, table: EventTables) -> list[tuple[str, PhraseMatch]]:
    """Every reading of the words at `index`, the likeliest first.

    A passive after an auxiliary comes first; then the employer reading when a person follows
    ("réintègre X"); then the person-as-subject verb; then the noun.
    """
    found = []
    for form in FORMS:
        match = match_at(clause.tokens, index, table.forms[form])
        if match is None or (form == "passive" and not _after_auxiliary(clause, index)):
            continue
        found.append((form, match))

    def rank(item: tuple[str, PhraseMatch]) -> tuple[int, int]:
        form, match = item
        person_follows = clause.person_after(match.end, limit=3) is not None
        order = {"passive": 0, "hire": 1 if person_follows else 4, "verbs": 2, "nouns": 3}[form]
        return order, -(match.end - match.start)

    return sorted(found, key=rank)


def _after_auxiliary(clause: Clause, index: int) -> bool:
    for position in range(index - 1, max(-1, index - 3), -1):
        if clause.tokens[position].lower in _PASSIVE_AUX:
            return True
    return False


_Parties = tuple[list[Mention], Mention | None, int, int]


def _event(
    source: str, text: str, clause: Clause, form: str, match: PhraseMatch, table: EventTables, last_hire: Fact | None
) -> list[Fact]:
    tokens = clause.tokens
    if form == "verbs":
        parties = _verb_parties(clause, match)
    elif form == "hire":
        parties = _hire_parties(clause, match)
    elif form == "passive":
        parties = _passive_parties(clause, match)
    else:
        parties = _noun_event(clause, match, last_hire)
    if parties is None or not parties[0]:
        return []
    people, org, first, last = parties
    modality, modality_last = _modality(clause, match, form)
    last = max(last, modality_last)
    first = _extend_left(clause, first, match)
    facts = []
    for person in people:
        obj = org.name if org is not None else None
        if form == "nouns" and last_hire is not None and people == [_as_mention(last_hire)]:
            obj = last_hire.object
        facts.append(
            make_fact(
                source,
                text,
                clause,
                FactKind.event,
                match.start,
                (first, last),
                subject=person.name,
                predicate=match.key,
                obj=obj,
                wording=" ".join(t.text for t in tokens[match.start : match.end]),
                modality=modality,
            )
        )
    return facts


def _verb_parties(clause: Clause, match: PhraseMatch) -> _Parties | None:
    """ "X rejoint Y", "X quits Y": the person before the verb, the organisation after it."""
    agent = clause.agent_before(match.start)
    if agent is None:
        return None
    people, first = agent
    org, last = None, match.end - 1
    found = clause.org_after(match.end, limit=7)
    if found is not None:
        org, last = found
    return people, org, first, last


def _hire_parties(clause: Clause, match: PhraseMatch) -> _Parties | None:
    """ "Y embauche X", "Y hired X": the person after the verb, the employer before it (or after, for a return)."""
    found_person = clause.person_after(match.end, limit=5)
    if found_person is None:
        return None
    person, last = found_person
    first = match.start
    found = clause.org_after(last + 1, limit=6) if match.key == "returns" else None
    if found is not None:
        org, last = found
        return [person], org, first, last
    employer = clause.org_agent_before(match.start, limit=8)
    if employer is not None:
        first = clause.index_at(employer.start)
    return [person], employer, first, last


def _passive_parties(clause: Clause, match: PhraseMatch) -> _Parties | None:
    """ "X a été limogé par Y", "X was fired by Y": the person before the auxiliaries, the agent after."""
    tokens = clause.tokens
    aux = match.start - 1
    while aux > 0 and (tokens[aux - 1].lower in _PASSIVE_AUX or tokens[aux - 1].lower in _PERFECT_AUX):
        aux -= 1
    agent = clause.agent_before(aux + 1)
    if agent is None:
        return None
    people, first = agent
    org, last = None, match.end - 1
    after = match.end
    if after < len(tokens) and tokens[after].lower in _AGENT_LINKS:
        found = clause.org_after(after + 1, limit=3)
    else:
        found = clause.org_after(after, limit=4)
    if found is not None:
        org, last = found
    else:
        last = _extend_complement(clause, last)
    return people, org, first, last


def _as_mention(fact: Fact) -> Mention:
    return Mention(fact.evidence.start, fact.evidence.end, fact.subject or "", fact.subject or "", "person")


def _noun_event(
    clause: Clause, match: PhraseMatch, last_hire: Fact | None
) -> tuple[list[Mention], Mention | None, int, int]:
    """People and organisation of "le limogeage de X", "le départ du cofondateur d'Y X", "cette embauche"."""
    tokens = clause.tokens
    first, last = match.start, match.end - 1
    if first > 0 and tokens[first - 1].lower in _NOUN_OPENERS:
        first -= 1
    after = match.end
    org: Mention | None = None
    # "Jeanne Morel de retour à la tête d'Acme": the person is before the phrase.
    if tokens[match.start].lower in _OF_LINKS and match.start > 0:
        mention = clause.mention(match.start - 1)
        if mention is not None and mention.type == "person":
            found = clause.org_after(after, limit=4)
            last_index = found[1] if found else last
            return [mention], found[0] if found else None, clause.index_at(mention.start), last_index
    if after < len(tokens) and tokens[after].lower in _PERSON_LINKS:
        found_person = clause.person_after(after + 1, limit=6, stop=_AND | {";"})
        if found_person is not None:
            person, person_last = found_person
            between_org = clause.org_after(after, limit=person_last - after)
            if between_org is not None and between_org[1] < clause.index_at(person.start):
                org = between_org[0]
            else:
                found = clause.org_after(person_last + 1, limit=6)
                if found is not None:
                    org, person_last = found
            people = [person]
            # "le retour de X et Y": both.
            if person_last + 2 < len(tokens) and tokens[person_last + 1].lower in _AND:
                other = clause.mention(person_last + 2)
                if other is not None and other.type == "person":
                    people.append(other)
            return people, org, first, person_last
        word = tokens[after + 1].lower if after + 1 < len(tokens) else ""
        if word in _PLURAL_PEOPLE or (
            word in {"ex-"} and after + 2 < len(tokens) and tokens[after + 2].lower in _PLURAL_PEOPLE
        ):
            people = clause.people_before(tokens[after].start, 2, window=400)
            return people, None, first, after + (2 if word == "ex-" else 1)
    # "cette embauche est en attente": the last hiring reported.
    if last_hire is not None and match.key == "joins" and tokens[max(0, match.start - 1)].lower in _DEMONSTRATIVES:
        return [_as_mention(last_hire)], None, first, last
    return [], None, first, last


_SITE_REACH = 6  # tokens between a site verb or noun and its site noun
_POSSESSIVES = word_set("possessives")
_SITE_OPENERS = word_set("articles", "partitives", "possessives", "of_links") | _DEMONSTRATIVES
_PLACE_LINKS = word_set("of_links", "partitives") | {"in", "en", "à", "au", "aux"}


def _site_events(article: ArticleContext) -> list[Fact]:
    """ "Acme will close its X and Y plants", "la fermeture des usines Acme de X": the organisation, the site."""
    sites = site_tables()
    facts = []
    for sentence in article.sentences:
        tokens = tokenize(sentence.text, sentence.start)
        if not any(could_start(sites.verbs, t.lower) or could_start(sites.nouns, t.lower) for t in tokens):
            continue
        clause = article.clause(sentence)
        for form, table in (("verbs", sites.verbs), ("nouns", sites.nouns)):
            for match in find_all(clause.tokens, table):
                site = _site_after(clause, match.end, sites.site_nouns)
                if site is None:
                    continue
                fact = _site_fact(article, clause, form, match, site)
                if fact is not None:
                    facts.append(fact)
    return facts


def _site_fact(
    article: ArticleContext, clause: Clause, form: str, match: PhraseMatch, site: tuple[int, int, int]
) -> Fact | None:
    tokens = clause.tokens
    first_site, noun, last = site
    owner = _site_owner(clause, form, match, site)
    if owner is None:
        return None
    first = match.start
    if owner.start < tokens[match.start].start and owner.end > tokens[0].start:
        first = min(first, clause.index_at(owner.start))
    modality, modality_last = _modality(clause, match, form)
    start, end = clause.span(first_site, last)
    return make_fact(
        article.source,
        article.text,
        clause,
        FactKind.event,
        match.start,
        (first, max(last, modality_last)),
        subject=owner.name,
        predicate=match.key,
        obj=article.text[start:end],
        wording=" ".join(t.text for t in tokens[match.start : match.end]),
        modality=modality,
        per_person=False,
    )


def _site_after(clause: Clause, index: int, site_nouns: frozenset[str]) -> tuple[int, int, int] | None:
    """The site phrase after a site verb or noun: (first token, the site noun, last token), or None."""
    tokens = clause.tokens
    noun = next(
        (
            i
            for i in range(index, min(index + _SITE_REACH, len(tokens)))
            if tokens[i].lower in site_nouns or tokens[i].text in CLAUSE_BREAKS | {","}
        ),
        None,
    )
    if noun is None or tokens[noun].lower not in site_nouns:
        return None
    first = index
    while first < noun and tokens[first].lower in _SITE_OPENERS:
        first += 1
    last = noun
    position = noun + 1
    while position < len(tokens):  # the names the site takes: "de X (dept) et Y", "Acme", "in France"
        word = tokens[position]
        if word.text == "(":
            close = next((i for i in range(position, min(position + 8, len(tokens))) if tokens[i].text == ")"), None)
            if close is None:
                break
            position = close + 1
            continue
        if word.text[:1].isupper() or (word.lower in _PLACE_LINKS | _AND and _capital(tokens, position + 1)):
            if word.text[:1].isupper():
                last = position
            position += 1
            continue
        break
    if last > noun and tokens[last].text == ")":
        last -= 1
    return first, noun, last


def _anaphor_before(clause: Clause, index: int, limit: int = 5) -> Mention | None:
    """ "the company has halted", "le groupe va fermer": the organisation named last before the anaphor."""
    for position in range(index - 1, max(-1, index - limit - 1), -1):
        if clause.tokens[position].text in CLAUSE_BREAKS | {","}:
            return None
        start = anaphor_ending_at(position, clause.tokens, clause.lexicon)
        if start is not None:
            return _salient_org(clause, clause.tokens[start].start)
    return None


def _salient_org(clause: Clause, position: int) -> Mention | None:
    """The organisation an article names most often before `position` (the first named of equals): what
    "the company" or "its plants" stand for when places are named between (a place may pass for an
    organisation)."""
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for mention in clause.entities.mentions:
        if mention.end > position:
            break
        if mention.type == "org":
            counts[mention.name] = counts.get(mention.name, 0) + 1
            first.setdefault(mention.name, mention)
    if not counts:
        return None
    return first[max(counts, key=lambda name: (counts[name], -first[name].start))]


def _capital(tokens: list[Token], index: int) -> bool:
    return index < len(tokens) and tokens[index].text[:1].isupper()


def _site_owner(clause: Clause, form: str, match: PhraseMatch, site: tuple[int, int, int]) -> Mention | None:
    """Who closes the site: the organisation doing the verb, one named with the site, or the one named before."""
    tokens = clause.tokens
    _, noun, last = site
    if form == "verbs":
        agent = clause.org_agent_before(match.start, limit=10) or _anaphor_before(clause, match.start)
        if agent is not None:
            return agent
    named = clause.mention(noun + 1) if noun < last else None  # "usines Acme de X", not "its X and Y plants"
    if named is not None and named.type == "org":
        return named
    if form == "nouns":
        before = clause.org_before(match.start, limit=20)
        if before is not None:
            return before
    if any(t.lower in _POSSESSIVES for t in tokens[match.end : noun]):
        return _salient_org(clause, tokens[match.start].start)
    return None


def _extend_complement(clause: Clause, last: int) -> int:
    """ "démis de ses fonctions", "removed from his post": keep the complement in the quote."""
    tokens = clause.tokens
    position = last + 1
    if position < len(tokens) and tokens[position].lower in _FROM_LINKS:
        end = position
        while (
            end + 1 < len(tokens)
            and end - position < 3
            and tokens[end + 1].text.isalpha()
            and tokens[end + 1].lower not in _CONJUNCTIONS
        ):
            end += 1
        return end
    return last


def _extend_left(clause: Clause, first: int, match: PhraseMatch) -> int:
    """Start the quote at an attempt ("les négociations de", "efforts déjoués de ... pour") or a time word."""
    tokens = clause.tokens
    for position in range(first - 1, max(-1, first - 9), -1):
        if tokens[position].text in {".", ";", ":"}:
            break
        if tokens[position].lower in _ATTEMPTS:
            if position > 0 and tokens[position - 1].lower in _ATTEMPT_OPENERS:
                return position - 1
            return position
    if first > 0 and tokens[first - 1].lower in _TIME_PREPOSITIONS:
        return first - 1
    if first > 0 and tokens[first - 1].lower in _COMPLEMENTIZERS:
        return first - 1
    # A verb group before a noun event ("a entraîné le départ de X").
    position = first
    while (
        position > 0
        and first - position < 2
        and tokens[position - 1].text.isalpha()
        and tokens[position - 1].text.islower()
        and match.key in {"leaves", "fired"}
        and tokens[first].lower in _SINGULAR_ARTICLES
    ):
        position -= 1
    return position


def _modality(clause: Clause, match: PhraseMatch, form: str) -> tuple[Modality, int]:
    """The strongest modality cue in the sentence, and the token it ends at (for the quote)."""
    table = tables()
    tokens = clause.tokens
    found: dict[Modality, int] = {}
    index = 0
    while index < len(tokens):
        cue = match_at(tokens, index, table.modality)
        if cue is not None and not (match.start <= index < match.end):
            modality = Modality(cue.key)
            distance = abs(index - match.start)
            speech = modality in (Modality.announced, Modality.reported)
            if distance <= 12 and (
                speech or not _clause_break_between(tokens, cue.end - 1 if index < match.start else index, match.start)
            ):
                found.setdefault(modality, cue.end - 1)
            index = cue.end
        else:
            index += 1
    if _negated(tokens, match):
        found.setdefault(Modality.denied, -1)
    verb = tokens[match.start].lower
    endings = tuple(_CONDITIONAL_ENDINGS.get(clause.sentence.language, ()))
    if form in ("verbs", "hire") and endings and verb.endswith(endings):
        found.setdefault(Modality.conditional, match.start)
    for modality in _MODALITY_ORDER:
        if modality in found:
            end = found[modality]
            keep = end if modality in (Modality.on_hold, Modality.failed) and end > match.start else -1
            return modality, keep
    return Modality.asserted, -1


def _clause_break_between(tokens: list, a: int, b: int) -> bool:
    low, high = min(a, b), max(a, b)
    return any(t.lower in _BREAKS for t in tokens[low + 1 : high])


_NEGATIONS = word_sets_by_language("negations")
_NEGATION_PARTICLES = word_sets_by_language("negation_particles")


def _negated(tokens: list, match: PhraseMatch) -> bool:
    """A negation in any language: where the language has particles, one before the verb and a negation
    word around it ("ne reviendrait pas", "n'a pas rejoint"); otherwise a negation word before it
    ("did not join", "never joined")."""
    before = [t.lower for t in tokens[max(0, match.start - 3) : match.start]]
    after = [t.lower for t in tokens[match.end : match.end + 2]]
    for language, negations in _NEGATIONS.items():
        particles = _NEGATION_PARTICLES.get(language, frozenset())
        if particles and any(w in particles for w in before) and any(w in negations for w in before + after):
            return True
        if not particles and any(w in negations for w in before):
            return True
    return False


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per id; a headline repeated word for word in the text counts once."""
    seen: dict[str, Fact] = {}
    quotes: set[tuple[str | None, str, str | None, str]] = set()
    for fact in sorted(facts, key=lambda f: f.evidence.start):
        key = (fact.subject, fact.predicate, fact.object, fact.evidence.quote)
        if fact.id in seen or key in quotes:
            continue
        seen[fact.id] = fact
        quotes.add(key)
    return sorted(seen.values(), key=lambda f: (f.evidence.start, f.id))
