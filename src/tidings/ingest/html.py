"""HTML reader: main text and metadata through trafilatura (comments and boilerplate out)."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Skipped
from .cleaning import build_article
from .options import ReadItem, ReadOptions


def read_html(data: bytes, source: str, options: ReadOptions) -> Iterator[ReadItem]:
    """Yield the page's main text as one article, with title, date, url and site name."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(data, include_comments=False, with_metadata=True)
        doc = found.as_dict() if hasattr(found, "as_dict") else found
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken pages
        yield Skipped(source, f"HTML could not be parsed: {exc}")
        return
    if not doc or not (doc.get("text") or "").strip():
        yield Skipped(source, "no main text found in the HTML page")
        return
    text = doc["text"]
    title = doc.get("title")
    if title and text.startswith(title + "\n"):
        text = title + "\n\n" + text[len(title) + 1 :]
    fields = {
        "text": text.replace("\n", "\n\n"),
        "title": title,
        "published": doc.get("date") or options.published,
        "url": doc.get("url"),
        "source": doc.get("sitename") or doc.get("hostname"),
    }
    article, warnings = build_article(fields, source, None, options.max_chars)
    yield from warnings
    yield article
