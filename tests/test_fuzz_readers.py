"""Fuzzing every reader: whatever bytes arrive, a reader yields articles, skips and warnings
with reasons, and never raises (see tests/fuzzing.py for the strategies and invariants)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzzing import (
    check_items,
    counted,
    csv_files,
    dates,
    examples,
    feed_files,
    html_files,
    jsonl_files,
    text_files,
    texts,
)
from tidings.ingest import ReadOptions, clean_text, normalise_published, read_file
from tidings.ingest.feeds import read_feed
from tidings.ingest.html import read_html
from tidings.ingest.jsonl import read_jsonl
from tidings.ingest.tables import read_csv
from tidings.ingest.text import read_text

#: A small cap, so the size check is exercised too.
OPTIONS = ReadOptions(max_chars=2_000, published="2024-03-08")


@pytest.mark.slow
@settings(max_examples=examples(2500))
@given(texts(big=True))
@counted
def test_fuzz_clean_text_is_idempotent_and_storable(text):
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    cleaned.encode("utf-8")  # no lone surrogates survive
    assert cleaned == cleaned.strip()
    assert "\r" not in cleaned and "\x00" not in cleaned


@pytest.mark.slow
@settings(max_examples=examples(2000))
@given(dates())
@counted
def test_fuzz_publication_dates_parse_or_say_why(value):
    try:
        day = normalise_published(value)
    except ValueError as exc:
        assert str(exc)
        return
    if day is not None:
        assert len(day) == 10 and day[4] == "-" and day[7] == "-"


@pytest.mark.slow
@settings(max_examples=examples(2000))
@given(jsonl_files())
@counted
def test_fuzz_jsonl_reader(data):
    check_items(read_jsonl(data, "f.jsonl", OPTIONS), "f.jsonl", OPTIONS.max_chars)


@pytest.mark.slow
@settings(max_examples=examples(1000))
@given(text_files())
@counted
def test_fuzz_text_reader(data):
    items = check_items(read_text(data, "f.txt", OPTIONS), "f.txt", OPTIONS.max_chars)
    assert len(items) <= 1


@pytest.mark.slow
@settings(max_examples=examples(1000))
@given(csv_files(), st.sampled_from([None, "text", "body", "missing"]))
@counted
def test_fuzz_csv_reader(data, column):
    options = ReadOptions(max_chars=OPTIONS.max_chars, text_column=column)
    check_items(read_csv(data, "f.csv", options), "f.csv", options.max_chars)


@pytest.mark.slow
@settings(max_examples=examples(400))
@given(html_files())
@counted
def test_fuzz_html_reader(data):
    items = check_items(read_html(data, "f.html", OPTIONS), "f.html", OPTIONS.max_chars)
    assert len(items) <= 1


@pytest.mark.slow
@settings(max_examples=examples(700))
@given(feed_files())
@counted
def test_fuzz_feed_reader(data):
    check_items(read_feed(data, "f.xml", OPTIONS), "f.xml", OPTIONS.max_chars)


@pytest.mark.slow
@settings(max_examples=examples(400))
@given(st.one_of(jsonl_files(), csv_files(), feed_files(), text_files(), st.binary(max_size=64)),
       st.sampled_from([".jsonl", ".json", ".txt", ".html", ".rss", ".xml", ".csv", ".dat", ""]))
@counted
def test_fuzz_any_file_with_any_extension(data, suffix):
    # Content and extension disagree, or the extension is unknown and content is sniffed.
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        check_items(read_file(path, OPTIONS), str(path), OPTIONS.max_chars)
