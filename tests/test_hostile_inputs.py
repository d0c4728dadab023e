"""Regression tests for the bugs the fuzzers found: each once crashed a run or made its
output depend on something other than the input."""

from __future__ import annotations

import re

import pytest

from tidings.errors import Skipped, Warning_
from tidings.ingest import ReadOptions, build_article, clean_text, normalise_published
from tidings.ingest.jsonl import read_jsonl
from tidings.records import Article

OPTIONS = ReadOptions()


def _read(data: bytes) -> list:
    return list(read_jsonl(data, "in.jsonl", OPTIONS))


def test_lone_surrogate_in_json_becomes_replacement_character():
    # json decodes "\ud800" to a lone surrogate, which no UTF-8 store or hash accepts.
    items = _read(b'{"text": "Talks \\ud800 resumed.", "id": "x\\udc00", "title": "\\ud83d"}')
    [article] = items
    assert isinstance(article, Article)
    assert article.text == "Talks \ufffd resumed."
    assert article.id == "x\ufffd" and article.title == "\ufffd"
    article.to_json().encode("utf-8")


@pytest.mark.parametrize("data", [b"[" * 50_000, b'{"a":' * 50_000])
def test_deeply_nested_json_is_skipped_not_raised(data):
    [item] = _read(data)
    assert isinstance(item, Skipped) and "nested too deeply" in item.reason


def test_huge_json_number_is_skipped_with_reason():
    [item] = _read(b'{"text": "x", "id": ' + b"9" * 5000 + b"}")
    assert isinstance(item, Skipped) and "digits" in item.reason and item.line == 1


def test_boolean_id_is_refused_like_other_non_ids():
    [item] = _read(b'{"text": "x", "id": true}')
    assert isinstance(item, Skipped) and "not bool" in item.reason


@pytest.mark.parametrize("raw", ["e\x01\u0301 x", "a\x00\u0308", "\ud800\u0301"])
def test_cleaning_twice_changes_nothing(raw):
    # A control character between a letter and its accent used to survive as an
    # uncomposed pair, so re-cleaning a stored text changed it (and its content id).
    once = clean_text(raw)
    assert clean_text(once) == once


@pytest.mark.parametrize("raw", ["1999 days ago", "in 2000 hours", "yesterday 2020"])
def test_relative_publication_dates_are_not_read_against_the_clock(raw):
    with pytest.raises(ValueError, match="unparseable date"):
        normalise_published(raw)


def test_relative_publication_date_keeps_the_article_with_a_warning():
    article, warnings = build_article({"text": "x", "published": "1999 days ago"}, "s", 1, 100)
    assert isinstance(article, Article) and article.published is None
    assert isinstance(warnings[0], Warning_) and "1999 days ago" in warnings[0].reason


def test_absolute_dates_still_read_by_dateparser():
    assert normalise_published("26-FEB-1987 15:17") == "1987-02-26"
    assert normalise_published("le 3 mars 2021") == "2021-03-03"


@pytest.mark.parametrize("published", ["0001-01-05", "0001-03-01"])
@pytest.mark.parametrize("phrase", ["last week", "last year", "last August"])
def test_dates_near_year_one_do_not_crash_or_invent_year_zero(phrase, published):
    # "last week" published 0001-01-05 overflowed date arithmetic (the run crashed);
    # "last year" published in 0001 gave the value "0", which is no date.
    from tidings.extract.dates import resolve_date

    value, _ = resolve_date(phrase, published)
    assert value is None or re.fullmatch(r"0001(-\d\d){0,2}", value)


def test_feed_with_out_of_range_character_reference_is_skipped_with_reason():
    from tidings.ingest.feeds import read_feed

    data = (b'<?xml version="1.0"?><rss version="2.0"><channel><item><description>'
            b"<![CDATA[<div>]]>&#x110000;</div>]]></description></item></channel></rss>")
    [item] = read_feed(data, "f.rss", OPTIONS)  # feedparser itself raised ValueError here
    assert isinstance(item, Skipped) and "not a readable RSS/Atom feed" in item.reason
