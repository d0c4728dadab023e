"""Every store table as CSV or Parquet, one file per table, written by DuckDB's COPY.

The deduplicated events view is written too (``events_dedup``), so a user of the files gets
both readings of the data without running tidings.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..query.views import events_sql
from ..store import Store
from ..store.schema import TABLES

FORMATS = ("csv", "parquet")


def write_tables(store: Store, out_dir: str | Path, fmt: str) -> dict[str, int]:
    """Write each table to ``out_dir/<table>.<fmt>``; return rows written per file."""
    if fmt not in FORMATS:
        raise InputError(f"table format {fmt!r}: use one of {', '.join(FORMATS)}")
    target = Path(out_dir)
    if target.exists() and not target.is_dir():
        raise InputError(f"{target}: exists and is not a directory (tables go one per file)")
    target.mkdir(parents=True, exist_ok=True)
    options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT parquet"
    relations = {t: f"SELECT * FROM {t}" for t in TABLES}
    relations["events_dedup"] = events_sql()
    written = {}
    for name, sql in relations.items():
        path = target / f"{name}.{fmt}"
        partial = target / f".{name}.{fmt}.partial"
        quoted = str(partial).replace("'", "''")
        store.con.execute(f"COPY ({sql}) TO '{quoted}' ({options})")
        partial.replace(path)
        written[name] = store.con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    return written
