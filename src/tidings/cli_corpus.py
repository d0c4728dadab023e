"""Corpus commands: dyadic series, actor networks, top lists (and, with them, exports).

Kept apart from cli.py so the corpus layer adds commands without editing the core CLI;
cli.py registers :data:`COMMANDS` on its group.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from .errors import TidingsError
from .settings import Settings

FORMATS = click.Choice(["table", "csv", "json"])


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(1)


def _with_store(db: str | None, work: Callable[[Any], Any]) -> Any:
    """Open the store read-only, run ``work(store)`` and turn errors into a clear exit."""
    from .store import open_store

    settings = Settings.load(db=db)
    try:
        with open_store(settings.db, read_only=True) as store:
            return work(store)
    except TidingsError as exc:
        _fail(str(exc))


def _view_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--reports", is_flag=True,
                        help="Count every report (article-level event) instead of "
                             "deduplicated events.")(func)


def _dated(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--until", help="Last event date (YYYY-MM-DD).")(func)
    func = click.option("--since", help="First event date (YYYY-MM-DD).")(func)
    return click.option("--db", help="Store file [default: tidings.duckdb, or $TIDINGS_DB].")(func)


@click.command()
@click.argument("actor")
@click.argument("recipient")
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="month",
              show_default=True, help="Period length (weeks start on Monday).")
@click.option("--undirected", is_flag=True, help="Count both directions of the dyad.")
@click.option("--all-types", is_flag=True,
              help="Show a column for every PLOVER type, not only those that occur.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@_view_option
@_dated
def dyad(actor: str, recipient: str, by: str, undirected: bool, all_types: bool, fmt: str,
         reports: bool, db: str | None, since: str | None, until: str | None) -> None:
    """Time series of the events from ACTOR to RECIPIENT (country USA, actor code USAGOV or
    actor id): counts by PLOVER type and quad class, Goldstein, PLOVER score, tone."""
    from .output import render
    from .query.aggregate import dyad_series

    rows = _with_store(db, lambda s: dyad_series(s, actor, recipient, by=by,
                                                 directed=not undirected, since=since,
                                                 until=until, dedup=not reports))
    if fmt == "json":
        click.echo(json.dumps(rows, indent=1))
        return
    click.echo(render(rows, fmt, series_columns(rows, all_types or fmt == "csv")))


def series_columns(rows: list[dict[str, Any]], all_types: bool) -> list[str]:
    """Return the columns to show for a dyad series: fixed ones, then the PLOVER types
    (all of them, or only those with at least one event)."""
    from .ontology import plover_events

    fixed = ["period", "n_events", "n_reports", "goldstein_sum", "goldstein_mean",
             "event_scale_sum", "event_scale_mean", "tone_mean"]
    quads = [f"{kind}_{q}" for kind in ("quad_class", "plover_quad") for q in (1, 2, 3, 4)]
    types = [t for t in sorted(plover_events()) if all_types or any(r[t] for r in rows)]
    return fixed + quads + types


@click.command()
@click.option("--by", type=click.Choice(["country", "actor", "id"]), default="country",
              show_default=True, help="Nodes: countries, actor codes (USAGOV) or actor ids.")
@click.option("--min-weight", type=int, default=1, show_default=True,
              help="Drop edges with fewer events.")
@click.option("--limit", type=int, default=500, show_default=True,
              help="Keep the heaviest edges only.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
              help="json prints {nodes, edges}; table and csv print the edges.")
@_view_option
@_dated
def network(by: str, min_weight: int, limit: int, fmt: str, reports: bool, db: str | None,
            since: str | None, until: str | None) -> None:
    """The directed actor network: weighted edges with cooperation, conflict and mean
    Goldstein score."""
    from .output import render
    from .query.aggregate import network as build

    graph = _with_store(db, lambda s: build(s, since=since, until=until,
                                            min_weight=min_weight, by=by, limit=limit,
                                            dedup=not reports))
    if fmt == "json":
        click.echo(json.dumps(graph, indent=1))
    else:
        click.echo(render(graph["edges"], fmt, ["source", "target", "weight", "cooperation",
                                                "conflict", "goldstein_mean"]))


@click.command()
@click.argument("what", type=click.Choice(["actors", "countries", "types", "places", "dyads"]),
                default="actors")
@click.option("-n", "--n", "n", type=int, default=10, show_default=True,
              help="How many rows.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@_view_option
@_dated
def top(what: str, n: int, fmt: str, reports: bool, db: str | None, since: str | None,
        until: str | None) -> None:
    """The most frequent actors (codes), countries, event types, places or dyads."""
    from .output import render
    from .query.aggregate import top as build

    rows = _with_store(db, lambda s: build(s, what=what, n=n, since=since, until=until,
                                           dedup=not reports))
    click.echo(render(rows, fmt))


@click.command()
@click.option("--format", "fmt", required=True,
              type=click.Choice(["gdelt", "gdelt-mentions", "gkg", "plover", "csv", "parquet"]),
              help="gdelt: GDELT 2.0 Events (61 columns, TSV); gdelt-mentions: GDELT 2.0 "
                   "Mentions (16 columns); gkg: GKG 2.1-style (27 columns); plover: PLOVER "
                   "JSON lines; csv/parquet: every table, one file each.")
@click.option("--out", required=True,
              help="Output file ('-' for standard output), or a directory for csv/parquet.")
@click.option("--header", is_flag=True, help="TSV formats: first line with the column names "
              "(GDELT's own files have none).")
@_view_option
@click.option("--db", help="Store file [default: tidings.duckdb, or $TIDINGS_DB].")
def export(fmt: str, out: str, header: bool, reports: bool, db: str | None) -> None:
    """Export the store: GDELT 2.0 Events/Mentions, GKG-style, PLOVER JSON lines, CSV or
    Parquet (see docs/corpus.md)."""
    from .export import export as run_export

    written = _with_store(db, lambda s: run_export(s, fmt, out, header=header,
                                                   dedup=not reports))
    for name, n in written.items():
        click.echo(f"{name}: {n} rows", err=True)


#: Commands cli.py registers on the ``tidings`` group.
COMMANDS = [dyad, network, top, export]
