"""Dyads, the actor network and top lists: the pages built on tidings.query.aggregate.

The aggregate functions count deduplicated events (one real-world event reported by
several outlets counts once); this module only shapes their rows for pages and charts.
"""

from __future__ import annotations

from typing import Any

from ..store import Store
from .data import plain

#: Nodes drawn in the network picture (the JSON twin carries every node).
MAX_DRAWN_NODES = 40


def dyad(store: Store, a: str, b: str, by: str, directed: bool, since: str | None,
         until: str | None, limit: int) -> dict[str, Any]:
    """Cooperation vs conflict and mean Goldstein per period for two actors, with the
    latest events between them."""
    from ..query.aggregate import dyad_filter, dyad_series

    series = dyad_series(store, a, b, by=by, directed=directed, since=since, until=until)
    for row in series:
        row["cooperation"] = row["quad_class_1"] + row["quad_class_2"]
        row["conflict"] = row["quad_class_3"] + row["quad_class_4"]
    condition, params = dyad_filter(a, b, directed)
    events = store.query(
        "SELECT event_id, date, event, actor_id, actor_text, actor_country, recipient_id, "
        "recipient_text, recipient_country, cameo_code, goldstein, quad_class, event_text, "
        f"article_id FROM events WHERE {condition} ORDER BY date DESC NULLS LAST, event_id "
        "LIMIT ?", [*params, limit])
    totals = {"events": sum(r["n_events"] for r in series),
              "cooperation": sum(r["cooperation"] for r in series),
              "conflict": sum(r["conflict"] for r in series)}
    return plain({"a": a, "b": b, "by": by, "directed": directed, "since": since,
                  "until": until, "totals": totals, "series": series, "events": events})


def network(store: Store, by: str, since: str | None, until: str | None, min_weight: int,
            limit: int) -> dict[str, Any]:
    """The directed actor network: nodes and weighted edges, heaviest first."""
    from ..query.aggregate import network as build

    graph = build(store, since=since, until=until, min_weight=min_weight, by=by, limit=limit)
    return plain({"by": by, "since": since, "until": until, "min_weight": min_weight, **graph})


def top(store: Store, what: str, n: int, since: str | None, until: str | None) -> dict[str, Any]:
    """The n most frequent actors, countries, types, places or dyads."""
    from ..query.aggregate import top as ranked

    return plain({"what": what, "n": n, "rows": ranked(store, what, n, since=since, until=until)})


def node_href(by: str, node_id: str) -> str:
    """Where a network node links: the actor page for ids, the event list otherwise."""
    from urllib.parse import quote

    if by == "id":
        return "/actors/" + quote(node_id, safe="")
    return "/events?country=" + quote(node_id[:3], safe="")
