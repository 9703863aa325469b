"""Truth discovery: trust learned from agreement, priors, nearby numbers, copy groups, CSV input, scoring."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pydantic import ValidationError

from reconcile.errors import BadInput
from reconcile.truth import (
    Claim,
    Estimate,
    ItemEstimate,
    TruthConfig,
    estimate,
    fuse_csv,
    majority_vote,
    normalise_value,
    read_claims_csv,
    read_truth_csv,
    score,
    similarity,
)


def chosen(result: Estimate) -> dict[tuple[str, ...], ItemEstimate]:
    return {tuple(row.item): row for row in result.items}


def trusts(result: Estimate) -> dict[str, float]:
    return {row.source: row.trust for row in result.sources}


def careless_world(seed: int) -> tuple[list[Claim], dict[tuple[str, ...], str]]:
    """Three sources always right on 50 items; six careless ones, each never right, that half the
    time repeat the item's one popular wrong value and otherwise make up a value of their own."""
    rng = random.Random(seed)
    claims: list[Claim] = []
    truth: dict[tuple[str, ...], str] = {}
    for number in range(50):
        item = (f"item{number}",)
        truth[item] = f"right{number}"
        claims += [Claim(f"reliable{r}", item, f"right{number}") for r in range(3)]
        for c in range(6):
            value = f"wrong{number}" if rng.random() < 0.5 else f"junk{number}-{c}"
            claims.append(Claim(f"careless{c}", item, value))
    return claims, truth


def test_trusted_minority_beats_careless_majority() -> None:
    claims, truth = careless_world(seed=3)
    votes = majority_vote(claims)
    vote_fails = [item for item, value in truth.items() if votes[item] != value]
    assert len(vote_fails) >= 10  # the popular wrong value outnumbers the three reliable sources

    result = estimate(claims)
    rows = chosen(result)
    recovered = [item for item in vote_fails if rows[item].value == truth[item]]
    assert len(recovered) >= 0.9 * len(vote_fails)
    assert sum(rows[item].value == value for item, value in truth.items()) >= 48

    trust = trusts(result)
    assert min(trust[f"reliable{r}"] for r in range(3)) > 0.9
    assert max(trust[f"careless{c}"] for c in range(6)) < 0.2


def test_a_source_with_one_claim_is_not_fully_trusted() -> None:
    claims = [Claim(f"regular{r}", (f"city{i}",), str(1000 + i)) for r in range(3) for i in range(20)]
    claims.append(Claim("newcomer", ("city0",), "1000"))  # right, and confirmed by three others
    trust = trusts(estimate(claims))
    assert trust["newcomer"] < 0.99
    assert trust["newcomer"] < min(trust[f"regular{r}"] for r in range(3))

    fixed = trusts(estimate(claims, TruthConfig(learn_prior=False, prior_trust=0.5)))
    assert fixed["newcomer"] == pytest.approx(0.75, abs=0.01)  # (1 right + 0.5) / (1 claim + 1)


def test_similarity_is_one_within_tolerance_and_fades_to_zero() -> None:
    config = TruthConfig()
    assert similarity(100_000, 100_005, config) == 1.0  # 0.005% apart: the same figure
    assert 0.0 < similarity(1000, 1010, config) < 1.0
    assert similarity(1000, 1010, config) > similarity(1000, 1015, config)
    assert similarity(1000, 5000, config) == 0.0
    assert similarity(1000, -1000, config) == 0.0


def test_nearby_numbers_support_each_other() -> None:
    item = ("springfield", "population")
    claims = [
        Claim("atlas", item, "5,000,000"),
        Claim("census", item, "1,234,567"),
        Claim("gazette", item, "1,246,913"),
    ]

    row = chosen(estimate(claims))[item]
    assert row.value == "1,234,567"  # 1% apart, the two back each other against the lone 5,000,000
    assert row.support == ["census"]  # support is only for figures within tolerance

    alone = chosen(estimate(claims, TruthConfig(support_weight=0.0)))[item]
    assert alone.value == "5,000,000"  # a three-way tie, which goes to the value claimed first


def test_numbers_within_tolerance_are_one_figure() -> None:
    item = ("springfield", "population")
    claims = [
        Claim("atlas", item, "5,000,000"),
        Claim("census", item, "1,234,567"),
        Claim("gazette", item, "1234613"),  # 0.004% off: the same figure
        Claim("herald", item, "7,000,000"),
    ]
    row = chosen(estimate(claims))[item]
    assert row.value == "1,234,567"
    assert row.support == ["census", "gazette"]
    assert row.weight == 2.0

    exact = chosen(estimate(claims, TruthConfig(tolerance=0.0, support_weight=0.0)))[item]
    assert exact.value == "5,000,000"  # four different figures: a tie, to the value claimed first
    assert exact.support == ["atlas"]


def test_a_rounded_figure_counts_for_the_precise_figure_it_rounds() -> None:
    item = ("port", "population")
    claims = [Claim("clerk", item, "8,860"), Claim("bot", item, "9,000"), Claim("visitor", item, "9000")]

    row = chosen(estimate(claims))[item]
    assert row.value == "8,860"  # 9,000 is 8,860 to the nearest thousand, so all three back it
    assert row.support == ["bot", "clerk", "visitor"]
    assert row.weight == 3.0

    assert chosen(estimate(claims, TruthConfig(rounded_support=False)))[item].value == "9,000"
    rivals = [Claim("clerk", item, "12,000"), Claim("bot", item, "10,000"), Claim("visitor", item, "10000")]
    assert chosen(estimate(rivals))[item].value == "10,000"  # 17% apart: two figures, not a rounding


def one_off_world(newcomers: int) -> list[Claim]:
    """Twelve regulars, five claims each, always agree; on each of their towns a passer-by makes
    one contradicted claim. On a new town a regular meets newcomers who agree with each other."""
    claims: list[Claim] = []
    for town in range(12):
        item = (f"town{town}",)
        claims += [Claim(f"regular{r}", item, str(1000 + town)) for r in range(12) if (r - town) % 12 < 5]
        claims.append(Claim(f"passer{town}", item, str(3000 + town)))
    claims.append(Claim("regular0", ("new town",), "2000"))
    claims += [Claim(f"newcomer{n}", ("new town",), "2900") for n in range(newcomers)]
    return claims


def test_one_off_sources_are_judged_by_other_one_off_sources_and_by_the_others_claims() -> None:
    claims = one_off_world(newcomers=2)
    result = estimate(claims)
    assert chosen(result)[("new town",)].value == "2000"
    trust = trusts(result)
    assert trust["newcomer0"] < 0.1  # one-off sources here are contradicted passers-by
    assert trust["regular0"] > 0.9

    # One prior for all: the newcomers' credit is what the regular's claim leaves them ...
    pooled = trusts(estimate(claims, TruthConfig(activity_prior=False)))
    # ... while crediting a claim with its own vote lets the pair confirm itself and win.
    old = TruthConfig(activity_prior=False, trust_evidence="posterior", rounded_support=False)
    self_confirmed = estimate(claims, old)
    assert pooled["newcomer0"] < trusts(self_confirmed)["newcomer0"] - 0.2
    assert chosen(self_confirmed)[("new town",)].value == "2900"


def test_copies_of_one_source_count_once() -> None:
    item = ("strike", "marchers")
    claims = [Claim(f"wire-copy{k}", item, "10000") for k in range(5)]
    claims += [Claim("daily", item, "12000"), Claim("herald", item, "12000")]

    assert chosen(estimate(claims))[item].value == "10000"  # five apparent sources win without groups

    groups = {f"wire-copy{k}": "wire" for k in range(5)}
    row = chosen(estimate(claims, copy_groups=groups))[item]
    assert row.value == "12000"
    assert row.support == ["daily", "herald"]
    assert row.weight == 2.0


def resaving_world(seed: int) -> tuple[list[Claim], dict[tuple[str, ...], str]]:
    """An edit history: on 200 pages a careful editor states the true figure and a bot re-saves
    whatever figure the page shows. On 60 of them a passer-by changed the figure first and the bot
    re-saved that wrong figure; on 20 of those, three editors restored the true figure, on the
    other 40 one editor's correction stands alone against the passer-by and the bot. The bot also
    saved 25 pages nobody else edited."""
    rng = random.Random(seed)
    claims: list[Claim] = []
    truth: dict[tuple[str, ...], str] = {}
    vandalised = rng.sample(range(200), 60)
    restored = set(vandalised[:20])
    for number in range(200):
        item = (f"town{number}", "population")
        right = str(1000 + 37 * number)
        truth[item] = right
        editors = [f"editor{(number + k) % 8}" for k in range(3 if number in restored else 1)]
        if number in vandalised:
            wrong = str(int(right) + rng.choice((-1, 1)) * rng.randrange(100, 900))
            claims += [Claim(f"passer-by{number}", item, wrong), Claim("bot", item, wrong)]
        else:
            claims.append(Claim("bot", item, right))
        claims += [Claim(editor, item, right) for editor in editors]
    claims += [Claim("bot", (f"village{number}", "population"), str(200 + number)) for number in range(25)]
    return claims, truth


def test_a_source_that_repeats_others_mistakes_counts_less_when_it_repeats() -> None:
    claims, truth = resaving_world(seed=2)
    votes = majority_vote(claims)
    assert sum(votes[item] != value for item, value in truth.items()) == 40  # two against one

    blind = chosen(estimate(claims, TruthConfig(copy_detection=False)))
    assert sum(blind[item].value != value for item, value in truth.items()) >= 30

    result = estimate(claims)
    rows = chosen(result)
    assert all(rows[item].value == value for item, value in truth.items())
    trust = trusts(result)
    assert trust["bot"] < min(trust[f"editor{e}"] for e in range(8))
    # Where the bot repeats an editor's right figure, the two are less than two independent claims.
    agreed = next(item for item in truth if item not in votes or len({c.value for c in claims if c.item == item}) == 1)
    assert 1.0 < rows[agreed].weight < 1.9


def test_sources_that_agree_because_they_are_right_are_no_copiers() -> None:
    claims = [Claim(f"agency{a}", (f"count{i}",), str(500 + i)) for a in range(3) for i in range(30)]
    claims += [Claim(f"rumour{i}", (f"count{i}",), str(900 + i)) for i in range(10)]
    result = estimate(claims)
    rows = chosen(result)
    assert all(rows[(f"count{i}",)].value == str(500 + i) for i in range(30))
    assert all(rows[(f"count{i}",)].weight == 3.0 for i in range(30))  # three independent claims each


def test_estimate_is_always_a_claimed_value() -> None:
    claims, _ = careless_world(seed=5)
    claimed: dict[tuple[str, ...], set[str]] = {}
    for claim in claims:
        claimed.setdefault(claim.item, set()).add(claim.value)
    for row in estimate(claims).items:
        assert row.value in claimed[tuple(row.item)]
        assert 0.0 <= row.confidence <= 1.0
    assert estimate([]) == Estimate(items=[], sources=[], iterations=0)


def test_majority_vote_counts_equal_numbers_together_and_ties_go_to_the_first_claimed() -> None:
    claims = [
        Claim("a", ("tie",), "beta"),
        Claim("b", ("tie",), "alpha"),
        Claim("a", ("other tie",), "alpha"),
        Claim("b", ("other tie",), "beta"),
        Claim("a", ("count",), "5"),
        Claim("b", ("count",), "1,000"),
        Claim("c", ("count",), "1000"),
    ]
    assert majority_vote(claims) == {("tie",): "beta", ("other tie",): "alpha", ("count",): "1,000"}


def test_normalise_value_strips_separators_and_trailing_zeros() -> None:
    assert normalise_value("478,403") == normalise_value("478403") == normalise_value("478403.0") == "478403"
    assert normalise_value("1 000 000") == "1000000"
    assert normalise_value("2.50") == "2.5"
    assert normalise_value("  Sam   Altman ") == "Sam Altman"


def test_score_compares_normalised_values_over_items_in_both() -> None:
    result = Estimate(
        items=[
            ItemEstimate(item=["a"], value="1,000", confidence=0.9, support=["s"], weight=1.0),
            ItemEstimate(item=["b"], value="7", confidence=0.9, support=["s"], weight=1.0),
            ItemEstimate(item=["c"], value="3", confidence=0.9, support=["s"], weight=1.0),
        ],
        sources=[],
        iterations=1,
    )
    truth = {("a",): "1000", ("b",): "8", ("z",): "1"}
    votes = {("a",): "999", ("b",): "8.0"}
    assert score(result, truth, votes) == (0.5, 0.5, 2)
    assert score(result, {}, votes) == (0.0, 0.0, 0)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_read_claims_csv_reads_rows_as_claims(tmp_path: Path) -> None:
    path = write(
        tmp_path / "claims.csv",
        'city,year,population,editor\n"Springfield, IL",2000,"111,454",ann\nSpringfield,2000,,bob\n\n"Salem",2000,136924 ,cy\n',
    )
    claims = read_claims_csv(path, "editor", ["city", "year"], "population")
    assert claims == [
        Claim("ann", ("Springfield, IL", "2000"), "111,454"),
        Claim("cy", ("Salem", "2000"), "136924"),
    ]


def test_read_claims_csv_names_a_missing_column_on_line_one(tmp_path: Path) -> None:
    path = write(tmp_path / "claims.csv", "city,year,value\nSalem,2000,1\n")
    with pytest.raises(BadInput) as raised:
        read_claims_csv(path, "editor", ["city", "year"], "value")
    assert raised.value.line == 1
    assert "editor" in raised.value.problem
    assert str(raised.value).startswith(f"{path}:1:")
    with pytest.raises(BadInput):
        read_claims_csv(tmp_path / "missing.csv", "editor", ["city"], "value")


def test_read_claims_csv_names_the_line_of_a_short_row(tmp_path: Path) -> None:
    path = write(tmp_path / "claims.csv", 'city,value,editor\nSalem,1,ann\n"Split\nname",2,bob\nSalem,3\nSalem,4,cy\n')
    with pytest.raises(BadInput) as raised:
        read_claims_csv(path, "editor", ["city"], "value")
    assert raised.value.line == 5  # the quoted field spans lines 3 and 4
    assert "expected 3 fields" in raised.value.problem


def test_read_truth_csv_keeps_the_first_row_of_an_item(tmp_path: Path) -> None:
    path = write(tmp_path / "truth.csv", "city,year,population\nSalem,2000,136924\nSalem,2000,1\n")
    assert read_truth_csv(path, ["city", "year"], "population") == {("Salem", "2000"): "136924"}
    with pytest.raises(BadInput) as raised:
        read_truth_csv(path, ["city", "decade"], "population")
    assert raised.value.line == 1


def test_fuse_csv_scores_against_a_truth_file(tmp_path: Path) -> None:
    claims, truth = careless_world(seed=3)
    lines = ["item,value,source"] + [f"{c.item[0]},{c.value},{c.source}" for c in claims]
    claims_path = write(tmp_path / "claims.csv", "\n".join(lines) + "\n")
    truth_path = write(tmp_path / "truth.csv", "item,value\n" + "".join(f"{k[0]},{v}\n" for k, v in truth.items()))

    result, report = fuse_csv(claims_path, "source", ["item"], "value", truth_path)
    assert report is not None
    assert report.items_scored == 50 and report.claims == len(claims) and report.sources == 9
    assert report.accuracy > report.vote_accuracy
    assert report.iterations == result.iterations

    _, nothing = fuse_csv(claims_path, "source", ["item"], "value")
    assert nothing is None


def test_config_rejects_unknown_fields() -> None:
    with pytest.raises(ValidationError):
        TruthConfig(tolerence=0.01)  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        TruthConfig(tolerance=0.05, support_reach=0.01)
