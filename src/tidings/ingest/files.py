"""Find articles in files and directories and hand each file to the reader for its format."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import Skipped
from .feeds import read_feed
from .html import read_html
from .jsonl import read_jsonl, read_jsonl_lines
from .options import ReadItem, ReadOptions
from .tables import read_csv
from .text import read_text

Reader = Callable[[bytes, str, ReadOptions], Iterator[ReadItem]]

READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl, ".ndjson": read_jsonl, ".json": read_jsonl,
    ".txt": read_text, ".text": read_text,
    ".html": read_html, ".htm": read_html,
    ".rss": read_feed, ".atom": read_feed, ".xml": read_feed,
    ".csv": read_csv,
}
#: Bytes looked at to tell a binary file from text.
SNIFF_BYTES = 8192


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Skipped]:
    """Yield input files in a stable order: given files as given, directories walked sorted.

    A directory with no supported file yields one Skipped saying so.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.parts[-1:]):
                    if child.suffix.lower() in READERS:
                        found = True
                        yield child
            if not found:
                yield Skipped(str(path), "directory holds no article files (looked for "
                              + ", ".join(sorted(READERS)) + ")")
        elif path.is_file():
            yield path
        else:
            yield Skipped(str(path), "no such file or directory")


def reader_for(path: Path, head: bytes) -> Reader | None:
    """Pick the reader from the extension, sniffing content for unknown ones."""
    reader = READERS.get(path.suffix.lower())
    if reader is not None:
        return reader
    start = head.lstrip()[:200].lower()
    if start.startswith(b"{") or start.startswith(b"["):
        return read_jsonl
    if b"<rss" in start or b"<feed" in start or b"<rdf" in start:
        return read_feed
    if b"<html" in start or b"<!doctype html" in start:
        return read_html
    return None


def read_file(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    """Yield the articles of one file, or one Skipped naming the problem with the file."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            if head.strip() and b"\x00" not in head and reader_for(path, head) is read_jsonl \
                    and head.lstrip()[:1] != b"[":
                handle.seek(0)
                yield from read_jsonl_lines(handle, source, options)  # streamed, flat memory
                return
            data = head + handle.read()
    except OSError as exc:
        yield Skipped(source, f"cannot read file: {exc.strerror or exc}")
        return
    if not data.strip():
        yield Skipped(source, "empty file")
        return
    if b"\x00" in head:
        yield Skipped(source, "binary file (contains NUL bytes); expected JSON lines, text, "
                      "HTML, RSS/Atom or CSV")
        return
    reader = reader_for(path, head)
    if reader is None:
        yield Skipped(source, f"unsupported file type {path.suffix or '(none)'!r}; use one of "
                      + ", ".join(sorted(READERS)))
        return
    yield from reader(data, source, options)


def read_articles(paths: Iterable[str | os.PathLike[str]],
                  options: ReadOptions | None = None) -> Iterator[ReadItem]:
    """Yield every article in the given files and directories, with skips and warnings."""
    options = options or ReadOptions()
    for item in iter_files(paths):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_file(item, options)


def estimate_articles(paths: Iterable[str | os.PathLike[str]]) -> int:
    """Guess how many articles the inputs hold, cheaply, for a progress bar's total."""
    total = 0
    for item in iter_files(paths):
        if isinstance(item, Skipped):
            continue
        suffix = item.suffix.lower()
        try:
            if suffix in (".jsonl", ".ndjson", ".csv"):
                with item.open("rb") as handle:
                    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
                total += max(lines - (suffix == ".csv"), 1)
            elif suffix in (".rss", ".atom", ".xml"):
                data = item.read_bytes()
                total += max(data.count(b"<item") + data.count(b"<entry"), 1)
            else:
                total += 1
        except OSError:
            continue
    return total
