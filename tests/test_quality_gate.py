"""Quality gate on gold data: floors that only go up (see docs/accuracy.md).

Each floor is the figure measured when it was last raised, rounded down. Raise a floor when
the coder improves; never lower one to make a change pass.
"""

from __future__ import annotations

import pytest

from .conftest import shared_path

#: Floors (measured with `tidings evaluate`, see docs/accuracy.md).
SEED_MAX_UNMATCHED = 0
DEV_PRECISION_FLOOR = 0.89
DEV_RECALL_FLOOR = 0.75
PLV_ACCURACY_FLOOR = 0.73
PLV_MACRO_F1_FLOOR = 0.73
PLV_SOURCE_FLOOR = 0.84
CAMEO_ROOT_FLOOR = 0.72
GSR_ACCURACY_FLOOR = 0.71
GSR_MACRO_F1_FLOOR = 0.73
GSR_SOURCE_FLOOR = 0.79
DEV_DATE_FLOOR = 0.94


def test_seed_article_every_required_event_with_countries_and_date():
    from tidings.evaluate import evaluate_articles

    report = evaluate_articles(shared_path("gold", "seed.gold.jsonl"),
                               shared_path("gold", "seed-article.jsonl"))
    [article] = report["articles"]
    assert article["missed"] == [], article
    assert report["recall_required"] == 1.0
    assert report["date_accuracy"] == 1.0
    assert len(article["spurious"]) <= SEED_MAX_UNMATCHED, article["spurious"]


@pytest.mark.slow
def test_dev_articles_precision_and_recall_floors():
    from tidings.evaluate import evaluate_articles

    report = evaluate_articles(shared_path("gold", "dev.gold.jsonl"),
                               shared_path("gold", "dev-articles.jsonl"))
    assert report["precision"] >= DEV_PRECISION_FLOOR
    assert report["recall_required"] >= DEV_RECALL_FLOOR
    assert report["date_accuracy"] >= DEV_DATE_FLOOR


@pytest.mark.slow
def test_plv_sentence_floors():
    from tidings.evaluate import evaluate_sentences

    report = evaluate_sentences(shared_path("data", "plv-train", "plv-train.csv"))
    assert report["accuracy"] >= PLV_ACCURACY_FLOOR
    assert report["macro_f1"] >= PLV_MACRO_F1_FLOOR
    assert report["source_found"] >= PLV_SOURCE_FLOOR


@pytest.mark.slow
def test_plover_gsr_sentence_floors():
    from tidings.evaluate import evaluate_plover_gsr

    report = evaluate_plover_gsr(shared_path("data", "plover-gsr", "PLOVER_GSR_CAMEO.json"))
    assert report["sentences"] + len(report["skipped"]) == 322
    assert len(report["skipped"]) <= 1, report["skipped"]
    assert report["accuracy"] >= GSR_ACCURACY_FLOOR
    assert report["macro_f1"] >= GSR_MACRO_F1_FLOOR
    assert report["source_found"] >= GSR_SOURCE_FLOOR


@pytest.mark.slow
def test_cameo_example_root_floor():
    from tidings.evaluate import evaluate_cameo_examples

    report = evaluate_cameo_examples(shared_path("data", "cameo-codebook",
                                                 "cameo-codes.icews.csv"))
    assert report["sentences"] == 242
    assert report["root_accuracy"] >= CAMEO_ROOT_FLOOR


# -- counts and quotes (the facts steps; see docs/accuracy.md) ---------------------------
#: Share of gold counts found with the right number, and the right category among those.
DEV_COUNTS_FOUND_FLOOR = 0.94
DEV_COUNTS_CATEGORY_FLOOR = 1.0
#: Quotes of tests/data/quote_articles.jsonl found with the right speaker and kind.
QUOTE_ATTRIBUTION_FLOOR = 0.96


def test_seed_article_both_gold_counts_with_their_numbers():
    from tidings.evaluate import evaluate_articles

    report = evaluate_articles(shared_path("gold", "seed.gold.jsonl"),
                               shared_path("gold", "seed-article.jsonl"))
    counts = report["counts"]
    assert counts["gold_counts"] == 2 and counts["found"] == 2, counts["misses"]
    assert counts["category_accuracy"] == 1.0


@pytest.mark.slow
def test_dev_articles_counts_floor():
    from tidings.evaluate import evaluate_articles

    report = evaluate_articles(shared_path("gold", "dev.gold.jsonl"),
                               shared_path("gold", "dev-articles.jsonl"))
    counts = report["counts"]
    assert counts["found_rate"] >= DEV_COUNTS_FOUND_FLOOR, counts["misses"]
    assert counts["category_accuracy"] >= DEV_COUNTS_CATEGORY_FLOOR


def test_quote_attribution_floor(extract_text):
    from .test_facts import attribution_accuracy

    accuracy, misses = attribution_accuracy(extract_text)
    assert accuracy >= QUOTE_ATTRIBUTION_FLOOR, misses


# -- knowledge layer (persons, dates, places; MEANTIME) -----------------------------------
#: Floors for the knowledge layer (docs/accuracy.md, "Knowledge").
DEV_PERSONS_FLOOR = 0.92
MEANTIME_DATE_FLOOR = 0.65
MEANTIME_RECALL_FLOORS = {"PER": 0.78, "ORG": 0.85, "LOC": 0.88}
MEANTIME_F1_FLOORS = {"PER": 0.38, "ORG": 0.51, "LOC": 0.57}


def test_seed_article_every_gold_person_date_and_place_found():
    from tidings.evaluate import evaluate_articles

    report = evaluate_articles(shared_path("gold", "seed.gold.jsonl"),
                               shared_path("gold", "seed-article.jsonl"))
    knowledge = report["knowledge"]
    for key in ("persons", "dates", "places"):
        assert knowledge[key]["recall"] == 1.0, knowledge[key]["missed"]


@pytest.mark.slow
def test_dev_articles_persons_found_floor():
    from tidings.evaluate import evaluate_articles

    report = evaluate_articles(shared_path("gold", "dev.gold.jsonl"),
                               shared_path("gold", "dev-articles.jsonl"))
    assert report["knowledge"]["persons"]["recall"] >= DEV_PERSONS_FLOOR


@pytest.mark.slow
def test_meantime_date_normalisation_and_entity_floors():
    from tidings.evaluate import evaluate_meantime

    report = evaluate_meantime(shared_path("data", "meantime-english"))
    assert report["documents"] == 120
    assert report["date_accuracy"] >= MEANTIME_DATE_FLOOR
    for kind, floor in MEANTIME_RECALL_FLOORS.items():
        assert report["entities"][kind]["recall"] >= floor, kind
        assert report["entities"][kind]["f1"] >= MEANTIME_F1_FLOORS[kind], kind
