"""Fact files on disk: load with located errors, merge re-extraction with a person's edits, write atomically.

Rules:
- one file per article, `facts/<article stem>.yaml`;
- extraction owns every field of a fact but `review`; a person owns `review` and any fact
  whose `origin` is `manual`;
- re-extraction keeps, by id, the review of every fact it finds again; a fact it no longer
  finds is dropped when nobody reviewed it, and kept with `review.stale: true` otherwise;
- a file is only rewritten when its content changes, through a temporary file and a rename.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import yaml
from pydantic import ValidationError

from reconcile.errors import BadInput
from reconcile.models import Fact, FactFile, ReviewStatus, Source

HEADER = (
    "# Facts extracted by reconcile from {name}.\n"
    "# Edit only the `review` block of a fact (status: unreviewed | confirmed | rejected | corrected,\n"
    "# corrected: a value, note: text), or add a fact with `origin: manual`. Re-extraction keeps both.\n"
)


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping key and sequence item."""

    line_marks: dict[int, tuple[int, dict[Any, int]]]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # PyYAML's scalar constructors raise plain Python errors on values they cannot read
        # ("published: 2024-13-45", "!!int x"); give them the node's line like any YAML error.
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as err:
            kind = str(node.tag).rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {node.value!r} as {kind}", node.start_mark
            ) from err


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    mapping = {}
    lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            # "[a, b]: 1" or "{a: 1}: 2": PyYAML's own check is bypassed by this constructor.
            raise yaml.constructor.ConstructorError(
                None, None, f"a key must be a single value, not a {type(key).__name__}", key_node.start_mark
            ) from None
        if key in mapping:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=deep)
        lines[key] = key_node.start_mark.line + 1
    loader.line_marks[id(mapping)] = (node.start_mark.line + 1, lines)
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode, deep: bool = False) -> list[Any]:
    items = [loader.construct_object(child, deep=deep) for child in node.value]
    loader.line_marks[id(items)] = (
        node.start_mark.line + 1,
        {i: child.start_mark.line + 1 for i, child in enumerate(node.value)},
    )
    return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class Marks:
    """Line numbers of the nodes of a loaded YAML document, found by path."""

    def __init__(self, root: Any, table: dict[int, tuple[int, dict[Any, int]]]) -> None:
        self.root = root
        self.table = table

    def line(self, path: list[Any]) -> int | None:
        node = self.root
        best: int | None = self.table.get(id(node), (None, {}))[0]
        for part in path:
            entry = self.table.get(id(node))
            if entry is None:
                break
            key: Any = part
            if isinstance(node, list):
                try:
                    key = int(part)
                except (TypeError, ValueError):
                    break
            if key not in entry[1]:
                break
            best = entry[1][key]
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
        return best


def safe_load_yaml(path: Path) -> tuple[Any, Marks]:
    """Load YAML with the safe loader only; errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise BadInput(path, "not UTF-8 text") from err
    except OSError as err:
        raise BadInput(path, f"cannot read file ({err.strerror})") from err
    try:
        # The reader checks every character as the loader is built: a control character
        # raises here, before any mark exists, so it gets its line from its position.
        loader = _LineLoader(text)
    except yaml.reader.ReaderError as err:
        at = text.count("\n", 0, err.position) + 1
        raise BadInput(path, f"character U+{err.character:04X} is not allowed in YAML", at) from err
    loader.line_marks = {}
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = (err.problem or err.context or "invalid YAML").strip()
        raise BadInput(path, problem, line) from err
    except yaml.YAMLError as err:
        raise BadInput(path, f"invalid YAML ({err})") from err
    finally:
        loader.dispose()
    return data, Marks(data, loader.line_marks)


def located_error(
    path: Path | str, err: ValidationError, marks: Marks | None = None, prefix: list[Any] | None = None
) -> BadInput:
    """The first problem of a validation error as a BadInput with its field and, when known, its line."""
    first = err.errors()[0]
    loc = [*(prefix or []), *first["loc"]]
    field = ".".join(str(x) for x in loc) or None
    return BadInput(path, first["msg"], marks.line(loc) if marks is not None else None, field)


def fact_file_path(facts_dir: Path, source_name: str) -> Path:
    return facts_dir / (Path(source_name).stem + ".yaml")


def load_fact_file(path: Path) -> FactFile:
    """One fact file, validated; the first problem is raised with its line.

    A sound file is read with libyaml (many times faster); only when something is wrong is it
    read again with the line-keeping loader, which finds where.
    """
    try:
        return _fact_file(path, yaml.load(path.read_text(encoding="utf-8"), Loader=_FastLoader), Marks(None, {}))
    except Exception:  # any problem at all: the careful reading below reports it with its line
        pass
    data, marks = safe_load_yaml(path)
    return _fact_file(path, data, marks)


def _fact_file(path: Path, data: Any, marks: Marks) -> FactFile:
    if not isinstance(data, dict):
        raise BadInput(path, "expected a mapping with `source` and `facts`", 1)
    try:
        fact_file = FactFile.model_validate(data)
    except ValidationError as err:
        raise located_error(path, err, marks) from err
    _check_source_name(path, fact_file.source.name, marks)  # first: a path outside the folder is never followed
    seen: dict[str, int] = {}
    for index, fact in enumerate(fact_file.facts):
        if fact.id in seen:
            raise BadInput(path, f"duplicate fact id {fact.id!r}", marks.line(["facts", index, "id"]), "id")
        seen[fact.id] = index
        if fact.source != fact_file.source.name:
            raise BadInput(
                path,
                f"fact names source {fact.source!r}, file is for {fact_file.source.name!r}",
                marks.line(["facts", index, "source"]),
                "source",
            )
    return fact_file


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader on libyaml, refusing duplicate keys like `_LineLoader` (but keeping no lines)."""


def _construct_unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    mapping = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in mapping:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


_FastLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping)


def validate_fact_file(path: Path) -> list[BadInput]:
    """Every problem in one fact file, each with its line (an empty list when the file is sound)."""
    try:
        data, marks = safe_load_yaml(path)
    except BadInput as error:
        return [error]
    if not isinstance(data, dict):
        return [BadInput(path, "expected a mapping with `source` and `facts`", 1)]
    problems: list[BadInput] = []
    try:
        FactFile.model_validate(data)
    except ValidationError as err:
        for item in err.errors():
            loc = list(item["loc"])
            problems.append(BadInput(path, item["msg"], marks.line(loc), ".".join(str(x) for x in loc)))
    facts = data.get("facts") or []
    seen: set[str] = set()
    source_name = (data.get("source") or {}).get("name") if isinstance(data.get("source"), dict) else None
    for index, fact in enumerate(facts if isinstance(facts, list) else []):
        if not isinstance(fact, dict):
            continue
        fid = fact.get("id")
        if isinstance(fid, str) and fid in seen:  # an id that is a list or mapping is a type error above
            problems.append(BadInput(path, f"duplicate fact id {fid!r}", marks.line(["facts", index, "id"]), "id"))
        if isinstance(fid, str):
            seen.add(fid)
        if source_name is not None and fact.get("source") not in (None, source_name):
            problems.append(
                BadInput(
                    path,
                    f"fact names source {fact.get('source')!r}, file is for {source_name!r}",
                    marks.line(["facts", index, "source"]),
                    "source",
                )
            )
    if isinstance(source_name, str):
        try:
            _check_source_name(path, source_name, marks)
        except BadInput as error:
            problems.append(error)
    return sorted(problems, key=lambda p: (p.line or 0, p.field or ""))


def _check_source_name(path: Path, name: str, marks: Marks) -> None:
    if Path(name).name != name or name in ("", ".", ".."):
        raise BadInput(
            path,
            f"source must be a file name inside the articles folder, not {name!r}",
            marks.line(["source", "name"]),
            "source.name",
        )


def load_facts_dir(facts_dir: Path) -> list[FactFile]:
    """Every fact file in a folder, sorted by name."""
    if not facts_dir.is_dir():
        return []
    return [load_fact_file(p) for p in sorted(facts_dir.glob("*.yaml"))]


def _reviewed(fact: Fact) -> bool:
    review = fact.review
    return (
        review.status is not ReviewStatus.unreviewed
        or review.corrected is not None
        or bool(review.note)
        or bool(review.corrected_fields)
    )


def merge_facts(extracted: list[Fact], existing: list[Fact]) -> list[Fact]:
    """Fresh extraction merged with what is on disk; see the module rules."""
    old = {f.id: f for f in existing}
    merged: list[Fact] = []
    fresh_ids = set()
    for fact in extracted:
        fresh_ids.add(fact.id)
        previous = old.get(fact.id)
        if previous is not None and previous.origin == "manual":
            merged.append(previous)
            continue
        if previous is not None:
            review = previous.review.model_copy(update={"stale": False})
            fact = fact.model_copy(update={"review": review})
        merged.append(fact)
    for fact in existing:
        if fact.id in fresh_ids:
            continue
        if fact.origin == "manual":
            merged.append(fact)
        elif _reviewed(fact):
            merged.append(fact.model_copy(update={"review": fact.review.model_copy(update={"stale": True})}))
    return sorted(merged, key=lambda f: (f.evidence.start, f.id))


def _fact_to_yaml(fact: Fact) -> dict[str, Any]:
    data = fact.model_dump(mode="json", exclude_none=False)
    order = [
        "id",
        "source",
        "kind",
        "subject",
        "predicate",
        "object",
        "wording",
        "value",
        "modality",
        "attribution",
        "scope",
        "as_of",
        "evidence",
        "language",
        "origin",
        "review",
    ]
    out = {k: data[k] for k in order}
    for optional in ("modality", "attribution", "scope", "as_of"):
        if out[optional] is None:
            del out[optional]
    if out["value"] is None:
        del out["value"]
    else:
        out["value"] = {k: _whole(v) for k, v in out["value"].items()}
    if out["wording"] is None:
        del out["wording"]
    if out["origin"] == "extracted":
        del out["origin"]
    if not out["review"].get("corrected_fields"):
        out["review"].pop("corrected_fields", None)
    return out


def _whole(value: Any) -> Any:
    """49.0 is written 49, so a person reads the figure as the article gives it."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return int(value)
    return value


_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[valid-type,misc]  # libyaml emits: 3-4 times faster, same text
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def render_fact_file(fact_file: FactFile) -> str:
    """The text of a fact file: stable key order, one fact after another, readable by a person."""
    body = {
        "source": fact_file.source.model_dump(mode="json"),
        "facts": [_fact_to_yaml(f) for f in fact_file.facts],
    }
    text = yaml.dump(body, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return HEADER.format(name=fact_file.source.name) + text


def write_atomic(path: Path, text: str) -> bool:
    """Write through a temporary file and a rename; False when the file already holds `text`."""
    if path.exists():
        try:
            if path.read_text(encoding="utf-8") == text:
                return False
        except (OSError, UnicodeDecodeError):
            pass
    with replacing(path) as out:
        out.write(text)
    return True


@contextmanager
def replacing(path: Path) -> Iterator[TextIO]:
    """A text stream whose content replaces `path` in one rename when the block ends.

    Until then `path` keeps its old content; if the run stops midway (an error, Ctrl-C, a
    kill) the temporary file is removed, or at worst left as a dot-file beside it, never
    half-written in its place. The new file keeps the old one's permissions, or gets the usual
    ones (0666 less the umask), not the private mode of a temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def save_facts(facts_dir: Path, source: Source, extracted: list[Fact]) -> tuple[FactFile, bool]:
    """Merge fresh facts into the article's fact file and write it; returns the file and whether it changed."""
    path = fact_file_path(facts_dir, source.name)
    existing: list[Fact] = []
    if path.exists():
        existing = load_fact_file(path).facts
    fact_file = FactFile(source=source, facts=merge_facts(extracted, existing))
    changed = write_atomic(path, render_fact_file(fact_file))
    return fact_file, changed


JSONL_NAME = "facts.jsonl"
"""All fact files of a folder in one JSON Lines file (one fact file per line), for large corpora."""


def write_jsonl(facts_dir: Path, files: list[FactFile]) -> Path:
    """Write facts/facts.jsonl atomically, one fact file per line, streamed to a temporary file."""
    path = facts_dir / JSONL_NAME
    with replacing(path) as out:
        for fact_file in files:
            out.write(fact_file.model_dump_json(exclude_defaults=True))
            out.write("\n")
    return path


def read_jsonl(facts_dir: Path) -> dict[str, FactFile]:
    """facts/facts.jsonl by article name (empty when there is none); a bad line is a located error."""
    path = facts_dir / JSONL_NAME
    if not path.exists():
        return {}
    files: dict[str, FactFile] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                fact_file = FactFile.model_validate_json(line)
            except ValidationError as err:
                first = err.errors()[0]
                field = ".".join(str(x) for x in first["loc"]) or None
                raise BadInput(path, first["msg"], number, field) from err
            _check_source_name(path, fact_file.source.name, Marks(None, {}))
            files[fact_file.source.name] = fact_file
    return files
