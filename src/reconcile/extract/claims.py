"""Claim facts: accusations and reasons ("pour avoir trompé les investisseurs", "not consistently
candid with the board"), and assurances a speaker gives ("X a assuré que ...").

Rules (word tables in data/claims.yaml):
- an accusation phrase is reduced to one English wording ("deceiving", "lack of honesty"), and
  the group it is aimed at, when the sentence names one, to another ("the board", "the
  investors"): "trompé les investisseurs" is "deceiving the investors", "un manque d'honnêteté
  vis-à-vis des actionnaires majoritaires" is "lack of honesty towards the majority shareholders";
- the accused is the agent of a passive ("trompés par X"), else the person the clause is about,
  else the person whose dismissal the article reported last;
- the predicate is "fired for" when a dismissal is reported in the sentence or the two before it,
  "accused of" otherwise; "prétendument"/"allegedly" makes the claim reported;
- who made the claim (attribution) is the name or group before a verb of saying in the sentence;
- "assurer" followed by a duty ("l'intérim", "la direction") runs something: not a claim.
"""

from __future__ import annotations

from functools import lru_cache

from reconcile.extract.context import Clause, build_table, find_all, load_data, make_fact, match_at, merge_languages
from reconcile.extract.entities import EntityIndex, Mention
from reconcile.extract.language import Sentence
from reconcile.models import Fact, FactKind, Modality

_SPEECH = {"a", "avait", "ont", "avaient", "évoqué", "évoque", "considéré", "considère", "déclaré", "déclare", "estimé",
           "estime", "affirmé", "affirme", "indiqué", "indique", "expliqué", "explique", "dit", "said", "says", "stated",
           "told", "claimed", "cited", "citing", "alleged"}
_ALLEGED = {"prétendument", "présumément", "supposément", "allegedly", "reportedly", "supposedly"}
_PASSIVE = {"été", "been", "was", "were", "être"}
_FIRING_WORDS = {"limogé", "limogeage", "licencié", "licenciement", "renvoyé", "démis", "évincé", "éviction", "fired",
                 "ousted", "dismissed", "removed", "renvoi", "destitué", "choix", "décision", "firing", "ouster"}


class ClaimTables:
    def __init__(self) -> None:
        data = load_data("claims.yaml")
        self.accusations = build_table({k: merge_languages(v) for k, v in data["accusations"].items()})
        self.targets = build_table({k: merge_languages(v) for k, v in data["targets"].items()})
        self.towards = build_table({"towards": merge_languages(data["towards"])})
        self.assurances = build_table({k: merge_languages(v) for k, v in data["assurances"].items()})
        self.duties = build_table({"duty": merge_languages(data["duties"])})


@lru_cache(maxsize=1)
def tables() -> ClaimTables:
    """The word tables, read once per process."""
    return ClaimTables()


def extract_claims(
    source: str, text: str, sentences: list[Sentence], entities: EntityIndex, facts_so_far: list[Fact]
) -> list[Fact]:
    """Claim facts of one article; `facts_so_far` (its events) tells who was dismissed."""
    table = tables()
    firings = [f for f in facts_so_far if f.kind is FactKind.event and f.predicate == "fired"]
    claims: list[Fact] = []
    for number, sentence in enumerate(sentences):
        clause = Clause(sentence, entities)
        near_firing = _near_firing(sentences, number, firings)
        for match in find_all(clause.tokens, table.accusations):
            fact = _accusation(source, text, clause, match.start, match.end, match.key, table, firings, near_firing)
            if fact is not None:
                claims.append(fact)
        claims += _assurances(source, text, clause, table)
    return claims


def _near_firing(sentences: list[Sentence], number: int, firings: list[Fact]) -> bool:
    window_start = sentences[max(0, number - 2)].start
    window_end = sentences[number].end
    if any(window_start <= f.evidence.start < window_end for f in firings):
        return True
    words = sentences[number].text.lower()
    return any(word in words for word in ("justifier ce choix", "pour justifier", "fired", "licencié", "limogé", "renvoyé"))


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
    last = end - 1
    target: str | None = None
    towards = False
    accused: Mention | None = None
    quote_first = first
    if first > 0 and tokens[first - 1].lower in {"un", "une", "le", "la", "a", "the"}:
        quote_first = first - 1
    while quote_first > 0 and tokens[quote_first - 1].lower in _ALLEGED | {"pour", "avoir", "for", "having"}:
        quote_first -= 1

    # Passive: "ils avaient été trompés par X" -- the subject is the target, X the accused.
    if first > 0 and tokens[first - 1].lower in _PASSIVE and end < len(tokens) and tokens[end].lower in {"par", "by"}:
        found = clause.person_after(end + 1, limit=3)
        if found is not None:
            accused, last = found
        subject = first - 1
        while subject > 0 and tokens[subject - 1].lower in {"avaient", "avait", "ont", "a", "had", "have", "has", "were", "was"}:
            subject -= 1
        if subject > 0:
            quote_first = subject - 1
            target = _target_before(clause, subject - 1, table)
    else:
        # Target right after: "trompé les investisseurs", "vis-à-vis des actionnaires majoritaires".
        position = end
        towards_match = match_at(tokens, position, table.towards)
        if towards_match is not None:
            towards = True
            position = towards_match.end
        while position < len(tokens) and tokens[position].lower in {"les", "le", "la", "l'", "des", "du", "the", "its", "his", "her", "their", "ses", "son", "sa", "leurs"}:
            position += 1
        found_target = match_at(tokens, position, table.targets)
        if found_target is not None and found_target.start - end <= 4:
            target = found_target.key
            last = found_target.end - 1
        else:
            towards = False
        agent = clause.agent_before(first, limit=12)
        if agent is not None:
            accused = agent[0][0]
    if accused is None:
        previous = [f for f in firings if f.evidence.start < tokens[first].start]
        if previous and previous[-1].subject:
            accused = Mention(0, 0, previous[-1].subject, previous[-1].subject, "person")
    if accused is None:
        return None
    wording = key if target is None else f"{key} towards {target}" if towards or key != "deceiving" else f"{key} {target}"
    modality = Modality.reported if any(t.lower in _ALLEGED for t in tokens[max(0, first - 3) : first]) else Modality.asserted
    return make_fact(
        source, text, clause, FactKind.claim, first, (quote_first, last),
        subject=accused.name, predicate="fired for" if near_firing else "accused of", obj=wording,
        wording=" ".join(t.text for t in tokens[first:end]), modality=modality,
        attribution=_speaker(clause, first), per_person=False,
    )


def _target_before(clause: Clause, position: int, table: ClaimTables) -> str | None:
    """The group a pronoun stands for: "le conseil de surveillance ... a considéré qu'ils"."""
    for index in range(position - 1, -1, -1):
        match = match_at(clause.tokens, index, table.targets)
        if match is not None:
            return match.key
    return None


def _speaker(clause: Clause, before: int) -> str | None:
    """Who says it: the name or group right before a verb of saying earlier in the sentence."""
    tokens = clause.tokens
    for index in range(before - 1, 0, -1):
        if tokens[index].lower in _SPEECH - {"a", "avait", "ont", "avaient"}:
            position = index - 1
            while position >= 0 and tokens[position].lower in {"a", "avait", "ont", "avaient", "has", "had", "have", "nous", "lui", "leur"}:
                position -= 1
            mention = clause.mention(position)
            if mention is not None:
                return mention.name
            for start in range(max(0, position - 6), position + 1):
                target = match_at(tokens, start, tables().targets)
                if target is not None:
                    return target.key
            return None
    return None


def _assurances(source: str, text: str, clause: Clause, table: ClaimTables) -> list[Fact]:
    """"X nous a assuré qu'il y aurait des postes pour tous les employés de Y": a claim X makes about Y's employees."""
    from reconcile.extract.lexicon import load_lexicon

    lexicon = load_lexicon()
    tokens = clause.tokens
    facts = []
    for match in find_all(tokens, table.assurances):
        if match_at(tokens, match.end, table.duties) is not None:
            continue  # "assure l'intérim": a post held, not a claim (roles reads it)
        position = match.start - 1
        while position >= 0 and tokens[position].lower in {"a", "avait", "ont", "has", "had", "have", "nous", "lui", "leur", "us", "them"}:
            position -= 1
        speaker = clause.mention(position)
        if speaker is None:
            continue
        content_start = match.end
        last = content_start
        about: str | None = None
        for index in range(content_start, min(len(tokens), content_start + 20)):
            token = tokens[index]
            if token.text in {".", ";", "\u201d", "\u00bb", '"'}:
                break
            last = index
            group = lexicon.people_nouns.get(token.lower)
            if group is not None and index + 2 < len(tokens) and tokens[index + 1].lower in {"d'", "de", "du", "of"}:
                owner = clause.mention(index + 2)
                if owner is not None:
                    about = f"{owner.name} {group}"
                    last = clause.last_index_of(owner)
                    break
            mention = clause.mention(index)
            if mention is not None and mention.name != speaker.name:
                about = mention.name
                last = clause.last_index_of(mention)
                break
        if about is None:
            continue
        facts.append(make_fact(
            source, text, clause, FactKind.claim, match.start, (clause.index_at(speaker.start), last),
            subject=speaker.name, predicate=match.key, obj=about,
            wording=" ".join(t.text for t in tokens[match.start : last + 1]), modality=Modality.asserted,
            attribution=speaker.name, per_person=False,
        ))
    return facts
