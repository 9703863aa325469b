"""Text to facts. One module per family of facts; this one runs them over an article."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the extractors are imported when they run: reading fact files never needs them
    from reconcile.extract.lexicon import Lexicon
    from reconcile.extract.ner import ModelNER
    from reconcile.ingest import Article
    from reconcile.models import Fact


@dataclass(frozen=True)
class ExtractConfig:
    """What extraction reads: the language tables, and the statistical NER layer when one is installed."""

    lexicon: Lexicon
    ner: ModelNER | None = None
    story_people: tuple[str, ...] = ()  # full names used across the story, for lone surnames

    @classmethod
    def default(cls, use_model: bool = True) -> ExtractConfig:
        from reconcile.extract.lexicon import load_lexicon
        from reconcile.extract.ner import default_ner

        return cls(lexicon=load_lexicon(), ner=default_ner() if use_model else None)


def extract_article(article: Article, config: ExtractConfig | None = None) -> list[Fact]:
    """Every fact an article states, in text order, with evidence offsets into its cleaned text."""
    from reconcile.extract.claims import extract_claims
    from reconcile.extract.context import ArticleContext
    from reconcile.extract.cues import fact_sentences
    from reconcile.extract.entities import find_mentions
    from reconcile.extract.events import extract_events
    from reconcile.extract.language import split_sentences
    from reconcile.extract.numbers import extract_numbers, quotes_in_clause
    from reconcile.extract.qualify import qualify
    from reconcile.extract.roles import extract_roles

    config = config or ExtractConfig.default()
    from reconcile.tables import languages

    supported = languages()
    language = article.source.language if article.source.language in supported else supported[0]
    sentences = split_sentences(article.text, language)
    model_entities = None
    if config.ner is not None:
        # Only sentences that can hold a fact go through the model; names elsewhere are typed by rules.
        model_entities = config.ner.entities(
            article.text, [(s.start, s.end, s.language) for s in fact_sentences(sentences)]
        )
    entities = find_mentions(article.text, sentences, config.lexicon, model_entities, config.story_people)
    context = ArticleContext(
        article.source.name, article.text, sentences, entities, config.lexicon, article.source.published
    )
    numbers = extract_numbers(context)
    facts = list(numbers.facts)
    roles = extract_roles(context)
    facts += roles.facts
    # Events and claims look for agents among the people the role descriptions stand for.
    context = replace(context, entities=entities.with_descriptions(roles.descriptions))
    facts += extract_events(context)
    facts += extract_claims(context, facts)
    facts = qualify(context, facts)
    facts = quotes_in_clause(context, facts, numbers.figures)
    return sorted(facts, key=lambda f: (f.evidence.start, f.id))
