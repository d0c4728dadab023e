"""Read the knowledge layer back from the store: one article's record, mentions, entities.

:func:`article_record` reads every table that has an ``article_id`` column, whatever the
schema holds, so tables added later (counts, quotes, themes and others) show up in
``tidings show`` without a change here.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..store import Store
from ..store.schema import TABLES, column_names

#: Article columns left out of the record (the text is long; the extraction is the record).
_HIDDEN = frozenset({"text", "extraction"})
_TONE = ("tone", "positive", "negative", "polarity", "activity_density",
         "self_group_density", "word_count")
MENTION_COLUMNS = ("article_id", "entity_id", "canonical", "label", "kind", "text", "start",
                   "end")
ENTITY_COLUMNS = ("entity_id", "canonical", "label", "mentions", "articles", "names")
MAX_LIMIT = 100_000


def article_tables() -> list[str]:
    """Return the tables holding rows of one article, in schema order (articles excepted)."""
    return [t for t in TABLES if t != "articles" and "article_id" in column_names(t)]


def article_record(store: Store, article_id: str, with_text: bool = False) -> dict[str, Any]:
    """Return everything stored for one article: its metadata and tone, then the rows of
    every article table; mentions are grouped by entity. Raises InputError when absent."""
    rows = store.query("SELECT * FROM articles WHERE article_id = ?", [article_id])
    if not rows:
        raise InputError(f"article {article_id!r} is not in the store {store.path}")
    article = {k: v for k, v in rows[0].items() if with_text or k not in _HIDDEN}
    record: dict[str, Any] = {
        "article": {k: v for k, v in article.items() if k not in _TONE},
        "tone": ({k: article[k] for k in _TONE} if article.get("tone") is not None else None),
    }
    for table in article_tables():
        order = ' ORDER BY "start"' if "start" in column_names(table) else ""
        found = store.query(f"SELECT * FROM {table} WHERE article_id = ?{order}", [article_id])
        for row in found:
            row.pop("article_id", None)
        record[table] = group_by_entity(found) if table == "mentions" else found
    return record


def group_by_entity(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return mentions grouped under their entity, entities in order of first mention."""
    groups: dict[str, dict[str, Any]] = {}
    for m in mentions:
        key = m.get("entity_id") or m.get("mention_id")
        group = groups.setdefault(key, {"entity_id": m.get("entity_id"),
                                        "canonical": m.get("canonical"),
                                        "label": m.get("label"), "mentions": []})
        group["mentions"].append({k: m.get(k) for k in ("text", "kind", "start", "end")})
    return list(groups.values())


def find_mentions(store: Store, article_id: str | None = None, entity: str | None = None,
                  label: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    """Return stored mentions, filtered by article, entity (id, or canonical name containing
    the text, any case) and label, in article then text order."""
    if not 0 < limit <= MAX_LIMIT:
        raise InputError(f"--limit must be between 1 and {MAX_LIMIT}, got {limit}")
    where, params = _mention_filter(article_id, entity, label)
    cols = ", ".join(f'"{c}"' for c in MENTION_COLUMNS)
    return store.query(f'SELECT {cols} FROM mentions{where} ORDER BY article_id, "start" '
                       f"LIMIT {int(limit)}", params)


def find_entities(store: Store, article_id: str | None = None, entity: str | None = None,
                  label: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    """Return one row per entity: its canonical name, label, mentions and articles counted,
    and the names it goes by; most mentioned first."""
    if not 0 < limit <= MAX_LIMIT:
        raise InputError(f"--limit must be between 1 and {MAX_LIMIT}, got {limit}")
    where, params = _mention_filter(article_id, entity, label)
    return store.query(
        "SELECT entity_id, any_value(canonical) AS canonical, any_value(label) AS label, "
        "count(*) AS mentions, count(DISTINCT article_id) AS articles, "
        "string_agg(DISTINCT text, ' | ') FILTER (WHERE coalesce(kind, 'name') = 'name') "
        f"AS names FROM mentions{where} GROUP BY entity_id "
        f"ORDER BY mentions DESC, canonical LIMIT {int(limit)}", params)


def _mention_filter(article_id: str | None, entity: str | None,
                    label: str | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if article_id:
        clauses.append("article_id = ?")
        params.append(article_id)
    if entity:
        clauses.append("(entity_id = ? OR canonical ILIKE ?)")
        params += [entity, f"%{entity}%"]
    if label:
        clauses.append("label = ?")
        params.append(label.upper())
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params
