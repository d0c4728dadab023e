"""CSV reader: one article per row, text from a named or recognised column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ..errors import Skipped
from .cleaning import build_article
from .options import ReadItem, ReadOptions

#: Column names recognised as the article text when ``--text-column`` is not given.
TEXT_COLUMNS = ("text", "body", "content", "article", "story")
_ALIASES = {"date": "published", "pubdate": "published", "link": "url", "headline": "title",
            "outlet": "source"}


def read_csv(data: bytes, source: str, options: ReadOptions) -> Iterator[ReadItem]:
    """Yield one article per row; other columns map to id, title, published, url, source."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield Skipped(source, f"not valid UTF-8 (byte at offset {exc.start}); convert to UTF-8")
        return
    csv.field_size_limit(max(options.max_chars * 4, 1 << 20))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if not header:
        yield Skipped(source, "empty CSV file (no header row)")
        return
    column = (options.text_column or "").lower() or next(
        (c for c in TEXT_COLUMNS if c in header), None)
    if column is None or column not in header:
        wanted = options.text_column or " or ".join(TEXT_COLUMNS)
        yield Skipped(source, f"no text column: looked for {wanted!r} in header {header}")
        return
    try:
        for row in reader:
            fields = {}
            for key, value in row.items():
                if key is None:
                    continue
                name = key.strip().lower()
                name = "text" if name == column else _ALIASES.get(name, name)
                fields[name] = value if value != "" else None
            article, warnings = build_article(fields, source, reader.line_num,
                                              options.max_chars, options.published)
            yield from warnings
            yield article
    except csv.Error as exc:
        yield Skipped(source, f"malformed CSV: {exc}", reader.line_num)
