"""CLI for the scale engines: ``tidings ingest --engine spark`` and ``tidings load``."""

from __future__ import annotations

import click

from .errors import TidingsError
from .settings import Settings


def _fail(message: str) -> None:
    from .cli import _fail as fail

    fail(message)


def ingest_spark(paths, settings: Settings, options, master: str | None, out: str | None,
                 chunk_size: int, db: str | None) -> None:
    """Run ``tidings ingest --engine spark``: extract on Spark into the Parquet dataset --out.

    With --db, the store is only read, for its actor registry (user overrides win).
    """
    from pathlib import Path

    from .scale.spark import run_spark

    if not out:
        _fail("--engine spark needs --out PATH (the Parquet dataset to write)")
    registry = None
    if db and Path(db).exists():
        from .store import open_store

        try:
            with open_store(db, read_only=True) as store:
                registry = store.registry()
        except TidingsError as exc:
            _fail(str(exc))
    try:
        report = run_spark(paths, out, settings, options, master=master, chunk_size=chunk_size,
                           registry=registry)
    except TidingsError as exc:
        _fail(str(exc))
        raise  # unreachable
    from .cli import _finish_ingest

    _finish_ingest(report, settings)


@click.command()
@click.argument("path", type=click.Path(exists=True))
@click.option("--db", help="Store file [default: tidings.duckdb, or $TIDINGS_DB].")
@click.option("--batch-size", type=int, help="Articles per stored batch (transaction).")
def load(path: str, db: str | None, batch_size: int | None) -> None:
    """Load the Parquet dataset of `tidings ingest --engine spark` into the store."""
    from .scale.spark import load_parquet
    from .store import open_store

    settings = Settings.load(db=db, batch_size=batch_size)
    try:
        with open_store(settings.db) as store:
            report = load_parquet(path, store, settings)
    except TidingsError as exc:
        _fail(str(exc))
        raise  # unreachable
    for line in report.summary_lines():
        click.echo(line, err=True)
