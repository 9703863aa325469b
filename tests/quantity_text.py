"""A quantity back to the words an article would use for it, in French or English.

`format_quantity` is the number extractor read backwards: a sentence built around its phrase
("Acme emploie environ 1 200 personnes.") extracts to the same amount, unit, currency and
qualifier, and to the interval that phrase implies (tests/test_properties.py checks this).
Rules:
- figures keep up to six decimals; French groups thousands with a narrow no-break space and
  writes a decimal comma ("1 200", "12,5"), English a comma and a point ("1,200", "12.5");
  a French figure that would read as English thousands ("1,001") gets a fourth decimal ("1,0010");
- money from a million up takes a scale word when the figure before it needs at most two
  decimals ("1,5 milliard d'euros", "$1.5 billion"), and is written in full otherwise, so no
  figure is rounded away; a scale word widens the interval the phrase means (see README);
- a qualifier is said with one hedge of the extractor's table (`approx` is "environ"/"about");
- a vague amount is "la quasi-totalité des ..." / "nearly all ...", or "entre X et Y ..." /
  "between X and Y ..." when only its bounds are known (that last form does not read back).
"""

from __future__ import annotations

import math
import re

from reconcile.models import Qualifier, Quantity

_HEDGES: dict[str, dict[Qualifier, str]] = {
    "fr": {
        Qualifier.exact: "",
        Qualifier.approx: "environ",
        Qualifier.more_than: "plus de",
        Qualifier.at_least: "au moins",
        Qualifier.less_than: "moins de",
        Qualifier.at_most: "au plus",
    },
    "en": {
        Qualifier.exact: "",
        Qualifier.approx: "about",
        Qualifier.more_than: "more than",
        Qualifier.at_least: "at least",
        Qualifier.less_than: "less than",
        Qualifier.at_most: "at most",
    },
}
_NEARLY_ALL = {"fr": "la quasi-totalité des", "en": "nearly all"}
_BETWEEN = {"fr": ("entre", "et"), "en": ("between", "and")}
_PEOPLE = {"fr": "personnes", "en": "people"}
_PERCENT = {"fr": "\u202f%", "en": "%"}
# (multiplier, singular, plural), largest first. French "billion" is 10^12.
_SCALES = {
    "fr": [(1e12, "billion", "billions"), (1e9, "milliard", "milliards"), (1e6, "million", "millions")],
    "en": [(1e12, "trillion", "trillion"), (1e9, "billion", "billion"), (1e6, "million", "million")],
}
_CURRENCY_WORDS = {
    "fr": {
        "USD": "dollars",
        "EUR": "euros",
        "GBP": "livres sterling",
        "JPY": "yens",
        "CHF": "francs suisses",
        "CNY": "yuans",
    },
    "en": {"USD": "dollars", "EUR": "euros", "GBP": "pounds", "JPY": "yen", "CNY": "yuan"},
}
# English puts these before the figure ("$1.5 billion", "CHF 5 million").
_SYMBOLS_BEFORE = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CHF": "CHF "}


def format_quantity(quantity: Quantity, language: str) -> str:
    """The phrase for a quantity in "fr" or "en" (any other language reads as French): hedge,
    figure, scale word and unit or currency, e.g. "plus de 200 millions de dollars",
    "about 1,200 people", "12,5 %"."""
    lang = "en" if language == "en" else "fr"
    noun = _noun(quantity.unit, lang)
    if quantity.amount is None:
        if quantity.qualifier is Qualifier.nearly_all:
            return f"{_NEARLY_ALL[lang]} {noun}"
        low, high = quantity.low, quantity.high
        first, second = _BETWEEN[lang]
        low_text = "?" if low is None else format_figure(low, lang)
        high_text = "?" if high is None else format_figure(high, lang)
        return f"{first} {low_text} {second} {high_text} {noun}"
    hedge = _HEDGES[lang].get(quantity.qualifier, "")
    if quantity.unit == "percent":
        phrase = format_figure(quantity.amount, lang) + _PERCENT[lang]
    elif quantity.currency:
        phrase = _money(quantity.amount, quantity.currency, lang)
    else:
        phrase = f"{format_figure(quantity.amount, lang)} {noun}"
    return f"{hedge} {phrase}" if hedge else phrase


def format_figure(amount: float, language: str) -> str:
    """A figure with thousands grouped and up to six decimals: "1 200,5" (fr), "1,200.5" (en)."""
    if not math.isfinite(amount):
        return str(amount)
    text = f"{amount:,.6f}".rstrip("0").rstrip(".")
    if language == "en":
        return text
    if re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", text):
        text += "0"  # "1,001" reads as English thousands in French text; "1,0010" cannot
    return text.replace(",", "\u202f").replace(".", ",")


def _noun(unit: str | None, language: str) -> str:
    if unit is None or unit == "people":
        return _PEOPLE[language]
    return unit


def _money(amount: float, currency: str, language: str) -> str:
    figure, scale_word = format_figure(amount, language), ""
    for scale, singular, plural in _SCALES[language]:
        mantissa = amount / scale
        if mantissa >= 1 and abs(mantissa - round(mantissa, 2)) < 1e-9 * max(1.0, mantissa):
            figure = format_figure(round(mantissa, 2), language)
            scale_word = singular if mantissa < 2 else plural
            break
    word = _CURRENCY_WORDS[language].get(currency)
    if language == "en":
        symbol = _SYMBOLS_BEFORE.get(currency)
        amount_text = f"{figure} {scale_word}".strip()
        if symbol is not None:
            return f"{symbol}{amount_text}"
        return f"{amount_text} {word or currency}"
    word = word or currency
    if not scale_word:
        return f"{figure} {word}"
    joiner = "d'" if word[:1].lower() in "aeiouéè" else "de "
    return f"{figure} {scale_word} {joiner}{word}"
