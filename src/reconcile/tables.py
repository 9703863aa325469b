"""The word tables shipped in `reconcile/data/`, read and checked once per process.

Knowledge of a language lives in its own folder, `data/lang/<code>/`, one file per family of
facts (`numbers.yaml`, `roles.yaml`, ...) plus `words.yaml` for the closed classes every family
uses (determiners, auxiliaries, "of" links, negations). What no language owns (ids, English
labels, families of actions) lives in `data/common/`. `data/languages.yaml` lists the languages
with rules, in the order their tables are merged.

`load_data("numbers.yaml")` gives one family as the extractors read it: the common tables, with
each localised table keyed by language code at its place (`hedges: {fr: ..., en: ...}`), or,
for a `MERGED` table, its rows over every language in one list. `SCHEMA` says, per family,
where each table lives and what its rows must be; a row that breaks it, or a table the schema
does not know, stops the load with `file:line: problem`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from reconcile.errors import BadInput

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it


class Place(str, Enum):
    LANGUAGE = "language"  # one table per language, keyed by language code where it is read
    MERGED = "merged"  # one table per language, read as one list (or mapping) over all of them
    COMMON = "common"  # one table for every language, in data/common/


class VagueAmount(BaseModel):
    """An amount given without a figure ("des centaines", "dozens"): the count it stands for."""

    model_config = ConfigDict(extra="forbid")
    phrase: str
    qualifier: str
    low: int | None = None
    high: int | None = None


Words = list[str]
WordFamilies = dict[str, list[str]]  # a name -> the words of its family ("approx" -> about, roughly)
Numbering = dict[str, int]  # a word -> its number ("mars" -> 3, "mardi" -> 1)


@dataclass(frozen=True)
class Table:
    """One table of a family: its path of keys (`*` for any key), what its rows are, where it lives."""

    path: str
    rows: Any = Words
    place: Place = Place.LANGUAGE

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.path.split("/"))


def _common(path: str, rows: Any = Words) -> Table:
    return Table(path, rows, Place.COMMON)


def _merged(path: str, rows: Any = Words) -> Table:
    return Table(path, rows, Place.MERGED)


SCHEMA: dict[str, tuple[Table, ...]] = {
    "words": (
        Table("articles"),
        Table("indefinite_articles"),
        Table("partitives"),
        Table("possessives"),
        Table("personal_possessives"),
        Table("of_links"),
        Table("have_auxiliaries"),
        Table("be_auxiliaries"),
        Table("relative_pronouns"),
        Table("conjunctions"),
        Table("negation_particles"),
        Table("negations"),
        Table("singular_pronouns"),
        Table("plural_pronouns"),
        Table("companions"),
        Table("clause_links"),
        *(Table(name) for name in ("and_words", "complementizers", "agent_links", "singular_articles")),
        *(Table(name) for name in ("demonstratives", "between_words", "from_links", "but_words", "plural_articles")),
        Table("purpose_links"),
        Table("subject_relatives"),
        *(Table(name) for name in ("verb_endings", "pair_links", "contracted_pronouns", "both_words")),
        Table("no_anchor_words"),
        *(Table(name) for name in ("function_words", "abbreviations", "elided_words")),
    ),
    "claims": (
        *(Table(f"{name}/*") for name in ("accusations", "targets", "reasons", "reason_attributes")),
        *(Table(f"{name}/*") for name in ("departures", "incidents", "reason_cues", "assurances")),
        *(Table(name) for name in ("towards", "copulas", "determiners", "reason_links", "link_fillers")),
        *(Table(name) for name in ("speech_verbs", "speakers", "negations", "hedges", "duties", "firing_words")),
        *(Table(name) for name in ("alleged", "accusation_openers", "object_pronouns")),
        _common("personal_reasons"),
        _common("target_families", WordFamilies),
        _common("accusation_families", WordFamilies),
    ),
    "entities": (
        Table("capitalised_function_words"),
        Table("organisation_anaphors"),
        Table("subject_skip"),
        Table("adverb_endings"),
        _common("not_entities"),
        _merged("demonyms"),
        _merged("titles"),
        _merged("organisation_words"),
        _merged("organisation_openers"),
        _merged("legal_suffixes"),
    ),
    "events": (
        *(Table(f"events/*/{part}") for part in ("verbs", "hire", "passive", "nouns")),
        _common("events/*/label", str),
        *(Table(f"site_events/*/{part}") for part in ("verbs", "nouns")),
        _common("site_events/*/label", str),
        Table("site_nouns"),
        Table("modality/*"),
        Table("agreements/*"),
        *(Table(name) for name in ("passive_auxiliaries", "perfect_auxiliaries", "plural_people", "attempts")),
        *(Table(name) for name in ("time_prepositions", "clause_breaks", "conditional_endings")),
    ),
    "numbers": (
        Table("hedges", WordFamilies),
        Table("before_verb"),
        Table("number_words"),
        Table("range_links"),
        Table("stative_verbs"),
        Table("vague", list[VagueAmount]),
        Table("scales", dict[str, float]),
        Table("currency_words", dict[str, str]),
        Table("duration_units", dict[str, str]),
        Table("duration_things/*"),
        *(
            Table(name)
            for name in (
                "percent_words",
                "not_counted",
                "estimate_phrases",
                "payer_verbs",
                "kin_phrases",
                "child_nouns",
                "duration_requests",
                "part_fillers",
                "duration_links",
            )
        ),
        *(Table(f"{name}/*") for name in ("people_nouns", "counted_things", "counted_before", "actions")),
        *(Table(f"relations/*/{part}") for part in ("words", "after", "before")),
        *(_common(f"relations/*/{part}", str) for part in ("label", "unit")),
        _common("currency_symbols", dict[str, str]),
        _common("class_actions/*", dict[str, str]),
        _common("implied_actions", dict[str, str]),
        *(_common(name) for name in ("toll_actions", "toll_classes", "crowd_classes", "accumulating", "shrinking")),
        *(_common(name) for name in ("done_to_actions", "employer_actions")),
        _common("action_families", WordFamilies),
        *(Table(name) for name in ("one_words", "both_figures", "added_words", "part_links", "part_total_links")),
        *(Table(name) for name in ("object_prepositions", "not_noun_words", "no_noun_after", "doer_links")),
        *(Table(name) for name in ("before_infinitive", "counting_be", "numbering_verbs", "employer_links")),
        *(Table(name) for name in ("count_places", "state_links", "organisation_pronouns", "period_nouns")),
        Table("conversion_links"),
    ),
    "qualify": (
        *(Table(name) for name in ("attribution_before", "speech_verbs", "speech_adverbs", "speaker_openers")),
        *(Table(name) for name in ("speaker_links", "speaker_stops", "subject_asides", "scope_phrases")),
        *(Table(name) for name in ("facility_nouns", "national_scopes", "locative_prepositions", "place_nouns")),
        *(Table(name) for name in ("partial_markers", "clause_openers", "figure_joiners", "bare_speakers")),
        Table("before_verb"),
        Table("auxiliary_forms", WordFamilies),
        *(Table(name) for name in ("object_clitics", "count_noun_verbs", "whole_words", "scope_fillers")),
        Table("count_statements/*"),
        Table("counters/*"),
    ),
    "roles": (
        Table("roles/*"),
        _common("roles/*/label", str),
        *(Table(name) for name in ("interim", "former", "holder_cues", "replaced_by", "succeeds")),
        *(Table(name) for name in ("appointing_verbs", "interim_head", "interim_post", "interim_by")),
        *(Table(name) for name in ("lead_verbs", "founding_verbs", "other_words", "post_determiners")),
        Table("organisation_links"),
        *(Table(name) for name in ("containers", "dismissal_stems", "also_words", "possessive_markers", "post_links")),
        Table("departures/*"),
        _merged("interim_nouns"),
        _merged("post_nouns", dict[str, str | None]),
        _common("context_posts"),
        _common("exclusive_posts"),
    ),
    "time": (
        *(Table(name, Numbering) for name in ("months", "month_abbreviations", "weekdays", "relative_days")),
        *(Table(name) for name in ("ordinal_suffixes", "day_month_joiners", "period_triggers", "day_parts")),
        Table("day_part_hours", Numbering),
        Table("slash_dates", Literal["day_first", "month_first"]),
        Table("weekday_modifiers", dict[str, dict[str, str]]),
        Table("periods/*", WordFamilies),
    ),
}


@cache
def _adapter(rows: Any) -> TypeAdapter[Any]:
    return TypeAdapter(rows)


@cache
def languages() -> tuple[str, ...]:
    """The languages reconcile has rules for, in the order their tables are merged."""
    return _languages(_root())


@cache
def foreign_function_words() -> dict[str, list[str]]:
    """Function words of languages reconcile recognises but has no rules for (an article in one is skipped)."""
    table = _read(_root(), "languages.yaml").get("recognised_only") or {}
    _check(_root(), "languages.yaml", ("recognised_only",), table, dict[str, Words])
    return dict(table)


@cache
def load_data(name: str) -> Any:
    """One family of the shipped tables (`"numbers.yaml"` or `"numbers"`), checked against `SCHEMA`."""
    return read_family(name.removesuffix(".yaml"), _root())


@cache
def word_set(*tables: str, family: str = "words") -> frozenset[str]:
    """The words of some tables of a family (by default the closed classes), over every language."""
    return frozenset(word for by_language in _localised(family, tables) for word in _over_languages(by_language))


@cache
def word_sets_by_language(table: str, family: str = "words") -> dict[str, frozenset[str]]:
    """The words of one table of a family, per language, for a rule that differs by language."""
    (by_language,) = _localised(family, (table,))
    return {code: frozenset(rows) for code, rows in by_language.items()}


def _localised(family: str, tables: tuple[str, ...]) -> list[dict[str, list[str]]]:
    data = load_data(family)
    return [_at(data, name.split("/")) or {} for name in tables]


def _at(tree: Any, keys: list[str]) -> Any:
    for key in keys:
        tree = tree.get(key) if isinstance(tree, dict) else None
    return tree


def _over_languages(by_language: dict[str, list[str]] | list[str]) -> list[str]:
    if isinstance(by_language, list):  # a merged table is one list over every language already
        return by_language
    return [word for rows in by_language.values() for word in rows]


def read_family(family: str, root: Traversable) -> Any:
    """One family of tables under a data folder laid out as `reconcile/data` is (uncached)."""
    if family not in SCHEMA:  # a table of its own (the benchmark's story words): read as written
        return _read(root, f"{family}.yaml")
    merged: dict[str, Any] = {}
    if _file(root, f"common/{family}.yaml").is_file():
        _place_rows(root, family, f"common/{family}.yaml", None, merged)
    for code in _languages(root):
        if _file(root, f"lang/{code}/{family}.yaml").is_file():
            _place_rows(root, family, f"lang/{code}/{family}.yaml", code, merged)
    return merged


def _languages(root: Traversable) -> tuple[str, ...]:
    supported = _read(root, "languages.yaml").get("supported")
    _check(root, "languages.yaml", ("supported",), supported, Words)
    return tuple(supported)


def _root() -> Traversable:
    """The shipped tables, or a copy named by RECONCILE_DATA (to try an edit without reinstalling)."""
    override = os.environ.get("RECONCILE_DATA")
    return Path(override) if override else resources.files("reconcile.data")


def _file(root: Traversable, path: str) -> Traversable:
    for part in path.split("/"):
        root = root.joinpath(part)
    return root


def _read(root: Traversable, path: str) -> Any:
    try:
        with _file(root, path).open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=SAFE_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise BadInput(_shown(root, path), getattr(error, "problem", None) or str(error), _line(mark)) from None


def _shown(root: Traversable, path: str) -> str:
    return str(_file(root, path))


def _line(mark: Any) -> int | None:
    return None if mark is None else mark.line + 1


def _place_rows(root: Traversable, family: str, path: str, code: str | None, merged: dict[str, Any]) -> None:
    """Check one file of a family and put its tables where `load_data` gives them."""
    file = _file(root, path)
    document = _read(root, path)
    wanted = {Place.COMMON} if code is None else {Place.LANGUAGE, Place.MERGED}
    for keys, rows in _leaves(document, family, wanted, file):
        table = _table_at(family, keys, wanted)
        assert table is not None  # _leaves only yields known tables
        rows = _check(root, path, keys, rows, table.rows)
        if table.place is Place.LANGUAGE:
            _set(merged, (*keys, str(code)), rows)
        elif table.place is Place.MERGED:
            _extend(merged, keys, rows)
        else:
            _set(merged, keys, rows)


def _leaves(
    node: Any, family: str, wanted: set[Place], file: Traversable, keys: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Any]]:
    """The tables of one file as (keys, rows); a key no table of the family starts with is an error."""
    if keys and _table_at(family, keys, wanted) is not None:
        yield keys, node
        return
    if not isinstance(node, dict) or not any(_starts(t.keys, keys) for t in _tables(family, wanted)):
        raise BadInput(str(file), _unknown(family, keys, wanted), _line_of(file, keys))
    for key, child in node.items():
        yield from _leaves(child, family, wanted, file, (*keys, str(key)))


def _tables(family: str, wanted: set[Place]) -> Iterator[Table]:
    return (table for table in SCHEMA[family] if table.place in wanted)


def _table_at(family: str, keys: tuple[str, ...], wanted: set[Place]) -> Table | None:
    return next((t for t in _tables(family, wanted) if _matches(t.keys, keys)), None)


def _matches(pattern: tuple[str, ...], keys: tuple[str, ...]) -> bool:
    return len(pattern) == len(keys) and _starts(pattern, keys)


def _starts(pattern: tuple[str, ...], keys: tuple[str, ...]) -> bool:
    return len(keys) < len(pattern) + 1 and all(p in ("*", k) for p, k in zip(pattern, keys))


def _unknown(family: str, keys: tuple[str, ...], wanted: set[Place]) -> str:
    if not keys:
        return "expected a mapping of tables"
    known = sorted({t.path for t in _tables(family, wanted)})
    return f"no table '{'/'.join(keys)}' in this file (known: {', '.join(known)})"


def _check(root: Traversable, path: str, keys: tuple[str, ...], rows: Any, expected: Any) -> Any:
    """The rows as written, once checked; the first row that breaks the schema gives `file:line: problem`."""
    try:
        _adapter(expected).validate_python(rows, strict=True)
        return rows
    except ValidationError as error:
        first = error.errors()[0]
        where = (*keys, *(str(step) for step in first["loc"]))
        problem = f"{'/'.join(where)}: {first['msg'].lower()} (got {first['input']!r})"
        raise BadInput(_shown(root, path), problem, _line_of(_file(root, path), where)) from None


def _line_of(file: Traversable, keys: tuple[str, ...]) -> int | None:
    """The line of the node at `keys` in a YAML file, read again only when there is an error to locate."""
    with file.open(encoding="utf-8") as handle:
        node = yaml.compose(handle, Loader=SAFE_LOADER)
    for key in keys:
        child = _child(node, key)
        if child is None:
            break
        node = child
    return None if node is None else node.start_mark.line + 1


def _child(node: Any, key: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        return next((value for name, value in node.value if str(name.value) == key), None)
    if isinstance(node, yaml.SequenceNode) and key.isdigit() and int(key) < len(node.value):
        return node.value[int(key)]
    return None


def _set(tree: dict[str, Any], keys: tuple[str, ...], value: Any) -> None:
    for key in keys[:-1]:
        tree = tree.setdefault(key, {})
    tree[keys[-1]] = value


def _extend(tree: dict[str, Any], keys: tuple[str, ...], rows: Any) -> None:
    """A merged table: the rows of each language after those already there, each word once."""
    for key in keys[:-1]:
        tree = tree.setdefault(key, {})
    if isinstance(rows, dict):
        tree[keys[-1]] = {**rows, **tree.get(keys[-1], {})}
    else:
        before = tree.get(keys[-1], [])
        tree[keys[-1]] = before + [row for row in rows if row not in before]
