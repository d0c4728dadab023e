"""Named-entity mentions with offsets, grouped by entity within the article.

Later short forms join the first full name: "Blinken" and "Antony Blinken" share one
``entity_id`` and the canonical name "Antony Blinken".
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from ..records import Mention
from .pipeline import Known, register

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: spaCy entity labels kept as mentions.
MENTION_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})


def clean_name(text: str) -> str:
    """Return a mention's name without a leading article or a trailing possessive."""
    text = " ".join(text.split())
    if text[:4].lower() == "the ":
        text = text[4:]
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    return text.strip()


def stable_id(*parts: object) -> str:
    """Return a short, stable hash id of the parts (same input, same id, any process)."""
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


@register("mentions", assigns="mentions")
def extract_mentions(doc: Doc, known: Known) -> list[Mention]:
    """Return one Mention per named entity, with person surnames joined to full names."""
    article_id = known["article"].id
    out: list[Mention] = []
    canon_by_key: dict[tuple[str, str], str] = {}
    persons: list[str] = []
    for ent in doc.ents:
        if ent.label_ not in MENTION_LABELS:
            continue
        name = clean_name(ent.text)
        if not name:
            continue
        canonical = name
        if ent.label_ == "PERSON":
            parts = name.split()
            match = next((p for p in persons if p == name or (len(parts) == 1 and
                          p.split()[-1] == parts[0])), None)
            if match:
                canonical = match
            elif len(parts) > 1:
                persons.append(name)
        key = (ent.label_, canonical)
        canon_by_key.setdefault(key, canonical)
        entity_id = "e-" + stable_id(ent.label_, canonical.lower())
        out.append(Mention(
            id="m-" + stable_id(article_id, ent.start_char, ent.end_char),
            text=ent.text, label=ent.label_, span=(ent.start_char, ent.end_char),
            entity_id=entity_id, canonical=canonical,
        ))
    return out
