"""Measure extraction quality against gold data (`tidings evaluate`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..extract.registry import ActorRegistry
from ..ingest import ReadOptions, read_articles
from ..records import Article
from ..settings import Settings
from .facts import read_gold_counts, score_counts
from .gold import GoldSentence, read_article_gold, read_sentence_gold
from .knowledge import has_knowledge_gold, read_knowledge_gold, score_knowledge
from .plover_gsr import read_plover_gsr
from .scoring import score_articles
from .sentences import read_cameo_examples, score_cameo_roots, score_sentences


def _extract(articles: list[Article], settings: Settings, relaxed: bool = False,
             registry: ActorRegistry | None = None):
    from ..pipeline import default_pipeline, extract_many

    pipeline = default_pipeline(settings, registry)
    if relaxed:
        pipeline.options["keep_unknown_actors"] = True
    return list(extract_many(articles, settings, pipeline))


def evaluate_articles(gold_path: str | Path, articles_path: str | Path,
                      settings: Settings | None = None,
                      registry: ActorRegistry | None = None) -> dict[str, Any]:
    """Extract the articles and score them against article-level gold."""
    settings = settings or Settings.load()
    gold = read_article_gold(gold_path)
    wanted = {g.id for g in gold}
    articles = [a for a in read_articles([articles_path], ReadOptions())
                if isinstance(a, Article) and a.id in wanted]
    extractions = _extract(articles, settings, registry=registry)
    report = score_articles(gold, extractions).as_dict()
    report["counts"] = score_counts(read_gold_counts(gold_path), extractions)  # facts
    report["gold"] = str(gold_path)
    records = read_knowledge_gold(gold_path)
    if has_knowledge_gold(records):
        report["knowledge"] = score_knowledge(records, extractions)
    return report


def evaluate_sentences(path: str | Path, settings: Settings | None = None) -> dict[str, Any]:
    """Code each gold sentence and score its main event's type and source span."""
    report = _score_sentence_gold(read_sentence_gold(path), settings or Settings.load())
    report["gold"] = str(path)
    return report


def _score_sentence_gold(gold: list[GoldSentence], settings: Settings) -> dict[str, Any]:
    articles = [Article(f"s{i}", g.text) for i, g in enumerate(gold)]
    return score_sentences(gold, _extract(articles, settings, relaxed=True))


def evaluate_plover_gsr(path: str | Path, settings: Settings | None = None) -> dict[str, Any]:
    """Score the PLOVER gold-standard records like sentence gold (older labels mapped).

    Skipped records are counted and listed with their reasons, not scored.
    """
    gold, skips = read_plover_gsr(path)
    report = _score_sentence_gold(gold, settings or Settings.load())
    report["gold"] = str(path)
    report["skipped"] = [{"index": s.index, "id": s.id, "reason": s.reason} for s in skips]
    return report


def evaluate_cameo_examples(path: str | Path, settings: Settings | None = None) -> dict[str, Any]:
    """Code the CAMEO codebook's example sentences (roots 03–20) and score the root."""
    settings = settings or Settings.load()
    examples = read_cameo_examples(path)
    articles = [Article(f"c{i}", text) for i, (text, _) in enumerate(examples)]
    report = score_cameo_roots(examples, _extract(articles, settings, relaxed=True))
    report["gold"] = str(path)
    return report


def evaluate_meantime(directory: str | Path, settings: Settings | None = None) -> dict[str, Any]:
    """Extract the MEANTIME documents and score date normalisation and entity mentions."""
    from .meantime import meantime_articles, read_meantime, score_meantime

    settings = settings or Settings.load()
    docs = read_meantime(directory)
    report = score_meantime(docs, _extract(meantime_articles(docs), settings))
    report["gold"] = str(directory)
    return report


__all__ = ["evaluate_articles", "evaluate_cameo_examples", "evaluate_meantime",
           "evaluate_plover_gsr", "evaluate_sentences"]
