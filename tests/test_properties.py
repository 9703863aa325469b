"""Properties checked with hypothesis: the number parser and the fact files.

- Extraction never raises, whatever the text, in French or English, and every quote is the
  text at its offsets.
- What the tool prints for a figure reads back as the same figure: `describe_quantity` (the
  reports' wording) and `format_quantity` (French and English), and every hedge, scale word and
  currency word of the lexicon.
- Any edit of a fact file either loads or stops with a BadInput naming the file (and a line
  inside it when the problem is in the YAML); `reconcile validate` exits 0 or 2 and agrees
  with the loader; what loads, saves and loads back unchanged.

Examples are derandomized and no example database is kept, so every run checks the same cases.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quantity_text import format_quantity
from reconcile.cli import main
from reconcile.errors import BadInput
from reconcile.extract import ExtractConfig, extract_article
from reconcile.extract.lexicon import load_lexicon
from reconcile.ingest import Article
from reconcile.models import Fact, FactFile, Qualifier, Quantity, Source
from reconcile.store import load_fact_file, render_fact_file, save_facts, validate_fact_file
from reconcile.wording import describe_quantity

# Rules only: the spaCy layer adds names, never figures, and costs seconds per example.
CONFIG = ExtractConfig(lexicon=load_lexicon(), ner=None)
PROPERTY = settings(
    max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
NAMES = ["Acme", "Brinot", "Valmora", "Quelvane", "Ostrabel", "İzmora"]  # "İ" lowers to two characters


def extract(text: str, language: str) -> list[Fact]:
    return extract_article(Article(source=Source(name="t.txt", language=language), text=text), CONFIG)


def numbers(text: str, language: str) -> list[Fact]:
    return [f for f in extract(text, language) if f.kind.value == "number"]


# --- 1a. extraction never raises, and quotes are where they say ------------------------------

PIECES = [
    "0",
    "1",
    "7",
    "12",
    "200",
    "1999",
    "2023",
    "1 200",
    "1\u00a0200",
    "1\u202f200",
    "1,200",
    "1.200",
    "1,5",
    "1.5",
    "0,125",
    "12,125",
    "3,000,000",
    "4,200.5",
    "9" * 40,
    "9" * 320,
    "٣٠٠",
    "trois",
    "cent",
    "mille",
    "vingt-et-un",
    "quatre-vingts",
    "seven",
    "hundred",
    "thousand",
    "one",
    "un",
    "a",
    "et",
    "and",
    "millions",
    "milliard",
    "milliards",
    "billion",
    "bn",
    "k",
    "m",
    "mille",
    "quelque",
    "plus de",
    "environ",
    "about",
    "at least",
    "près de",
    "moins de",
    "jusqu'à",
    "up to",
    "or so",
    "$",
    "€",
    "£",
    "¥",
    "US$",
    "CHF",
    "dollars",
    "euros",
    "livres sterling",
    "yen",
    "JPY",
    "de",
    "d'",
    "d’",
    "%",
    "pour cent",
    "percent",
    "salariés",
    "employees",
    "people",
    "personnes",
    "usines",
    "of",
    "des",
    "sur",
    "out of",
    "la quasi-totalité",
    "nearly all",
    "des dizaines",
    "dozens",
    "selon",
    "according to",
    "ont signé",
    "signed",
    "le bilan",
    "the death toll",
    "effectif",
    "la société",
    "qui",
    "which",
    "ans",
    "years",
    "mars",
    "4G",
    "5e",
    "@acme",
    ",",
    ".",
    ";",
    ":",
    "(",
    ")",
    "-",
    "—",
    "'",
    "’",
    "«",
    "»",
    "\n",
    " ",
    "  ",
    "\u00a0",
    "\u202f",
    "İ",
    "ß",
    "ﬁ",
    "É",
] + NAMES


@st.composite
def number_soup(draw: st.DrawFn) -> str:
    """Text made of the pieces figures are built from, glued with or without spaces."""
    parts = draw(st.lists(st.sampled_from(PIECES), max_size=30))
    glue = draw(st.lists(st.sampled_from(["", " ", " ", "\u00a0"]), min_size=len(parts), max_size=len(parts)))
    return "".join(p + g for p, g in zip(parts, glue))


def check_facts(text: str, facts: list[Fact]) -> None:
    for fact in facts:
        evidence = fact.evidence
        assert 0 <= evidence.start <= evidence.end <= len(text), (text, fact)
        assert text[evidence.start : evidence.end] == evidence.quote, (text, fact)
        value = fact.value
        if value is not None and value.low is not None and value.high is not None:
            assert value.low <= value.high, (text, fact)


@PROPERTY
@given(text=st.text(st.characters(exclude_categories=["Cs"]), max_size=120), language=st.sampled_from(["fr", "en"]))
def test_any_text_extracts_without_error(text: str, language: str) -> None:
    check_facts(text, extract(text, language))


@PROPERTY
@given(text=number_soup(), language=st.sampled_from(["fr", "en"]))
@example(text="Acme emploie " + "9" * 400 + " salariés.", language="fr")  # overflowed to inf and crashed
@example(text="Acme a investi " + "9" * 306 + " milliards d'euros.", language="fr")
@example(text="Selon İlker et İpek, la quasi-totalité des salariés ont signé.", language="fr")
@example(text="Acme a investi 5 dollars", language="fr")  # a currency word ending the text crashed
def test_number_soup_extracts_without_error(text: str, language: str) -> None:
    check_facts(text, extract(text, language))


# --- 1b. what is printed reads back ------------------------------------------------------------

CURRENCIES = ["USD", "EUR", "GBP", "JPY", "CHF", "CNY"]
COUNTED = {"fr": ["usines", "magasins"], "en": ["factories", "stores"]}


def _decimals(amount: float) -> int:
    return next(d for d in range(7) if abs(round(amount, d) - amount) < 1e-9 * max(1.0, amount))


@st.composite
def quantities(draw: st.DrawFn, language: str, max_decimals: int) -> Quantity:
    """A quantity the printers can say without rounding: counts, percentages, money, nearly all."""
    kind = draw(st.sampled_from(["count", "noun", "percent", "money", "scaled money", "nearly all"]))
    qualifier = draw(st.sampled_from([q for q in Qualifier if q is not Qualifier.nearly_all]))
    if kind == "nearly all":
        return Quantity(amount=None, unit="people", qualifier=Qualifier.nearly_all)
    if kind in ("count", "noun"):
        unit = "people" if kind == "count" else draw(st.sampled_from(COUNTED[language]))
        return Quantity(amount=draw(st.integers(0, 10**12)), unit=unit, qualifier=qualifier)
    decimals = draw(st.integers(0, max_decimals))
    if kind == "percent":
        amount = draw(st.integers(1, 1000 * 10**decimals)) / 10**decimals
        return Quantity(amount=amount, unit="percent", qualifier=qualifier)
    currency = draw(st.sampled_from(CURRENCIES))
    if kind == "money":
        amount = draw(st.integers(1, 10**6 * 10**decimals - 1)) / 10**decimals
    else:
        mantissa = draw(st.integers(100, 99_999)) / 100
        amount = round(mantissa * draw(st.sampled_from([1e6, 1e9, 1e12])), 6)
    return Quantity(amount=amount, unit=currency, currency=currency, qualifier=qualifier)


SCALE_WORDS = {
    "fr": {"million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "billion": 1e12, "billions": 1e12},
    "en": {"million": 1e6, "billion": 1e9, "trillion": 1e12},
}


def documented_interval(quantity: Quantity, phrase: str, language: str) -> tuple[float | None, float | None]:
    """The interval the README gives a phrase: an exact figure is itself, but with a scale word
    or as a percentage it keeps its rounding (half a unit of its last digit, at most 5% with a
    scale word); approx is ± 5% or that rounding, whichever is wider; bounds are open on one side."""
    amount = quantity.amount
    if amount is None:
        return None, None
    figure = re.search(r"\d(?:[\d\u202f\u00a0 ,.]*\d)?", phrase).group()
    mark = "," if language == "fr" else "."
    decimals = len(figure.rpartition(mark)[2]) if mark in figure else 0
    half_unit = 0.5 * 10**-decimals
    scale = next((m for w, m in SCALE_WORDS[language].items() if re.search(rf"\b{w}\b", phrase)), None)
    rounding = 0.0
    if quantity.unit == "percent" and amount:
        rounding = half_unit
    elif scale is not None:
        rounding = min(half_unit * scale, 0.05 * amount)
    if quantity.qualifier is Qualifier.approx:
        spread = max(0.05 * amount, rounding)
        return amount - spread, amount + spread
    if quantity.qualifier in (Qualifier.more_than, Qualifier.at_least):
        return amount, None
    if quantity.qualifier in (Qualifier.less_than, Qualifier.at_most):
        return None, amount
    return amount - rounding, amount + rounding


FRAMES = {
    "fr": {
        "percent": ["{a} détient {q} du capital de {b}.", "Selon {b}, {a} possède {q} des actions."],
        "money": ["{a} a investi {q} dans {b}.", "Selon {b}, {a} a levé {q}."],
        "count": ["Selon {a}, {q} ont signé la lettre.", "{a} compte {q} en France."],
    },
    "en": {
        "percent": ["{a} holds {q} of {b}.", "According to {b}, {a} owns {q} of the shares."],
        "money": ["{a} invested {q} in {b}.", "According to {b}, {a} raised {q}."],
        "count": ["According to {a}, {q} signed the letter.", "{a} has {q} in France."],
    },
}


def sentence_with(phrase: str, quantity: Quantity, language: str, data: st.DataObject) -> str:
    kind = "percent" if quantity.unit == "percent" else "money" if quantity.currency else "count"
    frame = data.draw(st.sampled_from(FRAMES[language][kind]), label="frame")
    first, second = data.draw(st.permutations(NAMES), label="names")[:2]
    return frame.format(a=first, b=second, q=phrase)


def assert_reads_back(text: str, phrase: str, quantity: Quantity, language: str) -> None:
    facts = numbers(text, language)
    assert len(facts) == 1, (text, [(f.value, f.evidence.quote) for f in facts])
    value = facts[0].value
    assert value is not None
    got = (value.amount, value.unit, value.currency, value.qualifier)
    assert got == (pytest.approx(quantity.amount, rel=1e-9), quantity.unit, quantity.currency, quantity.qualifier), text
    low, high = documented_interval(quantity, phrase, language)
    assert (value.low, value.high) == (
        None if low is None else pytest.approx(low, rel=1e-9),
        None if high is None else pytest.approx(high, rel=1e-9),
    ), text
    assert phrase.strip() in text[facts[0].evidence.start : facts[0].evidence.end + 1] or quantity.amount is None, (
        text,
        facts[0].evidence.quote,
    )


@PROPERTY
@given(data=st.data())
def test_what_the_report_prints_reads_back(data: st.DataObject) -> None:
    """describe_quantity (English, at most two decimals) is what reports and explanations print."""
    quantity = data.draw(quantities("en", max_decimals=2))
    phrase = describe_quantity(quantity)
    assert_reads_back(sentence_with(phrase, quantity, "en", data), phrase, quantity, "en")


@PROPERTY
@given(data=st.data(), language=st.sampled_from(["fr", "en"]))
def test_format_quantity_reads_back(data: st.DataObject, language: str) -> None:
    quantity = data.draw(quantities(language, max_decimals=3))
    phrase = format_quantity(quantity, language)
    assert_reads_back(sentence_with(phrase, quantity, language, data), phrase, quantity, language)


LEXICON = load_lexicon()
SEPARATORS = {"fr": [" ", "\u00a0", "\u202f"], "en": [","]}


@PROPERTY
@given(data=st.data(), language=st.sampled_from(["fr", "en"]))
def test_every_hedge_separator_and_currency_word_reads_back(data: st.DataObject, language: str) -> None:
    """Any hedge of the lexicon, any thousands separator, any currency word, before or after "de"."""
    hedge, qualifier = data.draw(st.sampled_from(LEXICON.hedges[language]), label="hedge")
    amount = data.draw(st.integers(1000, 999_999_999), label="amount")
    separator = data.draw(st.sampled_from(SEPARATORS[language]), label="separator")
    figure = f"{amount:,}".replace(",", separator)
    kind = data.draw(st.sampled_from(["count", "money"]), label="kind")
    if kind == "count":
        noun = data.draw(
            st.sampled_from(sorted(n for n in LEXICON.people_nouns if " " not in n and n.isalpha())), label="noun"
        )
        quantity = Quantity(amount=amount, unit="people", qualifier=Qualifier(qualifier))
        phrase = f"{hedge} {figure} {noun}"
    else:
        word, code = data.draw(
            st.sampled_from(sorted(load_lexicon().currency_words[language].items())), label="currency"
        )
        quantity = Quantity(amount=amount, unit=code, currency=code, qualifier=Qualifier(qualifier))
        phrase = f"{hedge} {figure} {word}"
    assert_reads_back(sentence_with(phrase, quantity, language, data), phrase, quantity, language)


# --- 2. fact files: any edit loads or gives a located error -------------------------------------

ARTICLE = (
    "Acme a investi plus de 200 millions d'euros dans Brinot, qui compte quelque 1 200 salariés. "
    "Valmora détient 12,5 % du capital de Brinot. Selon Quelvane, la quasi-totalité des salariés ont signé."
)


@pytest.fixture(scope="module")
def fact_file_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("facts")
    source = Source(name="001_acme.txt", language="fr", published="2024-03-12")
    facts = extract(ARTICLE, "fr")
    assert len([f for f in facts if f.kind.value == "number"]) >= 3
    save_facts(folder, source, facts)
    return (folder / "001_acme.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def edit_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("edited")


VALUES = st.one_of(
    st.sampled_from(
        [
            "[1, 2]",
            "[]",
            "{}",
            "{a: 1}",
            "- x",
            "null",
            "~",
            "true",
            "no",
            "2024-03-12",
            "'unterminated",
            '"bad \\q"',
            "*nowhere",
            "&anchor x",
            "!!python/object:os.system",
            "!!python/object/apply:os.system ['true']",
            "!!python/name:os.system",
            "!!binary aGVsbG8=",
            "!!set {a, b}",
            "!!float .nan",
            "!!int x",
            "? [a, b]",
            ".inf",
            "1e400",
            "9" * 400,
            "| \n  block",
            ">-",
            "{",
            "[",
            "]",
            ":",
            "@",
            "`",
            "%YAML 1.1",
            "---",
            "...",
            "[a, b]: 1",
            "{a: 1}: 2",
            "2024-13-45",
            "!!timestamp x",
            "!!bool x",
            "!!float ''",
            "-1",
            "0",
            "approx",
            "nearly_all",
            "confirmed",
            "corrected",
            "{amount: x}",
        ]
    ),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
FIELDS = [
    "id",
    "source",
    "kind",
    "subject",
    "predicate",
    "value",
    "amount",
    "unit",
    "currency",
    "qualifier",
    "low",
    "high",
    "evidence",
    "quote",
    "start",
    "end",
    "language",
    "review",
    "status",
    "corrected",
    "note",
    "stale",
    "name",
    "published",
    "sha256",
    "encoding_repair",
    "facts",
    "attribution",
]
KEYS = st.one_of(
    st.sampled_from(
        [
            "id",
            "source",
            "kind",
            "value",
            "amount",
            "qualifier",
            "evidence",
            "start",
            "review",
            "status",
            "facts",
            "name",
            "extra",
            "[a, b]",
            "{a: 1}",
            "? x",
            "- id",
            "&a id",
            "*a",
        ]
    ),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=8),
)


@st.composite
def edit(draw: st.DrawFn) -> tuple[str, ...]:
    kind = draw(
        st.sampled_from(["delete", "duplicate", "set", "value", "indent", "insert", "truncate", "flip", "splice"])
    )
    where = draw(st.integers(0, 10**6))
    if kind == "set":  # the value of the n-th `field:` line
        return kind, f"{draw(st.sampled_from(FIELDS))}:{draw(st.integers(0, 5))}", draw(VALUES)
    if kind == "value":
        return kind, str(where), draw(VALUES)
    if kind == "indent":
        return kind, str(where), draw(st.sampled_from(["", " ", "  ", "    ", "\t", "      "]))
    if kind == "insert":
        indent = draw(st.sampled_from(["", "  ", "    ", "- ", "  - "]))
        return kind, str(where), f"{indent}{draw(KEYS)}: {draw(VALUES)}"
    if kind == "splice":
        return kind, str(where), draw(st.text(st.characters(exclude_categories=["Cs"]), max_size=6))
    return kind, str(where), ""


def apply_edit(text: str, change: tuple[str, ...]) -> str:
    kind, where_text, payload = change
    if kind == "set":
        field, _, nth = where_text.partition(":")
        lines = text.split("\n")
        hits = [i for i, line in enumerate(lines) if re.match(rf"\s*(- )?{field}:", line)]
        if hits:
            index = hits[int(nth) % len(hits)]
            lines[index] = lines[index].partition(f"{field}:")[0] + f"{field}: {payload}"
        return "\n".join(lines)
    where = int(where_text)
    if kind == "truncate":
        return text[: where % (len(text) + 1)]
    if kind == "splice":
        at = where % (len(text) + 1)
        return text[:at] + payload + text[at:]
    lines = text.split("\n")
    index = where % len(lines)
    line = lines[index]
    if kind == "delete":
        del lines[index]
    elif kind == "duplicate":
        lines.insert(index, line)
    elif kind == "value":
        key, colon, _ = line.partition(": ")
        lines[index] = f"{key}: {payload}" if colon else f"{line.rstrip(':')}: {payload}"
    elif kind == "indent":
        lines[index] = payload + line.lstrip(" ")
    elif kind == "insert":
        lines.insert(index, payload)
    elif kind == "flip":
        key, colon, value = line.partition(": ")
        flipped = f"[{value}]" if not value.startswith("[") else "{x: 1}"
        lines[index] = f"{key}: {flipped}" if colon else f"{line}\n  - {line.strip()}"
    return "\n".join(lines)


def assert_located(error: BadInput, path: Path, text: str) -> None:
    """The error names the file, and a line of it (every problem in a file's text has one)."""
    assert error.path == str(path)
    assert error.location_line().startswith(f"{path}:")
    assert error.line is not None and 1 <= error.line <= yaml_line_count(text), (error.location_line(), text)


def yaml_line_count(text: str) -> int:
    """Lines as YAML counts them (its line breaks), the last one even when empty."""
    return len(re.split(r"\r\n|[\r\n\x85\u2028\u2029]", text))


@PROPERTY
@given(changes=st.lists(edit(), min_size=1, max_size=3))
@example(changes=[("splice", "0", "\x1f")])  # a control character: the YAML reader refused it unlocated
@example(changes=[("insert", "3", "[a, b]: 1")])  # a list as a key crashed the line-marking loader
@example(changes=[("set", "id:0", "[1, 2]")])  # a list as an id crashed validate's duplicate check
@example(changes=[("set", "published:0", "2024-13-45")])  # a date that does not exist raised ValueError
@example(changes=[("set", "amount:0", "!!int x")])
def test_any_edit_loads_or_gives_a_located_error(
    fact_file_text: str, edit_folder: Path, changes: list[tuple[str, ...]]
) -> None:
    text = fact_file_text
    for change in changes:
        text = apply_edit(text, change)
    path = edit_folder / "001_acme.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        loaded = load_fact_file(path)
    except BadInput as error:
        assert_located(error, path, text)
        assert validate_fact_file(path), "validate finds nothing in a file that does not load"
        return
    assert isinstance(loaded, FactFile)
    assert validate_fact_file(path) == [], "validate reports a problem in a file that loads"
    # What loads saves and loads back to the same text.
    rendered = render_fact_file(loaded)
    path.write_text(rendered, encoding="utf-8")
    assert render_fact_file(load_fact_file(path)) == rendered


@PROPERTY
@given(text=st.text(st.characters(exclude_categories=["Cs"]), max_size=200))
def test_any_text_loads_or_gives_a_located_error(edit_folder: Path, text: str) -> None:
    path = edit_folder / "002_any.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_fact_file(path)
    except BadInput as error:
        assert_located(error, path, text)


@settings(PROPERTY, max_examples=60)
@given(changes=st.lists(edit(), min_size=1, max_size=3))
def test_validate_exits_0_or_2(
    fact_file_text: str, tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[str, ...]]
) -> None:
    folder = tmp_path_factory.mktemp("validate")
    text = fact_file_text
    for change in changes:
        text = apply_edit(text, change)
    (folder / "001_acme.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--facts", str(folder)])
    assert result.exit_code in (0, 2), (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert "001_acme.yaml" in result.output
