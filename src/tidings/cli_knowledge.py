"""Commands that read the knowledge layer back: ``tidings show`` and ``tidings mentions``."""

from __future__ import annotations

import json
from typing import Any

import click

from .errors import TidingsError
from .settings import Settings


def _fail(message: str) -> None:
    from .cli import _fail as fail

    fail(message)


@click.command()
@click.argument("article_id")
@click.option("--db", help="Store file [default: tidings.duckdb, or $TIDINGS_DB].")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--text", "with_text", is_flag=True, help="Include the article's text.")
def show(article_id: str, db: str | None, fmt: str, with_text: bool) -> None:
    """Print everything stored for one article: events, entities with their mentions,
    places, dates, and every other table of the knowledge layer."""
    from .query.knowledge import article_record
    from .store import open_store

    settings = Settings.load(db=db)
    try:
        with open_store(settings.db, read_only=True) as store:
            record = article_record(store, article_id, with_text=with_text)
    except TidingsError as exc:
        _fail(str(exc))
        return
    if fmt == "json":
        click.echo(json.dumps(record, indent=1, ensure_ascii=False, default=str))
    else:
        click.echo(format_record(record))


#: Columns shown per section in text output (other tables show all their columns).
_SHOWN = {
    "events": ("date", "event", "actor_text", "actor_country", "recipient_text",
               "recipient_country", "location_name", "location_country", "event_text"),
    "places": ("name", "country", "precision", "lat", "lon", "start", "end"),
    "dates": ("text", "value", "precision", "start", "end"),
}
_SKIPPED = frozenset({"event_mentions"})


def format_record(record: dict[str, Any]) -> str:
    """Return an article record as sections of aligned tables."""
    from .output import render

    article = record["article"]
    lines = [f"article {article['article_id']}: {article.get('title') or ''}".rstrip(),
             *(f"  {k}: {v}" for k, v in article.items()
               if k not in ("article_id", "title") and v is not None)]
    if record.get("tone"):
        lines.append("  tone: " + ", ".join(f"{k} {v}" for k, v in record["tone"].items()))
    for table, rows in record.items():
        if table in ("article", "tone") or table in _SKIPPED:
            continue
        lines.append(f"\n{table} ({len(rows)})")
        if not rows:
            continue
        if table == "mentions":
            for group in rows:
                said = "; ".join(f"{m['text']}" + (f" ({m['kind']})" if m.get("kind")
                                                   and m["kind"] != "name" else "")
                                 for m in group["mentions"])
                lines.append(f"  {group['canonical']} [{group['label']}, "
                             f"{group['entity_id']}]: {said}")
        else:
            lines.append(render(rows, "table", _SHOWN.get(table)))
    return "\n".join(lines)


@click.command()
@click.option("--db", help="Store file [default: tidings.duckdb, or $TIDINGS_DB].")
@click.option("--article", "article_id", help="Only this article's mentions.")
@click.option("--entity", help="Only this entity: its id, or text its canonical name contains.")
@click.option("--label", help="Only this label (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT).")
@click.option("--entities", "by_entity", is_flag=True,
              help="One row per entity (mentions and articles counted) instead of per mention.")
@click.option("--limit", type=int, default=1000, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
def mentions(db: str | None, article_id: str | None, entity: str | None, label: str | None,
             by_entity: bool, limit: int, fmt: str) -> None:
    """List stored entity mentions (names, titles, pronouns), grouped by entity id."""
    from .output import render
    from .query.knowledge import ENTITY_COLUMNS, MENTION_COLUMNS, find_entities, find_mentions
    from .store import open_store

    settings = Settings.load(db=db)
    find = find_entities if by_entity else find_mentions
    try:
        with open_store(settings.db, read_only=True) as store:
            rows = find(store, article_id, entity, label, limit)
    except TidingsError as exc:
        _fail(str(exc))
        return
    click.echo(render(rows, fmt, ENTITY_COLUMNS if by_entity else MENTION_COLUMNS))


COMMANDS = (show, mentions)
