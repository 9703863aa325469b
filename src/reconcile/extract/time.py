"""Time expressions in a sentence, resolved against the article's publication date.

Spans are found by rules over the word tables in data/lang/<code>/time.yaml. Where two spans overlap, the
one that starts first wins, then the longer ("lundi 20 novembre" is one date, not a weekday and
a date). Rules, by family:
- absolute dates: "20 novembre 2023", "1er décembre", "November 20, 2023", "Nov. 20",
  "2023-11-20", "20/11/2023" (French only) are days; "novembre 2023", "2023-11" are months; a
  lone month or year counts only after a trigger word ("en 2023", "since March"). Years in
  prose must lie in PROSE_YEARS. A date without a year takes the publication year, or the
  year before when that would put it more than FUTURE_WINDOW_DAYS after publication;
- relative days ("hier", "today"), weekdays and "this week"-style periods need the
  publication day (the month for months, the year for years); without it the date is None;
- a bare weekday (or "ce"/"this" + weekday) is the most recent one on or before publication;
  "dernier"/"last" the most recent strictly before; "prochain"/"next" the first strictly after;
- a weekend is dated by its Saturday: "ce week-end"/"this weekend" is the most recent Saturday
  on or before publication (so the current weekend when published on a Saturday or Sunday);
  "dernier"/"last" is that one, or the one before when published on a Saturday or Sunday;
  "prochain"/"next" is the one after;
- a week is dated by its Monday, a month by its first day, a year by 1 January.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from reconcile.extract.language import plain
from reconcile.models import Granularity, TimeRef
from reconcile.tables import load_data

FUTURE_WINDOW_DAYS = 62
"""A date given without a year may lie this many days after publication; later, it is last year's."""

PROSE_YEARS = range(1900, 2100)
"""Years read from a lone year or a month and year in prose; other four-digit numbers are counts."""

_HYPHEN = r"[-\u2010\u2011\s]?"
_YEAR_END = r"(?![\w%]|[.,]\d)"
_SATURDAY = 5


@dataclass(frozen=True)
class _Published:
    """What is known of the publication date."""

    year: int
    month: int | None
    day: date | None

    @property
    def latest(self) -> date:
        """The last day the article can have been published."""
        if self.day is not None:
            return self.day
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    granularity: Granularity
    date: date | None


@dataclass(frozen=True)
class _Tables:
    """One language's time words, as keys (see `_key`) and compiled patterns."""

    months: dict[str, int]
    weekdays: dict[str, int]
    modifiers: dict[str, str]
    relative_days: dict[str, int]
    periods: dict[str, tuple[Granularity, str]]
    patterns: dict[str, re.Pattern[str]]


def _key(words: str) -> str:
    """Lookup form of matched words: lower case, no spaces, hyphens or trailing dot."""
    return re.sub(r"[\s\-\u2010\u2011]+", "", plain(words).lower()).rstrip(".")


def _phrase(words: str) -> str:
    """Regex for a table phrase: spaces match any whitespace, hyphens a hyphen, space or nothing."""
    return r"\s+".join(_HYPHEN.join(re.escape(p) for p in w.split("-")) for w in plain(words).lower().split())


def _alternation(phrases: list[str], suffix: str = "") -> str:
    """Phrases longest first, so a longer phrase wins over its prefix."""
    return "(?:" + "|".join(_phrase(p) + suffix for p in sorted(set(phrases), key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_data("time.yaml")


def _rows(table: dict, languages: list[str]) -> list:
    """A table's rows for the given languages, merged (lists concatenated, mappings joined)."""
    merged: list = []
    for language in languages:
        rows = table.get(language) or []
        merged.extend(rows.items() if isinstance(rows, dict) else rows)
    return merged


@dataclass(frozen=True)
class _Words:
    """The time words of some languages, as the tables give them."""

    months: dict[str, int]
    abbreviations: dict[str, int]
    weekdays: dict[str, int]
    before: dict[str, str]  # modifiers before a weekday ("last", "ce")
    after: dict[str, str]  # modifiers after a weekday ("dernier", "prochain")
    relative: dict[str, int]
    parts: list[str]
    triggers: list[str]
    ordinals: list[str]
    joiners: list[str]
    periods: dict[str, tuple[Granularity, str]]
    day_first: bool


def _words(data: dict, languages: list[str]) -> _Words:
    modifier_rows = [data["weekday_modifiers"].get(lang) or {} for lang in languages]
    periods: dict[str, tuple[Granularity, str]] = {}
    for granularity, by_language in data["periods"].items():
        for lang in languages:
            for which, phrases in (by_language.get(lang) or {}).items():
                for phrase in phrases:
                    periods[phrase] = (Granularity(granularity), which)
    return _Words(
        months=dict(_rows(data["months"], languages)),
        abbreviations=dict(_rows(data["month_abbreviations"], languages)),
        weekdays=dict(_rows(data["weekdays"], languages)),
        before={word: which for rows in modifier_rows for word, which in (rows.get("before") or {}).items()},
        after={word: which for rows in modifier_rows for word, which in (rows.get("after") or {}).items()},
        relative=dict(_rows(data["relative_days"], languages)),
        parts=_rows(data["day_parts"], languages),
        triggers=_rows(data["period_triggers"], languages),
        ordinals=_rows(data["ordinal_suffixes"], languages),
        joiners=_rows(data["day_month_joiners"], languages),
        periods=periods,
        day_first=any(data["slash_dates"].get(lang) == "day_first" for lang in languages),
    )


@lru_cache(maxsize=8)
def _tables(language: str) -> _Tables:
    """The tables for `language`; for a language without rows, every language's rows."""
    data = _data()
    words = _words(data, [language] if language in data["weekdays"] else sorted(data["weekdays"]))
    return _Tables(
        months={_key(k): v for k, v in (words.abbreviations | words.months).items()},
        weekdays={_key(k): v for k, v in words.weekdays.items()},
        modifiers={_key(k): v for k, v in (words.before | words.after).items()},
        relative_days={_key(k): v for k, v in words.relative.items()},
        periods={_key(k): v for k, v in words.periods.items()},
        patterns={name: re.compile(p, re.IGNORECASE) for name, p in _patterns(words).items()},
    )


def _patterns(words: _Words) -> dict[str, str]:
    """The regular expression of each kind of date, built from the words of its languages."""
    months, abbreviations = list(words.months), list(words.abbreviations)
    any_month = (
        "(?P<month>(?:"
        + "|".join([_alternation(months) + r"(?!\w)", _alternation(abbreviations) + r"(?!\w)\.?"])
        + "))"
    )
    weekday = _alternation(list(words.weekdays))
    ordinal = f"(?:{_alternation(words.ordinals)})?" if words.ordinals else ""
    joiner = rf"(?:\s+{_alternation(words.joiners)})?" if words.joiners else ""
    year = rf"(?:,?\s+(?P<year>\d{{4}}){_YEAR_END})?"
    prefix = rf"(?:(?P<weekday>{weekday})(?!\w),?\s+)?"
    part = rf"(?:\s+(?P<part>{_alternation(words.parts)})(?!\w))?" if words.parts else ""
    triggers = sorted(words.triggers, key=len, reverse=True)
    trigger = "(?:" + "|".join(_phrase(t) + (r"\s*" if t.endswith("-") else r"\s+") for t in triggers) + ")"
    patterns = {
        "day_month": rf"(?<![\w.,/-]){prefix}(?P<day>\d{{1,2}}){ordinal}{joiner}\s+{any_month}{year}",
        "month_day": rf"(?<!\w){prefix}{any_month}\s+(?P<day>\d{{1,2}}){ordinal}(?![\w%]|[.,:]\d){year}",
        "month_year": rf"(?<!\w){any_month}\s+(?P<year>\d{{4}}){_YEAR_END}",
        "triggered": rf"(?<!\w){trigger}(?P<what>(?P<month>{_alternation(months)})(?!\w)"
        rf"|(?P<year>\d{{4}}){_YEAR_END})",
        "iso_day": r"(?<![\w./:-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:(?![\w/-]|[.:]\d)|(?=T\d))",
        "iso_month": r"(?<![\w./:-])(?P<year>\d{4})-(?P<month>\d{2})(?![\w/-]|[.:]\d)",
        "relative": rf"(?<!\w)(?P<relative>{_alternation(list(words.relative))})(?!\w){part}",
        "periods": rf"(?<!\w){_alternation(list(words.periods))}(?!\w)",
    }
    before, after = list(words.before), list(words.after)
    modifier_before = rf"(?:(?P<before>{_alternation(before)})\s+)?" if before else ""
    modifier_after = rf"(?:\s+(?P<after>{_alternation(after)})(?!\w))?" if after else ""
    modifier_last = rf"(?:\s+(?P<after2>{_alternation(after)})(?!\w))?" if after else ""
    patterns["weekday"] = rf"(?<!\w){modifier_before}(?P<weekday>{weekday})(?!\w){modifier_after}{part}{modifier_last}"
    if words.day_first:
        patterns["slash_day"] = r"(?<![\w./:-])(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})(?![\w/-]|[.:]\d)"
    return patterns


def _parse_published(published: str | None) -> _Published | None:
    """'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'; None for anything else or an impossible date."""
    if not published:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published.strip())
    if match is None:
        return None
    year = int(match.group(1))
    month, day = (int(g) if g else None for g in match.groups()[1:])
    try:
        if month is not None and day is not None:
            return _Published(year, month, date(year, month, day))
        if month is not None:
            date(year, month, 1)
        return _Published(year, month, None)
    except ValueError:
        return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, published: _Published | None) -> date | None:
    """A yearless date in the publication year, or the year before when that lies too far ahead."""
    if published is None:
        return None
    limit = published.latest + timedelta(days=FUTURE_WINDOW_DAYS)
    for year in (published.year, published.year - 1):
        candidate = _valid(year, month, day)
        if candidate is not None and candidate <= limit:
            return candidate
    return None


def _absolute(tables: _Tables, text: str, published: _Published | None) -> Iterator[_Span]:
    """Dates written out: day-month(-year), month-day(-year), month-year, ISO and slash forms."""
    patterns = tables.patterns
    for name in ("day_month", "month_day", "iso_day", "slash_day"):
        if name not in patterns:
            continue
        for m in patterns[name].finditer(text):
            month = int(m["month"]) if m["month"].isdigit() else tables.months[_key(m["month"])]
            day = int(m["day"])
            year = int(m["year"]) if m["year"] else None
            if _valid(year or 2000, month, day) is None:  # 2000 is a leap year: 29 February stays
                continue
            resolved = _valid(year, month, day) if year is not None else _year_for(month, day, published)
            yield _Span(m.start(), m.end(), Granularity.day, resolved)
    for name in ("month_year", "iso_month"):
        for m in patterns[name].finditer(text):
            month = int(m["month"]) if m["month"].isdigit() else tables.months[_key(m["month"])]
            year = int(m["year"])
            if not 1 <= month <= 12 or (name == "month_year" and year not in PROSE_YEARS):
                continue
            yield _Span(m.start(), m.end(), Granularity.month, date(year, month, 1))
    for m in patterns["triggered"].finditer(text):
        if m["year"]:
            year = int(m["year"])
            if year in PROSE_YEARS:
                yield _Span(m.start("what"), m.end(), Granularity.year, date(year, 1, 1))
        else:
            resolved = _year_for(tables.months[_key(m["month"])], 1, published)
            yield _Span(m.start("what"), m.end(), Granularity.month, resolved)


def _weekday_date(weekday: int, which: str, today: date) -> date:
    """this: on or before `today`; last: strictly before; next: strictly after."""
    if which == "next":
        return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    back = (today.weekday() - weekday) % 7
    if which == "last" and back == 0:
        back = 7
    return today - timedelta(days=back)


def _relative(tables: _Tables, text: str, published: _Published | None) -> Iterator[_Span]:
    """Relative days and weekdays, resolved only against a full publication day."""
    today = published.day if published else None
    for m in tables.patterns["relative"].finditer(text):
        shift = tables.relative_days[_key(m["relative"])]
        yield _Span(m.start(), m.end(), Granularity.day, today + timedelta(days=shift) if today else None)
    for m in tables.patterns["weekday"].finditer(text):
        words = [m.groupdict().get(g) for g in ("before", "after", "after2")]
        which = next((tables.modifiers[_key(w)] for w in words if w), "this")
        weekday = tables.weekdays[_key(m["weekday"])]
        yield _Span(m.start(), m.end(), Granularity.day, _weekday_date(weekday, which, today) if today else None)


def _period_date(granularity: Granularity, which: str, published: _Published | None) -> date | None:
    """First day of the weekend, week, month or year named relative to publication."""
    if published is None:
        return None
    step = {"this": 0, "last": -1, "next": 1}[which]
    if granularity is Granularity.year:
        return date(published.year + step, 1, 1)
    if granularity is Granularity.month:
        if published.month is None:
            return None
        index = published.year * 12 + published.month - 1 + step
        return date(index // 12, index % 12 + 1, 1)
    today = published.day
    if today is None:
        return None
    if granularity is Granularity.week:
        return today - timedelta(days=today.weekday()) + timedelta(weeks=step)
    saturday = today - timedelta(days=(today.weekday() - _SATURDAY) % 7)
    if which == "last" and today.weekday() < _SATURDAY:
        return saturday  # on a weekday, the weekend just gone is already "last"
    return saturday + timedelta(weeks=step)


def _periods(tables: _Tables, text: str, published: _Published | None) -> Iterator[_Span]:
    for m in tables.patterns["periods"].finditer(text):
        granularity, which = tables.periods[_key(m.group())]
        yield _Span(m.start(), m.end(), granularity, _period_date(granularity, which, published))


def _leftmost_longest(spans: list[_Span]) -> list[_Span]:
    """Non-overlapping spans: the earliest start wins, then the longest."""
    chosen: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
    return chosen


def find_times(text: str, offset: int, language: str, published: str | None) -> list[TimeRef]:
    """Time expressions in `text` (a sentence starting at `offset` in the article), in text order."""
    tables = _tables((language or "").lower())
    known = _parse_published(published)
    matchable = plain(text)
    spans = [
        *_absolute(tables, matchable, known),
        *_relative(tables, matchable, known),
        *_periods(tables, matchable, known),
    ]
    return [
        TimeRef(
            text=text[s.start : s.end],
            start=offset + s.start,
            date=s.date.isoformat() if s.date else None,
            granularity=s.granularity,
        )
        for s in _leftmost_longest(spans)
    ]


def nearest_time(times: list[TimeRef], position: int) -> TimeRef | None:
    """The time expression that applies at `position`: the nearest one in the same sentence,
    preferring one before the position when distances tie.

    Pass the times of one sentence. Distance is the gap between `position` and the span (0 when
    the position falls inside it); an expression ending at or before the position is "before".
    """

    def rank(time: TimeRef) -> tuple[int, int, int]:
        end = time.start + len(time.text)
        if time.start <= position < end:
            return (0, 0, time.start)
        if end <= position:
            return (position - end, 0, -time.start)
        return (time.start - position, 1, time.start)

    return min(times, key=rank, default=None)
