"""JSON lines (and JSON array) reader: one article object per line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..errors import Skipped
from .cleaning import build_article
from .options import ReadItem, ReadOptions


def read_jsonl(data: bytes, source: str, options: ReadOptions) -> Iterator[ReadItem]:
    """Yield one Article (or Skipped) per non-blank line; a ``[...]`` file is one array."""
    if data.lstrip()[:1] == b"[":
        yield from _read_array(data, source, options)
        return
    yield from read_jsonl_lines(_lines(data), source, options)


def read_jsonl_lines(lines: Iterable[bytes], source: str,
                     options: ReadOptions) -> Iterator[ReadItem]:
    """Yield one Article (or Skipped) per non-blank line of an iterable of byte lines.

    ``read_file`` hands an open file here, so a JSON lines file of any size is read one
    line at a time and memory stays flat.
    """
    found = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        found = True
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Skipped(source, f"line is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at "
                          f"column {exc.start + 1})", number)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(source, f"invalid JSON: {exc.msg} at column {exc.colno}", number)
            continue
        except (ValueError, RecursionError) as exc:
            yield Skipped(source, f"unusable JSON: {_why(exc)}", number)
            continue
        yield from _one(record, source, number, options)
    if not found:
        yield Skipped(source, "empty file: no JSON lines")


def _lines(data: bytes) -> Iterator[bytes]:
    """Yield the lines of a file one at a time (never a list of them all: a 20,000-story
    file would otherwise be held twice, as bytes and as lines)."""
    start = 0
    while start <= len(data):
        end = data.find(b"\n", start)
        if end < 0:
            yield data[start:]
            return
        yield data[start:end]
        start = end + 1


def _read_array(data: bytes, source: str, options: ReadOptions) -> Iterator[ReadItem]:
    try:
        records = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield Skipped(source, f"not valid UTF-8 (byte at offset {exc.start})")
        return
    except json.JSONDecodeError as exc:
        yield Skipped(source, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    except (ValueError, RecursionError) as exc:
        yield Skipped(source, f"unusable JSON: {_why(exc)}")
        return
    for number, record in enumerate(records, start=1):
        yield from _one(record, source, number, options)


def _why(exc: ValueError | RecursionError) -> str:
    """Say why json refused a syntactically plausible document (nesting, huge numbers)."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split(";")[0]


def _one(record: object, source: str, number: int, options: ReadOptions) -> Iterator[ReadItem]:
    if not isinstance(record, dict):
        yield Skipped(source, f"expected a JSON object, got {type(record).__name__}", number)
        return
    article, warnings = build_article(record, source, number, options.max_chars,
                                      options.published)
    yield from warnings
    yield article
