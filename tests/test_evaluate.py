"""Scoring rules of `tidings evaluate`, on small hand-built cases."""

from __future__ import annotations

from tidings.evaluate.gold import GoldActor, GoldArticle, GoldEvent
from tidings.evaluate.scoring import event_matches, score_articles
from tidings.records import Actor, Article, Event, Extraction


def pred(kind, a, r, when=None):
    return Event(id=f"{kind}{a}{r}{when}", event=kind, actor=Actor(a, a, a),
                 recipient=Actor(r, r, r) if r else None, date=when, mentions=((0, 1),))


def gold(kind, a, r, when=None, required=True):
    return GoldEvent(kind, GoldActor(a, a, None), GoldActor(r, r, None) if r else None, when,
                     "day" if when else None, required)


def test_match_needs_type_and_both_countries():
    assert event_matches(pred("CONSULT", "USA", "ECU"), gold("CONSULT", "USA", "ECU"))
    assert not event_matches(pred("CONSULT", "USA", "ECU"), gold("SUPPORT", "USA", "ECU"))
    assert not event_matches(pred("CONSULT", "ECU", "USA"), gold("CONSULT", "USA", "ECU"))
    assert not event_matches(pred("PROTEST", "NPL", "NPL"), gold("PROTEST", "NPL", None))
    assert event_matches(pred("PROTEST", "NPL", None), gold("PROTEST", "NPL", None))


def test_precision_counts_all_predictions_recall_only_required():
    g = GoldArticle("a", None, (gold("CONSULT", "USA", "ECU"), gold("AID", "ECU", "VEN",
                                                                    required=False)))
    ex = Extraction(Article("a", "t"), events=(pred("CONSULT", "USA", "ECU"),
                                               pred("AID", "ECU", "VEN"),
                                               pred("ASSAULT", "RUS", "UKR")))
    report = score_articles([g], [ex]).as_dict()
    assert report["precision"] == round(2 / 3, 3)
    assert report["recall_required"] == 1.0


def test_same_date_pairs_are_matched_first():
    g = GoldArticle("a", None, (gold("PROTEST", "MMR", "MMR", "2007-09-23"),
                                gold("PROTEST", "MMR", "MMR", "2007-09-22")))
    ex = Extraction(Article("a", "t"), events=(pred("PROTEST", "MMR", "MMR", "2007-09-22"),))
    report = score_articles([g], [ex]).as_dict()
    assert report["date_accuracy"] == 1.0 and report["recall_required"] == 0.5
