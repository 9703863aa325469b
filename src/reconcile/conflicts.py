"""Disagreements inside groups, each with a kind, a severity and one plain sentence.

Kinds and their rules:
- value: two figures whose intervals cannot both hold, for a quantity that does not change
  while a story runs (a headcount, a stake, an amount invested);
- attributed: figures that differ because different counters gave them ("selon la police" /
  "selon la CGT"): both are kept, each tied to its counter; two sources giving different figures
  for the same counter are a value disagreement instead;
- status: a situation that changed while the story was reported: a count that grows (signers,
  a death toll), a move to another organisation, a hiring announced then put on hold, a return
  after failed talks; the latest known state is named (by date when the texts give one);
- succession: two holders of one exclusive post (an interim CEO replaced by another; a CEO back
  after an interim);
- claim: incompatible accounts of one thing (different reasons for one dismissal: towards whom,
  or of what kind).
"Nearly all" of a group is read against that group's total when another fact gives it (at least
90% of the smallest total).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from functools import cached_property, cmp_to_key

from reconcile.grouping import Aliases, Knowledge, knowledge, name_blocks, question, same_entity
from reconcile.models import (
    PREDICATE_WORDS,
    Contradiction,
    ContradictionKind,
    Fact,
    FactGroup,
    FactKind,
    Granularity,
    Modality,
    Qualifier,
    Quantity,
    Source,
)
from reconcile.tables import load_data, word_set

VALUE_SLACK = 0.001
NEARLY_ALL_SHARE = 0.9
_POSITIVE = {Modality.asserted, Modality.announced, Modality.reported, Modality.planned, None}
_NEGATIVE = {Modality.on_hold, Modality.denied, Modality.failed}
_STATES = {Modality.asserted, Modality.announced, Modality.reported, None}

Describe = Callable[[Fact], str]


def _interval(value: Quantity) -> tuple[float, float] | None:
    if value.low is None and value.high is None:
        if value.amount is None:
            return None
        return value.amount, value.amount
    low = float("-inf") if value.low is None else value.low
    high = float("inf") if value.high is None else value.high
    return low, high


def compatible(a: Quantity, b: Quantity, slack: float = VALUE_SLACK) -> bool:
    """Whether two quantities can both hold: their intervals overlap (after a small relative slack)."""
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return True
    finite = [abs(x) for x in (*ia, *ib) if x not in (float("inf"), float("-inf"))]
    margin = (max(finite) if finite else 0.0) * slack
    return ia[0] <= ib[1] + margin and ib[0] <= ia[1] + margin


class ConflictFinder:
    """Finds the contradictions of one reconciliation; `describe` renders a fact's value for sentences."""

    def __init__(
        self,
        facts: list[Fact],
        groups: list[FactGroup],
        sources: dict[str, Source],
        describe: Describe,
        aliases: Aliases | None = None,
    ) -> None:
        self.facts = {f.id: f for f in facts}
        self.groups = groups
        self.sources = sources
        self.describe = describe
        self.aliases = aliases
        self.know: Knowledge = knowledge()
        numbers = load_data("numbers.yaml")
        claims = load_data("claims.yaml")
        self.accumulating = set(numbers.get("accumulating", []))
        self.shrinking = set(numbers.get("shrinking", []))
        self.day_part_hours = {
            str(word): int(hour)
            for hours in (load_data("time.yaml").get("day_part_hours") or {}).values()
            for word, hour in (hours or {}).items()
        }
        self.target_family = {t: f for f, ts in claims.get("target_families", {}).items() for t in ts}
        self.accusation_family = {a: f for f, accs in claims.get("accusation_families", {}).items() for a in accs}

    # --- helpers ---------------------------------------------------------------------------

    def members(self, group: FactGroup) -> list[Fact]:
        return [self.facts[i] for i in group.facts]

    def label(self, fact: Fact) -> str:
        source = self.sources.get(fact.source)
        return f"{source.outlet} ({fact.source})" if source is not None and source.outlet else fact.source

    def said(self, fact: Fact, about: str | None = None) -> str:
        """One fact as a reader is told it: outlet, what it says, its quote. `about`: the organisation
        the contradiction is about, for a fact that names none ("returns to (failed)")."""
        if about and not fact.object and fact.kind is not FactKind.number:
            fact = fact.model_copy(update={"object": about})
        quote = " ".join(fact.evidence.quote.split())
        if len(quote) > 90:
            quote = quote[:89] + "\u2026"
        return f"{self.label(fact)}: {self.describe(fact)} (\u201c{quote}\u201d)"

    def when(self, fact: Fact) -> str:
        """A sortable date for a fact: its own as_of, else its source's publication date, else ''."""
        if fact.as_of is not None and fact.as_of.date:
            # "mardi matin" before "mardi soir": the part of the day orders two facts of one day.
            hours = [h for word, h in self.day_part_hours.items() if word in fact.as_of.text.lower().split()]
            return fact.as_of.date + (f"T{max(hours):02d}" if hours and len(fact.as_of.date) == 10 else "")
        source = self.sources.get(fact.source)
        return source.published if source is not None and source.published else ""

    def _background(self, fact: Fact) -> bool:
        """A move its article dates well before it was published ("after joining the club in 2017") is
        the person's past, not a change while the story ran: more than BACKGROUND_DAYS before, counting
        a year or a month given alone at its last day."""
        source = self.sources.get(fact.source)
        if fact.as_of is None or not fact.as_of.date or source is None or not source.published:
            return False
        published = (source.published + "-01-01"[len(source.published) - 4 :])[:10]  # its earliest day
        with contextlib.suppress(ValueError):  # a date a person wrote by hand that is no date: not the past
            return (date.fromisoformat(published) - _last_day(fact.as_of.date, fact.as_of.granularity)).days > (
                BACKGROUND_DAYS
            )
        return False

    def full_date(self, side: list[Fact]) -> str:
        """The latest full date (YYYY-MM-DD, with the hour of a part of the day when the text gives one)
        among a side's facts, or '' when none is that precise."""
        dates = [d for d in (self.when(f) for f in side) if len(d) >= 10]
        return max(dates) if dates else ""

    def make(
        self,
        kind: ContradictionKind,
        group: FactGroup,
        sides: list[list[Fact]],
        explanation: str,
        severity: float,
        latest: list[Fact] | None = None,
    ) -> Contradiction:
        involved = sorted(
            {f.id: f for side in sides for f in side}.values(), key=lambda f: (f.source, f.evidence.start)
        )
        return Contradiction(
            id="c-" + hashlib.sha1((kind.value + "|" + "|".join(f.id for f in involved)).encode()).hexdigest()[:8],
            kind=kind,
            group=group.id,
            facts=[f.id for f in involved],
            sources=sorted({f.source for f in involved}),
            explanation=explanation,
            severity=round(severity, 2),
            latest=[f.id for f in (latest or [])],
        )

    # --- all kinds -------------------------------------------------------------------------

    def find(self) -> list[Contradiction]:
        """Every contradiction: inside each group, then across groups, most severe first."""
        return ordered(self.find_in(self.groups) + self.find_across())

    def find_in(self, groups: list[FactGroup]) -> list[Contradiction]:
        """Contradictions inside each of `groups`: each group needs only its own facts (and the headcounts)."""
        found: list[Contradiction] = []
        for group in groups:
            members = self.members(group)
            bucket = question(members[0], self.know).bucket
            if bucket[0] == "number":
                found += self.numbers(group, members)
            elif bucket[0] == "post":
                found += self.succession(group, members)
            elif bucket[0] == "event":
                found += self.events(group, members, bucket[1])
            elif bucket[0] == "claim":
                found += self.claims(group, members)
        return found

    def find_across(self) -> list[Contradiction]:
        """Contradictions between groups: an interim holder of a post, then a return to it."""
        by_bucket: dict[str, list[FactGroup]] = defaultdict(list)
        for group in self.groups:
            by_bucket[question(self.members(group)[0], self.know).bucket[0]].append(group)
        return self.returns_after_interim(by_bucket.get("post", []), by_bucket.get("event", []))

    def headcount_facts(self) -> list[Fact]:
        """The facts `_total_for` reads, whatever group they are in."""
        return list({f.id: f for facts in self._headcount_index.values() for f, _ in facts}.values())

    # --- numbers ---------------------------------------------------------------------------

    def _with_totals(self, members: list[Fact]) -> dict[str, Quantity]:
        """Each fact's quantity, with "nearly all" bounded by a known total of the same group of people."""
        values: dict[str, Quantity] = {}
        for fact in members:
            value = fact.effective_value()
            if value is None:
                continue
            if value.qualifier is Qualifier.nearly_all and value.amount is None and fact.subject:
                total = self._total_for(fact)
                if total is not None:
                    value = value.model_copy(update={"low": NEARLY_ALL_SHARE * total[0], "high": total[1]})
            values[fact.id] = value
        return values

    @cached_property
    def _headcount_index(self) -> dict[str, list[tuple[Fact, Quantity]]]:
        """Every stated headcount with its value, by the blocking keys of its subject (built once)."""
        index: dict[str, list[tuple[Fact, Quantity]]] = defaultdict(list)
        for other in self.facts.values():
            value = other.effective_value()
            if other.kind is FactKind.number and other.predicate == "headcount" and value is not None and value.amount:
                for block in name_blocks(other.subject, self.aliases):
                    index[block].append((other, value))
        return index

    def _headcounts(self, owner: str) -> list[tuple[Fact, Quantity]]:
        """Headcounts whose subject may be `owner` (to be confirmed with same_entity)."""
        found = {
            other.id: (other, value)
            for block in name_blocks(owner, self.aliases, lookup=True)
            for other, value in self._headcount_index.get(block, ())
        }
        return [found[i] for i in sorted(found)]

    def _total_for(self, fact: Fact) -> tuple[float, float] | None:
        words = (fact.subject or "").split()
        owner = " ".join(words[:-1]) if len(words) > 1 else None
        if owner is None:
            return None
        lows: list[float] = []
        highs: list[float] = []
        for other, value in self._headcounts(owner):
            if value.amount is None:  # not so in the index (stated headcounts only); narrows the type
                continue
            if same_entity(other.subject, owner, aliases=self.aliases):
                lows.append(value.low if value.low is not None else value.amount)
                highs.append(value.high if value.high is not None else value.amount)
        if not lows:
            return None
        return min(lows), max(highs)

    def numbers(self, group: FactGroup, members: list[Fact]) -> list[Contradiction]:
        values = self._with_totals(members)
        valued = [f for f in members if f.id in values and _interval(values[f.id]) is not None]
        # A vague amount ("plusieurs milliers", "thousands") takes no side beside stated figures.
        stated = [f for f in valued if not _vague(values[f.id])]
        if len(stated) >= 2:
            valued = stated
        if len(valued) < 2:
            return []
        counters = {self._counter(f.attribution) for f in valued}
        if len(counters) > 1 and "" not in counters:
            return self._by_counter(group, valued, values)
        return self._side_by_side(group, valued, values) + self._number_sides(group, valued, values)

    def _side_by_side(self, group: FactGroup, valued: list[Fact], values: dict[str, Quantity]) -> list[Contradiction]:
        """One article giving two counters' figures that cannot both hold ("X puts it at 60, Y at 75"):
        attributed, though other outlets give the figure with no counter."""
        found = []
        for source in sorted({f.source for f in valued}):
            credited = [f for f in valued if f.source == source and self._counter(f.attribution)]
            if len({self._counter(f.attribution) for f in credited}) > 1:
                found += [
                    c for c in self._by_counter(group, credited, values) if c.kind is ContradictionKind.attributed
                ]
        return found

    def _by_counter(self, group: FactGroup, valued: list[Fact], values: dict[str, Quantity]) -> list[Contradiction]:
        """Figures that each name their counter: the counters' figures side by side when two of them
        cannot both hold (attributed), and each counter's own figures that outlets give differently."""
        by_counter: dict[str, list[Fact]] = defaultdict(list)
        for fact in sorted(valued, key=lambda f: (_centre([f], values), f.source, f.evidence.start)):
            by_counter[self._counter(fact.attribution)].append(fact)
        found = []
        # Each counter's distinct figures (a story repeats the same few), compared across counters.
        distinct = [
            list({_interval(values[f.id]): values[f.id] for f in facts}.values()) for facts in by_counter.values()
        ]
        if any(
            not compatible(a, b)
            for i, mine in enumerate(distinct)
            for theirs in distinct[i + 1 :]
            for a in mine
            for b in theirs
        ):
            ordered_facts = [f for facts in by_counter.values() for f in facts]
            text = (
                f"{_topic(ordered_facts[0])}: the counters differ \u2014 "
                + "; ".join(f"{self.said(f)}, credited to {f.attribution}" for f in ordered_facts)
                + ". Each source reports its counter faithfully."
            )
            found.append(self.make(ContradictionKind.attributed, group, list(by_counter.values()), text, 0.3))
        for counter, facts in by_counter.items():
            if len({f.source for f in facts}) > 1:
                found.extend(self._number_sides(group, facts, values, counter))
        return found

    def _number_sides(
        self, group: FactGroup, valued: list[Fact], values: dict[str, Quantity], counter: str | None = None
    ) -> list[Contradiction]:
        """The contradiction between the low and the high figures of ``valued``; where the two sides
        are different counters, also each counter's own figures that outlets give differently
        (``counter``: the one counter all of ``valued`` are credited to)."""
        sides = _conflict_sides(valued, values)
        if not sides:
            return []
        found = []
        for left, right in zip(sides, sides[1:]):
            kind, latest = (
                (ContradictionKind.value, []) if counter is not None else self._number_kind(left, right, values)
            )
            if kind is ContradictionKind.value and counter is None and len({f.source for f in left + right}) == 1:
                continue  # one article giving two figures ("44 goals last season", "256 in all") tells two things
            gap = _gap(left, right, values)
            topic = _topic(left[0])
            if kind is ContradictionKind.attributed:
                found.extend(self._by_counter(group, left + right, values))
                continue
            if kind is ContradictionKind.status:  # only without one counter: ``counter`` makes it a value
                found.extend(self._stages(group, left + right, values))
                continue
            credited = f", both credited to {counter}" if counter else ""
            text = (
                f"{topic}{credited}: "
                + " and ".join(self.said(f) for f in left)
                + ", while "
                + " and ".join(self.said(f) for f in right)
                + f"; the figures are {gap:.0%} apart, more than their qualifiers allow."
            )
            found.append(self.make(kind, group, [left, right], text, _value_severity(left, right, gap), latest))
        return found

    def _stages(self, group: FactGroup, valued: list[Fact], values: dict[str, Quantity]) -> list[Contradiction]:
        """A count that changed while the story ran, one contradiction through its steps ("6 missing,
        then 4, then 3"): figures that agree are one stage; stages go by date when each has one, else by
        value, up for counts that grow, down for those that shrink (the missing)."""
        stages: list[list[Fact]] = []
        for fact in sorted(valued, key=lambda f: (_centre([f], values), f.id)):
            stage = next((s for s in stages if compatible(values[s[0].id], values[fact.id])), None)
            if stage is None:
                stages.append([fact])
            else:
                stage.append(fact)
        shrinking = valued[0].predicate in self.shrinking
        dates = [self.full_date(s) for s in stages]
        if all(dates) and len(set(dates)) == len(dates):
            stages = [s for _, s in sorted(zip(dates, stages), key=lambda pair: pair[0])]
        elif shrinking:
            stages.reverse()
        if len(stages) < 2:
            return []
        steps = " then ".join("; ".join(self.said(f) for f in stage) for stage in stages)
        text = (
            f"{_topic(valued[0])} changed while the story ran, in "
            f"{'one step' if len(stages) == 2 else f'{len(stages) - 1} steps'}: {steps}. "
            f"The latest known is {self.describe(stages[-1][0])}."
        )
        return [self.make(ContradictionKind.status, group, stages, text, 0.5, stages[-1])]

    def _number_kind(
        self, left: list[Fact], right: list[Fact], values: dict[str, Quantity]
    ) -> tuple[ContradictionKind, list[Fact]]:
        counters_left = {self._counter(f.attribution) for f in left}
        counters_right = {self._counter(f.attribution) for f in right}
        if "" not in counters_left | counters_right and not counters_left & counters_right:
            return ContradictionKind.attributed, []
        if (counters_left & counters_right) - {""}:
            return ContradictionKind.value, []  # two outlets, one counter, two figures: they disagree
        predicate = left[0].predicate
        if predicate in self.accumulating or self.know.action_family.get(predicate) is not None:
            # The latest state: the side with the later full date, else the larger count (counts grow).
            date_left, date_right = self.full_date(left), self.full_date(right)
            if date_left and date_right and date_left != date_right:
                return ContradictionKind.status, left if date_left > date_right else right
            return ContradictionKind.status, right
        return ContradictionKind.value, []

    def _counter(self, attribution: str | None) -> str:
        return _counter_name(attribution, self.know.counters)

    # --- posts -----------------------------------------------------------------------------

    def _holders(self, members: list[Fact]) -> list[list[Fact]]:
        holders: list[list[Fact]] = []
        for fact in members:
            home = next((h for h in holders if same_entity(h[0].subject, fact.subject, aliases=self.aliases)), None)
            if home is None:
                holders.append([fact])
            else:
                home.append(fact)
        return holders

    def _order(self, sides: list[list[Fact]]) -> list[list[Fact]]:
        def key(side: list[Fact]) -> tuple[int, str]:
            former = any(f.modality is Modality.former for f in side)
            dates = [self.when(f) for f in side if self.when(f)]
            return (0 if former else 1, min(dates) if dates else "9999")

        return sorted(sides, key=key)

    def succession(self, group: FactGroup, members: list[Fact]) -> list[Contradiction]:
        holders = self._order(self._holders(members))
        if len(holders) < 2:
            return []
        about = group.object or next((f.object for f in members if f.object), None)
        post = _topic(next((f for f in members if f.object), members[0]), with_subject=False)
        found = []
        for before, after in zip(holders, holders[1:]):
            text = (
                f"Two holders of the post of {post}: {before[0].subject} ("
                + "; ".join(self.said(f, about) for f in before)
                + f") and {after[0].subject} ("
                + "; ".join(self.said(f, about) for f in after)
                + f"). Both can be right one after the other; the latest known holder is {after[0].subject}."
            )
            found.append(self.make(ContradictionKind.succession, group, [before, after], text, 0.4, after))
        return found

    def returns_after_interim(self, posts: list[FactGroup], events: list[FactGroup]) -> list[Contradiction]:
        """An interim holder, then someone back at the head of the same organisation."""
        found = []
        returns = [
            f
            for g in events
            for f in self.members(g)
            if f.predicate == "returns" and f.modality in _POSITIVE and f.object
        ]
        for group in posts:
            members = self.members(group)
            if not members[0].predicate.startswith("interim") or not members[0].object:
                continue
            by_person: dict[str, list[Fact]] = defaultdict(list)
            for back in returns:
                if same_entity(back.object, members[0].object, aliases=self.aliases):
                    by_person[back.subject or ""].append(back)
            for person, backs in by_person.items():
                interim = [f for f in members if not same_entity(f.subject, person, aliases=self.aliases)]
                if not interim:
                    continue
                holders = ", ".join(dict.fromkeys(f.subject or "" for f in interim))
                text = (
                    f"{_topic(members[0], with_subject=False)} was held by {holders} ("
                    + "; ".join(self.said(f, members[0].object) for f in interim)
                    + f"), then {person} came back ("
                    + "; ".join(self.said(f) for f in backs)
                    + f"). Both were true one after the other; the latest known is {person}'s return."
                )
                found.append(self.make(ContradictionKind.succession, group, [interim, backs], text, 0.4, backs))
        return found

    # --- events ----------------------------------------------------------------------------

    def events(self, group: FactGroup, members: list[Fact], family: str) -> list[Contradiction]:
        found = []
        person = group.subject or members[0].subject
        # Moves: the same person at different organisations.
        places: list[list[Fact]] = []
        for fact in members:
            if not fact.object or fact.modality not in _STATES or self._background(fact):
                continue
            home = next((p for p in places if same_entity(p[0].object, fact.object, aliases=self.aliases)), None)
            if home is None:
                places.append([fact])
            else:
                home.append(fact)
        if family == "employer" and len(places) >= 2:
            ordered = sorted(places, key=cmp_to_key(self._earlier))
            for before, after in zip(ordered, ordered[1:]):
                # One fact per outlet on each side: the move itself is listed in full where it is disputed.
                before, after = _one_per_source(before), _one_per_source(after)
                text = (
                    f"Where {person} works changed while the story ran: "
                    + "; ".join(self.said(f) for f in before)
                    + " against "
                    + "; ".join(self.said(f) for f in after)
                    + f". The latest known state: {self.describe(after[0])}."
                )
                found.append(self.make(ContradictionKind.status, group, [before, after], text, 0.5, after))
        # Talks that failed, and an agreement reached later.
        if family == "attempt":
            failed = [f for f in members if f.modality is Modality.failed]
            agreed = [f for f in members if f.modality is Modality.agreed]
            if failed and agreed:
                about = next((f.object for f in failed + agreed if f.object), None)
                text = (
                    f"The attempt to bring back {person} changed while the story ran: "
                    + "; ".join(self.said(f, about) for f in failed)
                    + ", but "
                    + "; ".join(self.said(f, about) for f in agreed)
                    + ". The latest known state is the agreement."
                )
                found.append(self.make(ContradictionKind.status, group, [failed, agreed], text, 0.5, agreed))
        found += self._disputed_moves(group, members, places, person)
        return found

    def _disputed_moves(
        self, group: FactGroup, members: list[Fact], places: list[list[Fact]], person: str | None
    ) -> list[Contradiction]:
        """The same move announced by some and on hold, denied or failed by others."""
        found = []
        for place in places:
            target = place[0].object
            negative = [
                f
                for f in members
                if f.modality in _NEGATIVE
                and f.predicate == place[0].predicate
                and (not f.object or same_entity(f.object, target, aliases=self.aliases))
            ]
            if negative:
                # "returns to (denied)": a fact that names no organisation is about this one.
                shown = [f if f.object else f.model_copy(update={"object": target}) for f in negative]
                text = (
                    f"{person} {PREDICATE_WORDS.get(place[0].predicate, place[0].predicate)} {target}: "
                    + "; ".join(self.said(f) for f in place)
                    + ", but "
                    + "; ".join(self.said(f) for f in shown)
                    + f". The situation changed; the latest known state is {self.describe(shown[-1])}."
                )
                found.append(self.make(ContradictionKind.status, group, [place, negative], text, 0.5, negative))
        return found

    def _earlier(self, a: list[Fact], b: list[Fact]) -> int:
        """Order two states: by full dates when both have one and they differ, else a return comes after a move."""
        date_a, date_b = self.full_date(a), self.full_date(b)
        if date_a and date_b and date_a != date_b:
            return -1 if date_a < date_b else 1
        rank_a = any(f.predicate == "returns" for f in a)
        rank_b = any(f.predicate == "returns" for f in b)
        return int(rank_a) - int(rank_b)

    # --- claims ----------------------------------------------------------------------------

    def claims(self, group: FactGroup, members: list[Fact]) -> list[Contradiction]:
        accounts: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for fact in members:
            accounts[self._account(fact.object or "")].append(fact)
        keys = sorted(accounts)
        found = []
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                differ_target = a[1] and b[1] and a[1] != b[1]
                differ_kind = a[0] and b[0] and a[0] != b[0]
                if not (differ_target or differ_kind):
                    continue
                left, right = accounts[a], accounts[b]
                text = (
                    f"Different accounts of {_question(group.subject or left[0].subject, left[0])}: "
                    + "; ".join(self.said(f) for f in left)
                    + " against "
                    + "; ".join(self.said(f) for f in right)
                    + "."
                )
                found.append(self.make(ContradictionKind.claim, group, [left, right], text, 0.6))
        return found

    def _account(self, wording: str) -> tuple[str, str]:
        accusation, _, rest = wording.partition(" towards ")
        target = rest
        if not rest:
            for known in self.target_family:
                if wording.endswith(" " + known):
                    accusation, target = wording[: -len(known) - 1], known
                    break
        return self.accusation_family.get(accusation, accusation), self.target_family.get(target, target)


BACKGROUND_DAYS = 90
"""How long before its article's publication a dated move is the person's past, not the story's news."""


def _last_day(when: str, granularity: Granularity) -> date:
    """The last day a date can stand for: a year or a month given alone ends at its last day."""
    year, month = int(when[:4]), int(when[5:7] or 12)  # "2017", "2017-03-01"
    if granularity is Granularity.year:
        return date(year, 12, 31)
    if granularity is Granularity.month:
        return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return date.fromisoformat(when[:10])


def ordered(found: list[Contradiction]) -> list[Contradiction]:
    """Each contradiction once, the most severe first; contradictions of one kind that share a fact are
    one (a fact is listed under one contradiction of each kind at most)."""
    unique = sorted({c.id: c for c in found}.values(), key=lambda c: (-c.severity, c.id))
    merged: list[list[Contradiction]] = []
    for contradiction in unique:
        mine = set(contradiction.facts)
        joined = [part for part in merged if part[0].kind is contradiction.kind and mine & _facts_of(part)]
        for part in joined[1:]:
            joined[0].extend(part)
            merged.remove(part)
        if joined:
            joined[0].append(contradiction)
        else:
            merged.append([contradiction])
    return sorted((_merge(part) for part in merged), key=lambda c: (-c.severity, c.id))


def _facts_of(parts: list[Contradiction]) -> set[str]:
    return {fact for part in parts for fact in part.facts}


def _merge(parts: list[Contradiction]) -> Contradiction:
    """Overlapping contradictions of one kind told as one: the most severe names it, every fact once,
    each explanation in turn; the latest known state is what no part shows superseded (a count's
    steps 6 -> 4 and 4 -> 3 end at 3)."""
    if len(parts) == 1:
        return parts[0]
    parts = sorted(parts, key=lambda c: (-c.severity, c.id))
    superseded = {fact for part in parts for fact in part.facts if fact not in part.latest}
    latest = [fact for part in parts for fact in part.latest if fact not in superseded]
    return parts[0].model_copy(
        update={
            "facts": list(dict.fromkeys(fact for part in parts for fact in part.facts)),
            "sources": list(dict.fromkeys(source for part in parts for source in part.sources)),
            "explanation": " ".join(part.explanation for part in parts),
            "latest": list(dict.fromkeys(latest)) or parts[0].latest,
        }
    )


_ARTICLES = frozenset(word.rstrip("'") for word in word_set("articles", "indefinite_articles"))  # "l'" is "l" here


def _counter_name(attribution: str | None, counters: dict[str, str]) -> str:
    """A counter as compared: its class when its name or one of its words is a counter's
    ("la préfecture du Rhône", "the police" -> police), else the organisation it names ("la
    direction d'Acme" -> acme), else its name without its article."""
    name = " ".join((attribution or "").lower().split())
    if name in counters:
        return counters[name]
    words = name.replace("'", " ").split()
    bare = " ".join(w for w in words if w not in _ARTICLES)
    if bare in counters:
        return counters[bare]
    classes = {counters[w] for w in words if w in counters}
    if len(classes) == 1:
        return classes.pop()
    named = [w for w in (attribution or "").replace("'", " ").split() if w[:1].isupper() and w.lower() not in _ARTICLES]
    return " ".join(named).lower() if named else bare


def _question(subject: str | None, fact: Fact) -> str:
    """What the accounts answer: "why X was fired", "why X left", "what caused the fire"."""
    subject = subject or ("it" if fact.predicate == "cause of" else "someone")
    if fact.predicate.startswith("fired"):
        return f"why {subject} was fired"
    if fact.predicate == "reason for leaving":
        return f"why {subject} left"
    if fact.predicate == "cause of":
        return f"what caused {subject}"
    return f"why {subject} was accused"


def _one_per_source(side: list[Fact]) -> list[Fact]:
    """The first fact of each outlet on one side of a change, in the side's order."""
    seen: dict[str, Fact] = {}
    for fact in side:
        kept = seen.get(fact.source)
        if kept is None or fact.evidence.start < kept.evidence.start:
            seen[fact.source] = fact
    return [f for f in side if seen[f.source] is f]


def _topic(fact: Fact, with_subject: bool = True) -> str:
    relation = PREDICATE_WORDS.get(fact.predicate, fact.predicate)
    parts = [fact.subject if with_subject else None, relation, fact.object]
    text = " ".join(p for p in parts if p)
    return text[:1].upper() + text[1:] if text else "A figure"


def _conflict_sides(valued: list[Fact], values: dict[str, Quantity]) -> list[list[Fact]]:
    """The figures that disagree, as a low side and a high side.

    Figures compatible with everything (a "more than 300" beside 310 and "nearly all") take no
    side; the rest are split, in order of value, where the most incompatible pairs cross.
    """
    pairs = [
        (f.id, g.id)
        for i, f in enumerate(valued)
        for g in valued[i + 1 :]
        if not compatible(values[f.id], values[g.id])
    ]
    if not pairs:
        return []
    clashing = {x for pair in pairs for x in pair}
    ordered = sorted((f for f in valued if f.id in clashing), key=lambda f: (_centre([f], values), f.id))
    best_split, best_cross = 1, -1
    for split in range(1, len(ordered)):
        low = {f.id for f in ordered[:split]}
        cross = sum(1 for a, b in pairs if (a in low) != (b in low))
        if cross > best_cross:
            best_split, best_cross = split, cross
    return [ordered[:best_split], ordered[best_split:]]


def _vague(value: Quantity) -> bool:
    """An amount without a figure, given as a range ("des milliers", "dozens")."""
    return value.amount is None and value.qualifier is Qualifier.approx


def _centre(side: list[Fact], values: dict[str, Quantity]) -> float:
    points = []
    for fact in side:
        value = values.get(fact.id)
        if value is None:
            continue
        if value.amount is not None:
            points.append(value.amount)
        elif value.low is not None:
            points.append(value.low if value.high is None else (value.low + value.high) / 2)
    return sum(points) / len(points) if points else 0.0


def _gap(left: list[Fact], right: list[Fact], values: dict[str, Quantity]) -> float:
    a, b = _centre(left, values), _centre(right, values)
    return abs(a - b) / max(abs(a), abs(b), 1e-9)


def _value_severity(left: list[Fact], right: list[Fact], gap: float) -> float:
    """1.0 for two exact figures far apart; lower when a side is approximate or a bound, or close."""

    def firmness(side: list[Fact]) -> float:
        qualifiers = {value.qualifier for f in side if (value := f.effective_value()) is not None}
        if Qualifier.exact in qualifiers:
            return 1.0
        if Qualifier.approx in qualifiers:
            return 0.7
        return 0.5

    return min(firmness(left), firmness(right)) * min(1.0, 0.5 + gap * 2.5)
