"""What each page and API endpoint shows, as plain JSON-ready dicts built from the store.

Pages render these dicts and their JSON twins return them as they are, so the two cannot
disagree. Every query here is fixed SQL with bound parameters: clients choose values, never
SQL, tables or files.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..query import EventFilter, count_events, find_events
from ..store import Store
from .highlight import segments
from .problems import ApiProblem

#: Quad classes (CAMEO), in the order charts stack them.
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
         4: "material conflict"}
QUADS_BY_KEY = {str(k): v for k, v in QUADS.items()}


def event_types() -> list[str]:
    """PLOVER event types, for the filter form."""
    from ..ontology import plover_events

    return sorted(plover_events())


def plain(value: Any) -> Any:
    """Return a value JSON can hold (dates as ISO strings, tuples as lists)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def events_page(store: Store, filters: EventFilter, limit: int, offset: int,
                order: str) -> dict[str, Any]:
    """One page of events matching the filters, with the total for paging."""
    return {"total": count_events(store, filters), "limit": limit, "offset": offset,
            "order": order, "events": find_events(store, filters, limit, offset, order=order)}


def event_detail(store: Store, event_id: str) -> dict[str, Any]:
    """One event with every stored field, its sentence and the spans that mention it."""
    rows = store.query("SELECT e.*, a.title AS article_title, a.published AS article_published, "
                       "a.text AS article_text FROM events e JOIN articles a USING (article_id) "
                       "WHERE e.event_id = ?", [event_id])
    if not rows:
        raise ApiProblem(404, f"no event {event_id!r}")
    row = rows[0]
    text = row.pop("article_text") or ""
    spans = store.query("SELECT start, \"end\" FROM event_mentions WHERE event_id = ? "
                        "ORDER BY start", [event_id])
    row["sentence"] = text[row["sentence_start"]:row["sentence_end"]]
    row["mentions"] = [{"start": s["start"], "end": s["end"], "text": text[s["start"]:s["end"]]}
                       for s in spans]
    return plain(row)


_SIDES = """
    SELECT actor_id AS id, actor_name AS name, actor_country AS country,
           actor_sector AS sector, 1 AS as_actor, 0 AS as_recipient, event_id
    FROM events WHERE actor_id IS NOT NULL
    UNION ALL
    SELECT recipient_id, recipient_name, recipient_country, recipient_sector, 0, 1, event_id
    FROM events WHERE recipient_id IS NOT NULL
"""


def actors_page(store: Store, name: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Actors seen in events (either side), most active first, optionally by name."""
    where = "WHERE ? IS NULL OR name ILIKE ?"
    params = [name, f"%{name}%"]
    total = store.con.execute(f"SELECT count(DISTINCT id) FROM ({_SIDES}) {where}",
                              params).fetchone()[0]
    rows = store.query(
        f"SELECT id, min(name) AS name, min(country) AS country, min(sector) AS sector, "
        f"sum(as_actor)::INTEGER AS as_actor, sum(as_recipient)::INTEGER AS as_recipient, "
        f"count(DISTINCT event_id) AS events FROM ({_SIDES}) {where} GROUP BY id "
        f"ORDER BY events DESC, name, id LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "name": name, "actors": rows}


def actor_detail(store: Store, actor_id: str, limit: int) -> dict[str, Any]:
    """One actor: who it is, what it does and has done to it, with whom, and when."""
    info = store.query(
        f"SELECT id, min(name) AS name, min(country) AS country, min(sector) AS sector, "
        f"sum(as_actor)::INTEGER AS as_actor, sum(as_recipient)::INTEGER AS as_recipient "
        f"FROM ({_SIDES}) WHERE id = ? GROUP BY id", [actor_id])
    if not info:
        raise ApiProblem(404, f"no actor {actor_id!r} in any stored event")
    actor = info[0]
    titles = store.query("SELECT title FROM actors WHERE actor_id = ? AND title IS NOT NULL",
                         [actor_id])
    actor["title"] = titles[0]["title"] if titles else None
    by_type = store.query(
        "SELECT event, sum(CASE WHEN actor_id = ? THEN 1 ELSE 0 END)::INTEGER AS as_actor, "
        "sum(CASE WHEN recipient_id = ? THEN 1 ELSE 0 END)::INTEGER AS as_recipient "
        "FROM events WHERE actor_id = ? OR recipient_id = ? GROUP BY event "
        "ORDER BY as_actor + as_recipient DESC, event", [actor_id] * 4)
    partners = store.query(
        "SELECT CASE WHEN actor_id = ? THEN recipient_id ELSE actor_id END AS id, "
        "min(CASE WHEN actor_id = ? THEN recipient_name ELSE actor_name END) AS name, "
        "min(CASE WHEN actor_id = ? THEN recipient_country ELSE actor_country END) AS country, "
        "count(*) AS events, avg(goldstein) AS mean_goldstein FROM events "
        "WHERE (actor_id = ? OR recipient_id = ?) AND actor_id IS NOT NULL "
        "AND recipient_id IS NOT NULL GROUP BY 1 ORDER BY events DESC, name LIMIT 20",
        [actor_id] * 5)
    events = store.query(
        "SELECT event_id, date, event, actor_id, actor_text, actor_country, recipient_id, "
        "recipient_text, recipient_country, goldstein, quad_class, event_text, article_id "
        "FROM events WHERE actor_id = ? OR recipient_id = ? "
        "ORDER BY date DESC NULLS LAST, event_id LIMIT ?", [actor_id, actor_id, limit])
    return plain({"actor": actor, "events_by_type": by_type, "partners": partners,
                  "events": events})


def article_detail(store: Store, article_id: str) -> dict[str, Any]:
    """One article: its text cut into highlighted segments, with its coded events beside."""
    rows = store.query("SELECT article_id, title, text, published, url, source, language, "
                       "tone, word_count, n_events, duplicate_of FROM articles "
                       "WHERE article_id = ?", [article_id])
    if not rows:
        raise ApiProblem(404, f"no article {article_id!r}")
    article = rows[0]
    text = article["text"] or ""
    marks = _marks(store, article_id)
    events = store.query(
        "SELECT event_id, date, event, mode, actor_id, actor_text, actor_country, actor_sector, "
        "recipient_id, recipient_text, recipient_country, recipient_sector, cameo_code, "
        "goldstein, quad_class, event_text, confidence, aux, sentence_start, sentence_end "
        "FROM events WHERE article_id = ? ORDER BY sentence_start, event_id", [article_id])
    themes = store.query("SELECT theme, contexts, n_spans FROM themes WHERE article_id = ? "
                         "ORDER BY n_spans DESC, theme", [article_id])
    return plain({"article": article, "events": events, "themes": themes, "marks": marks,
                  "segments": segments(text, marks)})


def _marks(store: Store, article_id: str) -> list[dict[str, Any]]:
    """Every span worth highlighting in an article, as {kind, start, end, label, ref}."""
    out: list[dict[str, Any]] = []
    for r in store.query("SELECT text, label, canonical, start, \"end\" FROM mentions "
                         "WHERE article_id = ? ORDER BY start", [article_id]):
        out.append({"kind": "actor", "start": r["start"], "end": r["end"],
                    "label": f"{r['label']}: {r['canonical'] or r['text']}", "ref": None})
    for r in store.query("SELECT m.event_id, m.start, m.\"end\", e.event FROM event_mentions m "
                         "JOIN events e USING (event_id) WHERE m.article_id = ? "
                         "ORDER BY m.start", [article_id]):
        out.append({"kind": "event", "start": r["start"], "end": r["end"],
                    "label": f"event: {r['event']}", "ref": r["event_id"]})
    for r in store.query("SELECT text, value, start, \"end\" FROM dates WHERE article_id = ? "
                         "ORDER BY start", [article_id]):
        out.append({"kind": "date", "start": r["start"], "end": r["end"],
                    "label": f"date: {r['value'] or 'unresolved'}", "ref": None})
    for r in store.query("SELECT number, category, what, start, \"end\" FROM counts "
                         "WHERE article_id = ? ORDER BY start", [article_id]):
        out.append({"kind": "count", "start": r["start"], "end": r["end"],
                    "label": f"count: {r['number']} {r['category']} ({r['what']})", "ref": None})
    for r in store.query("SELECT text, value, currency, unit, start, \"end\" FROM amounts "
                         "WHERE article_id = ? ORDER BY start", [article_id]):
        what = r["currency"] or r["unit"] or ""
        out.append({"kind": "amount", "start": r["start"], "end": r["end"],
                    "label": f"amount: {r['value']:g} {what}".rstrip()
                    if r["value"] is not None else "amount", "ref": None})
    for r in store.query("SELECT speaker_name, verb, start, \"end\" FROM quotes "
                         "WHERE article_id = ? ORDER BY start", [article_id]):
        out.append({"kind": "quote", "start": r["start"], "end": r["end"],
                    "label": f"quote: {r['speaker_name'] or 'unknown speaker'}", "ref": None})
    return [m for m in out if m["start"] is not None and m["end"] is not None]


def overview(store: Store) -> dict[str, Any]:
    """The overview: totals and events over time by quad class (reports, as `tidings
    summary` counts them), top dyads (deduplicated events, as the dyad pages count them),
    latest events."""
    from ..query import summarize
    from ..query.aggregate import top

    summary = summarize(store, top=10)
    return {"summary": summary, "quads": quad_series(store, "month"),
            "top_dyads": top(store, "dyads", 10),
            "latest_events": find_events(store, EventFilter(), limit=15)}


def quad_series(store: Store, by: str = "month") -> dict[str, Any]:
    """Event counts per period and quad class (the overview's stacked chart)."""
    rows = store.query(
        "SELECT strftime(date_trunc(?, date), '%Y-%m-%d') AS period, quad_class, "
        "count(*) AS n FROM events WHERE date IS NOT NULL AND quad_class IS NOT NULL "
        "GROUP BY 1, 2 ORDER BY 1, 2", [by])
    periods = sorted({r["period"] for r in rows})
    index = {p: i for i, p in enumerate(periods)}
    series = {str(q): [0] * len(periods) for q in QUADS}
    for r in rows:
        series[str(r["quad_class"])][index[r["period"]]] = r["n"]
    return {"by": by, "periods": periods, "series": series, "labels": QUADS}
