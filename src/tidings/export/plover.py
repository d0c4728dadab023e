"""PLOVER/POLECAT-style JSON lines: one event per line with PLOVER's field names.

The record is tidings' event record (docs/records.md: ``event``, ``mode``, ``context``,
``actor``/``recipient`` with country and sector, ``date``, ``quad_code``, ``event_scale``,
``cameo``, ``location``), plus where it was reported. Deduplicated events by default, with
the GDELT-style counts of the reports behind them; ``dedup=False`` writes every report.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TextIO

from ..query.views import view_sql
from ..store import Store
from .gdelt import _stream


def _actor(ev: dict[str, Any], side: str) -> dict[str, Any] | None:
    if not (ev[f"{side}_text"] or ev[f"{side}_country"]):
        return None
    return {"entity_text": ev[f"{side}_text"], "entity_name": ev[f"{side}_name"],
            "country": ev[f"{side}_country"], "sector": ev[f"{side}_sector"],
            "id": ev[f"{side}_id"], "code": ev[f"{side}_code"]}


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def plover_record(ev: dict[str, Any]) -> dict[str, Any]:
    """Return one view row as a PLOVER-named JSON record."""
    location = None
    if ev["location_name"] or ev["location_country"]:
        location = {"name": ev["location_name"], "country": ev["location_country"],
                    "lat": ev["lat"], "lon": ev["lon"], "precision": ev["location_precision"]}
    cameo = None
    if ev["cameo_code"]:
        cameo = {"code": ev["cameo_code"], "root": ev["cameo_root"],
                 "goldstein": ev["goldstein"], "quad_class": ev["quad_class"],
                 "actor_code": ev["actor_code"], "recipient_code": ev["recipient_code"]}
    return {
        "id": ev["event_id"], "event": ev["event"], "mode": ev["mode"],
        "context": list(ev["context"] or []), "actor": _actor(ev, "actor"),
        "recipient": _actor(ev, "recipient"), "date": _iso(ev["date"]),
        "date_precision": ev["date_precision"], "aux": list(ev["aux"] or []),
        "quad_code": ev["quad_code"], "event_scale": ev["event_scale"], "cameo": cameo,
        "location": location, "event_text": ev["event_text"],
        "confidence": ev["confidence"], "tone": ev["tone"],
        "num_mentions": int(ev["num_mentions"] or 0), "num_sources": int(ev["num_sources"]),
        "num_articles": int(ev["num_articles"]), "num_copies": int(ev["num_copies"]),
        "source": ev["first_source"], "url": ev["first_url"], "article_id": ev["article_id"],
        "published": _iso(ev["first_published"]),
    }


def write_plover(store: Store, out: TextIO, dedup: bool = True) -> int:
    """Write events as PLOVER JSON lines; return how many."""
    import json

    n = 0
    for ev in _stream(store, f"SELECT * FROM ({view_sql(dedup)}) ORDER BY date, event_id"):
        out.write(json.dumps(plover_record(ev), ensure_ascii=False) + "\n")
        n += 1
    return n
