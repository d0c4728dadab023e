"""RSS and Atom reader: one article per feed entry."""

from __future__ import annotations

import time
from collections.abc import Iterator
from html.parser import HTMLParser

from ..errors import Skipped
from .cleaning import build_article
from .options import ReadItem, ReadOptions


class _TextOnly(HTMLParser):
    """Collect the text of an HTML fragment (feed summaries are small HTML snippets)."""

    _BLOCKS = {"p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Return the text of a small HTML fragment, paragraphs separated by blank lines."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


def read_feed(data: bytes, source: str, options: ReadOptions) -> Iterator[ReadItem]:
    """Yield each entry's content (or summary) as an article with its title, link and date."""
    import feedparser

    try:
        feed = feedparser.parse(data)
    except Exception as exc:  # feedparser raises on some malformed input (chr() out of range)
        yield Skipped(source, f"not a readable RSS/Atom feed ({type(exc).__name__}: {exc})")
        return
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        reason = f"not a readable RSS/Atom feed ({problem})" if problem else "feed has no entries"
        yield Skipped(source, reason)
        return
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "") or entry.get("description", "")
        # dict.get: feedparser's own get maps a missing published date to the updated one
        # with a DeprecationWarning; ask for each key plainly, in our order.
        parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        published = time.strftime("%Y-%m-%d", parsed) if parsed else None
        try:
            text = html_to_text(body) if body else None
        except Exception as exc:  # html.parser is lenient, but a reader must never raise
            yield Skipped(source, f"entry's HTML could not be read ({type(exc).__name__}: {exc})",
                          number)
            continue
        fields = {
            "id": entry.get("id") or None,
            "text": text,
            "title": entry.get("title"),
            "published": published or options.published,
            "url": entry.get("link"),
            "source": outlet,
        }
        article, warnings = build_article(fields, source, number, options.max_chars)
        yield from warnings
        yield article
