"""Fuzzing extraction and ingest: hostile short texts either extract to a well-formed,
JSON-round-tripping Extraction whose offsets point into the stored text, or are refused with
an InputError that says why; a fuzzed batch ingests with every problem reported as a skip."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzzing import check_items, counted, dates, examples, records, texts
from tidings.errors import InputError, Skipped, Warning_
from tidings.ingest import build_article
from tidings.pipeline import extract, run
from tidings.records import Extraction
from tidings.settings import Settings
from tidings.store import open_store

#: One end of a date value: a year or decade, then a month and day, or a quarter.
_DATE = re.compile(r"^(?!0+(?:-|$))\d{3,4}(-\d\d(-\d\d)?|-Q[1-4])?$")
SETTINGS = Settings.load(max_article_chars=5_000)


def _spans(x: Extraction):
    for m in x.mentions:
        yield m.span, m.text
    for d in x.dates:
        yield d.span, d.text
    for c in x.counts:
        yield c.span, None
    for q in x.quotes:
        yield q.span, None
    for p in x.places:
        if p.span is not None:
            yield p.span, None
    for t in x.themes:
        for span in t.spans:
            yield span, None
    for e in x.events:
        yield e.sentence, None
        for span in e.mentions:
            yield span, None
        for actor in (e.actor, e.recipient):
            if actor is not None and actor.span is not None:
                yield actor.span, actor.entity_text if actor.span[1] > actor.span[0] else None


def check_extraction(x: Extraction) -> None:
    """Assert what a user of an Extraction relies on."""
    text = x.article.text
    for (start, end), shown in _spans(x):
        assert 0 <= start <= end <= len(text), (start, end, len(text))
        if shown is not None:
            assert text[start:end] == shown
    for value in [e.date for e in x.events] + [d.value for d in x.dates]:
        for part in (value or "").split("/") if value else ():
            assert _DATE.match(part), value
            if len(part) >= 7 and "Q" not in part:
                date.fromisoformat(part + "-01"[: 10 - len(part)])
    for e in x.events:
        assert e.event and e.id
        for actor in (e.actor, e.recipient):
            if actor is not None and actor.country is not None:
                assert re.fullmatch(r"[A-Z]{3}", actor.country), actor.country
    line = x.to_json()
    assert "\n" not in line
    assert Extraction.from_dict(json.loads(line)) == x


@pytest.mark.slow
@settings(max_examples=examples(1200))
@given(texts(max_fragments=10), dates().filter(lambda d: d is None or isinstance(d, str)))
@counted
def test_fuzz_extract(nlp, text, published):
    try:
        x = extract(text, published=published, settings=SETTINGS)
    except InputError as exc:  # the refusal a caller sees: it must say why
        assert str(exc).strip()
        return
    check_extraction(x)


@pytest.mark.slow
@settings(max_examples=examples(25))
@given(texts(max_fragments=4, big=True))
@counted
def test_fuzz_extract_huge_tokens(nlp, text):
    try:
        x = extract(text, published="2024-03-08", settings=SETTINGS)
    except InputError as exc:
        assert str(exc).strip()
        return
    check_extraction(x)


@pytest.mark.slow
@settings(max_examples=examples(120))
@given(st.lists(records(), min_size=1, max_size=5))
@counted
def test_fuzz_ingest_batch(nlp, batch):
    items = []
    for number, record in enumerate(batch, start=1):
        article, warnings = build_article(record, "fuzz.jsonl", number, 5_000, None)
        items += [*warnings, article]
    articles = check_items(items, "fuzz.jsonl", 5_000)
    with open_store(":memory:") as store:
        report = run(articles=items, store=store, settings=SETTINGS)
        assert report.read == len(articles)
        unique = {a.id for a in articles}
        failed = [s for s in report.skipped if s.source in unique]
        assert report.stored + len(failed) == len(unique)
        assert report.stored + report.already_present + len(failed) == report.read
        assert all(s.reason.strip() for s in report.skipped)
        assert all(isinstance(w, Warning_) for w in report.warnings)
        assert all(isinstance(s, Skipped) for s in report.skipped)
        assert store.integrity_problems() == []
        assert store.table_counts()["articles"] == report.stored
