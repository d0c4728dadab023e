"""The DuckDB schema: every table, its columns and types, declared once.

Writes build Arrow tables from this same declaration, so the schema and the bulk loader
cannot drift apart. Bump SCHEMA_VERSION and add a step in migrations.py when it changes.
"""

from __future__ import annotations

SCHEMA_VERSION = 4

#: table -> [(column, DuckDB type)]. The first column of tables with a PRIMARY KEY is it.
TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("article_id", "VARCHAR PRIMARY KEY"), ("title", "VARCHAR"), ("text", "VARCHAR"),
        ("published", "DATE"), ("url", "VARCHAR"), ("source", "VARCHAR"),
        ("language", "VARCHAR"), ("content_hash", "VARCHAR"), ("duplicate_of", "VARCHAR"),
        ("tone", "DOUBLE"), ("positive", "DOUBLE"), ("negative", "DOUBLE"),
        ("polarity", "DOUBLE"), ("activity_density", "DOUBLE"),
        ("self_group_density", "DOUBLE"), ("word_count", "INTEGER"),
        ("n_events", "INTEGER"), ("ingested_at", "TIMESTAMP"), ("extraction", "VARCHAR"),
    ],
    "events": [
        ("event_id", "VARCHAR PRIMARY KEY"), ("article_id", "VARCHAR"), ("event", "VARCHAR"),
        ("mode", "VARCHAR"), ("context", "VARCHAR[]"),
        ("actor_text", "VARCHAR"), ("actor_name", "VARCHAR"), ("actor_country", "VARCHAR"),
        ("actor_sector", "VARCHAR"), ("actor_title", "VARCHAR"), ("actor_id", "VARCHAR"),
        ("recipient_text", "VARCHAR"), ("recipient_name", "VARCHAR"),
        ("recipient_country", "VARCHAR"), ("recipient_sector", "VARCHAR"),
        ("recipient_title", "VARCHAR"), ("recipient_id", "VARCHAR"),
        ("date", "DATE"), ("date_precision", "VARCHAR"), ("date_source", "VARCHAR"),
        ("aux", "VARCHAR[]"), ("quad_code", "INTEGER"), ("event_scale", "DOUBLE"),
        ("cameo_code", "VARCHAR"), ("cameo_root", "VARCHAR"), ("goldstein", "DOUBLE"),
        ("quad_class", "INTEGER"), ("actor_code", "VARCHAR"), ("recipient_code", "VARCHAR"),
        ("location_name", "VARCHAR"), ("location_country", "VARCHAR"), ("lat", "DOUBLE"),
        ("lon", "DOUBLE"), ("location_precision", "VARCHAR"), ("event_text", "VARCHAR"),
        ("sentence_start", "INTEGER"), ("sentence_end", "INTEGER"), ("confidence", "DOUBLE"),
    ],
    "event_mentions": [
        ("event_id", "VARCHAR"), ("article_id", "VARCHAR"), ("start", "INTEGER"),
        ("end", "INTEGER"),
    ],
    "actors": [
        ("actor_id", "VARCHAR PRIMARY KEY"), ("name", "VARCHAR"), ("country", "VARCHAR"),
        ("sector", "VARCHAR"), ("title", "VARCHAR"), ("origin", "VARCHAR"),
        ("first_article_id", "VARCHAR"),
    ],
    # User overrides (origin 'user') and imported actor dictionaries (origin 'dictionary'),
    # with the dates a role is valid; persons learned from articles live in `actors`.
    # Ingest bookkeeping: the actor-registry mark of a run not yet finished (Store.begin_run).
    "ingest_state": [("key", "VARCHAR PRIMARY KEY"), ("value", "BIGINT")],
    "actor_dictionary": [
        ("name", "VARCHAR"), ("country", "VARCHAR"), ("sector", "VARCHAR"),
        ("title", "VARCHAR"), ("origin", "VARCHAR"), ("valid_from", "DATE"),
        ("valid_to", "DATE"), ("source", "VARCHAR"),
    ],
    "mentions": [
        ("mention_id", "VARCHAR PRIMARY KEY"), ("article_id", "VARCHAR"),
        ("entity_id", "VARCHAR"), ("text", "VARCHAR"), ("label", "VARCHAR"),
        ("canonical", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("kind", "VARCHAR"),  # name | nominal | pronoun (schema 3)
    ],
    "places": [
        ("article_id", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"),
        ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("precision", "VARCHAR"), ("start", "INTEGER"),
        ("end", "INTEGER"),
    ],
    "counts": [
        ("article_id", "VARCHAR"), ("number", "BIGINT"), ("category", "VARCHAR"),
        ("what", "VARCHAR"), ("qualifier", "VARCHAR"), ("vague", "BOOLEAN"),
        ("event_id", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
    ],
    "quotes": [
        ("article_id", "VARCHAR"), ("text", "VARCHAR"), ("speaker_name", "VARCHAR"),
        ("speaker_country", "VARCHAR"), ("speaker_sector", "VARCHAR"),
        ("speaker_id", "VARCHAR"), ("verb", "VARCHAR"), ("direct", "BOOLEAN"),
        ("start", "INTEGER"), ("end", "INTEGER"),
    ],
    "dates": [
        ("article_id", "VARCHAR"), ("text", "VARCHAR"), ("value", "VARCHAR"),
        ("precision", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
    ],
    "themes": [
        ("article_id", "VARCHAR"), ("theme", "VARCHAR"), ("contexts", "VARCHAR[]"),
        ("n_spans", "INTEGER"), ("first_start", "INTEGER"),
    ],
    # Corpus layer (schema 3). Each stored event's cluster: the reports of one real-world
    # event share a cluster_id (the event_id of its first report). See query/views.py.
    "event_clusters": [
        ("event_id", "VARCHAR PRIMARY KEY"), ("cluster_id", "VARCHAR"), ("article_id", "VARCHAR"),
        # the report's mention spans, which GDELT's NumMentions counts (schema 4)
        ("n_mentions", "INTEGER"),
    ],
    # MinHash signature of each article's text, so near-duplicate detection survives runs.
    "article_signatures": [
        ("article_id", "VARCHAR PRIMARY KEY"), ("minhash", "BLOB"),
    ],
    # Money and measured quantities (schema 3).
    "amounts": [
        ("article_id", "VARCHAR"), ("text", "VARCHAR"), ("value", "DOUBLE"),
        ("currency", "VARCHAR"), ("unit", "VARCHAR"), ("what", "VARCHAR"),
        ("qualifier", "VARCHAR"), ("vague", "BOOLEAN"), ("start", "INTEGER"), ("end", "INTEGER"),
    ],
}

#: Tables holding rows that belong to one article (deleted with it, counted per article).
ARTICLE_TABLES = ("events", "event_mentions", "mentions", "places", "counts", "quotes",
                  "dates", "themes", "event_clusters", "article_signatures", "amounts")


def create_statements() -> list[str]:
    """Return the CREATE TABLE statements for the current schema."""
    out = ["CREATE TABLE IF NOT EXISTS schema_info (version INTEGER)"]
    for table, columns in TABLES.items():
        cols = ", ".join(f'"{name}" {kind}' for name, kind in columns)
        out.append(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")
    out.append("CREATE INDEX IF NOT EXISTS events_article ON events(article_id)")
    return out


def column_names(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]
