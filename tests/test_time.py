"""Time expressions: which words are found, and the date each resolves to."""

from __future__ import annotations

import pytest

from reconcile.extract.time import find_times, nearest_time
from reconcile.models import Granularity, TimeRef

WEDNESDAY = "2023-11-22"
MONDAY = "2023-11-20"
SUNDAY = "2023-11-19"


def found(text: str, language: str, published: str | None) -> list[tuple[str, str | None, str]]:
    return [(t.text, t.date, t.granularity.value) for t in find_times(text, 0, language, published)]


def test_french_weekdays_resolve_against_a_wednesday() -> None:
    sentence = "Les éboueurs ont cessé le travail lundi, ont défilé mercredi matin, comme vendredi dernier."
    assert found(sentence, "fr", WEDNESDAY) == [
        ("lundi", "2023-11-20", "day"),
        ("mercredi matin", "2023-11-22", "day"),
        ("vendredi dernier", "2023-11-17", "day"),
    ]


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        ("La grève a repris mercredi.", "fr", "2023-11-22"),  # the publication weekday is the publication day
        ("La grève a commencé mercredi dernier.", "fr", "2023-11-15"),  # last is strictly before
        ("La grève reprendra mercredi prochain.", "fr", "2023-11-29"),
        ("Dockers walked out last Friday.", "en", "2023-11-17"),
        ("Dockers walked out on Monday.", "en", "2023-11-20"),
        ("Dockers will walk out next Friday.", "en", "2023-11-24"),
        ("Dockers walked out last Wednesday.", "en", "2023-11-15"),
    ],
)
def test_weekday_with_and_without_modifier(sentence: str, language: str, expected: str) -> None:
    [time] = find_times(sentence, 0, language, WEDNESDAY)
    assert time.date == expected
    assert time.granularity is Granularity.day


def test_english_part_of_day_stays_in_the_text() -> None:
    assert found("The river burst its banks on Sunday night, officials said.", "en", MONDAY) == [
        ("Sunday night", "2023-11-19", "day")
    ]


@pytest.mark.parametrize(
    ("sentence", "language", "published", "text", "expected"),
    [
        ("La crue de ce week-end a noyé les caves.", "fr", MONDAY, "ce week-end", "2023-11-18"),
        ("La digue a cédé en plein week-end.", "fr", MONDAY, "en plein week-end", "2023-11-18"),
        ("Flooding over the weekend closed roads.", "en", MONDAY, "the weekend", "2023-11-18"),
        ("Flooding this weekend closed roads.", "en", SUNDAY, "this weekend", "2023-11-18"),
        ("La crue du week-end dernier a noyé les caves.", "fr", SUNDAY, "du week-end dernier", "2023-11-11"),
        ("Flooding last weekend closed roads.", "en", WEDNESDAY, "last weekend", "2023-11-18"),
    ],
)
def test_weekends_are_dated_by_their_saturday(
    sentence: str, language: str, published: str, text: str, expected: str
) -> None:
    assert found(sentence, language, published) == [(text, expected, "weekend")]


@pytest.mark.parametrize(
    ("sentence", "language", "text", "expected", "granularity"),
    [
        ("Les pompiers sont intervenus cette semaine.", "fr", "cette semaine", "2023-11-20", "week"),
        ("Les pompiers sont intervenus la semaine dernière.", "fr", "la semaine dernière", "2023-11-13", "week"),
        ("Rainfall doubled last week.", "en", "last week", "2023-11-13", "week"),
        ("Les pluies ont doublé le mois dernier.", "fr", "le mois dernier", "2023-10-01", "month"),
        ("Rainfall doubled last month.", "en", "last month", "2023-10-01", "month"),
        ("Les pluies ont doublé ce mois-ci.", "fr", "ce mois-ci", "2023-11-01", "month"),
    ],
)
def test_weeks_and_months_relative_to_publication(
    sentence: str, language: str, text: str, expected: str, granularity: str
) -> None:
    assert found(sentence, language, WEDNESDAY) == [(text, expected, granularity)]


@pytest.mark.parametrize(
    ("sentence", "language", "text"),
    [
        ("The levee failed on November 20, 2023, flooding the town.", "en", "November 20, 2023"),
        ("La digue a cédé le 20 novembre 2023 dans la nuit.", "fr", "20 novembre 2023"),
        ("The levee failed on 20 November 2023.", "en", "20 November 2023"),
        ("La digue a cédé lundi 20 novembre 2023.", "fr", "lundi 20 novembre 2023"),
        ("Relevé du 2023-11-20 à la station.", "fr", "2023-11-20"),
    ],
)
def test_written_out_dates_need_no_publication_date(sentence: str, language: str, text: str) -> None:
    assert found(sentence, language, None) == [(text, "2023-11-20", "day")]


def test_first_of_the_month_in_french() -> None:
    assert found("Le préavis court jusqu'au 1er décembre 2023.", "fr", None) == [
        ("1er décembre 2023", "2023-12-01", "day")
    ]


@pytest.mark.parametrize(
    ("sentence", "language", "published", "expected"),
    [
        ("The strike began on Nov. 20 at dawn.", "en", WEDNESDAY, "2023-11-20"),
        ("La grève a commencé le 20 novembre.", "fr", WEDNESDAY, "2023-11-20"),
        # in the publication year it would lie ten months ahead, so it is last year's
        ("La grève a commencé le 20 décembre.", "fr", "2024-01-05", "2023-12-20"),
    ],
)
def test_a_date_without_a_year_takes_the_publication_year(
    sentence: str, language: str, published: str, expected: str
) -> None:
    [time] = find_times(sentence, 0, language, published)
    assert time.date == expected


def test_yearless_date_far_ahead_of_publication_is_last_year() -> None:
    [time] = find_times("La grève a commencé le 20 mars.", 0, "fr", "2024-01-05")
    assert time.date == "2023-03-20"


@pytest.mark.parametrize(
    ("sentence", "language", "text"),
    [
        ("Le bilan de 2023-11 fait état de dégâts.", "fr", "2023-11"),
        ("Les dégâts de novembre 2023 sont chiffrés.", "fr", "novembre 2023"),
        ("The damage from November 2023 is costed.", "en", "November 2023"),
    ],
)
def test_month_and_year_is_a_month(sentence: str, language: str, text: str) -> None:
    assert found(sentence, language, None) == [(text, "2023-11-01", "month")]


@pytest.mark.parametrize(
    "sentence",
    ["Voir le relevé 2023-11-20 de la sonde.", "Fichier crue-2023-11.csv reçu.", "Lien /archives/2023-11/ mort."],
)
def test_an_iso_month_is_not_taken_out_of_a_longer_token(sentence: str) -> None:
    assert all(t.granularity is not Granularity.month for t in find_times(sentence, 0, "fr", None))


def test_a_bare_year_needs_a_preposition() -> None:
    assert found("En 2023, la rivière a débordé deux fois.", "fr", None) == [("2023", "2023-01-01", "year")]
    assert found("Since 2019 the dyke has been repaired.", "en", None) == [("2019", "2019-01-01", "year")]
    assert found("Au total, 1949 habitants ont été évacués.", "fr", WEDNESDAY) == []


@pytest.mark.parametrize("published", [None, "2023-11", "2023"])
def test_relative_days_need_a_full_publication_date(published: str | None) -> None:
    times = find_times("Hier, la grève a gagné le port ; lundi, elle touchait la gare ce week-end.", 0, "fr", published)
    assert [(t.text, t.date, t.granularity.value) for t in times] == [
        ("Hier", None, "day"),
        ("lundi", None, "day"),
        ("ce week-end", None, "weekend"),
    ]


def test_last_month_resolves_with_a_month_only_publication_date() -> None:
    assert found("Les pluies ont doublé le mois dernier.", "fr", "2023-11") == [
        ("le mois dernier", "2023-10-01", "month")
    ]


def test_relative_days_and_typographic_apostrophe() -> None:
    assert found("Aujourd’hui la décrue commence ; hier soir et avant-hier, l’eau montait.", "fr", WEDNESDAY) == [
        ("Aujourd’hui", "2023-11-22", "day"),
        ("hier soir", "2023-11-21", "day"),
        ("avant-hier", "2023-11-20", "day"),
    ]
    assert found("Yesterday the water rose; tomorrow it should fall.", "en", WEDNESDAY) == [
        ("Yesterday", "2023-11-21", "day"),
        ("tomorrow", "2023-11-23", "day"),
    ]


def test_offsets_point_into_the_article() -> None:
    article = "Le fleuve est sorti de son lit. Les secours, selon la préfecture, sont arrivés mercredi matin."
    offset = article.index("Les secours")
    sentence = article[offset:]
    [time] = find_times(sentence, offset, "fr", WEDNESDAY)
    assert time.start == article.index("mercredi matin")
    assert article[time.start : time.start + len(time.text)] == time.text == "mercredi matin"


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Sam Dupont, délégué syndical, a appelé à la grève.", "fr"),
        ("Sam Dupont, a union delegate, called the strike.", "en"),
        ("La grève est suivie à 49% dans les dépôts.", "fr"),
        ("Les grévistes ont rédigé leur tract avec GPT-4.", "fr"),
        ("Les Lundis de la colère reprennent au port.", "fr"),
        ("Sundays are quiet at the depot.", "en"),
    ],
)
def test_words_that_are_not_times(sentence: str, language: str) -> None:
    assert find_times(sentence, 0, language, WEDNESDAY) == []


def _at(text: str, start: int) -> TimeRef:
    return TimeRef(text=text, start=start, date=None)


def test_nearest_time_prefers_the_closer_one() -> None:
    before, after = _at("lundi", 0), _at("mardi", 40)
    assert nearest_time([before, after], 30) is after  # 10 to "mardi", 25 after "lundi" ends
    assert nearest_time([before, after], 10) is before


def test_nearest_time_prefers_the_one_before_on_a_tie() -> None:
    before, after = _at("lundi", 0), _at("mardi", 25)
    assert nearest_time([after, before], 15) is before  # both 10 characters away


def test_nearest_time_inside_a_span_and_with_nothing() -> None:
    inside = _at("mercredi matin", 10)
    assert nearest_time([_at("lundi", 0), inside], 12) is inside
    assert nearest_time([], 5) is None
