"""Aggregates analysts read event data through: dyadic time series, actor networks, top lists.

Everything is one SQL statement in DuckDB over the views in :mod:`tidings.query.views`, so a
series over a million events stays well under a second. Aggregates count deduplicated events
by default (one real-world event reported by many outlets counts once; syndicated copies
never count); ``dedup=False`` counts every report instead.

An actor is named by a country code (``USA``), an actor code (``USAGOV``: country then
PLOVER sector) or a stored actor id (``p-…``/``a-…``).
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError
from ..ontology import plover_events
from ..store import Store
from .events import date_clauses
from .views import view_sql

PERIODS = ("day", "week", "month")
TOP_WHAT = ("actors", "countries", "types", "places", "dyads")
NETWORK_BY = ("country", "actor", "id")
QUADS = (1, 2, 3, 4)
_SPEC = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{1,63}$")


def _actor_clause(side: str, spec: str) -> tuple[str, list[Any]]:
    """Return the SQL condition (and parameters) matching one side of an event to ``spec``."""
    spec = (spec or "").strip()
    if not _SPEC.match(spec):
        raise InputError(f"actor {spec!r}: give a country code (USA), an actor code "
                         "(USAGOV) or an actor id (p-…)")
    if "-" in spec:
        return f"{side}_id = ?", [spec]
    code = spec.upper()
    if len(code) == 3:
        return f"{side}_country = ?", [code]
    return (f"({side}_code = ? OR {side}_country || coalesce({side}_sector, '') = ?)",
            [code, code])


def _where(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def dyad_filter(a: str, b: str, directed: bool = True) -> tuple[str, list[Any]]:
    """Return the SQL condition for events from ``a`` to ``b`` (either way if undirected)."""
    a_src, p1 = _actor_clause("actor", a)
    b_dst, p2 = _actor_clause("recipient", b)
    if directed:
        return f"({a_src} AND {b_dst})", p1 + p2
    b_src, p3 = _actor_clause("actor", b)
    a_dst, p4 = _actor_clause("recipient", a)
    return f"(({a_src} AND {b_dst}) OR ({b_src} AND {a_dst}))", p1 + p2 + p3 + p4


def dyad_series(store: Store, a: str, b: str, by: str = "month", directed: bool = True,
                since: str | None = None, until: str | None = None,
                dedup: bool = True) -> list[dict[str, Any]]:
    """Return one row per period (empty periods included) for the events between two actors.

    Each row: ``period`` (ISO date of the period's first day; weeks start on Monday),
    ``n_events``, ``n_reports`` (independent articles behind them), ``goldstein_sum`` and
    ``_mean``, ``event_scale_sum`` and ``_mean`` (PLOVER score), ``tone_mean`` (mean tone
    of the reporting articles), ``quad_class_1``..``4`` (CAMEO QuadClass),
    ``plover_quad_1``..``4`` (PLOVER quad code) and one count per PLOVER type.
    Undirected (``directed=False``) counts both directions.
    """
    if by not in PERIODS:
        raise InputError(f"by={by!r}: use one of {', '.join(PERIODS)}")
    dyad, params = dyad_filter(a, b, directed)
    dates, date_params = date_clauses(since, until)
    where = _where([dyad, "date IS NOT NULL", *dates])
    types = sorted(plover_events())
    type_cols = ", ".join(f'count(e.event_id) FILTER (WHERE e.event = \'{t}\') AS "{t}"'
                          for t in types)
    quad_cols = ", ".join(
        f"count(e.event_id) FILTER (WHERE e.quad_class = {q}) AS quad_class_{q}, "
        f"count(e.event_id) FILTER (WHERE e.quad_code = {q}) AS plover_quad_{q}"
        for q in QUADS)
    lo = "CAST(? AS DATE)" if since else "(SELECT min(date) FROM ev)"
    hi = "CAST(? AS DATE)" if until else "(SELECT max(date) FROM ev)"
    bound_params = [p for p, v in ((date_params[0] if since else None, since),
                                   (date_params[-1] if until else None, until)) if v]
    sql = f"""
WITH ev AS ({view_sql(dedup, where)}),
periods AS (
  SELECT CAST(unnest(range(date_trunc('{by}', {lo}), date_trunc('{by}', {hi})
                           + INTERVAL 1 {by}, INTERVAL 1 {by})) AS DATE) AS period)
SELECT p.period, count(e.event_id) AS n_events,
       coalesce(sum(e.num_articles), 0) AS n_reports,
       sum(e.goldstein) AS goldstein_sum, avg(e.goldstein) AS goldstein_mean,
       sum(e.event_scale) AS event_scale_sum, avg(e.event_scale) AS event_scale_mean,
       avg(e.tone) AS tone_mean, {quad_cols}, {type_cols}
FROM periods p LEFT JOIN ev e ON CAST(date_trunc('{by}', e.date) AS DATE) = p.period
GROUP BY p.period ORDER BY p.period"""
    rows = store.query(sql, [*params, *date_params, *bound_params])
    for row in rows:
        row["period"] = row["period"].isoformat()
        for key in ("goldstein_sum", "goldstein_mean", "event_scale_sum", "event_scale_mean",
                    "tone_mean"):
            if row[key] is not None:
                row[key] = round(float(row[key]), 4)
        row["n_reports"] = int(row["n_reports"])
    return rows


def _side_key(side: str, by: str) -> str:
    if by == "country":
        return f"{side}_country"
    if by == "actor":
        return f"{side}_country || coalesce({side}_sector, '')"
    return f"{side}_id"


def network(store: Store, since: str | None = None, until: str | None = None,
            min_weight: int = 1, by: str = "country", limit: int = 500,
            dedup: bool = True) -> dict[str, list[dict[str, Any]]]:
    """Return the directed actor network: nodes and weighted edges, heaviest edges first.

    Nodes are countries (``by="country"``), actor codes such as USAGOV (``"actor"``) or
    stored actor ids (``"id"``, labelled with the actor's name). An edge's ``weight`` is its
    number of events, ``cooperation``/``conflict`` how many of them are PLOVER cooperation
    (quads 1-2) or conflict (quads 3-4), ``goldstein_mean`` their mean Goldstein score.
    """
    if by not in NETWORK_BY:
        raise InputError(f"by={by!r}: use one of {', '.join(NETWORK_BY)}")
    if min_weight < 1 or not 0 < limit <= 100_000:
        raise InputError("min_weight must be at least 1 and limit between 1 and 100000")
    dates, params = date_clauses(since, until)
    src, dst = _side_key("actor", by), _side_key("recipient", by)
    where = _where([f"{src} IS NOT NULL", f"{dst} IS NOT NULL", *dates])
    edges = store.query(f"""
WITH ev AS ({view_sql(dedup, where)})
SELECT {src} AS source, {dst} AS target, count(*) AS weight,
       count(*) FILTER (WHERE quad_code IN (1, 2)) AS cooperation,
       count(*) FILTER (WHERE quad_code IN (3, 4)) AS conflict,
       round(avg(goldstein), 4) AS goldstein_mean,
       any_value(actor_name) AS source_label, any_value(recipient_name) AS target_label
FROM ev GROUP BY 1, 2 HAVING count(*) >= ?
ORDER BY weight DESC, source, target LIMIT ?""", [*params, min_weight, limit])
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for end in ("source", "target"):
            key = edge[end]
            label = edge.pop(f"{end}_label") if by == "id" else None
            node = nodes.setdefault(key, {"id": key, "label": label or key, "events": 0,
                                          "out": 0, "in": 0})
            node["events"] += edge["weight"]
            node["out" if end == "source" else "in"] += edge["weight"]
        edge.pop("source_label", None)
        edge.pop("target_label", None)
    ordered = sorted(nodes.values(), key=lambda n: (-n["events"], n["id"]))
    return {"nodes": ordered, "edges": edges}


def top(store: Store, what: str = "actors", n: int = 10, since: str | None = None,
        until: str | None = None, dedup: bool = True) -> list[dict[str, Any]]:
    """Return the ``n`` most frequent actors (codes such as USAGOV), countries, event types,
    places (where events happened) or directed country dyads, with event counts."""
    if what not in TOP_WHAT:
        raise InputError(f"what={what!r}: use one of {', '.join(TOP_WHAT)}")
    if not 0 < n <= 100_000:
        raise InputError("n must be between 1 and 100000")
    dates, params = date_clauses(since, until)
    ev = f"WITH ev AS ({view_sql(dedup, _where(dates))})"
    if what in ("actors", "countries"):
        key = "country || coalesce(sector, '')" if what == "actors" else "country"
        name = "actor" if what == "actors" else "country"
        sql = f"""{ev}, sides AS (
  SELECT actor_country AS country, actor_sector AS sector, 1 AS src, 0 AS dst FROM ev
  UNION ALL
  SELECT recipient_country, recipient_sector, 0, 1 FROM ev)
SELECT {key} AS {name}, count(*) AS events, sum(src) AS as_source, sum(dst) AS as_target
FROM sides WHERE country IS NOT NULL GROUP BY 1 ORDER BY events DESC, 1 LIMIT ?"""
    elif what == "types":
        sql = f"""{ev}
SELECT event AS type, count(*) AS events,
       round(count(*) / sum(count(*)) OVER (), 4) AS share,
       round(avg(goldstein), 4) AS goldstein_mean
FROM ev GROUP BY 1 ORDER BY events DESC, 1 LIMIT ?"""
    elif what == "places":
        sql = f"""{ev}
SELECT location_name AS place, location_country AS country, count(*) AS events,
       any_value(lat) AS lat, any_value(lon) AS lon
FROM ev WHERE location_name IS NOT NULL
GROUP BY 1, 2 ORDER BY events DESC, 1 LIMIT ?"""
    else:
        sql = f"""{ev}
SELECT actor_country AS actor, recipient_country AS recipient, count(*) AS events,
       round(avg(goldstein), 4) AS goldstein_mean
FROM ev WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL
GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT ?"""
    rows = store.query(sql, [*params, n])
    for row in rows:
        for key in ("as_source", "as_target"):
            if key in row:
                row[key] = int(row[key])
    return rows
