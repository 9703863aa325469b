"""The pipeline over folders: which articles are copies of one wire story."""

from __future__ import annotations

import random

from reconcile.ingest import Article
from reconcile.models import Source
from reconcile.pipeline import copy_groups

WORDS = (
    "le conseil la société annonce mardi que son directeur quitte ses fonctions après douze ans "
    "selon un communiqué publié dans la soirée les syndicats demandent des garanties sur l'emploi"
).split()


def _article(name: str, text: str) -> Article:
    return Article(source=Source(name=name, sha256="0" * 64, language="fr"), text=text)


def _text(rng: random.Random, words: int = 500) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def test_syndicated_copies_share_a_group_and_other_articles_do_not() -> None:
    rng = random.Random(3)
    wire = _text(rng)
    copy = "Acme Presse (AFP) " + wire.replace("mardi", "lundi", 2)  # a copy with its own byline and an edit
    articles = [_article("wire.txt", wire), _article("copy.txt", copy)]
    articles += [_article(f"other{i}.txt", _text(rng)) for i in range(200)]  # same words, other texts
    groups = copy_groups(articles)
    assert groups["copy.txt"] == groups["wire.txt"]
    assert len(set(groups.values())) == 201  # every other article is its own group
