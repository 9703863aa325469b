"""Number facts: counts, percentages and money, with their hedges and what they count.

Rules, in order, for each figure in a sentence:
- a figure is digits ("250 000", "1,5", "14,000") or number words ("trois", "seven hundred");
  a lone "un"/"one" and "tous deux"/"les deux" (both) are not figures;
- a scale word after it multiplies it ("8 milliards", "$1.5bn"); a currency symbol or word
  around it makes it money; "%" or "pour cent" makes it a percentage; otherwise the noun
  after it (skipping "autres"/"other") is what it counts, and without such a noun, or with a
  noun of time or rank ("ans", "days", a month), the figure is not a fact;
- a hedge right before it sets the qualifier ("quelque" approx, "plus de" more_than, ...);
- in "N of M employees" / "N des M employés", M is the total and N the part that acts;
- a name between the figure and a people noun ("420 Acme employees") says whose people they are;
- "signed by N employees" / "signée par N salariés": the N did the act (unless it is one done
  to people, as "arrested by"); "ils étaient N à défiler": N people did what follows "à";
- a place after a count ("12,000 protesters in Valmora") is left for scope, not made its object;
- the relation comes from nearby words (stake, funding, headcount, ...) or from the verb the
  counted people perform ("ont signé"), and the subject from what precedes it in the clause.
"""

from __future__ import annotations

import contextlib
import math
import re
from bisect import bisect_right
from dataclasses import dataclass

from reconcile.extract.context import (
    ArticleContext,
    anaphor_ending_at,
    build_table,
    ends_with,
    fact_id,
    find_all,
    match_at,
    merge_languages,
)
from reconcile.extract.entities import EntityIndex, Mention
from reconcile.extract.language import Sentence, Token, plain, tokenize
from reconcile.extract.lexicon import Lexicon, Relation, Vague
from reconcile.models import Evidence, Fact, FactKind, Qualifier, Quantity
from reconcile.names import squash
from reconcile.tables import load_data, word_set, word_sets_by_language

APPROX_TOLERANCE = 0.05
"""An approximate figure ("about 640") stands for the interval value ± 5%."""

_DIGITS = re.compile(
    r"(?<![\w@/#.,\-])"
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d+(?:[.,]\d+)?)"
    r"(?P<suffix>[a-zA-Z]{1,3})?"
    r"(?![\w\-]|[.,]\d)"
)
NUMBER_WORDS = word_sets_by_language("number_words", family="numbers")  # what text2num may read, per language
_ONE = word_set("one_words", family="numbers")  # "un million", "a billion"
_JOINERS = word_set("and_words") | _ONE  # inside a run of number words, never at its ends
_BOTH = word_set("both_words") | word_set("both_figures", family="numbers")  # "les deux": both, not a figure
_OTHER = word_set("added_words", family="numbers")
_NUMBER_TABLES = load_data("numbers")
_OF_TOTAL = word_set("part_links", family="numbers")
_PART_TOTAL_LINKS = word_set("part_total_links", family="numbers")
_OF_LINKS = word_set("of_links")
_OF_OR_PARTITIVE = word_set("of_links", "partitives")  # "des dizaines de manifestants", "dozens of"
_PREPOSITIONS_OBJECT = _OF_LINKS | word_set("object_prepositions", family="numbers")
_STOP_NOUN = (
    word_set("articles", "indefinite_articles", "partitives", "of_links", "and_words", "complementizers", "agent_links")
    | word_set("from_links", "negation_particles")
    | word_set("not_noun_words", family="numbers")
)
_CLAUSE_END = {",", ";", ":", "(", ")", ".", "!", "?", "—", "–"} | word_set("and_words", "but_words")
_NO_NOUN_AFTER = word_set("no_noun_after", family="numbers")  # "45 000 selon la CGT"
_DOER_LINKS_BY_LANGUAGE = word_sets_by_language("doer_links", family="numbers")  # "ils étaient 12 000 à défiler"
_BEFORE_INFINITIVE = word_set("before_infinitive", family="numbers")
_COUNTING_BE = word_sets_by_language("counting_be", family="numbers")
_NUMBERED = word_set("counting_be", "numbering_verbs", family="numbers")  # "the protesters numbered 40,000"
_EMPLOYER_LINKS = _OF_LINKS | word_set("employer_links", family="numbers")  # "employees at Acme"
_STATE_LINKS = word_set("state_links", family="numbers")  # "on strike", "en grève"
_DOER_LINKS = word_set("doer_links", family="numbers")
_OF_THE = word_set("of_links", "partitives", "plural_articles")  # "la quasi-totalité des", "most of the"
_MONTHS = word_set("months", family="time")
_PEOPLE_UNIT = "people"
_AUXILIARIES = word_set("have_auxiliaries", "be_auxiliaries", "of_links", "negation_particles") | word_set(
    "before_verb", family="numbers"
)  # what may stand between a counted noun and its verb
_DETERMINERS = word_set("articles", "indefinite_articles", "partitives", "possessives")
_HAVE_AUXILIARIES = word_sets_by_language("have_auxiliaries")  # French "a" is no article


@dataclass
class Figure:
    """A figure found in a sentence, before it becomes a fact."""

    start: int
    end: int
    amount: float | None
    decimals: int
    scaled: bool
    unit: str | None = None
    currency: str | None = None
    noun: str | None = None
    noun_end: int | None = None
    qualifier: Qualifier = Qualifier.exact
    hedge_start: int | None = None
    vague_low: float | None = None
    vague_high: float | None = None
    comma_thousands: bool = False  # "4,200": a thousands separator unless a scale word follows
    kin: bool = False  # "a father of four": a person's number of children
    duration: bool = False  # "four years in prison": a span of time that is a fact
    antecedent: Figure | None = None  # the figure whose noun an elided one borrows
    role: str = "figure"  # "figure", "total" (the M of "N of M") or "part" (the N)
    tail: int = 0  # end of everything that belongs to the figure (unit, noun, owner)
    owner_span: tuple[int, int] | None = None  # a name between the figure and its noun ("420 Acme employees")
    written: float | None = None  # the amount as its digits say, before a scale word
    action_at: int | None = (
        None  # start of an action noun between the figure and its noun ("1 600 suppressions de postes")
    )


def extract_numbers(article: ArticleContext) -> NumberFindings:
    """Number facts of one article, in text order, and where each figure is stated."""
    source, text, sentences, entities, lexicon = (
        article.source,
        article.text,
        article.sentences,
        article.entities,
        article.lexicon,
    )
    facts: list[Fact] = []
    stated: dict[str, tuple[int, int]] = {}
    tokens: list[Token] = []
    for sentence in sentences:
        previous_tokens, tokens = tokens, tokenize(sentence.text, sentence.start)
        figures = _figures(sentence, tokens, lexicon)
        figures += _vague_amounts(sentence, tokens, lexicon, figures)
        figures.sort(key=lambda f: f.start)
        _link_totals(figures, text)
        figures = _resolve_ellipsis(figures)
        made: dict[int, Fact] = {}
        last_amount = _LastAmount()
        for figure in figures:
            fact = _to_fact(source, text, sentence, tokens, figure, entities, lexicon)
            if fact is None:
                continue
            conversion = last_amount.conversion(figure, fact, text) if figure.currency else None
            if conversion is not None:
                made[id(figure)] = conversion
                facts.append(conversion)
                stated[conversion.id] = (figure.start, figure.end)
                continue
            if figure.kin:
                fact = _parent(fact, figure, entities)
            if fact.predicate == "amount" and figure.currency and estimate_before(figure, tokens):
                # "The Herald puts the figure at €60m": the amount the sentence before spoke of.
                named = relation_named(previous_tokens, lexicon)
                if named is not None:
                    fact = fact.model_copy(update={"predicate": named.id})
            antecedent = made.get(id(figure.antecedent)) if figure.antecedent is not None else None
            if antecedent is not None:
                fact = _counted_again(fact, antecedent)
            made[id(figure)] = fact
            facts.append(fact)
            first = figure.hedge_start if figure.hedge_start is not None else figure.start
            stated[fact.id] = (first, max(figure.end, figure.noun_end or 0))
    return NumberFindings(facts, stated)


def _counted_again(fact: Fact, antecedent: Fact) -> Fact:
    """ "45 000 selon la CGT", "la police en a compté 368 000": the same count, another counter."""
    own_action = fact.wording is not None and not fact.predicate.endswith(" count")
    return fact.model_copy(
        update={
            "subject": antecedent.subject,
            "predicate": fact.predicate if own_action else antecedent.predicate,
            "object": antecedent.object,
        }
    )


@dataclass
class _LastAmount:
    """The last amount of money read in a sentence: where it ended, its currency, its fact."""

    end: int | None = None
    currency: str | None = None
    fact: Fact | None = None

    def conversion(self, figure: Figure, fact: Fact, text: str) -> Fact | None:
        """`fact` told as a conversion of the amount just before it ("£40m (€47m)", "2 Md€, soit 2,2 Md$"),
        or None when it is an amount of its own; either way the figure becomes the last amount."""
        start = figure.hedge_start if figure.hedge_start is not None else figure.start
        between = text[self.end : start] if self.end is not None else ""
        closed = not between.lstrip().startswith("(") or text[max(figure.tail, figure.end) :].lstrip().startswith(")")
        converted = (
            self.end is not None
            and figure.currency != self.currency
            and closed
            and _CONVERSION.fullmatch(between) is not None
        )
        self.end, self.currency = max(figure.tail, figure.end), figure.currency
        if converted and self.fact is not None:
            return _converted(fact, self.fact)
        self.fact = fact
        return None


CONVERSION_TOLERANCE = 0.10
"""An amount converted into another currency in brackets ("£40m (€47m)") stands for ± 10%: exchange
rates move, and outlets convert at the day's rate or at the rate of the day the amount was set."""


def _converted(fact: Fact, original: Fact) -> Fact:
    """A conversion says what the amount before it says (same subject, relation, object), approximately."""
    value = fact.value
    if value is None or value.amount is None:
        return fact
    spread = abs(value.amount) * CONVERSION_TOLERANCE
    low = value.low if value.qualifier is Qualifier.more_than and value.low is not None else value.amount - spread
    quantity = value.model_copy(
        update={
            "qualifier": Qualifier.approx if value.qualifier is Qualifier.exact else value.qualifier,
            "low": _clean_number(low),
            "high": _clean_number(value.amount + spread),
        }
    )
    return fact.model_copy(
        update={
            "subject": original.subject,
            "predicate": original.predicate,
            "object": original.object,
            "wording": original.wording,
            "value": quantity,
        }
    )


# --- finding figures -----------------------------------------------------------------------


def _figures(sentence: Sentence, tokens: list[Token], lexicon: Lexicon) -> list[Figure]:
    text = plain(sentence.text)
    base = sentence.start
    found: list[Figure] = []
    for match in _DIGITS.finditer(text):
        parsed = _parse_digits(match.group("num"), sentence.language)
        if parsed is None:
            continue
        amount, decimals = parsed
        figure = Figure(base + match.start(), base + match.end("num"), amount, decimals, scaled=False, written=amount)
        # "0,125" is a decimal: no thousands group starts with 0.
        figure.comma_thousands = bool(re.fullmatch(r"[1-9]\d{0,2},\d{3}", match.group("num"))) and decimals == 3
        suffix = (match.group("suffix") or "").lower()
        if suffix:
            scale = _scale(suffix, lexicon, sentence.language)
            if scale is None:
                continue  # "4G", "5e": not a quantity
            figure.amount = amount * scale
            figure.scaled = True
            figure.end = base + match.end()
        found.append(figure)
    for match in _HYPHEN_DURATION.finditer(text):  # "a 5-year ban": the figure the digit pattern leaves out
        amount = float(match.group(1))
        found.append(Figure(base + match.start(1), base + match.end(1), amount, 0, scaled=False, written=amount))
    found += _word_figures(sentence, tokens, lexicon)
    ordered = sorted(found, key=lambda f: f.start)
    described = [_describe(figure, sentence, tokens, lexicon) for figure in ordered]
    _share_with_next(ordered, described, sentence)
    # Hundreds of digits (or a scale word after them) overflow to inf, which no interval holds.
    return [f for f, ok in zip(ordered, described) if ok and (f.amount is None or math.isfinite(f.amount))]


_RANGE_LINKS = word_set("range_links", family="numbers")
_SUBJECT_RELATIVES = word_set("subject_relatives")
_PEOPLE_VERBS = word_set("be_auxiliaries", "have_auxiliaries") | word_set("stative_verbs", family="numbers")


def _share_with_next(figures: list[Figure], described: list[bool], sentence: Sentence) -> None:
    """ "€35 or €45 million", "entre 80 et 100 M€", "9 and 11 points": a bare figure linked to the next
    one takes its scale, currency and noun (the two are alternatives or ends of a range)."""
    for index in range(len(figures) - 2, -1, -1):
        first, second = figures[index], figures[index + 1]
        if not described[index + 1] or first.scaled or first.noun or first.written is None:
            continue
        if first.currency and first.currency != second.currency:
            continue
        between = sentence.text[first.end - sentence.start : second.start - sentence.start]
        words = re.findall(r"[^\W\d_]+", between.lower())
        if len(words) != 1 or words[0] not in _RANGE_LINKS or len(between) > 8:
            continue
        if second.scaled and second.written:
            first.amount = first.written * (second.amount or 0) / second.written
            first.scaled = True
        first.currency, first.unit, first.noun, first.noun_end = (
            second.currency,
            second.unit,
            second.noun,
            second.noun_end,
        )
        first.tail = max(first.tail, second.tail, first.end)
        if first.role == "elliptic":
            first.role = "figure"  # its noun is the next figure's, not one borrowed from before
        described[index] = True


def _parse_digits(raw: str, language: str) -> tuple[float, int] | None:
    """A digit string to (value, decimals), reading separators by language."""
    compact = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in compact:
        whole, _, frac = compact.replace(" ", "").partition(",")
        return float(f"{whole}.{frac}" if frac else whole), len(frac)
    if "," in compact and "." in compact:
        whole, _, frac = compact.replace(",", "").partition(".")
        return float(f"{whole}.{frac}"), len(frac)
    if "," in compact:
        whole, frac = compact.split(",", 1)
        if language == "en" and re.fullmatch(r"[1-9]\d{0,2}(,\d{3})+", compact):
            return float(compact.replace(",", "")), 0
        if "," in frac:
            return None
        return float(f"{whole}.{frac}"), len(frac)
    if "." in compact:
        whole, frac = compact.split(".", 1)
        if language == "fr" and len(frac) == 3 and re.fullmatch(r"[1-9]\d{0,2}", whole):
            return float(whole + frac), 0
        return float(compact), len(frac)
    return float(compact), 0


def _scale(word: str, lexicon: Lexicon, language: str) -> float | None:
    """The multiplier of a scale word, in the sentence's language first ("billion" differs)."""
    order = [language] + [lang for lang in lexicon.scales if lang != language]
    for lang in order:
        table = lexicon.scales.get(lang, {})
        if word in table:
            return table[word]
    return None


def _word_figures(sentence: Sentence, tokens: list[Token], lexicon: Lexicon) -> list[Figure]:
    """Runs of number words parsed with text2num ("trois", "sept cent soixante-dix")."""
    from text_to_num import text2num

    language = sentence.language if sentence.language in NUMBER_WORDS else "fr"
    vocabulary = NUMBER_WORDS[language]
    figures: list[Figure] = []
    index = 0
    while index < len(tokens):
        parts = tokens[index].lower.split("-")
        if (
            tokens[index].lower in _ONE
            and index + 1 < len(tokens)
            and tokens[index + 1].lower not in vocabulary
            and _scale(tokens[index + 1].lower, lexicon, language)
        ):
            # "plus d'un million", "one million", "a billion": one, then the scale word.
            figures.append(Figure(tokens[index].start, tokens[index].end, 1.0, 0, scaled=False))
            index += 1
            continue
        if len(parts) > 1 and parts[-1] in _DURATION_UNITS and all(p in vocabulary for p in parts[:-1]):
            # "a five-year ban": the number words of the compound are the figure
            words, start = " ".join(parts[:-1]), tokens[index].start
            with contextlib.suppress(ValueError):
                value = float(text2num(words, language))
                figures.append(Figure(start, start + len("-".join(parts[:-1])), value, 0, scaled=False))
            index += 1
            continue
        if not all(p in vocabulary for p in parts) or tokens[index].lower in _JOINERS:
            index += 1
            continue
        end = index
        while end + 1 < len(tokens) and all(p in vocabulary for p in tokens[end + 1].lower.split("-")):
            end += 1
        while end > index and tokens[end].lower in _JOINERS:
            end -= 1
        span_tokens = tokens[index : end + 1]
        words = " ".join(t.lower for t in span_tokens)
        previous = tokens[index - 1].lower if index > 0 else ""
        index = end + 1
        if f"{previous} {words}" in _BOTH:
            continue
        try:
            value = float(text2num(words, language))
        except ValueError:
            continue
        figures.append(Figure(span_tokens[0].start, span_tokens[-1].end, value, 0, scaled=False))
    return figures


def _token_index_at(tokens: list[Token], position: int) -> int:
    for index, token in enumerate(tokens):
        if token.start >= position:
            return index
    return len(tokens)


def _describe(figure: Figure, sentence: Sentence, tokens: list[Token], lexicon: Lexicon) -> bool:
    """Fill in scale, unit, currency, noun and qualifier; False when the figure is not a fact."""
    before = _token_index_at(tokens, figure.start) - 1
    if _ruled_out_by_word_before(figure, tokens, before, lexicon) or _is_age(tokens, before, figure):
        return False
    after = _read_scale_word(figure, sentence, tokens, _token_index_at(tokens, figure.end), lexicon)
    words_after = [t.lower for t in tokens[after : after + 4]]
    percent = _percent_length(words_after, sentence, lexicon)
    # "12,125 %" is a decimal: read as thousands it would be 12 125 %, a share nothing has.
    if figure.comma_thousands and not figure.scaled and figure.amount is not None and percent is None:
        figure.amount = round(figure.amount * 1000)
        figure.decimals = 0
    figure.tail = figure.end

    _read_currency(figure, sentence, tokens, after, lexicon)
    if figure.currency:
        figure.unit = figure.currency
        _set_hedge(figure, sentence, lexicon)
        return _plausible(figure)

    if percent is not None:
        figure.unit = "percent"
        figure.tail = tokens[after + percent - 1].end
        _set_hedge(figure, sentence, lexicon)
        return figure.amount is not None and 0 <= figure.amount <= 1000

    if _read_duration(figure, tokens, after):
        _set_hedge(figure, sentence, lexicon)
        return True
    return _describe_count(figure, sentence, tokens, after, lexicon)


_DURATION_UNITS: dict[str, str] = {
    word: unit for by_language in _NUMBER_TABLES["duration_units"].values() for word, unit in by_language.items()
}
_DURATION_REQUESTS = build_table({"requested": merge_languages(_NUMBER_TABLES["duration_requests"])})
_HYPHEN_DURATION = re.compile(
    rf"(?<![\w@/#.,\-])(\d{{1,3}})-(?:{'|'.join(map(re.escape, sorted(_DURATION_UNITS, key=len, reverse=True)))})\b",
    re.I,
)
_DURATION_THINGS = build_table(
    {thing: merge_languages(by_language) for thing, by_language in _NUMBER_TABLES["duration_things"].items()}
)
_DURATION_LINKS = word_set("of_links", "articles", "indefinite_articles") | word_set("duration_links", family="numbers")
_PART_FILLERS = word_set("of_links") | word_set("part_fillers", family="numbers")  # "two of them suspended"


def _part_of_duration(figure: Figure, tokens: list[Token], after: int) -> bool:
    """A part of a span given before it, in the unit of that span: "quatre ans de prison, dont deux
    avec sursis", "four years in prison, two of them suspended"."""
    index = after
    while index < len(tokens) and index <= after + 3 and tokens[index].lower in _PART_FILLERS:
        index += 1
    match = match_at(tokens, index, _DURATION_THINGS) if index < len(tokens) else None
    first = _token_index_at(tokens, figure.start)
    units = [_DURATION_UNITS[t.lower] for t in tokens[:first] if t.lower in _DURATION_UNITS]
    if match is None or not units:
        return False
    figure.unit, figure.noun, figure.duration = units[-1], match.key, True
    figure.noun_end = figure.tail = tokens[match.end - 1].end
    return True


def _read_duration(figure: Figure, tokens: list[Token], after: int) -> bool:
    """A span of time that is a fact: "four years in prison", "5-year ban", "cinq ans d'inéligibilité",
    "un contrat de cinq saisons". Sets the unit (years, months, seasons) and what lasts (the noun)."""
    position = after + 1 if after < len(tokens) and tokens[after].text == "-" else after
    compound = tokens[after - 1] if 0 < after <= len(tokens) else None
    if compound is not None and compound.start < figure.end < compound.end:
        word, position = compound.lower.rsplit("-", 1)[-1], after - 1  # "five-year"
    elif position < len(tokens):
        word = tokens[position].lower
    else:
        return False
    if word not in _DURATION_UNITS:
        return _part_of_duration(figure, tokens, after)
    unit = _DURATION_UNITS[word]
    index = position + 1
    while index < len(tokens) and index <= position + 3 and tokens[index].lower in _DURATION_LINKS:
        index += 1
    match = match_at(tokens, index, _DURATION_THINGS) if index < len(tokens) else None
    end = tokens[match.end - 1].end if match is not None else tokens[position].end
    if match is None:
        first = _token_index_at(tokens, figure.start)  # "un contrat de cinq ans": the thing before it
        back = first - 1
        while back >= 0 and first - back <= 3 and tokens[back].lower in _DURATION_LINKS:
            back -= 1
        match = ends_with(tokens, back + 1, _DURATION_THINGS) if back >= 0 else None
        if match is None:
            return False
    figure.unit, figure.noun, figure.duration = unit, match.key, True
    figure.noun_end = figure.tail = end
    return True


def _is_age(tokens: list[Token], before: int, figure: Figure) -> bool:
    """ "Miguel Luna, 35, of Glen Burnie", "Jane Holt (52)": a bare figure in commas or brackets right
    after a name is the person's age, not a count."""
    following = _token_index_at(tokens, figure.end)
    if before < 1 or following >= len(tokens) or figure.amount is None or not 0 < figure.amount < 120:
        return False
    opened, closed = tokens[before].text, tokens[following].text
    name = tokens[before - 1].text
    return (opened, closed) in ((",", ","), ("(", ")")) and name[:1].isupper() and name.replace("-", "").isalpha()


def _ruled_out_by_word_before(figure: Figure, tokens: list[Token], before: int, lexicon: Lexicon) -> bool:
    """Whether the token at `before` makes the figure no quantity: a word that rules counts out,
    a month, or a capitalised word of a name the figure ends."""
    previous = tokens[before].lower if before >= 0 else ""
    if previous in lexicon.not_counted or (before >= 0 and _is_month(previous)):
        return True
    # "Max 9", "Windows 11": a number right after a capitalised word inside a sentence is part of a name.
    if (
        before >= 1
        and tokens[before].text[:1].isupper()
        and tokens[before].text.isalpha()
        and tokens[before - 1].text not in '.!?:«"“'
    ):
        # "CHF 5 million": a currency written in capitals is not a name.
        if (
            tokens[before].lower not in lexicon.function_words
            and figure.currency is None
            and tokens[before].text not in lexicon.currency_symbols
        ):
            return True
    return False


def _read_scale_word(figure: Figure, sentence: Sentence, tokens: list[Token], after: int, lexicon: Lexicon) -> int:
    """A scale word at `after` ("8 milliards", "8 billion") multiplies the figure; the index past it all."""
    if after < len(tokens) and not figure.scaled:
        scale = _scale(tokens[after].lower, lexicon, sentence.language)
        if scale is not None:
            figure.amount = (figure.amount or 0) * scale
            figure.scaled = True
            figure.end = tokens[after].end
            after += 1
    return after


def _percent_length(words_after: list[str], sentence: Sentence, lexicon: Lexicon) -> int | None:
    """How many of `words_after` spell a percent sign or word ("%", "pour cent"), if they start with one."""
    language = sentence.language if sentence.language in lexicon.percent_words else "fr"
    for word in lexicon.percent_words[language] + ["%"]:
        parts = word.split()
        if words_after[: len(parts)] == parts:
            return len(parts)
    return None


def _read_currency(figure: Figure, sentence: Sentence, tokens: list[Token], after: int, lexicon: Lexicon) -> None:
    """Currency symbol before ("$8", "US$ 8") or after ("8 €", "8 milliards de dollars")."""
    text_before = sentence_text_before(sentence, figure.start, 4)
    symbol_before = text_before.rstrip()
    for symbol, code in sorted(lexicon.currency_symbols.items(), key=lambda kv: -len(kv[0])):
        if symbol_before.endswith(symbol):
            figure.currency = code
            figure.start = figure.start - (len(text_before) - len(symbol_before)) - len(symbol)
            break
    if figure.currency is None and after < len(tokens):
        _read_currency_after(figure, tokens, after, lexicon)


def _read_currency_after(figure: Figure, tokens: list[Token], after: int, lexicon: Lexicon) -> None:
    """A currency symbol or word from token `after` on: "8 €", "8 dollars", "8 milliards de dollars"."""
    words_after = [t.lower for t in tokens[after : after + 4]]
    if words_after[0] in lexicon.currency_symbols:
        figure.currency = lexicon.currency_symbols[words_after[0]]
        figure.tail = tokens[after].end
        return
    skip = 1 if words_after[0] in _OF_LINKS else 0
    for length in (2, 1):
        if skip + length > len(words_after):
            continue  # "5 dollars" ending the text: no second word, and no token for one
        phrase = " ".join(words_after[skip : skip + length])
        code = _lookup_currency(phrase, lexicon)
        if code:
            figure.currency = code
            figure.tail = tokens[after + skip + length - 1].end
            return


def _describe_count(figure: Figure, sentence: Sentence, tokens: list[Token], after: int, lexicon: Lexicon) -> bool:
    """A figure that is neither money nor a share: find what it counts, from token `after` on."""
    raw = sentence.text[figure.start - sentence.start : figure.end - sentence.start]
    if 1800 <= (figure.amount or 0) <= 2100 and raw.isdigit() and not figure.scaled:
        return False  # a year ("2,000 people" with its separator is a count)
    if _kin_before(figure, tokens):
        # "a father of four", "mère de deux enfants": the person's children.
        figure.kin, figure.noun, figure.unit = True, "children", "children"
        following = tokens[after] if after < len(tokens) else None
        figure.noun_end = figure.tail = following.end if following and following.lower in _CHILD_NOUNS else figure.end
        _set_hedge(figure, sentence, lexicon)
        return True
    position = after
    while position < len(tokens) and tokens[position].lower in _OTHER:
        position += 1
    if position >= len(tokens):
        _read_elliptic(figure, sentence, tokens, lexicon)
        return True
    word = tokens[position]
    if word.lower in lexicon.not_counted or _is_month(word.lower):
        return False
    if word.lower in _OF_TOTAL:
        figure.role = "part"
        _set_hedge(figure, sentence, lexicon)
        figure.tail = figure.end
        return True  # the noun comes from the total ("310 of 820 employees")
    if word.lower in _DOER_LINKS_BY_LANGUAGE.get(sentence.language, ()) and _counted_by_etre(
        figure, tokens, position, sentence, lexicon
    ):
        return True
    if (
        word.lower in _CLAUSE_END
        or word.lower in _NO_NOUN_AFTER
        # an auxiliary, but not a "de" or "à" that may open the noun's complement
        or (word.lower in _AUXILIARIES and word.lower not in _OF_LINKS and word.lower not in _DOER_LINKS)
    ):
        _read_elliptic(figure, sentence, tokens, lexicon)  # "45 000 selon la CGT": the noun is an earlier figure's
        if word.lower in _PEOPLE_VERBS and any(t.lower in lexicon.actions for t in tokens[position + 1 : position + 4]):
            # "Two were rescued": with no earlier figure to borrow from, people counted by what they underwent.
            figure.noun, figure.unit = "people", _PEOPLE_UNIT
            figure.noun_end = figure.end
        return True
    named = _name_before_people_noun(tokens, position, lexicon)
    if named is not None:
        # "420 Acme employees": the name says whose people they are.
        figure.owner_span = (tokens[position].start, tokens[named - 1].end)
        position = named
    return _describe_counted_noun(figure, sentence, tokens, position, lexicon)


def _read_elliptic(figure: Figure, sentence: Sentence, tokens: list[Token], lexicon: Lexicon) -> None:
    """A figure with no noun after it: its noun is one named before it, or an earlier figure's."""
    figure.role = "elliptic"
    _set_hedge(figure, sentence, lexicon)
    figure.tail = figure.end
    _counted_before(figure, sentence, tokens, lexicon)


def _describe_counted_noun(
    figure: Figure, sentence: Sentence, tokens: list[Token], position: int, lexicon: Lexicon
) -> bool:
    """The noun at `position` that the figure counts, or one named before it; False when there is none."""
    word = tokens[position]
    phrase = _people_phrase_at(tokens, position, lexicon)
    if phrase is not None:
        # "200 police officers", "300 forces de l'ordre": a people noun of several words.
        length, noun = phrase
        figure.noun = noun
        figure.unit = _PEOPLE_UNIT
        figure.noun_end = figure.tail = tokens[position + length - 1].end
        _set_hedge(figure, sentence, lexicon)
        return _plausible(figure)
    counted = _counted_after_action(tokens, position, lexicon)
    if counted is not None:
        # "1 600 suppressions de postes", "1,600 cuts of jobs": the action, then what it counts.
        figure.action_at = word.start
        figure.noun = counted.lower
        figure.unit = _PEOPLE_UNIT if counted.lower in lexicon.people_nouns else lexicon.counted_things[counted.lower]
        figure.noun_end = figure.tail = counted.end
        _set_hedge(figure, sentence, lexicon)
        return _plausible(figure)
    if (
        word.lower in _PEOPLE_VERBS and any(t.lower in lexicon.actions for t in tokens[position + 1 : position + 4])
    ) or (word.lower in lexicon.actions and _after_article(figure, tokens)):
        # "Two were rescued", "three remain missing", "deux restent portés disparus", "les cinq disparus",
        # "the two injured": people, counted by what they underwent.
        figure.noun, figure.unit = "people", _PEOPLE_UNIT
        figure.noun_end = figure.tail = figure.end
        _set_hedge(figure, sentence, lexicon)
        return _plausible(figure)
    if _is_noun(word, lexicon):
        if word.lower not in lexicon.people_nouns and word.lower not in lexicon.counted_things:
            # "six construction workers", "trois ouvriers du bâtiment": a modifier before the counted noun.
            following = tokens[position + 1] if position + 1 < len(tokens) else None
            if following is not None and following.lower in lexicon.people_nouns:
                position, word = position + 1, following
        people = lexicon.people_nouns.get(word.lower)
        figure.noun = word.lower
        figure.unit = _PEOPLE_UNIT if people else lexicon.counted_things.get(word.lower, word.lower)
        figure.noun_end = figure.tail = _counted_noun_end(tokens, position, lexicon).end
        _set_hedge(figure, sentence, lexicon)
        return _plausible(figure)
    # "The death toll rose to four on Tuesday": no noun after, but one named before.
    _set_hedge(figure, sentence, lexicon)
    if _counted_before(figure, sentence, tokens, lexicon, window=20):
        figure.role = "elliptic" if figure.noun is None else figure.role
        figure.tail = figure.end
        return _plausible(figure)
    figure.qualifier, figure.hedge_start = Qualifier.exact, None
    return False


def _counted_after_action(tokens: list[Token], position: int, lexicon: Lexicon) -> Token | None:
    """The thing or people noun in "suppressions de postes" when an action noun stands at `position`."""
    word = tokens[position]
    if (
        word.lower in lexicon.actions
        and word.lower not in lexicon.people_nouns
        and position + 2 < len(tokens)
        and tokens[position + 1].lower in _OF_LINKS
        and (tokens[position + 2].lower in lexicon.counted_things or tokens[position + 2].lower in lexicon.people_nouns)
    ):
        return tokens[position + 2]
    return None


def _counted_noun_end(tokens: list[Token], position: int, lexicon: Lexicon) -> Token:
    """The last token of the counted noun at `position`, with up to two words that go with it:
    an acronym in capitals, or a lower-case word that is no stop word, action, uncounted word or relation word."""
    last = tokens[position]
    for extra in tokens[position + 1 : position + 3]:
        if (
            extra.text.isupper()
            and extra.text.isalpha()
            or (
                extra.lower not in _STOP_NOUN
                and extra.text[:1].islower()
                and extra.lower.isalpha()
                and extra.lower not in lexicon.actions
                and extra.lower not in lexicon.not_counted
                and not any(extra.lower in r.words for r in lexicon.relations)
            )
        ):
            last = extra
        else:
            break
    return last


def _people_phrase_at(tokens: list[Token], position: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """The longest people noun of several words starting at ``position``: (its tokens, the noun).

    A loop, not a phrase table: it runs once per figure, at the noun after it, over a few rows."""
    for words, noun in lexicon.people_phrases:
        if tuple(t.lower for t in tokens[position : position + len(words)]) == words:
            return len(words), noun
    return None


def _counted_by_etre(figure: Figure, tokens: list[Token], position: int, sentence: Sentence, lexicon: Lexicon) -> bool:
    """ "Ils étaient 12 000 à défiler": a form of "être" before the figure and an action after
    "à" make it a count of people who did that. Fill in the figure and say whether it fits."""
    after = position + 1
    while after < len(tokens) and after - position < 3 and tokens[after].lower in _BEFORE_INFINITIVE:
        after += 1  # "à se rassembler", "à avoir signé"
    if after >= len(tokens) or tokens[after].lower not in lexicon.actions:
        return False
    _set_hedge(figure, sentence, lexicon)
    before = _token_index_at(tokens, figure.hedge_start if figure.hedge_start is not None else figure.start) - 1
    if before < 0 or tokens[before].lower not in _COUNTING_BE.get(sentence.language, ()):
        figure.qualifier, figure.hedge_start = Qualifier.exact, None
        return False
    figure.noun = "people"
    figure.unit = _PEOPLE_UNIT
    figure.noun_end = tokens[after - 1].end  # the action is read from the word that follows
    figure.tail = figure.end
    return True


def _name_before_people_noun(tokens: list[Token], position: int, lexicon: Lexicon) -> int | None:
    """Index of the people noun after a capitalised name of up to three words at `position`."""
    index = position
    while (
        index < len(tokens)
        and index - position < 3
        and tokens[index].text[:1].isupper()
        and tokens[index].text.isalpha()
    ):
        index += 1
    if index == position or index >= len(tokens):
        return None
    noun = tokens[index]
    return index if noun.text[:1].islower() and noun.lower in lexicon.people_nouns else None


def sentence_text_before(sentence: Sentence, position: int, width: int) -> str:
    offset = position - sentence.start
    return plain(sentence.text[max(0, offset - width) : offset])


def _lookup_currency(phrase: str, lexicon: Lexicon) -> str | None:
    for table in lexicon.currency_words.values():
        if phrase in table:
            return table[phrase]
    # Any ISO code the tables know ("5 million JPY", as reports print a figure without a symbol).
    codes = {code for table in lexicon.currency_words.values() for code in table.values()}
    codes |= set(lexicon.currency_symbols.values())
    return phrase.upper() if phrase.upper() in codes and phrase.isalpha() and len(phrase) == 3 else None


def _is_month(word: str) -> bool:
    return word in _MONTHS


def _is_noun(token: Token, lexicon: Lexicon) -> bool:
    word = token.lower
    if not word.isalpha() and "-" not in word:
        return False
    if word in _STOP_NOUN or (word in lexicon.actions and word not in lexicon.people_nouns):
        return False
    if not token.text[:1].islower():
        return False
    return len(word) > 1


def _plausible(figure: Figure) -> bool:
    return figure.amount is None or figure.amount >= 0


def _lower(text: str) -> str:
    """Lower case with one character for one, so match offsets stay offsets into the text.

    str.lower() turns "İ" into two characters, which shifted every offset after it.
    """
    return text.replace("\u0130", "i").lower()


def _set_hedge(figure: Figure, sentence: Sentence, lexicon: Lexicon) -> None:
    """The qualifier from a hedge ending right before the figure (or its currency symbol)."""
    before = _lower(sentence_text_before(sentence, figure.start, 40))
    before = before.rstrip()
    languages = [sentence.language] + [lang for lang in lexicon.hedges if lang != sentence.language]
    for language in languages:
        for phrase, qualifier in lexicon.hedges.get(language, []):
            if before.endswith(phrase) and (len(before) == len(phrase) or not before[-len(phrase) - 1].isalpha()):
                figure.qualifier = Qualifier(qualifier)
                figure.hedge_start = (
                    figure.start - (len(sentence_text_before(sentence, figure.start, 40)) - len(before)) - len(phrase)
                )
                return


def _vague_amounts(sentence: Sentence, tokens: list[Token], lexicon: Lexicon, figures: list[Figure]) -> list[Figure]:
    """Amounts without a figure: "la quasi-totalité des employés", "dozens of staff"."""
    text = _lower(plain(sentence.text))
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    languages = [sentence.language] + [lang for lang in lexicon.vague if lang != sentence.language]
    for language in languages:
        for vague in lexicon.vague.get(language, []):
            if vague.phrase not in text:  # most sentences hold none: skip the pattern
                continue
            for match in re.finditer(r"(?<!\w)" + re.escape(vague.phrase) + r"(?!\w)", text):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                if any(s < end and start < e for s, e in taken):
                    continue
                if any(f.start < end and start < max(f.tail, f.end) for f in figures):
                    continue
                figure = _vague_figure(vague, start, end, sentence, tokens, lexicon, figures)
                if figure is None:
                    continue
                taken.append((start, end))
                found.append(figure)
    return found


def _vague_figure(
    vague: Vague, start: int, end: int, sentence: Sentence, tokens: list[Token], lexicon: Lexicon, figures: list[Figure]
) -> Figure | None:
    """The vague amount spelt at [start, end), with the noun it counts; None when it counts nothing."""
    after = _token_index_at(tokens, end)
    next_word = tokens[after].lower if after < len(tokens) else ""
    if vague.qualifier == "approx" and next_word not in _OF_OR_PARTITIVE:
        return None
    position = after
    while position < len(tokens) and tokens[position].lower in _OF_THE:
        position += 1
    # "la quasi-totalité des quelque 640 employés": the noun is the total's.
    total = next((f for f in figures if f.start >= end and f.start - end < 30), None)
    figure = Figure(start, end, None, 0, scaled=False, qualifier=Qualifier(vague.qualifier))
    figure.vague_low, figure.vague_high = vague.low, vague.high
    figure.hedge_start = start
    if total is not None and total.noun:
        figure.role = "part"
        figure.noun, figure.unit = total.noun, total.unit
        figure.noun_end, figure.tail = total.noun_end, total.tail
    elif position < len(tokens) and _is_noun(tokens[position], lexicon):
        _read_vague_noun(figure, sentence, tokens, position, lexicon)
    else:
        return None
    return figure


def _read_vague_noun(figure: Figure, sentence: Sentence, tokens: list[Token], position: int, lexicon: Lexicon) -> None:
    """The noun at `position` that a vague amount counts, with the complement that may name its class."""
    word = tokens[position]
    figure.noun = word.lower
    figure.unit = _PEOPLE_UNIT if word.lower in lexicon.people_nouns else word.lower
    end_token = word
    for extra in tokens[position + 1 : position + 3]:
        if extra.lower in _OF_OR_PARTITIVE or (
            extra.lower.isalpha()
            and extra.lower not in _STOP_NOUN
            and extra.text[:1].islower()
            and extra.lower not in lexicon.actions
        ):
            end_token = extra
        else:
            break
    if end_token.lower in _OF_OR_PARTITIVE:
        end_token = word
    # "membres du personnel": the complement may name the class
    complement = plain(sentence.text[word.start - sentence.start : end_token.end - sentence.start]).lower()
    if complement in lexicon.people_nouns:
        figure.unit = _PEOPLE_UNIT
        figure.noun = complement
    figure.noun_end = figure.tail = end_token.end


def _resolve_ellipsis(figures: list[Figure]) -> list[Figure]:
    """A figure without its noun ("45 000 selon la CGT") counts what the figure before it counts."""
    kept: list[Figure] = []
    for figure in figures:
        if figure.role == "elliptic":
            previous = next((f for f in reversed(kept) if f.noun and f.role != "elliptic"), None)
            if previous is None:
                if figure.noun is not None:  # "Two were rescued": people, by the verb after it
                    figure.role = "figure"
                    kept.append(figure)
                continue
            figure.noun, figure.unit = previous.noun, previous.unit
            figure.role = "figure"
            figure.antecedent = previous
        kept.append(figure)
    return kept


def _link_totals(figures: list[Figure], text: str) -> None:
    """In "N of M noun" the M is a total and N the part; the part borrows the total's noun."""
    for part, total in zip(figures, figures[1:]):
        between = plain(text[part.tail if part.tail else part.end : total.start]).lower().strip()
        between = re.sub(r"\s+", " ", between)
        if between in _PART_TOTAL_LINKS or (part.role == "part" and part.amount is None):
            if total.noun is None and total.unit is None:
                continue
            total.role = "total"
            part.role = "part"
            # The total's quote starts at the part: "310 of 820 employees".
            total.hedge_start = min(total.hedge_start or total.start, part.hedge_start or part.start)
            if part.noun is None:
                part.noun, part.unit = total.noun, total.unit
                part.noun_end = total.noun_end
                part.tail = total.tail


# --- from figure to fact -----------------------------------------------------------------


def _interval(figure: Figure) -> tuple[float | None, float | None]:
    """The values a statement allows, by qualifier. Round figures keep their rounding."""
    amount = figure.amount
    if amount is None:
        return figure.vague_low, figure.vague_high
    rounding = 0.0
    if (figure.scaled or figure.unit == "percent") and amount:
        rounding = 0.5 * 10 ** (-figure.decimals) * (amount / _mantissa(amount, figure))
        if figure.scaled:
            # "$2bn" is 1.9-2.1bn, not 1.5-2.5bn: a scale word rounds, but not by a quarter.
            rounding = min(rounding, abs(amount) * APPROX_TOLERANCE)
    qualifier = figure.qualifier
    if qualifier is Qualifier.approx:
        spread = max(abs(amount) * APPROX_TOLERANCE, rounding)
        return amount - spread, amount + spread
    if qualifier in (Qualifier.more_than, Qualifier.at_least):
        return amount, None
    if qualifier in (Qualifier.less_than, Qualifier.at_most):
        return None, amount
    return amount - rounding, amount + rounding


def _mantissa(amount: float, figure: Figure) -> float:
    """The figure as written before its scale word (8 for "8 milliards")."""
    for scale in (1e12, 1e9, 1e6, 1e3):
        if figure.scaled and amount >= scale and abs(amount / scale - round(amount / scale, figure.decimals)) < 1e-9:
            return amount / scale
    return amount


@dataclass
class _Clues:
    """What stands around a figure: the relation word (cue), whose people they are, what they did."""

    relation: Relation | None
    cue: Token | None
    owner: Mention | None
    action: str | None
    action_token: Token | None


@dataclass
class _Statement:
    """What a figure's fact says, with the mentions its quote may stretch to."""

    subject: str | None
    predicate: str
    obj: str | None = None
    wording: str | None = None
    subject_mention: Mention | str | None = None
    object_mention: Mention | None = None


def _to_fact(
    source: str,
    text: str,
    sentence: Sentence,
    tokens: list[Token],
    figure: Figure,
    entities: EntityIndex,
    lexicon: Lexicon,
) -> Fact | None:
    relation, cue = _relation(figure, sentence, tokens, lexicon)
    owner = _owner(figure, tokens, entities, lexicon)
    action, action_token = _action(figure, tokens, entities, lexicon)
    clues = _Clues(relation, cue, owner, action, action_token)
    statement = _statement(figure, clues, sentence, tokens, entities, lexicon)
    if statement is None:
        return None
    quote_start = _quote_start(figure, clues, statement, sentence, tokens)
    quote_end = _quote_end(figure, clues, statement, sentence, tokens)
    low, high = _interval(figure)
    quantity = Quantity(
        amount=_clean_number(figure.amount),
        unit=figure.unit,
        currency=figure.currency,
        qualifier=figure.qualifier,
        low=_clean_number(low),
        high=_clean_number(high),
    )
    evidence = Evidence(quote=text[quote_start:quote_end], start=quote_start, end=quote_end)
    return Fact(
        id=fact_id(source, FactKind.number, figure.start, figure.end),
        source=source,
        kind=FactKind.number,
        subject=statement.subject,
        predicate=statement.predicate,
        object=statement.obj,
        wording=statement.wording,
        value=quantity,
        evidence=evidence,
        language=sentence.language,
    )


def _statement(
    figure: Figure, clues: _Clues, sentence: Sentence, tokens: list[Token], entities: EntityIndex, lexicon: Lexicon
) -> _Statement | None:
    """Subject, predicate and object of a count, a share or an amount of money; None for anything else."""
    cue = clues.cue
    anchor_start = min(figure.start, cue.start if cue is not None and cue.start < figure.start else figure.start)
    noun = figure.noun or ""
    if figure.duration:
        # "Le tribunal a condamné X à quatre ans de prison": what lasts, said of the name before it.
        person = entities.last_person_before(anchor_start)
        in_sentence = person is not None and person.start >= sentence.start
        mention = person if in_sentence else _name_before(anchor_start, sentence, entities)  # who serves, signs
        first = _token_index_at(tokens, anchor_start)
        if find_all(tokens[max(0, first - 8) : first], _DURATION_REQUESTS):
            noun += " requested"  # "prosecutors sought a 5-year ban", "le parquet a requis cinq ans"
        other = _object_after(figure.tail, sentence, tokens, entities, lexicon, exclude=_name(mention))
        return _Statement(_name(mention), noun, _name(other), None, mention, other)  # "a 5-year deal with X"
    if figure.unit == _PEOPLE_UNIT or (noun and figure.unit == lexicon.counted_things.get(noun, noun)):
        return _count_statement(figure, clues, anchor_start, sentence, tokens, entities, lexicon)
    wording = cue.text if cue is not None else None
    relation = clues.relation
    if figure.unit == "percent":
        predicate = relation.id if relation is not None else "share"
        subject_mention = _subject_before(anchor_start, sentence, tokens, entities, lexicon)
        subject = _name(subject_mention)
        object_mention = _object_after(figure.tail, sentence, tokens, entities, lexicon, exclude=subject, skip_nouns=2)
        return _Statement(subject, predicate, _name(object_mention), wording, subject_mention, object_mention)
    if figure.currency:
        predicate = relation.id if relation is not None and relation.unit == "money" else "amount"
        complement = _complement_of(cue, tokens, entities) if cue is not None and cue.start < figure.start else None
        subject_mention = complement or _subject_before(anchor_start, sentence, tokens, entities, lexicon)
        if isinstance(subject_mention, str):
            # "le joueur de 25 ans gagnera 15 millions": whose money it is is a name in the clause, not the
            # words before the figure.
            subject_mention = _name_before(anchor_start, sentence, entities)
        if isinstance(subject_mention, Mention):
            between = (_token_index_at(tokens, subject_mention.end), _token_index_at(tokens, anchor_start))
            if estimate_before(figure, tokens):
                subject_mention = None  # "X puts the figure at €60m": X is credited, the money is not X's
            elif find_all(tokens[between[0] : between[1]], _PAYERS):
                subject_mention = None  # "Acme will pay €5m": Acme pays, the money is someone else's
        subject = _name(subject_mention)
        object_mention = _object_after(figure.tail, sentence, tokens, entities, lexicon, exclude=subject)
        return _Statement(subject, predicate, _name(object_mention), wording, subject_mention, object_mention)
    return None


_ESTIMATES = build_table({"estimate": merge_languages(_NUMBER_TABLES["estimate_phrases"])})
_PAYERS = build_table({"pays": merge_languages(_NUMBER_TABLES["payer_verbs"])})


def estimate_before(figure: Figure, tokens: list[Token]) -> bool:
    """ "X puts the figure at €60m", "Y l'évalue à 75 M€": an estimate of an amount named before."""
    first = _token_index_at(tokens, figure.hedge_start if figure.hedge_start is not None else figure.start)
    return ends_with(tokens, first, _ESTIMATES) is not None


def relation_named(tokens: list[Token], lexicon: Lexicon, unit: str = "money") -> Relation | None:
    """The relation of that unit whose words come last in these tokens ("will have to pay a signing bonus")."""
    best: tuple[int, Relation] | None = None
    for relation in lexicon.relations:
        if relation.unit != unit:
            continue
        for index, token in enumerate(tokens):
            if token.lower in relation.words or any(_phrase_at(tokens, index, p) for p in relation.phrases):
                if best is None or index >= best[0]:
                    best = (index, relation)
    return best[1] if best else None


def _name_before(position: int, sentence: Sentence, entities: EntityIndex) -> Mention | None:
    """The last person or organisation named in the sentence before `position`."""
    found = None
    for mention in entities.mentions:
        if mention.start >= position:
            break
        if mention.start >= sentence.start and mention.type in ("person", "org"):
            found = mention
    return found


def _count_statement(
    figure: Figure,
    clues: _Clues,
    anchor_start: int,
    sentence: Sentence,
    tokens: list[Token],
    entities: EntityIndex,
    lexicon: Lexicon,
) -> _Statement:
    """A count of people or things: a headcount, what the counted did, or a plain count."""
    noun = figure.noun or ""
    label = lexicon.people_nouns.get(noun) or lexicon.counted_things.get(noun, noun)
    _settle_action(figure, clues, label, sentence, tokens, entities, lexicon)
    relation, cue, owner, action = clues.relation, clues.cue, clues.owner, clues.action
    wording = cue.text if cue is not None else None
    if figure.role == "total" or (relation is not None and relation.id == "headcount" and action is None):
        if label == "employees" or (label == "people" and cue is not None and cue.start < figure.start):
            mention = owner or _subject_before(anchor_start, sentence, tokens, entities, lexicon)
            return _Statement(_name(mention), "headcount", wording=wording, subject_mention=mention)
        return _Statement(_name(owner) if owner else None, f"{label} count", wording=wording)
    if action is not None:
        group = _name(owner)
        subject = f"{group} {label}".strip() if group else label
        action_token = clues.action_token
        return _Statement(subject, action, wording=action_token.text if action_token is not None else wording)
    if (
        relation is not None
        and relation.id == "headcount"
        and label in ("employees", "people")
        and cue is not None
        and cue.start < figure.start
    ):
        mention = owner or _subject_before(cue.start, sentence, tokens, entities, lexicon)
        return _Statement(_name(mention), "headcount", wording=wording, subject_mention=mention)
    # "12,000 protesters in Valmora": a place the count covers is its scope, not its object.
    after = _token_index_at(tokens, figure.tail)
    located = after < len(tokens) and tokens[after].lower in _LOCATIVE
    obj = (
        _name(owner)
        if owner
        else None
        if located
        else _name(_object_after(figure.tail, sentence, tokens, entities, lexicon))
    )
    return _Statement(label, f"{label} count", obj, wording)


def _settle_action(
    figure: Figure,
    clues: _Clues,
    label: str,
    sentence: Sentence,
    tokens: list[Token],
    entities: EntityIndex,
    lexicon: Lexicon,
) -> None:
    """The action a count of `label` states or implies, and the employer that owns what it cut or hired."""
    if clues.action is None and clues.relation is None and figure.role != "total":
        clues.action = lexicon.implied_actions.get(label)  # "30,000 protesters in the streets" marched
    elif clues.action in lexicon.class_actions.get(label, {}):
        clues.action = lexicon.class_actions[label][clues.action]  # "300 policiers mobilisés" were sent, not marching
    action_token = clues.action_token
    if clues.action in _AGENT_OWNS and clues.owner is None and action_token is not None:
        # "Acme will cut 1,200 jobs", "Acme announced 1,200 job cuts": the one who cuts them owns them.
        first = figure.hedge_start if figure.hedge_start is not None else figure.start
        agent = _subject_before(min(action_token.start, first), sentence, tokens, entities, lexicon)
        clues.owner = agent if isinstance(agent, Mention) else None


def _quote_start(figure: Figure, clues: _Clues, statement: _Statement, sentence: Sentence, tokens: list[Token]) -> int:
    """Where a fact's quote starts: at the figure, its hedge, a cue or agent before it, or its subject nearby."""
    # A headcount word before a count of people who did something is not part of what they did.
    quoted_cue = None if clues.action is not None and statement.predicate == clues.action else clues.cue
    quote_start = min(
        x
        for x in (
            figure.start,
            figure.hedge_start,
            quoted_cue.start if quoted_cue and quoted_cue.start < figure.start else None,
        )
        if x is not None
    )
    action_token = clues.action_token
    if action_token is not None and action_token.end <= quote_start:
        after_action = _token_index_at(tokens, action_token.end)
        if after_action < len(tokens) and tokens[after_action].lower in _AGENT:
            quote_start = action_token.start  # "signed by more than 610 employees"
    subject_mention = statement.subject_mention
    if (
        isinstance(subject_mention, Mention)
        and sentence.start <= subject_mention.start
        and quote_start - subject_mention.end <= 40
    ):
        quote_start = min(quote_start, subject_mention.start)
    return quote_start


def _quote_end(figure: Figure, clues: _Clues, statement: _Statement, sentence: Sentence, tokens: list[Token]) -> int:
    """Where a fact's quote ends: past the figure and its noun, and the owner, cue, object or action close after."""
    quote_end = max(figure.tail, figure.end, figure.noun_end or 0)
    owner, cue, relation = clues.owner, clues.cue, clues.relation
    if owner is not None and owner.start >= quote_end and owner.start - quote_end <= 4:
        quote_end = owner.end
    if cue is not None and cue.start >= quote_end and cue.start - quote_end <= 30:
        quote_end = cue.end
    if relation is not None and relation.after:
        start_index = _token_index_at(tokens, quote_end)
        for token in tokens[start_index : start_index + 3]:
            if token.lower in relation.after:
                quote_end = token.end
                break
    object_mention = statement.object_mention
    if object_mention is not None and sentence.start <= object_mention.start < sentence.end:
        if 0 <= object_mention.start - quote_end <= 40:
            quote_end = object_mention.end
    action_token = clues.action_token
    if action_token is not None and action_token.start >= quote_end and action_token.start - quote_end <= 200:
        # the verb may come after a relative clause: "four technicians who were in the tunnel remain missing"
        quote_end = action_token.end
    return quote_end


_QUOTE_STOPS = frozenset(',;:.!?()[]«»"“”—–')
_QUOTE_OPENERS = word_set("articles", "indefinite_articles", "partitives", "possessives", "demonstratives")
_QUOTE_LINKS = word_set("and_words", "but_words")
_QUOTE_CLAUSE_STARTS = word_set("complementizers", "relative_pronouns", "subject_relatives")
_QUOTE_DANGLING = (
    _QUOTE_OPENERS | _QUOTE_LINKS | word_set("of_links", "complementizers", "agent_links", "purpose_links")
)
QUOTE_REACH = (4, 5)
"""How many tokens a number's quote takes, at most, before and after the words that state it, within
its clause: "long de 2,6 km", "Huit personnes se trouvaient sur le pont", "Two were rescued"."""


@dataclass
class NumberFindings:
    """The number facts of an article, and where each one's figure is stated (its hedge, figure
    and noun: "plus de 500 employés"), which the quote is later widened around."""

    facts: list[Fact]
    figures: dict[str, tuple[int, int]]


def quotes_in_clause(article: ArticleContext, facts: list[Fact], figures: dict[str, tuple[int, int]]) -> list[Fact]:
    """Number facts with their quotes widened to the clause around the figure, so a reader sees what
    the figure is said of; other facts as they are."""
    starts = [s.start for s in article.sentences]
    widened = []
    for fact in facts:
        core = figures.get(fact.id)
        number = bisect_right(starts, fact.evidence.start) - 1
        if core is None or number < 0:
            widened.append(fact)
            continue
        sentence = article.sentences[number]
        low, high = _clause_around(tokenize(sentence.text, sentence.start), *core)
        start, end = min(fact.evidence.start, low), max(fact.evidence.end, high)
        if (start, end) == (fact.evidence.start, fact.evidence.end):
            widened.append(fact)
            continue
        evidence = fact.evidence.model_copy(update={"quote": article.text[start:end], "start": start, "end": end})
        widened.append(fact.model_copy(update={"evidence": evidence}))
    return widened


def _clause_around(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """The offsets of up to QUOTE_REACH tokens around [start, end), within the clause: no punctuation,
    no "and"/"but" that opens another clause (one between two figures stays), no dangling article."""
    if not tokens:
        return start, end
    first = min(_token_index_at(tokens, start), len(tokens) - 1)
    last = first
    while last + 1 < len(tokens) and tokens[last + 1].end <= end:
        last += 1
    before, after = QUOTE_REACH
    low = first
    while low > 0 and first - low < before and tokens[low - 1].text not in _QUOTE_STOPS:
        low -= 1
    for index in range(first - 1, low - 1, -1):
        if tokens[index].lower in _QUOTE_CLAUSE_STARTS:
            low = index + 1  # "... que des dizaines de membres": the clause starts after "que"
            break
    if 0 < low < first and tokens[low - 1].lower in _QUOTE_OPENERS:
        low -= 1  # "The board received ...", not "board received ..."
    high = last
    while high + 1 < len(tokens) and high - last < after and tokens[high + 1].text not in _QUOTE_STOPS:
        following = tokens[high + 2].text if high + 2 < len(tokens) else ""
        if tokens[high + 1].lower in _QUOTE_LINKS and not following[:1].isdigit():
            break  # "... de Brinot et qui compte": another clause; "9 and 11 points" stays whole
        high += 1
    while high > last and tokens[high].lower in _QUOTE_DANGLING:
        high -= 1  # "... in the streets", not "... in the"
    return tokens[low].start, tokens[high].end


def _clean_number(value: float | None) -> float | None:
    if value is None:
        return None
    rounded = round(value, 6)
    return float(int(rounded)) if rounded == int(rounded) else rounded


def _name(mention: Mention | str | None) -> str | None:
    if mention is None:
        return None
    if isinstance(mention, Mention):
        return mention.name
    return mention


def _relation(
    figure: Figure, sentence: Sentence, tokens: list[Token], lexicon: Lexicon
) -> tuple[Relation | None, Token | None]:
    """The relation whose words stand nearest the figure, among those that fit its unit."""
    unit_kind = "percent" if figure.unit == "percent" else "money" if figure.currency else "employees"
    first = _token_index_at(tokens, figure.hedge_start if figure.hedge_start is not None else figure.start)
    last = _token_index_at(tokens, figure.tail or figure.end)
    best: tuple[int, Relation, Token] | None = None
    low = first
    while low > 0 and first - low < 12 and tokens[low - 1].lower not in _CLAUSE_END:
        low -= 1
    high = last
    while high < len(tokens) and high - last < 5 and tokens[high].lower not in _CLAUSE_END:
        high += 1
    for relation in lexicon.relations:
        if relation.unit != unit_kind:
            continue
        for index in range(low, high):
            token = tokens[index]
            word = token.lower
            distance = first - index if index < first else index - last + 1
            if index >= first and index < last:
                continue
            hit = (
                word in relation.words
                or (index < first and word in relation.before)
                or (index >= last and word in relation.after)
            )
            if hit and word in _HAVING and any(t.lower not in _DETERMINERS for t in tokens[index + 1 : first]):
                hit = False  # "Acme has (a workforce of) 450 employees", not "rescuers have recovered 40 bodies"
            if not hit:
                hit = any(_phrase_at(tokens, index, phrase) for phrase in relation.phrases)
            if hit and (best is None or distance < best[0]):
                best = (distance, relation, token)
    if best is None:
        return None, None
    return best[1], best[2]


def _complement_of(cue: Token, tokens: list[Token], entities: EntityIndex) -> Mention | None:
    """The name in "le chiffre d'affaires de X" / "the revenue of X", right after the cue noun."""
    index = _token_index_at(tokens, cue.start)
    for position in range(index + 1, min(index + 5, len(tokens) - 1)):
        if tokens[position].lower in _OF_LINKS:
            mention = entities.at(tokens[position + 1].start, tokens[position + 1].end)
            if mention is not None:
                return mention
    return None


def _phrase_at(tokens: list[Token], index: int, phrase: tuple[str, ...]) -> bool:
    """Whether the tokens from `index` on spell `phrase` (a relation's own few phrases, checked where a
    figure's cue points; a phrase table would index words no other rule asks about)."""
    if index + len(phrase) > len(tokens):
        return False
    return all(tokens[index + k].lower == word for k, word in enumerate(phrase))


def _counted_before(
    figure: Figure, sentence: Sentence, tokens: list[Token], lexicon: Lexicon, window: int = 10
) -> bool:
    """A noun given before the figure ("the death toll has risen to 11,300"), within ``window`` tokens: fill it in."""
    first = _token_index_at(tokens, figure.start)
    low = first
    while low > 0 and first - low < window and tokens[low - 1].lower not in {";", ":", ".", "(", ")"}:
        low -= 1
    for index in range(first - 1, low - 1, -1):
        if tokens[index].text[:1].isdigit():
            break  # a count named before another figure is that figure's
        for phrase, label in lexicon.counted_before:
            if _phrase_at(tokens, index, phrase):
                # Prefer a longer phrase ending here ("death toll" over "toll").
                for back in (3, 2, 1):
                    longer = (
                        next(
                            (
                                p
                                for p, _ in lexicon.counted_before
                                if len(p) > back and _phrase_at(tokens, index - back, p)
                            ),
                            None,
                        )
                        if index - back >= low
                        else None
                    )
                    if longer is not None:
                        index -= back
                        break
                figure.noun = label
                figure.unit = _PEOPLE_UNIT
                figure.role = "figure"
                figure.hedge_start = min(figure.hedge_start or figure.start, tokens[index].start)
                return True
    # "Les manifestants étaient 12 000", "the protesters numbered about 40,000": the subject of "to be".
    verb = _token_index_at(tokens, figure.hedge_start if figure.hedge_start is not None else figure.start) - 1
    if verb >= 1 and tokens[verb].lower in _NUMBERED:
        noun = tokens[verb - 1].lower
        if noun in lexicon.people_nouns:
            figure.noun = noun
            figure.unit = _PEOPLE_UNIT
            figure.role = "figure"
            figure.hedge_start = min(figure.hedge_start or figure.start, tokens[verb - 1].start)
            return True
    return False


def _owner(figure: Figure, tokens: list[Token], entities: EntityIndex, lexicon: Lexicon) -> Mention | None:
    """Whose people a count is: "employés d'X", "employees of X", "X employees", "employees @X"."""
    if figure.noun_end is None:
        return None
    if figure.owner_span is not None:
        return entities.at(*figure.owner_span)
    index = _token_index_at(tokens, figure.noun_end)
    window = tokens[index : index + 3]
    if window and window[0].text.startswith("@"):
        return entities.at(window[0].start, window[0].end)
    if window and window[0].lower in _EMPLOYER_LINKS and len(window) > 1:
        return entities.at(window[1].start, window[1].end)
    return None


def _action(
    figure: Figure, tokens: list[Token], entities: EntityIndex, lexicon: Lexicon
) -> tuple[str | None, Token | None]:
    """What the counted people did: the verb after the noun phrase ("ont signé", "tell"), or a
    passive-like verb right before the figure ("have killed at least 5,300 people")."""
    if figure.action_at is not None:
        token = tokens[_token_index_at(tokens, figure.action_at)]
        return lexicon.actions[token.lower], token
    found = _action_after(figure, tokens, entities, lexicon)
    if found[0] is not None or figure.role == "total":
        return found
    index = _token_index_at(tokens, figure.hedge_start if figure.hedge_start is not None else figure.start) - 1
    # "a petition signed by 610 employees", "signée par 610 salariés": the agent of a passive did it
    # (but not in "arrested by 200 officers", where the verb is what was done to others).
    if index >= 1 and tokens[index].lower in _AGENT and tokens[index - 1].lower in lexicon.actions:
        label = lexicon.actions[tokens[index - 1].lower]
        if label not in _DONE_TO:
            return label, tokens[index - 1]
    steps = 0
    while index >= 0 and steps < 3:
        word = tokens[index].lower
        if word in lexicon.actions and lexicon.actions[word] in _DONE_TO:
            return lexicon.actions[word], tokens[index]
        if word not in _AUXILIARIES:
            break
        index -= 1
        steps += 1
    return None, None


def _alternatives(phrases: frozenset[str]) -> str:
    """A regular expression that matches any of `phrases`, longest first."""
    return "|".join(re.escape(phrase) for phrase in sorted(phrases, key=lambda p: (-len(p), p)))


_APPROX = _alternatives(
    frozenset(phrase for by_qualifier in _NUMBER_TABLES["hedges"].values() for phrase in by_qualifier["approx"])
)
_CONVERSION_LINKS = _alternatives(word_set("conversion_links", family="numbers"))
_CONVERSION = re.compile(
    rf"\s*(?:\(\s*(?:{_APPROX}|{_CONVERSION_LINKS})?|,\s*(?:{_CONVERSION_LINKS})\s*(?:{_APPROX})?)\s*", re.I
)  # "€20 million (about $22 million)", "2,3 milliards d'euros, soit 2,5 milliards de dollars"
_AGENT = word_set("agent_links")
_LOCATIVE = word_set("count_places", family="numbers")
_DONE_TO = word_set("done_to_actions", family="numbers")
_AGENT_OWNS = word_set("employer_actions", family="numbers")  # done by an employer to its own staff or jobs


def _action_after(
    figure: Figure, tokens: list[Token], entities: EntityIndex, lexicon: Lexicon
) -> tuple[str | None, Token | None]:
    if figure.role == "total" or (figure.noun_end is None and not figure.noun):
        return None, None
    index = _token_index_at(tokens, figure.noun_end if figure.noun_end is not None else figure.tail or figure.end)
    steps = 0
    while index < len(tokens) and steps < 6:
        token = tokens[index]
        if token.lower in lexicon.actions:
            return lexicon.actions[token.lower], token
        phrase = _action_phrase_at(tokens, index, lexicon)
        if phrase is not None:
            return phrase
        if (
            token.lower in _STATE_LINKS
            and index + 1 < len(tokens)
            and lexicon.actions.get(tokens[index + 1].lower) == "on strike"
        ):
            index += 1  # "380 employees were on strike", "1 100 salariés en grève"
            continue
        if token.lower in _SUBJECT_RELATIVES:
            # "four technicians who were unaccounted for", "four technicians who were in the tunnel remain missing"
            return _action_past_relative(tokens, index + 1, lexicon)
        if (
            token.lower in _AUXILIARIES
            or token.lower in _PEOPLE_VERBS
            or token.text.startswith("@")
            or entities.at(token.start, token.end)
        ):
            index += 1
            steps += 1
            continue
        break
    return None, None


RELATIVE_REACH = 25
"""How many words after "who"/"qui" the verb of the counted people is looked for: a relative clause
with its asides ("qui réparaient une conduite sous la gare de X, près du fleuve,") runs to about twenty."""


def _action_past_relative(tokens: list[Token], start: int, lexicon: Lexicon) -> tuple[str | None, Token | None]:
    """The action of people described by a relative clause starting at `start`: the first action a verb
    leads to, in the clause ("who were unaccounted for") or after it ("who were in the tunnel remain
    missing", "qui réparaient une conduite, restent portés disparus"); within the sentence."""
    for index in range(start, min(len(tokens), start + RELATIVE_REACH)):
        token = tokens[index]
        if token.text in _SENTENCE_STOPS:
            break
        found = (
            (lexicon.actions[token.lower], token)
            if token.lower in lexicon.actions
            else _action_phrase_at(tokens, index, lexicon)
        )
        if found is None:
            continue
        before = [t.lower for t in tokens[max(start, index - 2) : index]]
        if index == start or any(w in _AUXILIARIES or w in _PEOPLE_VERBS for w in before):
            return found
    return None, None


_KIN = build_table({"kin": merge_languages(_NUMBER_TABLES["kin_phrases"])})
_CHILD_NOUNS = word_set("child_nouns", family="numbers")


def _kin_before(figure: Figure, tokens: list[Token]) -> bool:
    """ "father of four", "mère de deux": a figure after a word of kinship and its "of"."""
    return ends_with(tokens, _token_index_at(tokens, figure.start), _KIN) is not None


def _parent(fact: Fact, figure: Figure, entities: EntityIndex) -> Fact:
    """A count of children is the person's named last before it ("X ... The father of two came from Y")."""
    person = entities.last_person_before(figure.start)
    return fact.model_copy(
        update={"subject": person.name if person else None, "predicate": "children count", "object": None}
    )


def _after_article(figure: Figure, tokens: list[Token]) -> bool:
    """ "les six portés disparus", "the two injured": a figure right after a definite article."""
    index = _token_index_at(tokens, figure.start) - 1
    return index >= 0 and tokens[index].lower in _DEFINITE


_DEFINITE = word_set("articles")
_SENTENCE_STOPS = frozenset({".", ";", "!", "?", ":"})


def _action_phrase_at(tokens: list[Token], index: int, lexicon: Lexicon) -> tuple[str, Token] | None:
    """An action of several words starting at `index` ("perdu la vie", "lost their lives")."""
    for size in (4, 3, 2):
        words = " ".join(t.lower for t in tokens[index : index + size])
        if len(tokens) - index >= size and words in lexicon.actions:
            return lexicon.actions[words], tokens[index]
    return None


def _subject_before(
    position: int, sentence: Sentence, tokens: list[Token], entities: EntityIndex, lexicon: Lexicon
) -> Mention | str | None:
    """Who the clause before `position` is about.

    Looking back from the verb or figure: a name is the subject; "qui"/"which" points to the
    name before it; "la société"/"the company" is the organisation named last; "it" is the
    organisation that opens the sentence; a plain noun phrase with its article ("un géant
    commercial") is kept as words, not guessed to be a name.
    """
    index = _token_index_at(tokens, position) - 1
    steps = 0
    relation_words = {w for r in lexicon.relations for w in r.words | r.before | r.after}
    while index >= 0 and steps < 10:
        token = tokens[index]
        mention = entities.at(token.start, token.end)
        if mention is not None:
            return mention
        word = token.lower
        anaphor = anaphor_ending_at(index, tokens, lexicon)
        if anaphor is not None:
            return entities.last_org_before(tokens[anaphor].start, set())
        if word in _ORGANISATION_PRONOUNS:
            return _org_meant_by_it(token, tokens, entities)
        if word in _FIGURE_RELATIVES:
            before = index - 1
            while before >= 0 and tokens[before].text in {",", "—", "–"}:
                before -= 1
            if before >= 0:
                antecedent = entities.at(tokens[before].start, tokens[before].end)
                if antecedent is not None:
                    return antecedent
                anaphor = anaphor_ending_at(before, tokens, lexicon)
                if anaphor is not None:
                    return entities.last_org_before(tokens[anaphor].start, set())
            index -= 1
            steps += 1
            continue
        if word in {";", ":", "(", ")", ".", "!", "?"}:
            return None
        if word == ",":
            # ", which owns a stake in X," / ", le numéro un du secteur,": an aside; the subject is before it.
            aside = _aside_start(index, tokens)
            if aside is not None:
                index = aside - 1
                steps += 1
                continue
        phrase = _noun_phrase_subject(index, sentence, tokens, lexicon, relation_words)
        if phrase is not None:
            return phrase
        index -= 1
        steps += 1
    return None


def _org_meant_by_it(token: Token, tokens: list[Token], entities: EntityIndex) -> Mention | None:
    """The organisation "it" stands for: the one that opens the sentence, else the one named last."""
    opening = entities.at(tokens[0].start, tokens[0].end) if tokens else None
    if opening is not None and opening.type == "org":
        return opening
    return entities.last_org_before(token.start, set())


def _noun_phrase_subject(
    index: int, sentence: Sentence, tokens: list[Token], lexicon: Lexicon, relation_words: set[str]
) -> str | None:
    """A plain noun phrase ending at `index` that can be a subject, but never a time ("du troisième trimestre")."""
    token = tokens[index]
    word = token.lower
    if word.isalpha() and token.text[:1].islower() and word not in lexicon.subject_skip and word not in relation_words:
        phrase = _noun_phrase_ending_at(index, tokens, sentence.language)
        if phrase is not None and not any(w in lexicon.not_counted or w in _PERIODS for w in phrase.lower().split()):
            return phrase
    return None


_HAVING = word_set("relations/headcount/before", family="numbers")  # "Acme compte 450 salariés", "has 450 staff"
_PERIODS = word_set("period_nouns", family="numbers")
_ASIDE_OPENERS = word_set("articles", "indefinite_articles", "relative_pronouns", "possessives")
_ORGANISATION_PRONOUNS = word_set("organisation_pronouns", family="numbers")
_FIGURE_RELATIVES = word_set("relative_pronouns")  # "Acme, qui emploie 400 salariés"


def _aside_start(comma: int, tokens: list[Token]) -> int | None:
    """Index of the comma that opens an aside closed by the comma at `comma`, if there is one."""
    for index in range(comma - 1, max(-1, comma - 16), -1):
        if tokens[index].text in {";", ":", ".", "(", ")"}:
            return None
        if tokens[index].text == ",":
            opener = tokens[index + 1].lower if index + 1 < comma else ""
            return index if opener in _ASIDE_OPENERS else None
    return None


def _noun_phrase_ending_at(index: int, tokens: list[Token], language: str) -> str | None:
    """ "un géant commercial" ending at `index`: up to three words after an article, without it."""
    words: list[str] = []
    position = index
    determiners = _DETERMINERS - _HAVE_AUXILIARIES.get(language, frozenset())
    while position >= 0 and len(words) < 3:
        token = tokens[position]
        if token.lower in determiners:
            return " ".join(words) if words else None
        if not token.lower.isalpha() or not token.text[:1].islower():
            return None
        words.insert(0, token.text)
        position -= 1
    return None


def _object_after(
    position: int,
    sentence: Sentence,
    tokens: list[Token],
    entities: EntityIndex,
    lexicon: Lexicon,
    exclude: str | None = None,
    skip_nouns: int = 0,
) -> Mention | None:
    """The entity a figure is directed at: "dans X", "envers X", "du capital d'X", "in X"."""
    index = _token_index_at(tokens, position)
    nouns = 0
    steps = 0
    excluded = {squash(exclude)} if exclude else set()
    while index < len(tokens) and steps < 6:
        token = tokens[index]
        mention = entities.at(token.start, token.end)
        if mention is not None:
            return mention if squash(mention.name) not in excluded else None
        start = index
        for phrase_start in range(index, min(index + 3, len(tokens))):
            if anaphor_ending_at(phrase_start, tokens, lexicon) == start:
                following = tokens[phrase_start + 1].lower if phrase_start + 1 < len(tokens) else ""
                if following in _OF_LINKS:
                    break
                return entities.last_org_before(token.start, excluded)
        word = token.lower
        if word in _PREPOSITIONS_OBJECT or word in _DETERMINERS or token.text in lexicon.demonyms:
            index += 1  # "in the Belgian company Ferrolux"
            steps += 1
            continue
        if word.isalpha() and token.text[:1].islower() and nouns < skip_nouns:
            nouns += 1
            index += 1
            steps += 1
            continue
        return None
    return None
