"""Search stored events with the filters analysts use most."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..ontology import plover_events
from ..store import Store

#: Columns returned by :func:`find_events`, in display order.
EVENT_COLUMNS = ("event_id", "date", "event", "mode", "actor_text", "actor_country",
                 "actor_sector", "recipient_text", "recipient_country", "recipient_sector",
                 "cameo_code", "goldstein", "quad_class", "event_text", "article_id",
                 "confidence")
MAX_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters for :func:`find_events`; None means no condition."""

    actor: str | None = None  # ISO3 or PLOVER code of the acting side
    recipient: str | None = None
    country: str | None = None  # either side
    type: str | None = None  # PLOVER event type
    quad: int | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    article_id: str | None = None


def _where(f: EventFilter) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if f.actor:
        clauses.append("actor_country = ?")
        params.append(f.actor.upper())
    if f.recipient:
        clauses.append("recipient_country = ?")
        params.append(f.recipient.upper())
    if f.country:
        clauses.append("(actor_country = ? OR recipient_country = ?)")
        params += [f.country.upper()] * 2
    if f.type:
        kind = f.type.upper()
        if kind not in plover_events():
            raise InputError(f"unknown event type {f.type!r}; use one of "
                             + ", ".join(sorted(plover_events())))
        clauses.append("event = ?")
        params.append(kind)
    if f.quad is not None:
        clauses.append("quad_code = ?")
        params.append(int(f.quad))
    dates, date_params = date_clauses(f.since, f.until)
    clauses += dates
    params += date_params
    if f.text:
        clauses.append("(event_text ILIKE ? OR actor_text ILIKE ? OR recipient_text ILIKE ?)")
        params += [f"%{f.text}%"] * 3
    if f.article_id:
        clauses.append("article_id = ?")
        params.append(f.article_id)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def date_clauses(since: str | None, until: str | None) -> tuple[list[str], list[str]]:
    """Return SQL conditions (and parameters) bounding ``date`` by since/until, inclusive;
    an unreadable date is an InputError naming the option."""
    from ..ingest import normalise_published

    clauses, params = [], []
    for name, value, op in (("since", since, ">="), ("until", until, "<=")):
        if value:
            try:
                params.append(normalise_published(value))
            except ValueError as exc:
                raise InputError(f"--{name}: {exc}") from None
            clauses.append(f"date {op} CAST(? AS DATE)")
    return clauses, params


def _source(where: str, dedup: bool) -> str:
    """Return the relation to select from: stored reports, or deduplicated events."""
    if not dedup:
        return f"events{where}"
    from .views import events_sql

    return f"({events_sql(where)})"


#: Extra columns of deduplicated events (GDELT-style counts of independent reports).
DEDUP_COLUMNS = ("num_mentions", "num_sources", "num_articles", "num_copies")


def find_events(store: Store, filters: EventFilter | None = None, limit: int = 1000,
                offset: int = 0, dedup: bool = False) -> list[dict[str, Any]]:
    """Return stored events matching the filters, newest first.

    ``dedup`` returns one row per real-world event (reports of independent articles merged,
    copies left out) with :data:`DEDUP_COLUMNS`; ``event_id`` is then the cluster's id.
    """
    if not 0 < limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}")
    where, params = _where(filters or EventFilter())
    cols = ", ".join(EVENT_COLUMNS + (DEDUP_COLUMNS if dedup else ()))
    rows = store.query(f"SELECT {cols} FROM {_source(where, dedup)} "
                       "ORDER BY date DESC NULLS LAST, event_id LIMIT ? OFFSET ?",
                       [*params, limit, offset])
    for row in rows:
        if row.get("date") is not None:
            row["date"] = row["date"].isoformat()
        for key in DEDUP_COLUMNS:
            if key in row:
                row[key] = int(row[key] or 0)
    return rows


def count_events(store: Store, filters: EventFilter | None = None, dedup: bool = False) -> int:
    """Return how many stored events (reports, or deduplicated events) match the filters."""
    where, params = _where(filters or EventFilter())
    return store.con.execute(f"SELECT count(*) FROM {_source(where, dedup)}",
                             params).fetchone()[0]
