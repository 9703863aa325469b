"""Which facts state the same thing, across sources and wordings.

A group is a question the sources answer, and the facts in it are their answers:
- numbers: "how many / how much <relation> for <subject> <object> <scope>?" -- the relation
  counts a family of wordings (a petition signed, a board told to resign); the value varies;
- exclusive posts (CEO, interim CEO, CTO...): "who holds <post> at <organisation>?" -- the holder
  varies (two holders are a succession);
- other roles (co-founder, board member): "<person> is <role> of <organisation>";
- events: "where does <person> work now?" (joins, returns), "was <person> fired / did they
  leave?", "did the attempt to bring <person> back succeed?" -- the organisation varies;
- claims: "why was <person> fired?" -- the reason varies.
Names match with `same_entity`. A fact whose organisation (or subject) is unknown joins the one
group it can belong to, and stays alone when it could belong to several.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz

from reconcile.errors import BadInput
from reconcile.models import Fact, FactGroup, FactKind, GroupStatus, Modality
from reconcile.names import squash
from reconcile.tables import load_data, word_set

NAME_THRESHOLD = 90
_LEGAL = re.compile(r"\b(corp|corporation|inc|ltd|llc|plc|sa|sas|ag|gmbh)\.?$", re.I)
ALIASES_FILE = "aliases.yaml"


@dataclass(frozen=True)
class Aliases:
    """A person's decisions on names: spellings that are one entity, and look-alikes that are not."""

    same: dict[str, str] = field(default_factory=dict)  # key -> canonical key
    different: frozenset[frozenset[str]] = frozenset()

    def canonical(self, key: str) -> str:
        return self.same.get(key, key)


@lru_cache(maxsize=65536)
def entity_key(name: str | None) -> str:
    """Comparison form of an entity name ("Acme Corp." and "acme" give one key)."""
    if not name:
        return ""
    return squash(_LEGAL.sub("", name.strip()))


def same_entity(a: str | None, b: str | None, threshold: int = NAME_THRESHOLD, aliases: Aliases | None = None) -> bool:
    """Whether two names denote one entity (both empty counts as the same).

    Equal after normalisation, or a lone surname equal to the other's last word, or rapidfuzz
    `ratio` >= threshold on the normalised forms. aliases.yaml can force or forbid a merge.
    """
    aliases = aliases or Aliases()
    key_a, key_b = aliases.canonical(entity_key(a)), aliases.canonical(entity_key(b))
    if not key_a or not key_b:
        return key_a == key_b
    if frozenset((key_a, key_b)) in aliases.different:
        return False
    if key_a == key_b:
        return True
    words_a, words_b = (a or "").split(), (b or "").split()
    if len(words_a) == 1 and len(words_b) > 1 and squash(words_b[-1]) == key_a:
        return True
    if len(words_b) == 1 and len(words_a) > 1 and squash(words_a[-1]) == key_b:
        return True
    if key_a == _firm_stem(words_b) or key_b == _firm_stem(words_a):
        return True  # "Valmora" and "Valmora Systems"
    return fuzz.ratio(key_a, key_b) >= threshold


def _firm_stem(words: list[str]) -> str:
    """The key of a name without its trailing words of a kind of firm ("Valmora Systems" -> "valmora"),
    or "" when it ends with none."""
    firm = _word_list("entities.yaml", "organisation_words")
    cut = len(words)
    while cut > 1 and words[cut - 1].lower().strip(".,") in firm:
        cut -= 1
    return entity_key(" ".join(words[:cut])) if cut < len(words) else ""


def load_aliases(articles: Path) -> Aliases:
    """articles/aliases.yaml: `same: [[names...], ...]` and `different: [[a, b], ...]`."""
    path = articles / ALIASES_FILE
    if not path.exists():
        return Aliases()
    from reconcile.store import safe_load_yaml

    data, marks = safe_load_yaml(path)
    if data is None:
        return Aliases()
    if not isinstance(data, dict) or set(data) - {"same", "different"}:
        raise BadInput(path, "expected keys `same` and `different`, each a list of lists of names", 1)
    same: dict[str, str] = {}
    different: set[frozenset[str]] = set()
    for key in ("same", "different"):
        entries = data.get(key) or []
        if not isinstance(entries, list):
            raise BadInput(path, f"`{key}` must be a list of lists of names", marks.line([key]), key)
        for index, names in enumerate(entries):
            if not isinstance(names, list) or len(names) < 2 or not all(isinstance(n, str) for n in names):
                raise BadInput(path, "each entry must list at least two names", marks.line([key, index]), key)
            keys = [entity_key(n) for n in names]
            if key == "same":
                for k in keys[1:]:
                    same[k] = keys[0]
            else:
                for i, a in enumerate(keys):
                    for b in keys[i + 1 :]:
                        different.add(frozenset((a, b)))
    return Aliases(same=same, different=frozenset(different))


@dataclass(frozen=True)
class Knowledge:
    exclusive_posts: frozenset[str]
    action_family: dict[str, str]
    crowd_nouns: frozenset[str] = frozenset()  # "people", "manifestants": one crowd, however it is called
    counters: dict[str, str] = field(default_factory=dict)  # a counter's name, lower case -> its class
    toll_actions: frozenset[str] = frozenset()  # killed, injured, missing
    toll_nouns: frozenset[str] = frozenset()  # "dead", "morts", "employees": the victims of a toll, however called


def knowledge() -> Knowledge:
    roles = load_data("roles.yaml")
    numbers = load_data("numbers.yaml")
    family = {action: name for name, actions in numbers.get("action_families", {}).items() for action in actions}
    nouns = numbers.get("people_nouns", {})
    crowd = {
        str(word).lower()
        for name in numbers.get("crowd_classes", [])
        for words in (nouns.get(name) or {}).values()
        for word in words or []
    }
    counters = {
        str(name).lower(): counter
        for counter, by_language in load_data("qualify.yaml").get("counters", {}).items()
        for names in by_language.values()
        for name in names or []
    }
    toll = {
        str(word).lower()
        for name in numbers.get("toll_classes", [])
        for words in (nouns.get(name) or {}).values()
        for word in words or []
    } | {str(name) for name in numbers.get("toll_classes", [])}
    return Knowledge(
        frozenset(roles.get("exclusive_posts", [])),
        family,
        frozenset(crowd),
        counters,
        frozenset(numbers.get("toll_actions", [])),
        frozenset(toll),
    )


def unit_class(fact: Fact) -> str:
    value = fact.effective_value()
    if value is None:
        return ""
    return value.currency or value.unit or ""


def _bare(words: frozenset[str]) -> frozenset[str]:
    """Words as the scope key splits them (on `\\w+`): "l'" is "l"."""
    return frozenset(word.rstrip("'") for word in words)


_OF = _bare(word_set("of_links", "partitives"))  # "in the streets of Valmora", "dans les rues de Valmora"
_SCOPE_STOP = _bare(word_set("articles", "of_links", "partitives") | word_set("scope_fillers", family="qualify"))


@cache
def _word_set(table: str, key: str) -> frozenset[str]:
    """The words of one list of a data table, over its languages, in lower case."""
    return frozenset(str(w).lower() for ws in (load_data(table).get(key) or {}).values() for w in ws or [])


@cache
def _word_list(table: str, key: str) -> frozenset[str]:
    """The words of one plain list of a data table, in lower case."""
    return frozenset(str(w).lower() for w in load_data(table).get(key) or [])


def _scope_key(scope: str | None) -> str:
    """A scope as compared: its words without prepositions and articles, and without a place noun
    before "of"/"de" and a name, so "in the streets of Valmora", "dans les rues de Valmora" and
    "à Valmora" are one scope; the whole-country phrases are one scope, "national"."""
    if not scope:
        return ""
    if " ".join(scope.lower().split()) in _word_set("qualify.yaml", "national_scopes"):
        return "national"
    places = _word_set("qualify.yaml", "place_nouns")
    words = re.findall(r"\w+", scope.lower())
    named = [w for i, w in enumerate(words) if not (w in places and i + 1 < len(words) and words[i + 1] in _OF)]
    key = [w for w in named if w not in _SCOPE_STOP]
    return " ".join(key or [w for w in words if w not in _SCOPE_STOP] or words)


_NEEDS_AN_OWNER = {"change", "share", "amount"}  # relations that say nothing without whose figure it is
_UNCOMPARED = {"amount"}  # money with nothing said of what it pays for: €15m and €117m answer no one question


@dataclass
class Question:
    """What a fact answers: the bucket it is compared in, and the names that must match."""

    bucket: tuple[str, ...]
    subject: str | None
    object: str | None
    match_subject: bool
    match_object: bool


def question(fact: Fact, know: Knowledge) -> Question:
    """The question a fact answers (see the module rules)."""
    predicate = fact.predicate.strip().lower()
    if fact.kind is FactKind.number:
        family = know.action_family.get(predicate, predicate)
        subject = fact.subject
        if subject and subject.strip().lower() in know.crowd_nouns:
            subject = "people"  # the counted crowd itself, not an entity: any name for it is the same
        elif subject and predicate in know.toll_actions and subject.strip().lower() in know.toll_nouns:
            subject = "people"  # the victims of a toll, however an outlet calls them
        if predicate in _UNCOMPARED or (not subject and not fact.object and predicate in _NEEDS_AN_OWNER):
            # "rose nearly 6%" and "up 9%" with nothing said of what rose: no question they share.
            return Question(
                ("number", family, unit_class(fact), _scope_key(fact.scope), fact.id), None, None, True, True
            )
        return Question(("number", family, unit_class(fact), _scope_key(fact.scope)), subject, fact.object, True, True)
    if fact.kind is FactKind.role:
        if predicate in know.exclusive_posts:
            return Question(("post", predicate), None, fact.object, False, True)
        return Question(("role", predicate), fact.subject, fact.object, True, True)
    if fact.kind is FactKind.event:
        if predicate in ("joins", "returns"):
            family = "attempt" if fact.modality in (Modality.failed, Modality.agreed) else "employer"
        else:
            family = predicate
        return Question(("event", family), fact.subject, None, True, False)
    # Why someone left: fired for one reason or leaving for another are accounts of one departure.
    family = "departure" if predicate.startswith("fired") or predicate == "reason for leaving" else predicate
    return Question(("claim", family), fact.subject, None, True, False)


class Named(NamedTuple):
    """What clustering needs of a fact (its id and subject): light to send to another process."""

    id: str
    subject: str | None


def group_facts(
    facts: list[Fact], threshold: int = NAME_THRESHOLD, aliases: Aliases | None = None, executor: Executor | None = None
) -> list[FactGroup]:
    """Facts that state the same thing, as groups (a fact alone is a group of one).

    Each bucket (one question) is clustered on its own, so buckets go to `executor` in batches.
    """
    from reconcile.parallel import InlineExecutor, batch_size, map_batches

    know = knowledge()
    active = [f for f in facts if f.active]
    by_id = {f.id: f for f in active}
    buckets: dict[tuple[str, ...], list[tuple[Named, Question]]] = defaultdict(list)
    for fact in active:
        q = question(fact, know)
        buckets[q.bucket].append((Named(fact.id, fact.subject), q))
    _owners_for_the_unowned(buckets)
    _scope_the_unscoped(buckets)
    order = sorted(buckets)
    executor = executor or InlineExecutor()
    work = [(bucket, buckets[bucket]) for bucket in order]
    groups: list[FactGroup] = []
    for done in map_batches(executor, cluster_buckets, work, batch_size(len(work), executor), threshold, aliases):
        for bucket, clusters in done:
            for ids in clusters:
                groups.append(_make_group(bucket, [by_id[i] for i in ids]))
    groups.sort(key=lambda g: g.id)
    return groups


def _owners_for_the_unowned(buckets: dict[tuple[str, ...], list[tuple[Named, Question]]]) -> None:
    """A change, share or amount that says nothing of whose figure it is was put in a bucket of its
    own (see `question`), so two such figures are never compared; where sources name owners for that
    question, it goes among them, and joins the one group it fits, if one."""
    for bucket in [b for b in buckets if b[0] == "number" and len(b) == 5]:
        base = bucket[:4]
        if base in buckets:
            members = buckets.pop(bucket)
            buckets[base].extend((named, replace(asked, bucket=base)) for named, asked in members)


def _scope_the_unscoped(buckets: dict[tuple[str, ...], list[tuple[Named, Question]]]) -> None:
    """Figures given without a scope join the one place the story gives that count for.

    "200 police officers were deployed in Valmora" and "200 policiers ont été mobilisés" count
    the same thing when Valmora is the only place any source counts them in. With two or more
    scopes (a city and the nation) an unscoped figure could be either and stays apart; a scope
    that is a part ("in Valmora alone") never takes it in.
    """
    partial = _word_set("qualify.yaml", "partial_markers")
    scopes: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for bucket in buckets:
        if bucket[0] == "number":
            scopes[bucket[:-1]].append(bucket)
    for unscoped in [b for b in buckets if b[0] == "number" and b[-1] == ""]:
        scoped = [b for b in scopes[unscoped[:-1]] if b[-1]]
        if len(scoped) == 1 and not partial & set(scoped[0][-1].split()):
            members = buckets.pop(unscoped)
            buckets[scoped[0]].extend((named, replace(asked, bucket=scoped[0])) for named, asked in members)


def cluster_buckets(
    work: list[tuple[tuple[str, ...], list[tuple[Named, Question]]]], threshold: int, aliases: Aliases | None
) -> list[tuple[tuple[str, ...], list[list[str]]]]:
    """The clusters (as fact ids) of each bucket (a worker task)."""
    return [
        (bucket, [[f.id for f in cluster] for cluster in _cluster(members, threshold, aliases)])
        for bucket, members in work
    ]


def _make_group(bucket: tuple[str, ...], cluster: list[Fact]) -> FactGroup:
    cluster.sort(key=lambda f: (f.source, f.evidence.start))
    head = max(cluster, key=lambda f: (f.object is not None, f.subject is not None, -f.evidence.start))
    exclusive = bucket[0] == "post"
    return FactGroup(
        id=_group_id(head, cluster, bucket),
        subject=None if exclusive else _display_name([f.subject for f in cluster]),
        predicate=bucket[1] if bucket[0] in ("event",) else head.predicate,
        object=_display_name([f.object for f in cluster]) if bucket[0] != "event" else None,
        facts=[f.id for f in cluster],
        status=GroupStatus.single if len(cluster) == 1 else GroupStatus.agree,
    )


NameSig = tuple[str, int, str, str]
"""What `same_entity` looks at in a name: its canonical key, whether it is one word or more, its last word,
and its key without the trailing words of a kind of firm ("Valmora Systems": "valmora"; else "")."""
PairSig = tuple[NameSig | None, NameSig | None]
"""A complete fact's names as clustering compares them: subject and object, None for a name its question ignores."""


class PartialSig(NamedTuple):
    """A fact's question as the fitting of partial facts sees it: which names must match, and the names."""

    match_subject: bool
    subject: NameSig
    match_object: bool
    object: NameSig
    fact_subject: NameSig

    def named(self) -> list[NameSig]:
        """The names the question wants and the fact gives (subject first)."""
        wanted = ((self.subject, self.match_subject), (self.object, self.match_object))
        return [sig for sig, wants in wanted if wants and sig[0]]


@dataclass
class Names:
    """The distinct names among a cluster's facts: what fitting a partial fact compares against."""

    subjects: set[NameSig] = field(default_factory=set)
    objects: set[NameSig] = field(default_factory=set)
    fact_subjects: set[NameSig] = field(default_factory=set)

    def add(self, sig: PartialSig) -> None:
        self.subjects.add(sig.subject)
        self.objects.add(sig.object)
        self.fact_subjects.add(sig.fact_subject)


ALL_PAIRS_UP_TO = 50  # distinct names in a bucket compared all against all; above, only within blocks


@lru_cache(maxsize=65536)
def _raw_sig(name: str | None) -> NameSig:
    if not name:
        return ("", 0, "", "")
    words = name.split()
    return (entity_key(name), min(len(words), 2), squash(words[-1]) if words else "", _firm_stem(words))


def name_sig(name: str | None, aliases: Aliases | None) -> NameSig:
    """The signature of a name: two names with one signature compare alike with every other name."""
    key, words, last, stem = _raw_sig(name)
    return (aliases.canonical(key) if aliases is not None else key, words, last, stem)


def name_blocks(name: str | None, aliases: Aliases | None = None, lookup: bool = False) -> list[str]:
    """Blocking keys of a name: two names `same_entity` may match share a key, one name's
    `lookup=True` keys meeting the other's index keys (see `_index_keys`)."""
    sig = name_sig(name, aliases)
    return _lookup_keys(sig) if lookup else _index_keys(sig)


def _index_keys(sig: NameSig, fuzzy: bool = True) -> list[str]:
    """Where a name is filed: its first three letters (fuzzy matches mostly share them) or its
    whole key, and for the surname rule its last word (several words) or itself (one word)."""
    key, words, last, stem = sig
    if not key:
        return ["-"]
    keys = [("<" + key[:3]) if fuzzy else ("=" + key), ("w" + last) if words > 1 else ("s" + key)]
    return keys + ["=" + stem] if stem and not fuzzy else keys


def _lookup_keys(sig: NameSig, fuzzy: bool = True) -> list[str]:
    """Where to look for a name's matches: the same first letters (or key), and the surname rule
    from the other side: a lone word meets the names ending with it, and the other way round."""
    key, words, last, stem = sig
    if not key:
        return ["-"]
    keys = [("<" + key[:3]) if fuzzy else ("=" + key), ("s" + last) if words > 1 else ("w" + key)]
    return keys + ["=" + stem] if stem and not fuzzy else keys


@dataclass
class _Matcher:
    """Names of one bucket compared once per distinct signature, through the first raw name seen for it."""

    threshold: int
    aliases: Aliases | None
    names: dict[NameSig, str | None] = field(default_factory=dict)  # a raw name for each signature
    _same: dict[tuple[NameSig, NameSig], bool] = field(default_factory=dict)

    def note(self, name: str | None) -> NameSig:
        sig = name_sig(name, self.aliases)
        self.names.setdefault(sig, name)
        return sig

    def partial_sig(self, q: Question, fact: Named) -> PartialSig:
        return PartialSig(
            q.match_subject, self.note(q.subject), q.match_object, self.note(q.object), self.note(fact.subject)
        )

    def same(self, a: NameSig, b: NameSig) -> bool:
        known = self._same.get((a, b))
        if known is None:
            known = self._same[(a, b)] = same_entity(self.names[a], self.names[b], self.threshold, self.aliases)
        return known

    def fits(self, a: PairSig, b: PairSig) -> bool:
        """Whether two complete facts' names match, where both questions compare a name."""
        return all(x is None or y is None or self.same(x, y) for x, y in zip(a, b))

    def fits_partial(self, sig: PartialSig, held: Names, same_holder: bool = False) -> bool:
        """Whether the fact fits every member of a cluster, compared once per distinct name."""
        if sig.match_subject and sig.subject[0] and not all(self.same(sig.subject, other) for other in held.subjects):
            return False
        if sig.match_object and sig.object[0] and not all(self.same(sig.object, other) for other in held.objects):
            return False
        # Two unknown organisations are only one post when one person holds both.
        if same_holder and not sig.match_subject:
            return all(self.same(other, sig.fact_subject) for other in held.fact_subjects)
        return True


class _UnionFind:
    """Disjoint sets over 0..size-1, with path halving."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        """Put j's set under i's root."""
        self.parent[self.find(j)] = self.find(i)


def _candidate_pairs(nodes: list[PairSig]) -> Iterator[tuple[int, int]]:
    """The pairs of nodes worth comparing: all of them up to ALL_PAIRS_UP_TO nodes; beyond, each node
    with the nodes filed under its lookup keys (by its subject, else its object)."""
    if len(nodes) <= ALL_PAIRS_UP_TO:
        for i in range(len(nodes)):
            for j in range(i + 1, len(nodes)):
                yield i, j
        return
    filed: dict[str, list[int]] = defaultdict(list)
    firsts = [subject if subject is not None else obj for subject, obj in nodes]
    for index, first in enumerate(firsts):
        for block in _index_keys(first) if first is not None else ["-"]:
            filed[block].append(index)
    for i, first in enumerate(firsts):
        for block in _lookup_keys(first) if first is not None else ["-"]:
            for j in filed.get(block, ()):
                if j != i:
                    yield i, j


@dataclass
class _Clusters:
    """Clusters of complete facts with their names; a partial fact joins one when it fits only that one."""

    facts: list[list[Named]]
    names: list[Names]
    by_block: dict[str, set[int]] = field(
        init=False, default_factory=lambda: defaultdict(set)
    )  # names as first clustered

    def __post_init__(self) -> None:
        for index, held in enumerate(self.names):
            for sig in held.subjects | held.objects:
                for block in _index_keys(sig):
                    self.by_block[block].add(index)

    def fitting(self, sig: PartialSig, named: list[NameSig], match: _Matcher) -> list[int]:
        """The clusters a partial fact fits: every one when it has no name to match."""
        if not named:
            return list(range(len(self.facts)))
        if len(self.facts) > ALL_PAIRS_UP_TO:
            filed = ({i for b in _lookup_keys(s) for i in self.by_block.get(b, ())} for s in named)
            pool = sorted(set.intersection(*filed))
        else:
            pool = list(range(len(self.facts)))
        return [i for i in pool if match.fits_partial(sig, self.names[i])]

    def add(self, index: int, fact: Named, sig: PartialSig) -> None:
        self.facts[index].append(fact)
        self.names[index].add(sig)


def _cluster_complete(complete: list[tuple[Named, Question]], match: _Matcher) -> _Clusters:
    """Union the facts that have every name their question compares, once per distinct (subject, object)."""
    node_of: dict[PairSig, int] = {}
    fact_node: list[int] = []
    for _fact, q in complete:
        key = (match.note(q.subject) if q.match_subject else None, match.note(q.object) if q.match_object else None)
        fact_node.append(node_of.setdefault(key, len(node_of)))
    nodes = list(node_of)
    sets = _UnionFind(len(nodes))
    for i, j in _candidate_pairs(nodes):
        if sets.find(i) != sets.find(j) and match.fits(nodes[i], nodes[j]):
            sets.join(i, j)
    clusters: dict[int, list[Named]] = defaultdict(list)
    cluster_names: dict[int, Names] = defaultdict(Names)
    for (fact, q), node in zip(complete, fact_node):
        root = sets.find(node)
        clusters[root].append(fact)
        cluster_names[root].add(match.partial_sig(q, fact))
    return _Clusters(list(clusters.values()), list(cluster_names.values()))


@dataclass
class _Leftovers:
    """Partial facts that fit no one cluster, grouped among themselves through a shared name."""

    facts: list[list[Named]] = field(default_factory=list)
    names: list[Names] = field(default_factory=list)
    blocks: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    without_subject: set[int] = field(default_factory=set)  # leftovers none of whose facts names a subject

    def _pool(self, keys: list[NameSig]) -> list[int]:
        """The leftovers that could take a fact with these names: only those sharing a name with it."""
        if keys and not keys[0][0]:  # no name at all: only leftovers whose facts all lack one can take it
            return sorted(self.without_subject)
        if keys:
            filed = ({i for b in _lookup_keys(s, fuzzy=False) for i in self.blocks.get(b, ())} for s in keys)
            return sorted(set.union(*filed))
        return list(range(min(1, len(self.facts))))  # no name to match: the first leftover takes it

    def place(self, fact: Named, sig: PartialSig, named: list[NameSig], match: _Matcher) -> None:
        """Put the fact in the first leftover it fits, or in a new one."""
        keys = named if named else ([] if sig.match_subject else [sig.fact_subject])
        pool = self._pool(keys)
        home = next((index for index in pool if match.fits_partial(sig, self.names[index], same_holder=True)), None)
        if home is None:
            home = len(self.facts)
            self.facts.append([])
            self.names.append(Names())
            self.without_subject.add(home)
        self.facts[home].append(fact)
        self.names[home].add(sig)
        if sig.fact_subject[0]:
            self.without_subject.discard(home)
        for name in (sig.subject, sig.object, sig.fact_subject):
            if name[0]:
                for block in _index_keys(name, fuzzy=False):
                    self.blocks[block].add(home)


def _cluster(members: list[tuple[Named, Question]], threshold: int, aliases: Aliases | None) -> list[list[Named]]:
    """Union the facts whose names match; facts missing a name join the single cluster that fits.

    Names are compared once per distinct signature. Up to ALL_PAIRS_UP_TO distinct names are
    compared all against all; beyond, a name is compared only with the names filed under its
    lookup keys (the same first three letters of the key, or the surname rule), so the cost
    grows close to linearly. A fuzzy match that differs in its first three letters is then
    missed; a fact left out of every cluster joins another such fact only through the same
    name or surname.
    """
    missing = [(q.match_subject and not q.subject) or (q.match_object and not q.object) for _, q in members]
    complete = [item for item, lacks in zip(members, missing) if not lacks]
    partial = [item for item, lacks in zip(members, missing) if lacks]
    match = _Matcher(threshold, aliases)
    clusters = _cluster_complete(complete, match)
    leftovers = _Leftovers()
    for fact, q in partial:
        sig = match.partial_sig(q, fact)
        named = sig.named()
        candidates = clusters.fitting(sig, named, match)
        if len(candidates) == 1:
            clusters.add(candidates[0], fact, sig)
        else:
            leftovers.place(fact, sig, named, match)
    return clusters.facts + leftovers.facts


def _display_name(names: list[str | None]) -> str | None:
    """The longest spelling among the group's names ("Jeanne Morel" over "Morel")."""
    present = [n for n in names if n]
    return max(present, key=lambda n: (len(n), n)) if present else None


def _slug(text: str | None) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:30]


def _group_id(head: Fact, cluster: list[Fact], bucket: tuple[str, ...]) -> str:
    if bucket[0] == "post":
        parts = [_slug(head.predicate), _slug(head.object)]
    elif bucket[0] == "event":
        parts = [_slug(head.subject), _slug(bucket[1])]
    else:
        parts = [_slug(head.subject), _slug(bucket[1]), _slug(head.object)]
    digest = hashlib.sha1("|".join(sorted(f.id for f in cluster)).encode()).hexdigest()[:6]
    return "-".join([p for p in parts if p] + [digest])
