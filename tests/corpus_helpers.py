"""Builders for synthetic stored events, so corpus tests state exactly what is stored."""

from __future__ import annotations

from tidings.ontology import cameo_code, plover_event
from tidings.records import Actor, Article, CameoView, Event, Extraction, Place, Tone

ROOTS = {"AGREE": "030", "CONSULT": "040", "SUPPORT": "051", "CONCEDE": "080",
         "COOPERATE": "061", "AID": "070", "RETREAT": "0841", "REQUEST": "100",
         "ACCUSE": "112", "REJECT": "120", "THREATEN": "130", "PROTEST": "140",
         "SANCTION": "160", "MOBILIZE": "150", "COERCE": "173", "ASSAULT": "190"}


def actor(code: str | None, actor_id: str | None = None, name: str | None = None) -> Actor | None:
    """``USAGOV`` -> Actor(country USA, sector GOV); None -> no actor."""
    if code is None:
        return None
    return Actor(name or code, name or code, code[:3], code[3:] or None, id=actor_id)


def event(eid: str, kind: str, src: str | None, dst: str | None, date: str,
          place: Place | None = None, src_id: str | None = None,
          dst_id: str | None = None, mentions: int = 1) -> Event:
    """One coded event with its CAMEO view filled from the project's own tables."""
    code = cameo_code(ROOTS[kind])
    a, r = actor(src, src_id), actor(dst, dst_id)
    pe = plover_event(kind)
    return Event(id=eid, event=kind, actor=a, recipient=r, date=date, date_precision="day",
                 date_source="text", quad_code=pe.quad_code, event_scale=pe.score,
                 cameo=CameoView(code.code, code.code[:2], code.goldstein, code.quad_class,
                                 a.code if a else None, r.code if r else None),
                 location=place, event_text=kind.lower(), sentence=(0, 10), confidence=0.9,
                 mentions=tuple((i * 10, i * 10 + 5) for i in range(mentions)))


def extraction(aid: str, events: list[Event], published: str, source: str | None = None,
               text: str | None = None, tone: float | None = None) -> Extraction:
    """An article (unique text unless given) holding the events."""
    art = Article(aid, text or f"Article {aid} reports {len(events)} events. " * 3,
                  published=published, source=source or f"outlet-{aid}",
                  url=f"https://news.invalid/{aid}")
    tone_rec = Tone(tone, 0.0, 0.0, 0.0, 0.0, 0.0, 10) if tone is not None else None
    return Extraction(article=art, events=tuple(events), tone=tone_rec)

