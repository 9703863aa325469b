"""The records that cross file boundaries: sources, facts, groups and contradictions.

Every model forbids unknown fields, so a typo in a hand-edited fact file is an error
with a location rather than a silently ignored key.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class FactKind(str, Enum):
    number = "number"
    role = "role"
    event = "event"
    claim = "claim"


class Qualifier(str, Enum):
    exact = "exact"
    approx = "approx"
    more_than = "more_than"
    at_least = "at_least"
    less_than = "less_than"
    at_most = "at_most"
    nearly_all = "nearly_all"


class ReviewStatus(str, Enum):
    unreviewed = "unreviewed"
    confirmed = "confirmed"
    rejected = "rejected"
    corrected = "corrected"


class ContradictionKind(str, Enum):
    value = "value"
    succession = "succession"
    status = "status"
    claim = "claim"
    attributed = "attributed"


class GroupStatus(str, Enum):
    agree = "agree"
    contradicted = "contradicted"
    single = "single"


class Modality(str, Enum):
    """How firmly a role or event is stated."""

    asserted = "asserted"  # stated as fact
    former = "former"  # a role held before ("ex-CEO", "ancien président")
    planned = "planned"  # to happen ("va superviser", "will lead")
    announced = "announced"  # someone announced it
    reported = "reported"  # the outlet reports it from others ("selon", "reportedly")
    conditional = "conditional"  # "would join", "pourrait réintégrer"
    on_hold = "on_hold"  # "en attente", "put on hold"
    denied = "denied"  # "dément", "denied"
    failed = "failed"  # "ont échoué", "failed"
    agreed = "agreed"  # an agreement reached on it after talks ("un terrain d'entente a été trouvé")


class Granularity(str, Enum):
    day = "day"
    weekend = "weekend"
    week = "week"
    month = "month"
    year = "year"


class TimeRef(Strict):
    """When a fact holds, as the text says it ("lundi", "November 20, 2023", "ce week-end")."""

    text: str = Field(description="the words in the article")
    start: int = Field(ge=0, description="offset of those words in the cleaned text")
    date: str | None = Field(None, description="YYYY-MM-DD (first day of the period), null when it cannot be resolved")
    granularity: Granularity = Granularity.day


class EncodingRepair(Strict):
    """What the ingest step changed to undo encoding damage."""

    detected: str | None = Field(None, description="the damage found, e.g. 'utf-8 read as iso8859_16'")
    lines_repaired: int = 0
    chars_repaired: int = 0
    chars_guessed: int = 0


class Source(Strict):
    """One article: where it comes from and what ingest did to it."""

    name: str = Field(description="the article's file name inside the articles folder")
    outlet: str | None = None
    published: str | None = Field(
        None,
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="YYYY-MM-DD, or YYYY-MM / YYYY when that is all the article shows",
    )
    language: str | None = None
    url: str | None = None
    title: str | None = None
    sha256: str | None = Field(None, description="hash of the cleaned text the offsets point into")
    encoding_repair: EncodingRepair = Field(default_factory=EncodingRepair)

    @field_validator("published", mode="before")
    @classmethod
    def _date_to_text(cls, value: object) -> object:
        # YAML reads an unquoted 2023-11-20 as a date; keep the text form.
        if isinstance(value, date):
            return value.isoformat()
        return value


class Quantity(Strict):
    """A number as the text gives it: amount, unit, and how firmly it is stated."""

    amount: float | None = Field(description="null for vague amounts ('nearly all', 'dozens')")
    unit: str | None = Field(None, description="percent, people, or the counted noun; a currency code for money")
    currency: str | None = None
    qualifier: Qualifier = Qualifier.exact
    low: float | None = Field(None, description="lowest value the statement allows")
    high: float | None = Field(None, description="highest value the statement allows")


class Evidence(Strict):
    """A quote from the cleaned article text; start and end are character offsets into it."""

    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Review(Strict):
    """What a person decided about a fact. Never written by extraction."""

    status: ReviewStatus = ReviewStatus.unreviewed
    corrected: Quantity | None = Field(None, description="the value a reviewer says is right")
    corrected_fields: dict[str, str] = Field(
        default_factory=dict, description="subject, predicate, object, attribution or scope as a reviewer says they are"
    )
    note: str | None = None
    stale: bool = Field(False, description="set when re-extraction no longer finds a reviewed fact")


PREDICATE_WORDS = {
    "headcount": "employee count",
    "stake": "stake in",
    "funding": "invested in / committed to",
    "ceo": "CEO of",
    "interim ceo": "interim CEO of",
    "cto": "CTO of",
    "cfo": "CFO of",
    "coo": "COO of",
    "founder": "co-founder of",
    "president": "president of",
    "chair": "chair of",
    "chief scientist": "chief scientist of",
    "board member": "board member of",
    "joins": "joins",
    "leaves": "leaves",
    "fired": "fired from",
    "returns": "returns to",
    "reason for leaving": "left because of",
    "cause of": "caused by",
}
"""How reports word each normalised relation ("ceo" reads "CEO of")."""


CORRECTABLE_FIELDS = ("subject", "predicate", "object", "attribution", "scope")


class Fact(Strict):
    """One statement an article makes, with the quote that supports it."""

    id: str
    source: str = Field(description="the article's file name")
    kind: FactKind
    subject: str | None = None
    predicate: str = Field(description="the relation, normalised across wordings and languages")
    object: str | None = None
    wording: str | None = Field(None, description="the relation as the article words it")
    value: Quantity | None = None
    modality: Modality | None = Field(None, description="roles and events: asserted, former, conditional, on_hold...")
    attribution: str | None = Field(None, description="who the text credits with it ('la police', 'the board')")
    scope: str | None = Field(None, description="the place, group or part a figure covers ('à Paris', 'nationwide')")
    as_of: TimeRef | None = None
    evidence: Evidence
    language: str | None = None
    origin: str = Field(
        "extracted", pattern="^(extracted|manual)$", description="manual: added by a person, never replaced"
    )
    review: Review = Field(default_factory=Review)

    def effective_value(self) -> Quantity | None:
        """The reviewer's corrected value when there is one, else the extracted one."""
        if self.review.corrected is not None:
            return self.review.corrected
        return self.value

    def reviewed_view(self) -> Fact:
        """The fact as a reviewer left it: corrected fields and value in place of the extracted ones."""
        update: dict[str, object] = {k: v for k, v in self.review.corrected_fields.items() if k in CORRECTABLE_FIELDS}
        if self.review.corrected is not None:
            update["value"] = self.review.corrected
        return self.model_copy(update=update) if update else self

    @property
    def active(self) -> bool:
        return self.review.status is not ReviewStatus.rejected


class FactFile(Strict):
    """The on-disk shape of facts/NAME.yaml."""

    source: Source
    facts: list[Fact] = Field(default_factory=list)


class GroupEstimate(Strict):
    """The most likely answer to a group's question, from the truth-discovery estimator."""

    value: str = Field(description="the figure, holder, organisation or reason most likely true")
    confidence: float = Field(ge=0, le=1)
    support: list[str] = Field(
        default_factory=list, description="the sources that give it (or a figure within tolerance)"
    )
    weight: float = Field(0.0, description="summed trust of the supporting sources")


class SourceTrust(Strict):
    source: str
    trust: float = Field(ge=0, le=1)
    claims: int


class FactGroup(Strict):
    id: str
    subject: str | None
    predicate: str
    object: str | None
    facts: list[str]
    status: GroupStatus
    estimate: GroupEstimate | None = None


class Contradiction(Strict):
    id: str
    kind: ContradictionKind
    group: str
    facts: list[str]
    sources: list[str]
    explanation: str
    severity: float = Field(ge=0, le=1, description="1 for two exact figures far apart")
    latest: list[str] = Field(
        default_factory=list, description="status and succession: the facts giving the latest known state"
    )


class Reconciliation(Strict):
    """Everything the reconciler concluded about a set of sources."""

    sources: list[Source]
    facts: list[Fact]
    groups: list[FactGroup]
    contradictions: list[Contradiction]
    trust: list[SourceTrust] = Field(default_factory=list)
