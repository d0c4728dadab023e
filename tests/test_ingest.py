"""Readers: every format, stable ids, and a clear reason for every bad input."""

from __future__ import annotations

import json
from pathlib import Path

from tidings.errors import Skipped, Warning_
from tidings.ingest import ReadOptions, article_id_for, read_articles
from tidings.records import Article


def read(*paths, **options):
    items = list(read_articles([str(p) for p in paths], ReadOptions(**options)))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    warnings = [i for i in items if isinstance(i, Warning_)]
    return articles, skipped, warnings


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_jsonl_fields(tmp_path):
    f = write(tmp_path / "a.jsonl", json.dumps({
        "id": "x1", "text": "Kenya and Ethiopia met.", "title": "T", "published":
        "2024-03-05T10:00:00Z", "url": "http://u", "source": "S"}) + "\n")
    [a], skipped, _ = read(f)
    assert not skipped
    assert (a.id, a.title, a.published, a.url, a.source) == ("x1", "T", "2024-03-05",
                                                            "http://u", "S")


def test_stable_id_from_content(tmp_path):
    f = write(tmp_path / "a.jsonl", json.dumps({"text": "Same  text here."}) + "\n")
    g = write(tmp_path / "b.jsonl", json.dumps({"text": "Same text here."}) + "\n")
    [a], _, _ = read(f)
    [b], _, _ = read(g)
    assert a.id == b.id == article_id_for("Same text here.")
    assert a.id.startswith("a-")


def test_plain_text_takes_published_option(tmp_path):
    f = write(tmp_path / "story.txt", "Headline here\n\nPolice arrested 12 people.\n")
    [a], _, _ = read(f, published="2024-02-01")
    assert a.published == "2024-02-01" and a.title == "Headline here"
    assert "Police arrested" in a.text


def test_html_main_text_and_metadata(tmp_path):
    page = """<html><head><title>Talks in Quito</title>
    <meta property="article:published_time" content="2024-05-02"></head><body>
    <nav>Home | World | Sport</nav><article><h1>Talks in Quito</h1>
    <p>Ecuador's foreign minister met the US ambassador in Quito on Tuesday to discuss
    trade and migration, officials said in a statement after the meeting.</p>
    <p>Both sides agreed to meet again next month to continue the discussions.</p>
    </article><footer>Copyright notice and cookie banner</footer></body></html>"""
    f = write(tmp_path / "page.html", page)
    [a], skipped, _ = read(f)
    assert not skipped
    assert "foreign minister met the US ambassador" in a.text
    assert "cookie banner" not in a.text
    assert a.title == "Talks in Quito" and a.published == "2024-05-02"


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Demo Feed</title>
<item><title>One</title><link>http://x/1</link><guid>g1</guid>
<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Police in Nairobi arrested 20 protesters.&lt;/p&gt;</description></item>
<item><title>Two</title><link>http://x/2</link><description>Japan and India held talks.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Demo</title><entry><title>A</title><id>urn:1</id><link href="http://y/1"/>
<updated>2024-06-01T00:00:00Z</updated><content type="html">&lt;p&gt;Brazil sent aid to
Haiti.&lt;/p&gt;</content></entry></feed>"""


def test_rss_entries(tmp_path):
    articles, skipped, _ = read(write(tmp_path / "f.rss", RSS))
    assert not skipped and len(articles) == 2
    first = articles[0]
    assert first.id == "g1" and first.published == "2024-03-04" and first.source == "Demo Feed"
    assert first.text == "Police in Nairobi arrested 20 protesters."


def test_atom_entries(tmp_path):
    [a], skipped, _ = read(write(tmp_path / "f.xml", ATOM))
    assert not skipped
    assert a.id == "urn:1" and a.url == "http://y/1" and a.published == "2024-06-01"
    assert "Brazil sent aid" in a.text


def test_csv_with_text_column(tmp_path):
    f = write(tmp_path / "a.csv", 'id,headline,date,body\n1,H,2024-01-02,"Text one."\n'
              '2,H2,2024-01-03,"Text, two."\n')
    articles, skipped, _ = read(f)
    assert not skipped
    assert [(a.id, a.title, a.published, a.text) for a in articles] == [
        ("1", "H", "2024-01-02", "Text one."), ("2", "H2", "2024-01-03", "Text, two.")]


def test_csv_named_text_column_and_missing(tmp_path):
    f = write(tmp_path / "a.csv", "id,story_text\n1,Hello there.\n")
    articles, _, _ = read(f, text_column="story_text")
    assert articles[0].text == "Hello there."
    _, skipped, _ = read(f)
    assert "no text column" in skipped[0].reason


def test_directory_is_walked_in_order(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "b.txt", "Second article text.")
    write(tmp_path / "a.jsonl", json.dumps({"id": "first", "text": "First."}) + "\n")
    write(tmp_path / "notes.md", "ignored")
    articles, skipped, _ = read(tmp_path)
    assert [a.text for a in articles] == ["First.", "Second article text."]
    assert not skipped


# -- bad input: each one named, with its file (and line), and the batch goes on ------------

def test_empty_file(tmp_path):
    _, [s], _ = read(write(tmp_path / "e.jsonl", ""))
    assert s.source.endswith("e.jsonl") and "empty" in s.reason


def test_binary_file(tmp_path):
    _, [s], _ = read(write(tmp_path / "b.jsonl", b"\x89PNG\x00\x01\x02" * 10))
    assert "binary" in s.reason


def test_invalid_json_line_names_line_and_batch_goes_on(tmp_path):
    f = write(tmp_path / "x.jsonl", '{"text": "ok one"}\n{"text": oops}\n{"text": "ok two"}\n')
    articles, [s], _ = read(f)
    assert len(articles) == 2
    assert s.line == 2 and "invalid JSON" in s.reason and str(s).endswith(s.reason)
    assert f"{f}:2:" in str(s)


def test_record_without_text(tmp_path):
    _, [s], _ = read(write(tmp_path / "x.jsonl", '{"id": "n1", "title": "no body"}\n'))
    assert s.line == 1 and "no 'text'" in s.reason


def test_non_utf8_bytes(tmp_path):
    f = write(tmp_path / "x.jsonl", b'{"text": "caf\xe9 talks"}\n{"text": "fine"}\n')
    articles, [s], _ = read(f)
    assert len(articles) == 1 and s.line == 1 and "UTF-8" in s.reason
    _, [t], _ = read(write(tmp_path / "y.txt", b"Ecuador \xff\xfe met Peru."))
    assert "UTF-8" in t.reason


def test_huge_article_is_skipped_with_its_size(tmp_path):
    big = "word " * (4 * 1024 * 1024)  # 20 MB
    f = write(tmp_path / "big.jsonl", json.dumps({"id": "big", "text": big}) + "\n"
              + json.dumps({"id": "small", "text": "Small."}) + "\n")
    articles, [s], _ = read(f)
    assert [a.id for a in articles] == ["small"]
    assert "max_article_chars" in s.reason and "20,971,520" in s.reason


def test_unparseable_date_keeps_article_with_warning(tmp_path):
    f = write(tmp_path / "d.jsonl", json.dumps({"id": "d1", "text": "T.", "published":
                                                "next blue moon"}) + "\n")
    [a], skipped, [w] = read(f)
    assert a.published is None and not skipped
    assert w.line == 1 and "unparseable date" in w.reason


def test_directory_without_articles(tmp_path):
    write(tmp_path / "readme.md", "nothing")
    _, [s], _ = read(tmp_path)
    assert "no article files" in s.reason


def test_missing_path(tmp_path):
    _, [s], _ = read(tmp_path / "nope.jsonl")
    assert "no such file" in s.reason


def test_control_characters_are_cleaned(tmp_path):
    f = write(tmp_path / "c.jsonl", json.dumps({"text": "A\x00B\x07 C\r\nD"}) + "\n")
    [a], _, _ = read(f)
    assert a.text == "AB C\nD"


def test_publication_date_formats_and_no_clock_dependence():
    import pytest

    from tidings.ingest import normalise_published

    assert normalise_published("26-FEB-1987 15:17:11.20") == "1987-02-26"
    assert normalise_published("Mon, 04 Mar 2024 10:00:00 GMT") == "2024-03-04"
    assert normalise_published("2021-04-17T23:30:00-05:00") == "2021-04-17"
    assert normalise_published("Tuesday, 4 May 2021") == "2021-05-04"
    for relative in ("yesterday", "May 5", "last week"):
        with pytest.raises(ValueError, match="unparseable date"):
            normalise_published(relative)
