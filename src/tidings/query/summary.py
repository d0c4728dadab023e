"""A short overview of a store: articles, events by type, top dyads."""

from __future__ import annotations

from typing import Any

from ..store import Store


def summarize(store: Store, top: int = 10) -> dict[str, Any]:
    """Return counts of articles and events, events by type, and the top directed dyads."""
    con = store.con
    articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    by_type = con.execute("SELECT event, count(*) n FROM events GROUP BY event "
                          "ORDER BY n DESC, event").fetchall()
    dyads = con.execute(
        "SELECT actor_country, recipient_country, count(*) n FROM events "
        "WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL "
        "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?", [top]).fetchall()
    span = con.execute("SELECT min(date), max(date) FROM events").fetchone()
    return {
        "articles": articles,
        "events": events,
        "events_by_type": {k: n for k, n in by_type},
        "top_dyads": [{"actor": a, "recipient": r, "events": n} for a, r, n in dyads],
        "first_date": span[0].isoformat() if span[0] else None,
        "last_date": span[1].isoformat() if span[1] else None,
    }
