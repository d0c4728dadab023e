"""Flatten an Extraction into the rows of each store table."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from ..records import Actor, Extraction

Rows = dict[str, list[dict[str, Any]]]


def as_date(value: str | None) -> date | None:
    """Return the first day of a ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-Qn``, ``YYY``
    (decade) or range value (the store's DATE column; the precision column says how much
    of it is known)."""
    if not value:
        return None
    parts = value.split("/")[0].split("-")
    if len(parts[0]) == 3 and parts[0].isdigit():
        parts[0] += "0"  # a decade ("199": the 1990s) starts in its year 0
    if len(parts) > 1 and parts[1][:1] == "Q" and parts[1][1:].isdigit():
        parts = [parts[0], str(3 * int(parts[1][1:]) - 2)]  # a quarter: its first month
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                    int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _actor_cols(prefix: str, actor: Actor | None) -> dict[str, Any]:
    keys = ("text", "name", "country", "sector", "title", "id")
    if actor is None:
        return {f"{prefix}_{k}": None for k in keys}
    return {f"{prefix}_text": actor.entity_text, f"{prefix}_name": actor.entity_name,
            f"{prefix}_country": actor.country, f"{prefix}_sector": actor.sector,
            f"{prefix}_title": actor.title, f"{prefix}_id": actor.id}


def extraction_rows(extraction: Extraction, ingested_at: datetime) -> Rows:
    """Return {table: [row, ...]} for one extraction."""
    art = extraction.article
    aid = art.id
    tone = extraction.tone
    rows: Rows = {name: [] for name in ("articles", "events", "event_mentions", "actors",
                                         "mentions", "places", "counts", "quotes", "dates",
                                         "themes", "amounts")}
    rows["articles"].append({
        "article_id": aid, "title": art.title, "text": art.text, "published": as_date(art.published),
        "url": art.url, "source": art.source, "language": art.language,
        "content_hash": hashlib.sha1(art.text.encode("utf-8")).hexdigest(),
        "duplicate_of": None,
        "tone": tone.tone if tone else None, "positive": tone.positive if tone else None,
        "negative": tone.negative if tone else None, "polarity": tone.polarity if tone else None,
        "activity_density": tone.activity_density if tone else None,
        "self_group_density": tone.self_group_density if tone else None,
        "word_count": tone.word_count if tone else len(art.text.split()),
        "n_events": len(extraction.events), "ingested_at": ingested_at,
        "extraction": extraction.to_json(),
    })
    for ev in extraction.events:
        loc = ev.location
        cameo = ev.cameo
        rows["events"].append({
            "event_id": ev.id, "article_id": aid, "event": ev.event, "mode": ev.mode,
            "context": list(ev.context), **_actor_cols("actor", ev.actor),
            **_actor_cols("recipient", ev.recipient), "date": as_date(ev.date),
            "date_precision": ev.date_precision, "date_source": ev.date_source,
            "aux": list(ev.aux), "quad_code": ev.quad_code, "event_scale": ev.event_scale,
            "cameo_code": cameo.code if cameo else None, "cameo_root": cameo.root if cameo else None,
            "goldstein": cameo.goldstein if cameo else None,
            "quad_class": cameo.quad_class if cameo else None,
            "actor_code": cameo.actor_code if cameo else None,
            "recipient_code": cameo.recipient_code if cameo else None,
            "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
            "location_precision": loc.precision if loc else None, "event_text": ev.event_text,
            "sentence_start": ev.sentence[0], "sentence_end": ev.sentence[1],
            "confidence": ev.confidence,
        })
        for start, end in ev.mentions:
            rows["event_mentions"].append({"event_id": ev.id, "article_id": aid,
                                           "start": start, "end": end})
        for actor in (ev.actor, ev.recipient):
            if actor is not None and actor.id and actor.id.startswith("p-") and actor.country:
                rows["actors"].append({"actor_id": actor.id, "name": actor.entity_name,
                                       "country": actor.country, "sector": actor.sector,
                                       "title": actor.title, "origin": "extracted",
                                       "first_article_id": aid})
    for m in extraction.mentions:
        rows["mentions"].append({"mention_id": m.id, "article_id": aid, "entity_id": m.entity_id,
                                 "text": m.text, "label": m.label, "canonical": m.canonical,
                                 "start": m.span[0], "end": m.span[1], "kind": m.kind})
    for p in extraction.places:
        span = p.span or (None, None)
        rows["places"].append({"article_id": aid, "name": p.name, "country": p.country,
                               "lat": p.lat, "lon": p.lon, "precision": p.precision,
                               "start": span[0], "end": span[1]})
    for c in extraction.counts:
        rows["counts"].append({"article_id": aid, "number": c.number, "category": c.category,
                               "what": c.what, "qualifier": c.qualifier, "vague": c.vague,
                               "event_id": c.event_id, "start": c.span[0], "end": c.span[1]})
    for q in extraction.quotes:
        sp = q.speaker
        rows["quotes"].append({"article_id": aid, "text": q.text,
                               "speaker_name": sp.entity_name if sp else None,
                               "speaker_country": sp.country if sp else None,
                               "speaker_sector": sp.sector if sp else None,
                               "speaker_id": sp.id if sp else None, "verb": q.verb,
                               "direct": q.direct, "start": q.span[0], "end": q.span[1]})
    for d in extraction.dates:
        rows["dates"].append({"article_id": aid, "text": d.text, "value": d.value,
                              "precision": d.precision, "start": d.span[0], "end": d.span[1]})
    for t in extraction.themes:
        rows["themes"].append({"article_id": aid, "theme": t.theme, "contexts": list(t.contexts),
                               "n_spans": len(t.spans),
                               "first_start": t.spans[0][0] if t.spans else None})
    for a in extraction.amounts:
        rows["amounts"].append({"article_id": aid, "text": a.text, "value": a.value,
                                "currency": a.currency, "unit": a.unit, "what": a.what,
                                "qualifier": a.qualifier, "vague": a.vague,
                                "start": a.span[0], "end": a.span[1]})
    return rows
