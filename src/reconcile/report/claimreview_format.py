"""schema.org ClaimReview (JSON-LD) for each group a reviewer has given a verdict.

A group has a verdict when a person confirmed, rejected or corrected one of its facts in the
fact files: confirmed gives "True" (5), corrected "Corrected" (3), rejected "False" (1); when
several facts of a group are reviewed, the lowest rating stands.
"""

from __future__ import annotations

import json
from typing import Any

from reconcile.models import Fact, Reconciliation, ReviewStatus
from reconcile.report.common import fact_topic, fact_value

RATINGS = {
    ReviewStatus.confirmed: (5, "True"),
    ReviewStatus.corrected: (3, "Corrected"),
    ReviewStatus.rejected: (1, "False"),
}


def reviews(reconciliation: Reconciliation) -> list[dict[str, Any]]:
    by_id = {f.id: f for f in reconciliation.facts}
    sources = {s.name: s for s in reconciliation.sources}
    group_of = {fid: g for g in reconciliation.groups for fid in g.facts}
    reviewed: dict[str, list[Fact]] = {}
    for fact in reconciliation.facts:
        if fact.review.status in RATINGS:
            key = group_of[fact.id].id if fact.id in group_of else fact.id
            reviewed.setdefault(key, []).append(fact)
    out = []
    for key in sorted(reviewed):
        facts = reviewed[key]
        worst = min(facts, key=lambda f: RATINGS[f.review.status][0])
        value, name = RATINGS[worst.review.status]
        appearances = []
        for fact in facts:
            source = sources.get(fact.source)
            work: dict[str, Any] = {
                "@type": "CreativeWork",
                "name": source.outlet if source and source.outlet else fact.source,
            }
            if source is not None and source.url:
                work["url"] = source.url
            if source is not None and source.published:
                work["datePublished"] = source.published
            appearances.append(work)
        notes = "; ".join(f.review.note for f in facts if f.review.note)
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": f"{fact_topic(worst)}: {fact_value(by_id[worst.id])}",
            "itemReviewed": {
                "@type": "Claim",
                "appearance": appearances,
                "text": " ".join(worst.evidence.quote.split()),
            },
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": value,
                "bestRating": 5,
                "worstRating": 1,
                "alternateName": name,
            },
            "author": {"@type": "Organization", "name": "reconcile"},
        }
        if notes:
            review["reviewBody"] = notes
        out.append(review)
    return out


def render(reconciliation: Reconciliation) -> str:
    return json.dumps(reviews(reconciliation), ensure_ascii=False, indent=2) + "\n"
