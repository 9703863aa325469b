"""How much of a synthetic corpus's known content a run recovered.

Both scores read the JSON report (`reconcile check --format json`, schema reconcile.report):
- facts: an article's known fact is found when the article has an extracted fact of the same
  kind and relation with the same figure (and a counter, for march counts) or the same person
  (and organisation, for interim posts; modality, for hirings; account, for dismissal reasons);
- contradictions: a reported contradiction matches an injected one when its sources all belong
  to the injected one's story, its facts are about the same topic, and it involves a source from
  each side. Recall is the share of injected contradictions matched; a false alarm is a reported
  contradiction that matches none; the kind is right when it equals the injected kind.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reconcile.grouping import same_entity

_ACCOUNTS = {"board": ("board",), "owners": ("shareholders", "investors"), "fraud": ("fraud",)}
_MARCH = {"marched", "protesters count"}
_PETITION = {"signed", "demanded the board resign", "threatened to quit"}


def facts_from_folder(facts: Path) -> list[dict]:
    """The facts of every fact file in a folder, shaped as in the JSON report (the figure as `value`)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found = []
    for path in sorted(facts.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        for fact in data.get("facts") or []:
            value = fact.get("value") or {}
            found.append(
                {
                    **fact,
                    "value": value.get("amount"),
                    "modality": fact.get("modality"),
                    "attribution": fact.get("attribution"),
                    "object": fact.get("object"),
                }
            )
    return found


def story_of(source: str) -> int:
    """The story number in a generated article's name ("s00012-3.txt" is story 12)."""
    return int(source[1:].split("-", 1)[0])


def _finds(known: dict, fact: dict) -> bool:
    topic = known["topic"]
    kind, predicate = fact["kind"], fact["predicate"]
    if topic in ("headcount", "petition", "march"):
        if kind != "number" or fact["value"] is None or abs(fact["value"] - known["amount"]) > 0.5:
            return False
        if topic == "headcount":
            return predicate == "headcount"
        if topic == "petition":
            return predicate in _PETITION
        return predicate in _MARCH and bool(fact["attribution"])
    if not same_entity(fact["subject"], known["person"]):
        return False
    if topic == "ceo":
        return kind == "role" and predicate == "ceo" and same_entity(fact["object"], known["org"])
    if topic == "interim":
        return kind == "role" and predicate == "interim ceo" and same_entity(fact["object"], known["org"])
    if topic == "fired":
        return kind == "event" and predicate == "fired"
    if topic == "move":
        return kind == "event" and predicate == "joins" and fact["modality"] == known["modality"]
    if topic == "reason":
        words = _ACCOUNTS[known["account"]]
        return kind == "claim" and predicate == "fired for" and any(w in (fact["object"] or "") for w in words)
    raise ValueError(f"unknown topic {topic}")


@dataclass
class FactScore:
    known: int = 0
    found: int = 0
    extracted: int = 0
    unmatched: int = 0  # extracted facts that state none of the known ones
    missed: Counter = field(default_factory=Counter)  # topic -> known facts not found

    @property
    def recall(self) -> float:
        return self.found / self.known if self.known else 0.0


def score_facts(report: dict, truth: dict) -> FactScore:
    """Known facts found among the report's facts, article by article."""
    by_source: dict[str, list[dict]] = defaultdict(list)
    for fact in report["facts"]:
        by_source[fact["source"]].append(fact)
    result = FactScore(extracted=len(report["facts"]))
    used: set[str] = set()
    for source, known_facts in truth["articles"].items():
        facts = by_source.get(source, [])
        for known in known_facts:
            result.known += 1
            hits = [f for f in facts if _finds(known, f)]
            if hits:
                result.found += 1
                used.update(f["id"] for f in hits)
            else:
                result.missed[known["topic"]] += 1
    result.unmatched = sum(1 for f in report["facts"] if f["id"] not in used)
    return result


def topic_of(facts: list[dict]) -> str:
    """What a contradiction is about, from its facts (see corpus.TOPIC_KIND)."""
    kinds = {f["kind"] for f in facts}
    predicates = {f["predicate"] for f in facts}
    if kinds == {"number"}:
        if predicates <= {"headcount"}:
            return "headcount"
        if predicates <= _MARCH:
            return "march"
        if predicates <= _PETITION:
            return "petition"
    if kinds == {"role"}:
        return "post"
    if kinds == {"event"} and predicates <= {"joins", "returns"}:
        return "move"
    if kinds == {"claim"}:
        return "claim"
    return "other:" + "+".join(sorted(predicates))


@dataclass
class ContradictionScore:
    injected: int = 0
    reported: int = 0
    found: int = 0
    kind_right: int = 0
    false_alarms: int = 0
    found_by_kind: Counter = field(default_factory=Counter)
    injected_by_kind: Counter = field(default_factory=Counter)
    alarms_by_topic: Counter = field(default_factory=Counter)

    @property
    def recall(self) -> float:
        return self.found / self.injected if self.injected else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.found if self.found else 0.0


def score_contradictions(report: dict, truth: dict) -> ContradictionScore:
    """Injected contradictions recovered, reported ones that match none, and kinds right (module rules)."""
    facts = {f["id"]: f for f in report["facts"]}
    injected: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for item in truth["injected"]:
        injected[(item["story"], item["topic"])].append(item)
    result = ContradictionScore(injected=len(truth["injected"]), reported=len(report["contradictions"]))
    for item in truth["injected"]:
        result.injected_by_kind[item["kind"]] += 1
    matched: dict[int, set[str]] = defaultdict(set)  # id(injected) -> kinds reported for it
    for contradiction in report["contradictions"]:
        stories = {story_of(s) for s in contradiction["sources"]}
        topic = topic_of([facts[i] for i in contradiction["facts"] if i in facts])
        sources = set(contradiction["sources"])
        hit = None
        if len(stories) == 1:
            for item in injected.get((stories.pop(), topic), []):
                left, right = item["sides"]
                if sources & set(left) and sources & set(right):
                    hit = item
                    break
        if hit is None:
            result.false_alarms += 1
            result.alarms_by_topic[topic if len({story_of(s) for s in sources}) == 1 else "across stories"] += 1
        else:
            matched[id(hit)].add(contradiction["kind"])
    for item in truth["injected"]:
        kinds = matched.get(id(item))
        if kinds:
            result.found += 1
            result.found_by_kind[item["kind"]] += 1
            result.kind_right += item["kind"] in kinds
    return result
