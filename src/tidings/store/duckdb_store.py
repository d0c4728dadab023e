"""The embedded DuckDB store: one file, batches written in transactions.

Crash safety comes from DuckDB's write-ahead log plus one transaction per batch: a batch
is either all in or not at all, so a run killed at any point (kill -9 included) leaves a
consistent store, and re-running skips the articles already present. Rows are bulk-loaded
from Arrow tables (row-by-row inserts are three orders of magnitude slower).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..extract.registry import ActorRegistry, RegistryEntry
from ..records import Extraction
from .corpus import CorpusLinker, CorpusOptions
from .rows import Rows, as_date, extraction_rows
from .schema import ARTICLE_TABLES, SCHEMA_VERSION, TABLES, column_names, create_statements


def _arrow_schema(table: str) -> Any:
    import pyarrow as pa

    fields = []
    for name, kind in TABLES[table]:
        base = kind.replace(" PRIMARY KEY", "")
        arrow = {
            "VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
            "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(),
            "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": pa.list_(pa.string()),
            "BLOB": pa.binary(),
        }[base]
        fields.append(pa.field(name, arrow))
    return pa.schema(fields)


#: Tables with one row per item of the same-named list in an article's stored extraction.
_LISTED_ROWS = ("mentions", "places", "counts", "quotes", "dates", "themes", "amounts")
#: ingest_state key: the actors-table mark of a run that has not finished.
_OPEN_RUN = "open_run_actors_before"


class Store:
    """A tidings store on one DuckDB database (a file, or ``:memory:`` for tests)."""

    def __init__(self, path: str | os.PathLike[str] = ":memory:", read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        if self.path != ":memory:" and read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store; create it with `tidings ingest`")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from None
        self.read_only = read_only
        from ..settings import Settings

        settings = Settings.load()  # read once: the memory cap and the corpus options
        _limit_memory(self.con, settings.store_memory_limit)
        self.corpus = CorpusLinker(self.con, CorpusOptions.from_settings(settings))
        if not read_only:
            self._migrate()
        else:
            self._stand_in_missing_tables()

    # -- lifecycle -------------------------------------------------------------------------
    def _migrate(self) -> None:
        version = self._version()
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema {version} is newer than this tidings "
                             f"({SCHEMA_VERSION}); upgrade tidings")
        self.con.begin()
        try:
            for statement in create_statements():
                self.con.execute(statement)
            self._add_missing_columns()
            if version is None or version < SCHEMA_VERSION:
                # Migrations so far only add tables, which CREATE ... IF NOT EXISTS did.
                self.con.execute("DELETE FROM schema_info")
                self.con.execute("INSERT INTO schema_info VALUES (?)", [SCHEMA_VERSION])
            self.con.commit()
        except Exception:
            self.con.rollback()
            raise
        if version is not None and version < 3:  # schema 3 added corpus links: fill them
            from .corpus import relink

            relink(self)
        elif version is not None and version < 4:  # schema 4: mention counts of reports
            with self._transaction("migration to schema 4"):
                self.con.execute(
                    "UPDATE event_clusters SET n_mentions = greatest(1, (SELECT count(*) FROM "
                    "event_mentions m WHERE m.event_id = event_clusters.event_id)) "
                    "WHERE n_mentions IS NULL")

    def _stand_in_missing_tables(self) -> None:
        """Give a read-only store from an older schema temporary stand-ins: empty tables for
        the tables added since, views with NULL columns for the columns added since, so
        queries written for the current schema still run (nothing is written)."""
        catalog = self.con.execute("SELECT current_database()").fetchone()[0]
        have: dict[str, set[str]] = {}
        for table, column in self.con.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = 'main'").fetchall():
            have.setdefault(table, set()).add(column)
        for table, columns in TABLES.items():
            kinds = [(n, k.replace(" PRIMARY KEY", "")) for n, k in columns]
            if table not in have:
                cols = ", ".join(f'"{n}" {k}' for n, k in kinds)
                self.con.execute(f"CREATE TEMP TABLE {table} ({cols})")
            elif any(n not in have[table] for n, _ in kinds):
                cols = ", ".join(f'"{n}"' if n in have[table] else f'CAST(NULL AS {k}) AS "{n}"'
                                 for n, k in kinds)
                self.con.execute(f'CREATE TEMP VIEW {table} AS SELECT {cols} '
                                 f'FROM "{catalog}".main.{table}')

    def _add_missing_columns(self) -> None:
        """Add the columns a newer schema declares to tables an older one created (NULL in
        the rows already stored), so an old store opens without losing anything."""
        for table, columns in TABLES.items():
            have = {r[0] for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                [table]).fetchall()}
            for name, kind in columns:
                if name not in have and "PRIMARY KEY" not in kind:
                    self.con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {kind}')

    def _version(self) -> int | None:
        try:
            row = self.con.execute("SELECT max(version) FROM schema_info").fetchone()
        except Exception:
            return None
        return row[0] if row else None

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ----------------------------------------------------------------------------
    def existing_ids(self, article_ids: Sequence[str]) -> set[str]:
        """Return which of these article ids are already stored."""
        if not article_ids:
            return set()
        rows = self.con.execute(
            "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?))",
            [list(article_ids)],
        ).fetchall()
        return {r[0] for r in rows}

    def write(self, extractions: Iterable[Extraction]) -> int:
        """Store a batch of extractions in one transaction; return how many were new.

        Articles already present are left untouched (ingest is idempotent).
        """
        batch = list(extractions)
        present = self.existing_ids([e.article.id for e in batch])
        now = datetime.now(UTC).replace(tzinfo=None)
        merged: Rows = {name: [] for name in TABLES}
        seen: set[str] = set()
        for extraction in batch:
            aid = extraction.article.id
            if aid in present or aid in seen:
                continue
            seen.add(aid)
            for table, rows in extraction_rows(extraction, now).items():
                merged[table].extend(rows)
        if not seen:
            return 0
        try:
            with self._transaction("batch"):
                self.corpus.link(merged)  # copies and same-event reports, same transaction
                for table, rows in merged.items():
                    self._insert(table, rows)
        except StoreError:
            self.corpus.forget()
            raise
        return len(seen)

    def use_settings(self, settings: Any) -> None:
        """Take the corpus-layer thresholds (near-duplicates, coreference) from settings."""
        self.corpus.configure(CorpusOptions.from_settings(settings))

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """Run a block in one transaction; roll back and raise StoreError on any failure."""
        self.con.begin()
        try:
            yield
            self.con.commit()
        except Exception as exc:
            self.con.rollback()
            raise StoreError(f"{self.path}: {what} not stored (rolled back): {exc}") from exc

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Bulk-insert rows into a table through Arrow (inside the caller's transaction)."""
        import pyarrow as pa

        if not rows:
            return
        self.con.register("_incoming", pa.Table.from_pylist(rows, schema=_arrow_schema(table)))
        try:
            cols = ", ".join(f'"{c}"' for c in column_names(table))
            conflict = " ON CONFLICT DO NOTHING" if "PRIMARY KEY" in TABLES[table][0][1] else ""
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _incoming{conflict}")
        finally:
            self.con.unregister("_incoming")

    def add_registry_entries(self, entries: Iterable[RegistryEntry], source: str,
                             replace_source: bool = True) -> int:
        """Store actor-registry entries (user overrides or a dictionary) in one transaction.

        Re-loading the same source replaces its earlier rows, so a load is repeatable.
        """
        rows = [{"name": e.name, "country": e.country, "sector": e.sector, "title": e.title,
                 "origin": e.origin, "valid_from": as_date(e.valid_from),
                 "valid_to": as_date(e.valid_to), "source": source} for e in entries]
        with self._transaction("registry"):
            if replace_source:
                self.con.execute("DELETE FROM actor_dictionary WHERE source = ?", [source])
            self._insert("actor_dictionary", rows)
        return len(rows)

    def registry(self, actors_before: int | None = None) -> ActorRegistry:
        """Return the actor registry: user overrides, extracted persons, dictionaries.

        Extracted persons come in the order they were stored; with ``actors_before`` (from
        :meth:`begin_run`) only those stored before that run began.
        """
        where = "" if actors_before is None else f"AND rowid < {int(actors_before)}"
        rows = self.query("SELECT actor_id, name, country, sector, title FROM actors "
                          f"WHERE country IS NOT NULL {where} ORDER BY rowid")
        entries = [RegistryEntry(r["name"], r["country"], r["sector"], r["title"], "extracted",
                                 actor_id=r["actor_id"]) for r in rows]
        for r in self.query("SELECT name, country, sector, title, origin, "
                            "CAST(valid_from AS VARCHAR) f, CAST(valid_to AS VARCHAR) t "
                            "FROM actor_dictionary"):
            entries.append(RegistryEntry(r["name"], r["country"], r["sector"], r["title"],
                                         r["origin"], r["f"], r["t"]))
        return ActorRegistry(entries)

    def begin_run(self) -> int:
        """Mark an ingest run as open and return where its actor registry ends.

        Articles see the persons learned *before* their run (a run's batches may be
        extracted in parallel). A run that was interrupted leaves its mark open, and the
        next run, resuming it, reuses the mark: it sees what the interrupted run saw, not
        the persons that run stored, so the store ends up row for row as if unbroken.
        """
        with self._transaction("run start"):
            row = self.con.execute("SELECT value FROM ingest_state WHERE key = ?",
                                   [_OPEN_RUN]).fetchone()
            if row is not None:
                return int(row[0])
            mark = self.con.execute("SELECT coalesce(max(rowid) + 1, 0) FROM actors").fetchone()[0]
            self.con.execute("INSERT INTO ingest_state VALUES (?, ?)", [_OPEN_RUN, mark])
        return int(mark)

    def end_run(self) -> None:
        """Close the mark of a run that read all its input (see :meth:`begin_run`)."""
        with self._transaction("run end"):
            self.con.execute("DELETE FROM ingest_state WHERE key = ?", [_OPEN_RUN])

    # -- reads -----------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a read query and return rows as dicts (library use; not exposed over HTTP)."""
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def table_counts(self) -> dict[str, int]:
        """Return the number of rows in each table."""
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def integrity_problems(self) -> list[str]:
        """Return consistency problems; [] if none.

        Orphans: rows of any per-article table whose article is not stored, event mentions
        and clusters whose event is not, persons first seen in no stored article. Half-written
        articles: an article whose rows in a table are not as many as its stored extraction
        (``n_events`` and the JSON) lists.
        """
        problems = []
        for table in ARTICLE_TABLES:
            n = self._count(f"SELECT count(*) FROM {table} t LEFT JOIN articles a "
                            "USING (article_id) WHERE a.article_id IS NULL")
            if n:
                problems.append(f"{n} {table} rows belong to no stored article")
        for table in ("event_mentions", "event_clusters"):
            n = self._count(f"SELECT count(*) FROM {table} t LEFT JOIN events e "
                            "USING (event_id) WHERE e.event_id IS NULL")
            if n:
                problems.append(f"{n} {table} rows belong to no stored event")
        n = self._count("SELECT count(*) FROM actors p LEFT JOIN articles a "
                        "ON a.article_id = p.first_article_id WHERE a.article_id IS NULL")
        if n:
            problems.append(f"{n} actors rows were first seen in no stored article")
        n = self._count("SELECT count(*) FROM articles a WHERE n_events <> "
                        "(SELECT count(*) FROM events e WHERE e.article_id = a.article_id)")
        if n:
            problems.append(f"{n} articles whose events are missing or half-written")
        for table in _LISTED_ROWS:
            n = self._count(
                f"SELECT count(*) FROM articles a WHERE coalesce(json_array_length("
                f"a.extraction::JSON, '$.{table}'), 0) <> "
                f"(SELECT count(*) FROM {table} t WHERE t.article_id = a.article_id)")
            if n:
                problems.append(f"{n} articles whose {table} rows are missing or half-written")
        return problems

    def _count(self, sql: str) -> int:
        return int(self.con.execute(sql).fetchone()[0])


_MEMORY = re.compile(r"^\d+(?:\.\d+)?\s*(?:[KMGT]i?B)$", re.IGNORECASE)


def _limit_memory(con, limit: str) -> None:
    """Cap DuckDB's page cache (setting ``store_memory_limit``): by default DuckDB may take
    80% of RAM, which a long ingest then fills as the store file grows."""
    from ..errors import InputError

    limit = str(limit).strip()
    if not limit:
        return
    if not _MEMORY.match(limit):
        raise InputError(f"store_memory_limit={limit!r}: use a size such as 512MB or 2GB, "
                         "or empty for DuckDB's default")
    con.execute(f"SET memory_limit = '{limit}'")


def open_store(path: str | os.PathLike[str] = ":memory:", read_only: bool = False) -> Store:
    """Open (creating and migrating when needed) the store at ``path``."""
    return Store(path, read_only=read_only)
