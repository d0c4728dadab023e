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

# One row per stored report, with its cluster, its article's facts and its mention count.
_REPORTS = """
SELECT e.*, coalesce(c.cluster_id, e.event_id) AS cluster_id,
       a.duplicate_of IS NOT NULL AS is_copy, a.tone AS article_tone,
       coalesce(a.source, regexp_extract(a.url, '^[a-z]+://([^/]+)', 1), e.article_id)
           AS outlet,
       a.published AS published, a.url AS url, a.ingested_at AS ingested_at,
       coalesce(m.n, 1) AS n_mentions,
       -- GDELT's IsRootEvent: the report comes from the article's first paragraph
       e.sentence_start < coalesce(nullif(strpos(a.text, chr(10) || chr(10)), 0),
                                   length(a.text) + 1) AS is_root
FROM events e
JOIN articles a ON a.article_id = e.article_id
LEFT JOIN event_clusters c ON c.event_id = e.event_id
LEFT JOIN (SELECT event_id, count(*) AS n FROM event_mentions GROUP BY event_id) m
       ON m.event_id = e.event_id
"""


def reports_sql(where: str = "") -> str:
    """Return SQL for one row per report (every stored event, copies included)."""
    return f"""
SELECT event_id, article_id, event, mode, date, date_precision, actor_text, actor_name,
       actor_country, actor_sector, actor_id, actor_code, recipient_text, recipient_name,
       recipient_country, recipient_sector, recipient_id, recipient_code, quad_code,
       quad_class, event_scale, goldstein, cameo_code, cameo_root, location_name,
       location_country, lat, lon, location_precision, event_text, confidence,
       article_tone AS tone, n_mentions AS num_mentions, 1 AS num_sources, 1 AS num_articles,
       CAST(is_copy AS INTEGER) AS num_copies, published AS first_published, url AS first_url,
       outlet AS first_source, ingested_at AS first_added, context, aux, is_root,
       cluster_id, is_copy
FROM ({_REPORTS}) r {where}"""


def events_sql(where: str = "") -> str:
    """Return SQL for one row per deduplicated event (cluster).

    ``where`` filters the reports before grouping (e.g. a dyad or a date range), so a cluster
    is kept when at least one independent report matches. Counts follow the GDELT 2.0
    codebook over independent reports: NumMentions (all mentions, several per article
    possible), NumSources (distinct outlets), NumArticles (distinct articles); copies are
    counted apart in num_copies. Descriptive fields come from the cluster's first report;
    Goldstein and the PLOVER score are its reports' means, tone the mean of their articles.
    """
    founder = ", ".join(f"arg_min({c}, founder_rank) AS {c}" for c in _FOUNDER_COLUMNS)
    return f"""
SELECT cluster_id AS event_id,
       arg_min(article_id, first_rank) AS article_id,
       min(date) AS date, {founder},
       avg(event_scale) AS event_scale, avg(goldstein) AS goldstein,
       max(confidence) AS confidence,
       avg(article_tone) FILTER (WHERE NOT is_copy) AS tone,
       sum(n_mentions) FILTER (WHERE NOT is_copy) AS num_mentions,
       count(DISTINCT outlet) FILTER (WHERE NOT is_copy) AS num_sources,
       count(DISTINCT article_id) FILTER (WHERE NOT is_copy) AS num_articles,
       count(DISTINCT article_id) FILTER (WHERE is_copy) AS num_copies,
       min(published) FILTER (WHERE NOT is_copy) AS first_published,
       arg_min(url, first_rank) AS first_url,
       arg_min(outlet, first_rank) AS first_source,
       min(ingested_at) AS first_added,
       bool_or(is_root) FILTER (WHERE NOT is_copy) AS is_root
FROM (SELECT *,
             -- the founder report describes the cluster; copies never do
             CASE WHEN event_id = cluster_id AND NOT is_copy THEN 0
                  WHEN NOT is_copy THEN 1 ELSE 2 END AS founder_rank,
             -- the earliest independent report (publication, then ingest order)
             (CAST(is_copy AS INTEGER), coalesce(published, DATE '9999-12-31'), ingested_at,
              article_id) AS first_rank
      FROM ({_REPORTS}) r {where}) s
GROUP BY cluster_id
HAVING count(*) FILTER (WHERE NOT is_copy) > 0"""


def view_sql(dedup: bool, where: str = "") -> str:
    """Return the deduplicated-events SQL when ``dedup``, else the reports SQL."""
    return events_sql(where) if dedup else reports_sql(where)
