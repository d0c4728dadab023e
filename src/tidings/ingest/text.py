"""Plain-text reader: one file is one article."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Skipped
from .cleaning import build_article
from .options import ReadItem, ReadOptions


def read_text(data: bytes, source: str, options: ReadOptions) -> Iterator[ReadItem]:
    """Yield the file as one article; its date comes from ``options.published``.

    A first line followed by a blank line and shorter than 200 characters is taken as the
    title (it stays in the text, so offsets still match the file).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield Skipped(source, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                      f"{exc.start}); convert the file to UTF-8")
        return
    first, sep, rest = text.lstrip().partition("\n\n")
    title = first.strip() if sep and rest.strip() and len(first) < 200 else None
    article, warnings = build_article({"text": text, "title": title}, source, None,
                                      options.max_chars, options.published)
    yield from warnings
    yield article
