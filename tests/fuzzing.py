"""Hostile-input strategies for the fuzz tests, the invariants every reader keeps, and a
counter of the generated cases each fuzz test ran.

The counter exists because "at least 10,000 fuzzed cases" is a claim about what ran, not
about what was configured: hypothesis stops early when a strategy's space is exhausted,
and ``tests/conftest.py`` reports the real total at the end of the session (and fails the
session when every fuzz test ran and the total is under :data:`FUZZ_MIN_CASES`).

``TIDINGS_FUZZ_SCALE`` multiplies every test's example count (e.g. ``10`` for a long local
hunt with ``HYPOTHESIS_PROFILE=explore``); CI runs the derandomized default.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from hypothesis import strategies as st

from tidings.errors import Skipped, Warning_
from tidings.ingest.cleaning import clean_text
from tidings.records import Article

#: The number of generated cases a full run of the fuzz tests must reach.
FUZZ_MIN_CASES = 10_000
SCALE = float(os.environ.get("TIDINGS_FUZZ_SCALE", "1"))
#: test name -> generated cases run in this session.
COUNTS: Counter[str] = Counter()
#: Every counted fuzz test that was imported (collected) in this session.
REGISTERED: set[str] = set()


def examples(n: int) -> int:
    """Return a test's example count, scaled by TIDINGS_FUZZ_SCALE."""
    return max(1, int(n * SCALE))


def counted(func: Callable[..., Any]) -> Callable[..., Any]:
    """Count each generated case a fuzz test runs (put it under ``@given``)."""
    REGISTERED.add(func.__name__)

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        COUNTS[func.__name__] += 1
        return func(*args, **kwargs)

    return run


# -- text ---------------------------------------------------------------------------------
#: Words of news prose, so some generated texts parse into entities, clauses and dates.
NEWS = (
    "Kenya's president", "met", "Ethiopia's prime minister", "on Monday", "police",
    "arrested", "12 protesters", "in Nairobi", "said", "the United Nations", "condemned",
    "the attack", "Antony Blinken", "spoke by telephone with", "Guillermo Lasso",
    "more than 300 people were killed", "on 31 February 2024", "last week", "yesterday",
    "in the year 99999", "on 0000-00-00", "troops shelled Kharkiv", "the rebels",
    "He", "she", "told reporters", "will not", "may", "threatened to", "sanctions",
    "Mr.", "Dr.", "U.S.", "e.g.", "5.4 million", "1,000,000,000,000,000,000,000 people",
)
#: Characters that break naive code: bidi controls, zero-width, BOM, controls, a lone
#: surrogate, combining marks, emoji sequences, odd line separators.
HOSTILE = (
    "\u202e", "\u202d", "\u200f", "\u200e", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff",
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\r", "\r\n", "\u2028", "\u2029", "\ufffd",
    "\ud800", "\udfff", "\u0301", "e\u0301", "\x01\u0301", "\U0001f1fa\U0001f1f8",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\u3000", "\xa0", "\t", "\v", "\f",
)
#: Mixed scripts, right-to-left included.
SCRIPTS = (
    "مرحبا بالعالم", "قال الرئيس", "שלום עולם", "Привет мир", "Путин заявил", "你好世界",
    "习近平会见", "नमस्ते दुनिया", "こんにちは", "Γειά σου Κόσμε", "สวัสดีชาวโลก", "안녕하세요",
    "ⲁⲛⲟⲕ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
)
#: Unbalanced quotes and brackets.
PUNCTUATION = ('"', "'", "“", "”", "‘", "’", "«", "»", "„", "(", ")", "[", "]", "{", "}",
               "<", ">", "—", "…", "...", "?!", ";", ":", "/", "\\", "&amp;", "&#0;", "&#xD800;")
SEPARATORS = ("", " ", "  ", "\n", "\n\n", "\t", ". ", ", ", "\n \n \n")


@functools.cache
def huge_token(min_size: int = 200, max_size: int = 5_000) -> st.SearchStrategy[str]:
    """One very long 'word' (no spaces), of one character or a repeated pattern."""
    return st.builds(lambda unit, n: (unit * n)[: max(n, 1)],
                     st.sampled_from(["a", "Z", "9", ".", "-", "'", '"', "(", "ـ", "文", "ab.(c",
                                      "http://x.y/", "\u0301"]),
                     st.integers(min_size, max_size))


@functools.cache
def fragments(big: bool = False) -> st.SearchStrategy[str]:
    parts = [st.sampled_from(NEWS), st.sampled_from(HOSTILE), st.sampled_from(SCRIPTS),
             st.sampled_from(PUNCTUATION), st.text(max_size=12)]
    if big:
        parts.append(huge_token())
    return st.one_of(*parts)


def texts(max_fragments: int = 14, big: bool = False) -> st.SearchStrategy[str]:
    """A text of hostile and newsy fragments; sometimes empty or whitespace-only."""
    return _texts(max_fragments, big)


@functools.cache
def _texts(max_fragments: int, big: bool) -> st.SearchStrategy[str]:
    return _text_draw(max_fragments, big)


@st.composite
def _text_draw(draw: st.DrawFn, max_fragments: int, big: bool) -> str:
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.sampled_from(["", " ", "\n\n", "\t \u3000 \u2028", "\u200b", "\ufeff",
                                     "\x00\x01", "\r\n\r\n"]))
    if kind == 1:
        return draw(st.text(max_size=60))
    parts = draw(_fragment_lists(max_fragments, big))
    return "".join(p + draw(_SEPARATOR) for p in parts)


_SEPARATOR = st.sampled_from(SEPARATORS)


@functools.cache
def _fragment_lists(max_fragments: int, big: bool) -> st.SearchStrategy[list[str]]:
    return st.lists(fragments(big), min_size=1, max_size=max_fragments)


# -- dates and other field values ---------------------------------------------------------
BAD_DATES = (
    "2024-02-30", "2024-13-01", "0000-00-00", "9999-99-99", "99999-01-01", "-0001-01-01",
    "2024-01-01T25:61:61Z", "2024-01-01T00:00:00+99:00", "Mon, 32 Foo 2024 99:99:99 GMT",
    "1999 days ago", "yesterday 2020", "tomorrow", "now", "1e309", "NaN", "2024/02/30",
    "31 February 2024", "February 30, 2024", "2024", "24", "１２/１２/２０２０", "20240230",
    "\u202e2024-01-01", " 2024-01-01 ", "2024-01-01\x00", "le 31 mars 2021",
)


@functools.cache
def dates() -> st.SearchStrategy[Any]:
    """Publication dates good and bad, strings and other JSON types."""
    return st.one_of(
        st.none(), st.sampled_from(BAD_DATES), st.text(max_size=30),
        st.dates().map(date.isoformat),
        st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 99999),
                  st.integers(0, 99), st.integers(0, 99)),
        st.integers(), st.floats(), st.booleans(), st.lists(st.integers(), max_size=3),
    )


@functools.cache
def json_values() -> st.SearchStrategy[Any]:
    return st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                    max_size=4),
        max_leaves=12)


@functools.cache
def records() -> st.SearchStrategy[dict[str, Any]]:
    """An article record: any subset of the known fields, odd types, extra keys."""
    text_or_any = st.one_of(texts(), texts(), json_values())
    return st.fixed_dictionaries({}, optional={
        "id": st.one_of(st.text(max_size=20), st.integers(), json_values()),
        "text": text_or_any, "title": st.one_of(texts(max_fragments=4), json_values()),
        "published": dates(), "url": st.one_of(st.text(max_size=30), json_values()),
        "source": st.text(max_size=20), "language": st.sampled_from(["en", "ar", "", "xx-YY"]),
        "extra": json_values(),
    })


# -- files --------------------------------------------------------------------------------
def _json_line(record: dict[str, Any], ascii_only: bool) -> bytes:
    return json.dumps(record, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    """JSON lines (or a JSON array) with good records, garbage lines and hostile JSON."""
    lines = draw(_jsonl_lines())
    if draw(st.integers(0, 7)) == 0:
        return b"[" + b",".join(lines) + b"]"
    return draw(st.sampled_from([b"\n", b"\r\n"])).join(lines)


@functools.cache
def _jsonl_lines() -> st.SearchStrategy[list[bytes]]:
    line = st.one_of(
        st.builds(_json_line, records(), st.booleans()),
        st.binary(max_size=40),
        st.sampled_from([b"", b"   ", b"{", b"}", b"[1,2", b"null", b'"text"', b"[]", b"{}",
                         b'{"text": "\\ud800 lone"}', b'{"text": "a", "id": "\\udc00"}',
                         b'{"text": 1e400}', b"\xef\xbb\xbf{}", b'{"text": "a"} trailing']),
        st.builds(lambda n, o: (b"[" * n if o else b'{"a":' * n), st.integers(100, 5000),
                  st.booleans()),
        st.builds(lambda n: b'{"text": "x", "id": ' + b"9" * n + b"}", st.integers(4000, 6000)),
    )
    return st.lists(line, max_size=6)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """CSV files: recognised and odd headers, ragged rows, stray quotes, any cell text."""
    header = draw(st.lists(st.sampled_from(
        ["text", "body", "Content", " story ", "title", "headline", "date", "pubdate",
         "published", "id", "url", "link", "outlet", "x", "", "text"]), min_size=0, max_size=6))
    rows = draw(_csv_rows(len(header) + 2))
    if draw(st.booleans()):
        out = io.StringIO()
        writer = csv.writer(out)
        for row in [header, *rows]:
            writer.writerow(row)
        body = out.getvalue()
    else:  # hand-joined: quotes and newlines left unbalanced on purpose
        body = "\n".join(",".join(r) for r in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]))
    return body.encode(encoding, "replace") if encoding != "utf-8" else body.encode(
        "utf-8", "surrogatepass")


@functools.cache
def _csv_rows(width: int) -> st.SearchStrategy[list[list[str]]]:
    cell = st.one_of(texts(max_fragments=5), st.sampled_from(BAD_DATES), st.text(max_size=10))
    return st.lists(st.lists(cell, max_size=width), max_size=5)


_TAGS = ("div", "p", "span", "article", "main", "section", "b", "i", "table", "tr", "td",
         "script", "style", "title", "h1", "br", "a", "ul", "li", "blockquote", "header",
         "footer", "nav", "time", "meta", "svg", "iframe", "noscript", "template")


def _element(tag: str, children: list[str], attr: str) -> str:
    return f"<{tag}{attr}>{''.join(children)}</{tag}>"


@functools.cache
def html_fragments() -> st.SearchStrategy[str]:
    text = st.one_of(texts(max_fragments=6), st.sampled_from(["&amp;", "&#0;", "&#x110000;",
                                                              "&bogus;", "<!--", "-->", "<",
                                                              "<![CDATA[", "]]>", "<?php"]))
    attrs = st.sampled_from(["", ' class="content"', ' id="main"', " lang=ar dir=rtl",
                             ' content="2024-99-99"', ' property="article:published_time"',
                             ' datetime="yesterday"', " onload='x'", ' a="', " =="])
    return st.recursive(text, lambda inner: st.builds(
        _element, st.sampled_from(_TAGS), st.lists(inner, max_size=4), attrs), max_leaves=25)


@st.composite
def html_files(draw: st.DrawFn) -> bytes:
    """HTML pages: well-formed, tag soup, deeply nested, truncated, or not HTML at all."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(st.binary(max_size=200))
    body = draw(html_fragments())
    if kind == 1:
        depth = draw(st.integers(50, 3000))
        tag = draw(st.sampled_from(["div", "b", "span", "table", "p"]))
        filler = " ".join(draw(st.lists(st.sampled_from(NEWS), min_size=5, max_size=30)))
        body = f"<{tag}>" * depth + filler + body + f"</{tag}>" * draw(st.integers(0, depth))
    title = draw(st.one_of(st.none(), texts(max_fragments=3)))
    head = f"<head><title>{title}</title></head>" if title is not None else ""
    page = f"<!DOCTYPE html><html>{head}<body>{body}</body></html>"
    if kind == 2:
        page = page[: draw(st.integers(0, len(page)))]
    return page.encode(draw(st.sampled_from(["utf-8", "latin-1", "utf-16"])), "replace")


def _xml_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def feed_files(draw: st.DrawFn) -> bytes:
    """RSS 2.0 and Atom feeds with odd entries, bad dates, escaped HTML; or broken XML."""
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return draw(st.binary(max_size=200))
    entries = []
    atom = kind % 2 == 0
    for _ in range(draw(st.integers(0, 4))):
        title = _xml_escape(draw(texts(max_fragments=3)))
        body = draw(st.one_of(texts(max_fragments=8), html_fragments()))
        body = _xml_escape(body) if draw(st.booleans()) else f"<![CDATA[{body}]]>"
        when = _xml_escape(str(draw(dates())))
        ident = _xml_escape(draw(st.text(max_size=12)))
        if atom:
            entries.append(f"<entry><id>{ident}</id><title>{title}</title><updated>{when}"
                           f"</updated><content type=\"html\">{body}</content></entry>")
        else:
            entries.append(f"<item><guid>{ident}</guid><title>{title}</title><pubDate>{when}"
                           f"</pubDate><description>{body}</description></item>")
    if atom:
        doc = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire'
               f"</title>{''.join(entries)}</feed>")
    else:
        doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>' \
              f"{''.join(entries)}</channel></rss>"
    if kind == 5:
        doc = doc[: draw(st.integers(0, len(doc)))]
    return doc.encode("utf-8", "surrogatepass")


@functools.cache
def text_files() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=300),
        st.builds(lambda t, bom: ("\ufeff" if bom else "") + t, texts(big=True), st.booleans())
        .map(lambda t: t.encode("utf-8", "surrogatepass")),
        texts().map(lambda t: t.encode("utf-16", "surrogatepass")),
    )


# -- invariants ---------------------------------------------------------------------------
def _encodable(value: str | None) -> bool:
    if value is None:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_items(items: Iterable[object], source: str, max_chars: int) -> list[Article]:
    """Assert what every reader promises; return the articles read.

    Only articles, skips and warnings come out; skips and warnings name the source and give a
    reason; an article has an id and non-empty, already-cleaned text under the size cap,
    a real ISO publication date or none, and fields that encode as UTF-8 (so they store).
    """
    articles = []
    for item in items:
        assert isinstance(item, Article | Skipped | Warning_), type(item)
        if isinstance(item, Skipped | Warning_):
            assert item.source == source
            assert isinstance(item.reason, str) and item.reason.strip()
            assert str(item).startswith(source)
            continue
        assert isinstance(item.id, str) and item.id
        assert item.text and item.text == clean_text(item.text)
        assert len(item.text) <= max_chars
        if item.published is not None:
            assert date.fromisoformat(item.published).isoformat() == item.published
        for value in (item.id, item.text, item.title, item.url, item.source, item.language):
            assert value is None or isinstance(value, str)
            assert _encodable(value), f"unencodable field in {item!r}"
        assert json.loads(item.to_json())["id"] == item.id
        articles.append(item)
    return articles
