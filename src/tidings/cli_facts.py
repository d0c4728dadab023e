"""`tidings counts`, `tidings quotes`, `tidings amounts` and `tidings themes`: the facts
the knowledge layer stores beside events (see docs/records.md)."""

from __future__ import annotations

from typing import Any

import click

from .errors import TidingsError
from .settings import Settings

_FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]),
                       default="table", show_default=True)
_DB = click.option("--db", help="Store file [default: tidings.duckdb, or $TIDINGS_DB].")
_ARTICLE = click.option("--article", "article_id", help="Only this article's rows (its id).")
_LIMIT = click.option("--limit", type=int, default=1000, show_default=True)


def _query(db: str | None, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    from .store import open_store

    settings = Settings.load(db=db)
    try:
        with open_store(settings.db, read_only=True) as store:
            return store.query(sql, params)
    except TidingsError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(1) from None


def _show(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    from .output import render

    click.echo(render(rows, fmt, columns))


@click.command()
@_DB
@click.option("--category", help="Only this count type: KILL, WOUND, ARREST, KIDNAP, PROTEST, "
                                 "AFFECT or SEIZE.")
@_ARTICLE
@_LIMIT
@_FORMAT
def counts(db: str | None, category: str | None, article_id: str | None, limit: int,
           fmt: str) -> None:
    """List stored counts of people (killed, arrested, displaced...)."""
    rows = _query(db, "SELECT * FROM counts WHERE (? IS NULL OR category = upper(?)) AND "
                      "(? IS NULL OR article_id = ?) ORDER BY article_id, start LIMIT ?",
                  [category, category, article_id, article_id, limit])
    _show(rows, fmt, ["article_id", "category", "number", "qualifier", "vague", "what",
                      "event_id", "start", "end"])


@click.command()
@_DB
@click.option("--speaker", help="Only quotes whose speaker's name contains this text.")
@_ARTICLE
@_LIMIT
@_FORMAT
def quotes(db: str | None, speaker: str | None, article_id: str | None, limit: int,
           fmt: str) -> None:
    """List stored quotes and reported speech with their speakers."""
    rows = _query(db, "SELECT * FROM quotes WHERE (? IS NULL OR speaker_name ILIKE ?) AND "
                      "(? IS NULL OR article_id = ?) ORDER BY article_id, start LIMIT ?",
                  [speaker, f"%{speaker}%", article_id, article_id, limit])
    _show(rows, fmt, ["article_id", "speaker_name", "speaker_country", "verb", "direct",
                      "text", "start", "end"])


@click.command()
@_DB
@click.option("--currency", help="Only amounts in this currency (ISO 4217, e.g. USD).")
@_ARTICLE
@_LIMIT
@_FORMAT
def amounts(db: str | None, currency: str | None, article_id: str | None, limit: int,
            fmt: str) -> None:
    """List stored amounts of money and measured quantities."""
    rows = _query(db, "SELECT * FROM amounts WHERE (? IS NULL OR currency = upper(?)) AND "
                      "(? IS NULL OR article_id = ?) ORDER BY article_id, start LIMIT ?",
                  [currency, currency, article_id, article_id, limit])
    _show(rows, fmt, ["article_id", "text", "value", "currency", "unit", "what", "qualifier",
                      "vague"])


@click.command()
@_DB
@click.option("--theme", help="Only this theme (e.g. MIGRATION); see `themes.tsv`.")
@_ARTICLE
@_LIMIT
@_FORMAT
def themes(db: str | None, theme: str | None, article_id: str | None, limit: int,
           fmt: str) -> None:
    """List stored themes per article (with their PLOVER contexts and hit counts)."""
    rows = _query(db, "SELECT article_id, theme, array_to_string(contexts, '|') AS contexts, "
                      "n_spans FROM themes WHERE (? IS NULL OR theme = upper(?)) AND "
                      "(? IS NULL OR article_id = ?) ORDER BY article_id, n_spans DESC LIMIT ?",
                  [theme, theme, article_id, article_id, limit])
    _show(rows, fmt, ["article_id", "theme", "contexts", "n_spans"])


COMMANDS = (counts, quotes, amounts, themes)
