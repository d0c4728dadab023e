"""Score extractions against gold: event matching, per-type P/R/F1, dates and sectors.

Article gold (the codebook's format): a predicted event matches a gold event when the
PLOVER type, the actor's country and the recipient's country agree (a gold actor with an
unknown country matches any; a gold event without a target matches a prediction without a
recipient). Matching is one-to-one, required gold events first. Precision counts every
predicted event; recall counts required gold events only (optional ones are never
penalised, and predicting them is not an error).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..records import Event, Extraction
from .gold import GoldArticle, GoldEvent


@dataclass
class TypeScore:
    predicted: int = 0
    matched_predictions: int = 0
    gold_required: int = 0
    matched_required: int = 0

    def as_dict(self) -> dict[str, Any]:
        p = self.matched_predictions / self.predicted if self.predicted else None
        r = self.matched_required / self.gold_required if self.gold_required else None
        f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        return {"predicted": self.predicted, "gold_required": self.gold_required,
                "precision": _round(p), "recall": _round(r), "f1": _round(f1)}


@dataclass
class ArticleScore:
    """Counts over a set of articles; ``as_dict`` gives the report."""

    predicted: int = 0
    matched_predictions: int = 0
    gold_required: int = 0
    matched_required: int = 0
    dated_pairs: int = 0
    dates_right: int = 0
    actor_sector_pairs: int = 0
    actor_sectors_right: int = 0
    recipient_sector_pairs: int = 0
    recipient_sectors_right: int = 0
    by_type: dict[str, TypeScore] = field(default_factory=dict)
    confusions: Counter = field(default_factory=Counter)
    per_article: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        p = _ratio(self.matched_predictions, self.predicted)
        r = _ratio(self.matched_required, self.gold_required)
        f1 = 2 * p * r / (p + r) if p and r else 0.0
        types = {t: s.as_dict() for t, s in sorted(self.by_type.items())}
        f1s = [v["f1"] for v in types.values() if v["f1"] is not None]
        return {
            "events_predicted": self.predicted, "gold_required": self.gold_required,
            "precision": _round(p), "recall_required": _round(r), "f1": _round(f1),
            "macro_f1": _round(sum(f1s) / len(f1s)) if f1s else None,
            "date_accuracy": _round(_ratio(self.dates_right, self.dated_pairs)),
            "dated_pairs": self.dated_pairs,
            "actor_sector_accuracy": _round(_ratio(self.actor_sectors_right,
                                                   self.actor_sector_pairs)),
            "recipient_sector_accuracy": _round(_ratio(self.recipient_sectors_right,
                                                       self.recipient_sector_pairs)),
            "by_type": types,
            "confusions": [{"gold": g, "predicted": pr, "count": n}
                           for (g, pr), n in self.confusions.most_common(15)],
            "articles": self.per_article,
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def _side_matches(gold_country: str | None, gold_present: bool, predicted: str | None,
                  predicted_present: bool) -> bool:
    if not gold_present:
        return not predicted_present or predicted is None
    if gold_country is None:
        return True
    return predicted == gold_country


def event_matches(pred: Event, gold: GoldEvent) -> bool:
    """Tell whether a predicted event matches a gold event (type and both countries)."""
    if pred.event != gold.type:
        return False
    actor_ok = _side_matches(gold.source.country if gold.source else None,
                             gold.source is not None, pred.actor.country if pred.actor else None,
                             pred.actor is not None)
    recipient_ok = _side_matches(gold.target.country if gold.target else None,
                                 gold.target is not None,
                                 pred.recipient.country if pred.recipient else None,
                                 pred.recipient is not None)
    return actor_ok and recipient_ok


def _dyad(pred: Event) -> tuple:
    return (pred.actor.country if pred.actor else None,
            pred.recipient.country if pred.recipient else None)


def _gold_dyad(gold: GoldEvent) -> tuple:
    return (gold.source.country if gold.source else None,
            gold.target.country if gold.target else None)


def score_articles(gold: Sequence[GoldArticle], extractions: Sequence[Extraction]) -> ArticleScore:
    """Score extractions (matched to gold by article id) and return the counts."""
    by_id = {e.article.id: e for e in extractions}
    score = ArticleScore()
    for article in gold:
        extraction = by_id.get(article.id)
        preds = list(extraction.events) if extraction else []
        _score_one(article, preds, score)
    return score


def _score_one(article: GoldArticle, preds: list[Event], score: ArticleScore) -> None:
    golds = sorted(article.events, key=lambda g: not g.required)
    used: set[int] = set()
    taken: set[int] = set()
    pairs: list[tuple[Event, GoldEvent]] = []
    # Two passes: pairs that also agree on the date first, then any remaining match, so a
    # prediction is not spent on the wrong one of two same-dyad gold events.
    for same_date in (True, False):
        for j, g in enumerate(golds):
            if j in taken:
                continue
            options = [i for i, p in enumerate(preds) if i not in used and event_matches(p, g)
                       and (not same_date or p.date == g.date)]
            if options:
                used.add(options[0])
                taken.add(j)
                pairs.append((preds[options[0]], g))
    required = [g for g in article.events if g.required]
    matched_required = [g for _, g in pairs if g.required]
    score.predicted += len(preds)
    score.matched_predictions += len(pairs)
    score.gold_required += len(required)
    score.matched_required += len(matched_required)
    for p in preds:
        score.by_type.setdefault(p.event, TypeScore()).predicted += 1
    for g in required:
        score.by_type.setdefault(g.type, TypeScore()).gold_required += 1
    for p, g in pairs:
        score.by_type[p.event].matched_predictions += 1
        if g.required:
            score.by_type[g.type].matched_required += 1
        if g.date is not None:
            score.dated_pairs += 1
            score.dates_right += p.date == g.date
        if g.source and g.source.sector and p.actor:
            score.actor_sector_pairs += 1
            score.actor_sectors_right += p.actor.sector == g.source.sector
        if g.target and g.target.sector and p.recipient:
            score.recipient_sector_pairs += 1
            score.recipient_sectors_right += p.recipient.sector == g.target.sector
    matched_golds = {id(g) for _, g in pairs}
    missed = [g for g in required if id(g) not in matched_golds]
    spurious = [p for i, p in enumerate(preds) if i not in used]
    for p in spurious:
        same_dyad = next((g for g in missed if _gold_dyad(g) == _dyad(p)), None)
        if same_dyad is not None:
            score.confusions[(same_dyad.type, p.event)] += 1
    score.per_article.append({
        "id": article.id, "predicted": len(preds), "matched": len(pairs),
        "required": len(required), "required_found": len(matched_required),
        "missed": [f"{g.type} {_gold_dyad(g)} {g.date}" for g in missed],
        "spurious": [f"{p.event} {_dyad(p)} {p.date} «{p.event_text}»" for p in spurious],
    })
