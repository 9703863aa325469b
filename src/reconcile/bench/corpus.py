"""A synthetic multi-source corpus with known facts and injected contradictions.

Each story is about its own invented company, people, city and union. Its sources (alternately
French and English, published on consecutive days) state the same facts in different words,
except where a contradiction is injected:

- value: one source gives a headcount far from the others';
- attributed: the police and a union give different march counts;
- status: a petition's count grows between the early and the late sources, and (in about half
  of the stories) a hiring is announced by one source and put on hold in a later one;
- succession: the early sources name one interim CEO, the late ones another;
- claim: one source gives another reason for the CEO's dismissal (fraud, or deceiving the
  shareholders rather than the board).

Most of each article (about 600 words) is filler: background, quotes and context that state no
fact. Everything is drawn from one seeded `random.Random`, so a seed gives the same corpus.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

LANGUAGES = ("fr", "en")
WORDS_PER_ARTICLE = 600

# Names are four consonant-vowel syllables (a, b, c free; d = a + b + c mod 73), so two names
# differ in at least two syllables: never within rapidfuzz ratio 90 of each other, and stories
# do not merge by accident.
_CONSONANTS = "bcdfgjklmnprstv"
_SYLLABLES = [c + v for c in _CONSONANTS for v in "aeiou"][:73]
_PRIME = len(_SYLLABLES)

FEMALE = [
    "Lucile",
    "Agathe",
    "Elodie",
    "Nadia",
    "Inès",
    "Maud",
    "Odile",
    "Solène",
    "Hannah",
    "Ingrid",
    "Léonie",
    "Marion",
    "Pauline",
    "Rosalie",
    "Sabine",
    "Yvette",
    "Margot",
    "Aurore",
    "Colette",
    "Edith",
    "Fanny",
    "Gisèle",
]
MALE = [
    "Armand",
    "Tobias",
    "Basile",
    "Cyril",
    "Damien",
    "Edgar",
    "Fabien",
    "Gaspard",
    "Hector",
    "Ivan",
    "Jules",
    "Lionel",
    "Noël",
    "Oscar",
    "Rémi",
    "Simon",
    "Tristan",
    "Victor",
    "Yann",
    "Gilles",
    "Mathis",
    "Anton",
    "Bruno",
]
OUTLETS = {
    "fr": [
        "Le Veilleur du Matin",
        "La Lettre des Régions",
        "L'Écho des Ateliers",
        "Le Journal de la Plaine",
        "La Vigie Économique",
        "Le Fil Hebdo",
    ],
    "en": [
        "The Morning Ledger",
        "Northfield Courier",
        "The Harbour Post",
        "Industry Wire",
        "The Daily Lantern",
        "Midland Observer",
    ],
}

# What each injected contradiction is about, and the kind reconcile should give it.
TOPIC_KIND = {
    "headcount": "value",
    "march": "attributed",
    "petition": "status",
    "post": "succession",
    "claim": "claim",
    "move": "status",
}


@cache
def templates(language: str) -> dict:
    """The sentence templates of one language (src/reconcile/data/bench_<language>.yaml)."""
    text = resources.files("reconcile").joinpath("data", f"bench_{language}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def name_of(code: int) -> str:
    """The invented name numbered `code` (0 <= code < 73**3)."""
    a, rest = divmod(code, _PRIME * _PRIME)
    b, c = divmod(rest, _PRIME)
    d = (a + b + c) % _PRIME
    return "".join(_SYLLABLES[i] for i in (a, b, c, d)).capitalize()


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class SourcePlan:
    """What one article of a story says (its own figures and wordings)."""

    name: str
    language: str
    outlet: str
    published: str
    headcount: int
    headcount_approx: bool
    march: str  # police | union | both
    petition: int
    petition_late: bool
    reason: str  # board | owners | fraud
    interim: int  # 0: the first interim CEO, 1: the second
    move: str | None = None  # announced | on_hold


@dataclass
class Injected:
    """A contradiction put into a story: its topic, kind and the sources on each side."""

    story: int
    topic: str
    kind: str
    sides: tuple[list[str], list[str]]


@dataclass
class Story:
    index: int
    org: str
    rival: str
    city: str
    union: str
    ceo: Person
    interims: tuple[Person, Person]
    headcount: int
    police: int
    claimed: int
    sources: list[SourcePlan] = field(default_factory=list)
    injected: list[Injected] = field(default_factory=list)


class NameBook:
    """Distinct invented names, drawn without replacement from a seeded sample of codes."""

    def __init__(self, rng: random.Random, count: int) -> None:
        self.codes = rng.sample(range(_PRIME**3), count)
        self.next = 0

    def take(self) -> str:
        code = self.codes[self.next]
        self.next += 1
        return name_of(code)


def plan_stories(stories: int, sources: int, seed: int = 0) -> list[Story]:
    """The facts, wordings and injected contradictions of `stories` stories of `sources` sources each."""
    if sources < 3:
        raise ValueError("a story needs at least 3 sources to carry a majority and a dissent")
    rng = random.Random(seed)
    book = NameBook(rng, stories * 7)
    early = math.ceil(sources / 2)
    planned = []
    for index in range(stories):

        def person() -> Person:
            female = rng.random() < 0.5
            return Person(rng.choice(FEMALE if female else MALE), book.take(), female)

        headcount = rng.randrange(600, 9000, 10)
        police = rng.randrange(2000, 20000, 100)
        story = Story(
            index=index,
            org=book.take(),
            rival=book.take(),
            city=book.take(),
            union=book.take(),
            ceo=person(),
            interims=(person(), person()),
            headcount=headcount,
            police=police,
            claimed=int(round(police * rng.uniform(2.2, 4.0), -2)),
        )
        start = date(2024, 1, 8) + timedelta(days=rng.randrange(300))
        offset = rng.randrange(2)
        value_dissent, claim_dissent = rng.randrange(sources), rng.randrange(sources)
        petition_early = round(headcount * rng.uniform(0.12, 0.3))
        petition_late = round(petition_early * rng.uniform(1.4, 1.8))
        for i in range(sources):
            language = LANGUAGES[(i + offset) % 2]
            said = headcount
            if i == value_dissent:
                said = int(round(headcount * rng.choice((rng.uniform(1.4, 1.9), rng.uniform(0.45, 0.7))), -1))
            story.sources.append(
                SourcePlan(
                    name=f"s{index:05d}-{i}.txt",
                    language=language,
                    outlet=rng.choice(OUTLETS[language]),
                    published=(start + timedelta(days=i)).isoformat(),
                    headcount=said,
                    headcount_approx=rng.random() < 0.3,
                    march=rng.choice(("police", "union", "both") if language == "fr" else ("police", "union")),
                    petition=petition_late if i >= early else petition_early,
                    petition_late=i >= early,
                    reason=rng.choice(("owners", "fraud")) if i == claim_dissent else "board",
                    interim=int(i >= early),
                )
            )
        _balance_march(story, rng)
        if rng.random() < 0.5:
            first, second = sorted(rng.sample(range(sources), 2))
            story.sources[first].move, story.sources[second].move = "announced", "on_hold"
        story.injected = _injected(story, value_dissent, claim_dissent)
        planned.append(story)
    return planned


def _balance_march(story: Story, rng: random.Random) -> None:
    """At least one source gives the police count and one the union's (else nothing is attributed)."""

    def gives(counter: str) -> list[SourcePlan]:
        return [s for s in story.sources if s.march in (counter, "both")]

    if not gives("police"):
        rng.choice(
            [s for s in story.sources if s.march == "union" and len(gives("union")) > 1] or story.sources
        ).march = "police"
    if not gives("union"):
        rng.choice(
            [s for s in story.sources if s.march == "police" and len(gives("police")) > 1] or story.sources
        ).march = "union"
    if not gives("police") or not gives("union"):  # two sources, each giving one count: let one give both
        french = [s for s in story.sources if s.language == "fr"]
        (french or story.sources)[0].march = "both"


def _injected(story: Story, value_dissent: int, claim_dissent: int) -> list[Injected]:
    names = [s.name for s in story.sources]

    def split(test) -> tuple[list[str], list[str]]:
        return [s.name for s in story.sources if test(s)], [s.name for s in story.sources if not test(s)]

    found = [
        Injected(
            story.index,
            "headcount",
            "value",
            ([names[value_dissent]], [n for i, n in enumerate(names) if i != value_dissent]),
        ),
        Injected(
            story.index,
            "march",
            "attributed",
            (
                [s.name for s in story.sources if s.march in ("police", "both")],
                [s.name for s in story.sources if s.march in ("union", "both")],
            ),
        ),
        Injected(story.index, "petition", "status", split(lambda s: not s.petition_late)),
        Injected(story.index, "post", "succession", split(lambda s: s.interim == 0)),
        Injected(
            story.index,
            "claim",
            "claim",
            ([names[claim_dissent]], [n for i, n in enumerate(names) if i != claim_dissent]),
        ),
    ]
    if any(s.move for s in story.sources):
        found.append(
            Injected(
                story.index,
                "move",
                "status",
                (
                    [s.name for s in story.sources if s.move == "announced"],
                    [s.name for s in story.sources if s.move == "on_hold"],
                ),
            )
        )
    return found


# --- writing articles ----------------------------------------------------------------------


def figure(amount: int, language: str) -> str:
    """A figure as the press writes it: "1 240" in French, "1,240" in English."""
    text = f"{amount:,}"
    return text.replace(",", " ") if language == "fr" else text


def known_facts(story: Story, plan: SourcePlan) -> list[dict[str, object]]:
    """The facts an article states, as the scorer looks for them among the extracted ones."""
    facts: list[dict[str, object]] = [
        {"topic": "headcount", "amount": plan.headcount},
        {"topic": "petition", "amount": plan.petition},
        {"topic": "ceo", "person": story.ceo.name, "org": story.org},
        {"topic": "fired", "person": story.ceo.name},
        {"topic": "reason", "person": story.ceo.name, "account": plan.reason},
        {"topic": "interim", "person": story.interims[plan.interim].name, "org": story.org},
    ]
    if plan.march in ("police", "both"):
        facts.append({"topic": "march", "amount": story.police, "counter": "police"})
    if plan.march in ("union", "both"):
        facts.append({"topic": "march", "amount": story.claimed, "counter": "union"})
    if plan.move:
        facts.append({"topic": "move", "person": story.ceo.name, "modality": plan.move})
    return facts


def write_article(story: Story, plan: SourcePlan, rng: random.Random) -> str:
    """One article of about 600 words: the plan's fact sentences among filler, front matter first."""
    lang = plan.language
    table = templates(lang)
    facts = table["facts"]
    words = table["words"]

    def fill(template: str, person: Person | None = None, **slots: object) -> str:
        person = person or story.ceo
        ceo = story.ceo.name
        values = {
            "org": story.org,
            "rival": story.rival,
            "city": story.city,
            "union": story.union,
            "ceo": ceo,
            "de_ceo": ("d'" if ceo[0].lower() in "aeiouéèêîôh" else "de ") + ceo,
            "day": rng.choice(words["days"]),
            "sector": rng.choice(words["sectors"]),
            "e": "e" if person.female else "",
            "ne": "ne" if person.female else "",
            "le": "la" if person.female else "le",
            "Le": "La" if person.female else "Le",
            **slots,
        }
        text = template.format(**values)
        return text[0].upper() + text[1:]

    blocks: list[list[str]] = []
    fired = fill(rng.choice(facts["fired"]))
    size = "approx" if plan.headcount_approx else "exact"
    blocks.append([fill(rng.choice(facts["headcount"][size]), n=figure(plan.headcount, lang))])
    if plan.march == "both" and "both" in facts["march"]:
        march = [
            fill(
                rng.choice(facts["march"]["both"]),
                police=figure(story.police, lang),
                claimed=figure(story.claimed, lang),
            )
        ]
    else:
        march = [
            fill(
                rng.choice(facts["march"][side]), police=figure(story.police, lang), claimed=figure(story.claimed, lang)
            )
            for side in ("police", "union")
            if plan.march in (side, "both")
        ]
    blocks.append(march)
    side = "late" if plan.petition_late else "early"
    blocks.append([fill(rng.choice(facts["petition"][side]), n=figure(plan.petition, lang))])
    blocks.append([fill(rng.choice(facts["reason"][plan.reason]))])
    interim = story.interims[plan.interim]
    blocks.append([fill(rng.choice(facts["interim"]), person=interim, interim=interim.name)])
    if plan.move:
        blocks.append([fill(rng.choice(facts["move"][plan.move]))])
    rng.shuffle(blocks)
    blocks.insert(0, [fired])

    target = rng.randint(WORDS_PER_ARTICLE - 40, WORDS_PER_ARTICLE + 40)
    title = fill(rng.choice(table["title"]))
    count = len(title.split()) + sum(len(s.split()) for block in blocks for s in block)
    pool = list(table["filler"])
    rng.shuffle(pool)
    filler: list[str] = []
    while count < target:
        if not pool:
            pool = list(table["filler"])
            rng.shuffle(pool)
        sentence = fill(pool.pop())
        filler.append(sentence)
        count += len(sentence.split())
    # Spread the filler over the paragraphs; each fact sentence sits among context.
    paragraphs = [list(block) for block in blocks]
    for sentence in filler:
        paragraph = rng.choice(paragraphs)
        paragraph.insert(rng.randint(0, len(paragraph)), sentence)
    front = f"---\noutlet: {plan.outlet}\npublished: {plan.published}\nlanguage: {lang}\n---\n"
    return front + title + "\n\n" + "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


@dataclass
class Corpus:
    """A written corpus: where its articles are, and what it is known to contain."""

    articles: Path
    stories: list[Story]

    @property
    def size(self) -> int:
        return sum(len(s.sources) for s in self.stories)

    def injected(self) -> list[Injected]:
        return [i for s in self.stories for i in s.injected]


def write_corpus(folder: Path, articles: int, sources: int = 5, seed: int = 0) -> Corpus:
    """Write about `articles` articles (whole stories of `sources` sources) to folder/articles.

    Also writes folder/truth.json: every article's known facts and every injected contradiction.
    """
    stories = plan_stories(max(1, round(articles / sources)), sources, seed)
    target = folder / "articles"
    target.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 1)
    known: dict[str, list[dict[str, object]]] = {}
    injected: list[dict[str, object]] = []
    truth = {"articles": known, "injected": injected}
    for story in stories:
        for plan in story.sources:
            (target / plan.name).write_text(write_article(story, plan, rng), encoding="utf-8")
            known[plan.name] = known_facts(story, plan)
        injected += [asdict(i) for i in story.injected]
    (folder / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return Corpus(articles=target, stories=stories)
