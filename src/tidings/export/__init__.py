"""Exports: GDELT 2.0 Events/Mentions and a GKG-style table (TSV), PLOVER JSON lines, and
every store table as CSV or Parquet."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..store import Store

FORMATS = ("gdelt", "gdelt-mentions", "gkg", "plover", "csv", "parquet")


def export(store: Store, fmt: str, out: str | Path, header: bool = False,
           dedup: bool = True) -> dict[str, int]:
    """Write the store in one format; return rows written per file (``out`` is a file, ``-``
    for standard output, or a directory for csv/parquet)."""
    from .gdelt import write_events, write_file, write_gkg, write_mentions
    from .plover import write_plover
    from .tables import write_tables

    if fmt in ("csv", "parquet"):
        if str(out) == "-":
            raise InputError(f"--format {fmt} writes one file per table: give --out DIRECTORY")
        return write_tables(store, out, fmt)
    writers: dict[str, Any] = {
        "gdelt": write_events, "gdelt-mentions": write_mentions, "gkg": write_gkg,
        "plover": lambda s, o, _h: write_plover(s, o, dedup=dedup),
    }
    if fmt not in writers:
        raise InputError(f"export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if str(out) == "-":
        return {"-": writers[fmt](store, sys.stdout, header)}
    if Path(out).is_dir():
        raise InputError(f"{out}: is a directory; --format {fmt} writes one file")
    return {str(out): write_file(writers[fmt], store, out, header)}


__all__ = ["FORMATS", "export"]
