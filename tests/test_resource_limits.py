"""Resource limits: the per-article size cap and time budget turn pathological articles into
skips with reasons, and the rest of the batch goes on."""

from __future__ import annotations

import time

import pytest

from tidings.errors import ArticleTimeout
from tidings.extract.pipeline import DEFAULT_STEPS, Extractor, Pipeline
from tidings.extract.registry import ActorRegistry
from tidings.ingest import ReadOptions, build_article
from tidings.ingest.jsonl import read_jsonl
from tidings.pipeline import extract, extract_many, run
from tidings.records import Article
from tidings.settings import Settings
from tidings.store import open_store

NEWS = "Kenya's president met Ethiopia's prime minister in Nairobi on Monday."


def _article(i: int, text: str = NEWS) -> Article:
    article, _ = build_article({"id": f"a{i}", "text": text, "published": "2024-03-08"},
                               "t", i, 10_000_000)
    assert isinstance(article, Article)
    return article


def _stall(doc, known):
    """A step that stalls on articles that ask for it, like a pathological input would."""
    if "stall" in known["article"].id:
        time.sleep(1.5)


def test_an_article_over_its_time_budget_is_skipped_and_the_batch_goes_on(nlp):
    stall = Extractor("stall", _stall, assigns="stalled")
    pipeline = Pipeline((DEFAULT_STEPS[0], stall, *DEFAULT_STEPS[1:]),
                        options={"registry": ActorRegistry()})
    articles = [_article(1), Article("stall-2", NEWS, published="2024-03-08"), _article(3)]
    list(extract_many([_article(0)], Settings.load(), pipeline))  # lexicons load once, unbudgeted
    skipped = []
    out = list(extract_many(articles, Settings.load(article_timeout=1.0), pipeline, skipped))
    assert [x.article.id for x in out] == ["a1", "a3"]
    assert all(x.events for x in out)
    [skip] = skipped
    assert skip.source == "stall-2"
    assert "took longer than 1 s (article_timeout)" in skip.reason
    assert f"step {DEFAULT_STEPS[1]!r}" in skip.reason


def test_ingest_with_a_spent_budget_skips_with_reasons_and_stores_nothing_half(nlp):
    settings = Settings.load(article_timeout=1e-9)
    with open_store(":memory:") as store:
        report = run(articles=[_article(i) for i in range(3)], store=store, settings=settings)
        assert (report.read, report.stored, len(report.skipped)) == (3, 0, 3)
        assert all("article_timeout" in s.reason for s in report.skipped)
        assert store.table_counts()["articles"] == 0
        assert store.integrity_problems() == []


def test_long_text_is_parsed_against_its_budget(nlp):
    # Texts over PARSE_ALONE_CHARS are parsed alone, checking the deadline between spaCy
    # components, so a huge text cannot hold a batch for the whole parse.
    long_text = " ".join([NEWS] * 400)
    with pytest.raises(ArticleTimeout, match="spaCy component"):
        extract(long_text, "2024-03-08", settings=Settings.load(article_timeout=1e-9))


@pytest.mark.slow
def test_a_very_long_sentence_finishes_well_within_the_budget(nlp):
    # One 6,000-word sentence took 25-95 s before the resolver stopped rebuilding the
    # document text for every noun phrase (quadratic); it now takes a few seconds.
    text = " ".join(["police arrested protesters"] * 2000)
    x = extract(text, "2024-03-08", settings=Settings.load(article_timeout=30))
    assert x.article.text == text


def test_over_the_size_cap_is_skipped_with_the_limit_named():
    options = ReadOptions(max_chars=100)
    data = b'{"id": "ok", "text": "short"}\n{"id": "big", "text": "' + b"x" * 101 + b'"}\n'
    items = list(read_jsonl(data, "in.jsonl", options))
    assert [type(i).__name__ for i in items] == ["Article", "Skipped"]
    assert str(items[1]) == ("in.jsonl:2: text is 101 characters, over the max_article_chars "
                             "limit of 100")


def test_time_budget_setting_reads_from_the_environment(monkeypatch):
    monkeypatch.setenv("TIDINGS_ARTICLE_TIMEOUT", "2.5")
    assert Settings.load().article_timeout == 2.5
