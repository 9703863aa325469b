"""Facts and figures in plain English, as contradiction explanations and every report word them.

Below both reconciliation (whose explanations quote a fact's value) and the report formats.
"""

from __future__ import annotations

from reconcile.models import PREDICATE_WORDS, Fact, FactKind, Modality, Qualifier, Quantity


def describe_fact(fact: Fact) -> str:
    """What a fact says, briefly: the figure for numbers, the role, event or claim otherwise."""
    if fact.kind is FactKind.number:
        return describe_quantity(fact.effective_value())
    relation = PREDICATE_WORDS.get(fact.predicate, fact.predicate)
    text = " ".join(x for x in (fact.subject, relation, fact.object) if x)
    if fact.modality is not None and fact.modality not in (Modality.asserted,):
        text += f" ({fact.modality.value.replace('_', ' ')})"
    return text


def describe_quantity(value: Quantity | None) -> str:
    """A figure as a reader would say it: "about 640 people", "more than $8 billion", "30%"."""
    if value is None:
        return "no value"
    words = {
        Qualifier.exact: "",
        Qualifier.approx: "about ",
        Qualifier.more_than: "more than ",
        Qualifier.at_least: "at least ",
        Qualifier.less_than: "less than ",
        Qualifier.at_most: "at most ",
        Qualifier.nearly_all: "nearly all",
    }
    prefix = words[value.qualifier]
    if value.amount is None:
        if value.qualifier is Qualifier.nearly_all:
            return f"nearly all {value.unit or ''}".strip()
        if value.low is not None and value.high is not None:
            return f"between {_figure(value.low)} and {_figure(value.high)} {value.unit or ''}".strip()
        return f"an unstated number of {value.unit or 'items'}"
    amount = value.amount
    if value.unit == "percent":
        return f"{prefix}{_figure(amount)}%"
    if value.currency:
        symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(value.currency)
        text = _money(amount)
        return f"{prefix}{symbol}{text}" if symbol else f"{prefix}{text} {value.currency}"
    return f"{prefix}{_figure(amount)} {value.unit or ''}".strip()


def _figure(amount: float) -> str:
    if amount == int(amount):
        return f"{int(amount):,}"
    return f"{amount:,.2f}".rstrip("0").rstrip(".")


def _money(amount: float) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(amount) >= scale:
            return f"{_figure(round(amount / scale, 2))} {word}"
    return _figure(amount)
