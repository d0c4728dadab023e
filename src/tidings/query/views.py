"""The two views of stored events: reports and deduplicated events.

A *report* is one event as one article coded it (a row of ``events``). The same real-world
event reported by five outlets is five reports; the corpus layer links them in
``event_clusters`` (one ``cluster_id`` per real-world event) and links syndicated copies of an
article to the first copy (``articles.duplicate_of``). A *deduplicated event* is one cluster,
counted once, from the reports of independent articles (copies are kept, but never counted as
independent reports).

Both views are built here as SQL over the store, so aggregates, exports and the web API share
one definition. Filters are applied to the reports first (cheap, before any grouping).
"""

from __future__ import annotations

from collections.abc import Sequence

#: Columns every view row carries (reports and deduplicated events alike).
VIEW_COLUMNS = (
    "event_id", "article_id", "event", "mode", "date", "date_precision",
    "actor_text", "actor_name", "actor_country", "actor_sector", "actor_id", "actor_code",
    "recipient_text", "recipient_name", "recipient_country", "recipient_sector",
    "recipient_id", "recipient_code", "quad_code", "quad_class", "event_scale", "goldstein",
    "cameo_code", "cameo_root", "location_name", "location_country", "lat", "lon",
    "location_precision", "event_text", "confidence", "tone", "num_mentions", "num_sources",
    "num_articles", "num_copies", "first_published", "first_url", "first_source",
    "first_added", "context", "aux", "is_root",
)

#: Columns taken from the cluster's first report (its founder) in the deduplicated view.
_FOUNDER_COLUMNS = (
    "event", "mode", "date_precision", "actor_text", "actor_name", "actor_country",
    "actor_sector", "actor_id", "actor_code", "recipient_text", "recipient_name",
    "recipient_country", "recipient_sector", "recipient_id", "recipient_code", "quad_code",
    "quad_class", "cameo_code", "cameo_root", "location_name", "location_country", "lat",
    "lon", "location_precision", "event_text", "context", "aux",
)

_ROOT = """e.sentence_start < coalesce(nullif(strpos(a.text, chr(10) || chr(10)), 0),
                                      length(a.text) + 1)"""


def _reports(where: str, with_root: bool) -> str:
    """One row per stored report (events filtered first), with its cluster, mention count
    and its article's facts. ``is_root`` (GDELT's IsRootEvent: the report comes from the
    article's first paragraph) reads article texts, so only exports ask for it."""
    root = _ROOT if with_root else "CAST(NULL AS BOOLEAN)"
    return f"""
SELECT e.*, coalesce(c.cluster_id, e.event_id) AS cluster_id,
       coalesce(c.n_mentions, 1) AS n_mentions,
       a.duplicate_of IS NOT NULL AS is_copy, a.tone AS article_tone,
       coalesce(a.source, regexp_extract(a.url, '^[a-z]+://([^/]+)', 1), e.article_id)
           AS outlet,
       a.published AS published, a.url AS url, a.ingested_at AS ingested_at,
       {root} AS is_root
FROM (SELECT * FROM events {where}) e
JOIN articles a ON a.article_id = e.article_id
LEFT JOIN event_clusters c ON c.event_id = e.event_id"""


def reports_sql(where: str = "", with_root: bool = False) -> str:
    """Return SQL for one row per report (every stored event, copies included).

    ``where`` ("WHERE ...") filters on columns of the ``events`` table.
    """
    return f"""
SELECT event_id, article_id, event, mode, date, date_precision, actor_text, actor_name,
       actor_country, actor_sector, actor_id, actor_code, recipient_text, recipient_name,
       recipient_country, recipient_sector, recipient_id, recipient_code, quad_code,
       quad_class, event_scale, goldstein, cameo_code, cameo_root, location_name,
       location_country, lat, lon, location_precision, event_text, confidence,
       article_tone AS tone, n_mentions AS num_mentions, 1 AS num_sources, 1 AS num_articles,
       CAST(is_copy AS INTEGER) AS num_copies, published AS first_published, url AS first_url,
       outlet AS first_source, ingested_at AS first_added, context, aux, is_root,
       cluster_id, is_copy, sentence_start
FROM ({_reports(where, with_root)}) r"""


#: How each column of a deduplicated event is computed from its reports (``s``).
_EVENT_AGGREGATES = {
    **{c: f"arg_min({c}, founder_rank)" for c in _FOUNDER_COLUMNS},
    "article_id": "arg_min(article_id, first_rank)",
    "date": "min(date)",
    "event_scale": "avg(event_scale)",
    "goldstein": "avg(goldstein)",
    "confidence": "max(confidence)",
    "tone": "avg(article_tone) FILTER (WHERE NOT is_copy)",
    "num_mentions": "sum(n_mentions) FILTER (WHERE NOT is_copy)",
    "num_sources": "count(DISTINCT outlet) FILTER (WHERE NOT is_copy)",
    "num_articles": "count(DISTINCT article_id) FILTER (WHERE NOT is_copy)",
    "num_copies": "count(DISTINCT article_id) FILTER (WHERE is_copy)",
    "first_published": "min(published) FILTER (WHERE NOT is_copy)",
    "first_url": "arg_min(url, first_rank)",
    "first_source": "arg_min(outlet, first_rank)",
    "first_added": "min(ingested_at)",
    "is_root": "bool_or(is_root) FILTER (WHERE NOT is_copy)",
}


def events_sql(where: str = "", columns: Sequence[str] | None = None) -> str:
    """Return SQL for one row per deduplicated event (cluster).

    ``where`` ("WHERE ..." on ``events`` columns) filters the reports before grouping (e.g. a
    dyad or a date range), so a cluster is kept when at least one independent report
    matches. ``columns`` (default: all of VIEW_COLUMNS) limits the work to what a caller
    reads; a million reports group in well under a second when only a few are asked for.

    Counts follow the GDELT 2.0 codebook over independent reports: NumMentions (all
    mentions, several per article possible), NumSources (distinct outlets), NumArticles
    (distinct articles); copies are counted apart in num_copies. Descriptive fields come from
    the first report that has them, the cluster's founder first; Goldstein and the PLOVER
    score are the reports' means, tone the mean of their articles; ``article_id`` and the
    ``first_*`` fields describe the earliest independent report.
    """
    wanted = [c for c in (columns or VIEW_COLUMNS) if c != "event_id"]
    unknown = set(wanted) - set(_EVENT_AGGREGATES)
    if unknown:
        raise ValueError(f"unknown event view columns: {sorted(unknown)}")
    select = ", ".join(f"{_EVENT_AGGREGATES[c]} AS {c}" for c in wanted)
    return f"""
SELECT cluster_id AS event_id{", " + select if select else ""}
FROM (SELECT *,
             -- the founder report describes the cluster; copies never do
             CASE WHEN event_id = cluster_id AND NOT is_copy THEN 0
                  WHEN NOT is_copy THEN 1 ELSE 2 END AS founder_rank,
             -- the earliest independent report (publication, then ingest order)
             (CAST(is_copy AS INTEGER), coalesce(published, DATE '9999-12-31'), ingested_at,
              article_id) AS first_rank
      FROM ({_reports(where, "is_root" in wanted)}) r) s
GROUP BY cluster_id
HAVING count(*) FILTER (WHERE NOT is_copy) > 0"""


def view_sql(dedup: bool, where: str = "", columns: Sequence[str] | None = None) -> str:
    """Return the deduplicated-events SQL when ``dedup``, else the reports SQL."""
    return events_sql(where, columns) if dedup else reports_sql(where)
