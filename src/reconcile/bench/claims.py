"""Synthetic structured claims for `reconcile fuse`, with the true value of every item.

Each item (a figure such as a population) gets claims from about ten distinct sources. A source
states the true value with its own reliability (drawn between 0.35 and 0.95); otherwise it gives,
more often than not, the item's common wrong value (an outdated figure many copy), or a figure of
its own. Wrong values are at least 3% from the truth, beyond fuse's default similarity reach.
"""

from __future__ import annotations

import random
from pathlib import Path

CLAIMS_PER_ITEM = 10
COLUMNS = ("source", "item", "value")


def _wrong(truth: int, rng: random.Random) -> int:
    shift = rng.uniform(0.03, 0.4) * rng.choice((-1, 1))
    return max(1, round(truth * (1 + shift)))


def write_claims(folder: Path, claims: int, seed: int = 0) -> tuple[Path, Path]:
    """folder/claims-<n>.csv (source,item,value) and folder/truth-<n>.csv (item,value)."""
    rng = random.Random(seed)
    sources = max(20, claims // 250)
    reliability = [rng.uniform(0.35, 0.95) for _ in range(sources)]
    names = [f"src{i:05d}" for i in range(sources)]
    folder.mkdir(parents=True, exist_ok=True)
    claims_path, truth_path = folder / f"claims-{claims}.csv", folder / f"truth-{claims}.csv"
    rows = ["source,item,value"]
    truths = ["item,value"]
    written = item = 0
    while written < claims:
        truth = rng.randrange(1_000, 2_000_000)
        common = _wrong(truth, rng)
        count = min(claims - written, rng.randint(CLAIMS_PER_ITEM - 6, CLAIMS_PER_ITEM + 6))
        key = f"item{item:07d}"
        for source in rng.sample(range(sources), min(count, sources)):
            if rng.random() < reliability[source]:
                value = truth
            elif rng.random() < 0.6:
                value = common
            else:
                value = _wrong(truth, rng)
            rows.append(f"{names[source]},{key},{value}")
            written += 1
        truths.append(f"{key},{truth}")
        item += 1
    claims_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    truth_path.write_text("\n".join(truths) + "\n", encoding="utf-8")
    return claims_path, truth_path
