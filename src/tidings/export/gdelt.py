"""GDELT 2.0 exports: the Events table (61 columns), the Mentions table (16) and a GKG-style
table (the 27 columns of GKG 2.1, filled with what tidings extracts).

Files are tab-separated with no header and no quoting, as GDELT's own files are, so tools
written for GDELT read them unchanged; ``header=True`` adds the column names as a first line.
Column names and types follow the GDELT 2.0 Event and Mentions codebooks and the GKG 2.1
codebook, in their order (``EVENT_COLUMNS``, ``MENTION_COLUMNS``, ``GKG_COLUMNS``).

Events are the deduplicated events (one per real-world event, see tidings.query.views), so
NumMentions/NumSources/NumArticles mean what the codebook says; Mentions hold one row per
mention in an independent article (syndicated copies, kept in the store, are left out, so
each event's NumMentions equals its rows in Mentions).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from ..ontology import cameo_code
from ..query.views import events_sql, reports_sql
from ..store import Store
from .codes import actor_fields, clean, gdelt_datetime, geo_fields, numeric_id

_ACTOR = [("Code", "VARCHAR"), ("Name", "VARCHAR"), ("CountryCode", "VARCHAR"),
          ("KnownGroupCode", "VARCHAR"), ("EthnicCode", "VARCHAR"),
          ("Religion1Code", "VARCHAR"), ("Religion2Code", "VARCHAR"),
          ("Type1Code", "VARCHAR"), ("Type2Code", "VARCHAR"), ("Type3Code", "VARCHAR")]
_GEO = [("Type", "INTEGER"), ("FullName", "VARCHAR"), ("CountryCode", "VARCHAR"),
        ("ADM1Code", "VARCHAR"), ("ADM2Code", "VARCHAR"), ("Lat", "DOUBLE"),
        ("Long", "DOUBLE"), ("FeatureID", "VARCHAR")]

#: The GDELT 2.0 Event table: (column, type), in the codebook's order.
EVENT_COLUMNS: list[tuple[str, str]] = [
    ("GLOBALEVENTID", "BIGINT"), ("SQLDATE", "INTEGER"), ("MonthYear", "INTEGER"),
    ("Year", "INTEGER"), ("FractionDate", "DOUBLE"),
    *[(f"Actor1{n}", t) for n, t in _ACTOR], *[(f"Actor2{n}", t) for n, t in _ACTOR],
    ("IsRootEvent", "INTEGER"), ("EventCode", "VARCHAR"), ("EventBaseCode", "VARCHAR"),
    ("EventRootCode", "VARCHAR"), ("QuadClass", "INTEGER"), ("GoldsteinScale", "DOUBLE"),
    ("NumMentions", "INTEGER"), ("NumSources", "INTEGER"), ("NumArticles", "INTEGER"),
    ("AvgTone", "DOUBLE"),
    *[(f"Actor1Geo_{n}", t) for n, t in _GEO], *[(f"Actor2Geo_{n}", t) for n, t in _GEO],
    *[(f"ActionGeo_{n}", t) for n, t in _GEO],
    ("DATEADDED", "BIGINT"), ("SOURCEURL", "VARCHAR"),
]

#: The GDELT 2.0 Mentions table: (column, type), in the codebook's order.
MENTION_COLUMNS: list[tuple[str, str]] = [
    ("GLOBALEVENTID", "BIGINT"), ("EventTimeDate", "BIGINT"), ("MentionTimeDate", "BIGINT"),
    ("MentionType", "INTEGER"), ("MentionSourceName", "VARCHAR"),
    ("MentionIdentifier", "VARCHAR"), ("SentenceID", "INTEGER"),
    ("Actor1CharOffset", "INTEGER"), ("Actor2CharOffset", "INTEGER"),
    ("ActionCharOffset", "INTEGER"), ("InRawText", "INTEGER"), ("Confidence", "INTEGER"),
    ("MentionDocLen", "INTEGER"), ("MentionDocTone", "DOUBLE"),
    ("MentionDocTranslationInfo", "VARCHAR"), ("Extras", "VARCHAR"),
]

#: The GDELT GKG 2.1 table: (column, type), in the codebook's order.
GKG_COLUMNS: list[tuple[str, str]] = [
    ("GKGRECORDID", "VARCHAR"), ("V2.1DATE", "BIGINT"),
    ("V2SOURCECOLLECTIONIDENTIFIER", "INTEGER"), ("V2SOURCECOMMONNAME", "VARCHAR"),
    ("V2DOCUMENTIDENTIFIER", "VARCHAR"), ("V1COUNTS", "VARCHAR"), ("V2.1COUNTS", "VARCHAR"),
    ("V1THEMES", "VARCHAR"), ("V2ENHANCEDTHEMES", "VARCHAR"), ("V1LOCATIONS", "VARCHAR"),
    ("V2ENHANCEDLOCATIONS", "VARCHAR"), ("V1PERSONS", "VARCHAR"),
    ("V2ENHANCEDPERSONS", "VARCHAR"), ("V1ORGANIZATIONS", "VARCHAR"),
    ("V2ENHANCEDORGANIZATIONS", "VARCHAR"), ("V1.5TONE", "VARCHAR"),
    ("V2.1ENHANCEDDATES", "VARCHAR"), ("V2GCAM", "VARCHAR"), ("V2.1SHARINGIMAGE", "VARCHAR"),
    ("V2.1RELATEDIMAGES", "VARCHAR"), ("V2.1SOCIALIMAGEEMBEDS", "VARCHAR"),
    ("V2.1SOCIALVIDEOEMBEDS", "VARCHAR"), ("V2.1QUOTATIONS", "VARCHAR"),
    ("V2.1ALLNAMES", "VARCHAR"), ("V2.1AMOUNTS", "VARCHAR"),
    ("V2.1TRANSLATIONINFO", "VARCHAR"), ("V2EXTRASXML", "VARCHAR"),
]

MENTION_TYPE_WEB = 1  # GDELT MentionType / V2SOURCECOLLECTIONIDENTIFIER: a web document
_BATCH = 5000


def _stream(store: Store, sql: str) -> Iterator[dict[str, Any]]:
    """Yield the rows of a query as dicts, a batch at a time (exports never hold it all)."""
    cursor = store.con.execute(sql)
    names = [d[0] for d in cursor.description]
    while chunk := cursor.fetchmany(_BATCH):
        for row in chunk:
            yield dict(zip(names, row, strict=True))


def _write(out: TextIO, columns: list[tuple[str, str]], rows: Iterator[list[Any]],
           header: bool) -> int:
    if header:
        out.write("\t".join(name for name, _ in columns) + "\n")
    n = 0
    for row in rows:
        out.write("\t".join(clean(v) for v in row) + "\n")
        n += 1
    return n


def _fraction(day: Any) -> float:
    return round(day.year + (day.timetuple().tm_yday / 365.0), 4)


def event_row(ev: dict[str, Any]) -> list[Any]:
    """Return one deduplicated event as GDELT 2.0 Event columns, in order."""
    day = ev["date"]
    code = ev["cameo_code"] or ""
    cameo = cameo_code(code) if code else None
    sides = []
    for side in ("actor", "recipient"):
        f = actor_fields(ev[f"{side}_country"], ev[f"{side}_sector"])
        name = (ev[f"{side}_name"] or "").upper() if f["Code"] else ""
        sides += [f["Code"], name, f["CountryCode"], f["KnownGroupCode"], "", "", "",
                  f["Type1Code"], "", ""]
    empty_geo = list(geo_fields(None, None, None, None, None).values())
    action = geo_fields(ev["location_name"], ev["location_country"], ev["lat"], ev["lon"],
                        ev["location_precision"])
    return [
        numeric_id(ev["event_id"]),
        int(day.strftime("%Y%m%d")) if day else None,
        int(day.strftime("%Y%m")) if day else None,
        day.year if day else None,
        _fraction(day) if day else None,
        *sides,
        int(bool(ev["is_root"])), code, code[:3], code[:2],
        ev["quad_class"], cameo.goldstein if cameo else ev["goldstein"],
        ev["num_mentions"], ev["num_sources"], ev["num_articles"], ev["tone"],
        *empty_geo, *empty_geo, *action.values(),
        gdelt_datetime(ev["first_added"]), ev["first_url"] or ev["article_id"],
    ]


def write_events(store: Store, out: TextIO, header: bool = False) -> int:
    """Write the deduplicated events as GDELT 2.0 Events rows; return how many."""
    rows = (event_row(ev) for ev in _stream(
        store, f"SELECT * FROM ({events_sql()}) ORDER BY first_added, event_id"))
    return _write(out, EVENT_COLUMNS, rows, header)


# One row per mention of an event in an independent article, with its event's first-seen
# time and the sentence number of the mention (sentence ends counted before it).
_MENTIONS_SQL = f"""
SELECT r.cluster_id, r.first_added AS report_added, r.first_published AS published,
       r.first_source AS outlet, r.first_url AS url, r.article_id, r.confidence,
       r.tone, m.start AS action_start, length(a.text) AS doc_len,
       len(regexp_extract_all(substr(a.text, 1, coalesce(m.start, s.sentence_start)),
                              '[.!?]["'')\\]]*\\s+')) + 1 AS sentence_id,
       min(r.first_added) OVER (PARTITION BY r.cluster_id) AS event_added
FROM ({reports_sql()}) r
JOIN (SELECT event_id, sentence_start FROM events) s USING (event_id)
JOIN articles a ON a.article_id = r.article_id
LEFT JOIN event_mentions m ON m.event_id = r.event_id
WHERE NOT r.is_copy
ORDER BY event_added, r.cluster_id, r.first_added, r.article_id, m.start"""


def write_mentions(store: Store, out: TextIO, header: bool = False) -> int:
    """Write GDELT 2.0 Mentions rows (one per mention in an independent article)."""
    def rows() -> Iterator[list[Any]]:
        for m in _stream(store, _MENTIONS_SQL):
            yield [numeric_id(m["cluster_id"]), gdelt_datetime(m["event_added"]),
                   gdelt_datetime(m["published"] or m["report_added"]), MENTION_TYPE_WEB,
                   m["outlet"], m["url"] or m["article_id"], m["sentence_id"], -1, -1,
                   m["action_start"] if m["action_start"] is not None else -1, 1,
                   round(100 * (m["confidence"] or 0)), m["doc_len"], m["tone"], "", ""]

    return _write(out, MENTION_COLUMNS, rows(), header)


# Per article, its counts, themes, places, names, quotes and dates, each already joined into
# GKG's delimited form ("#" inside a block, ";" between blocks).
_GKG_SQL = """
WITH c AS (
  SELECT article_id,
         -- CountType#Number#ObjectType, then the location block (type 0: none)
         string_agg(upper(category) || '#' || coalesce(CAST(number AS VARCHAR), '') || '#'
                    || _gkg_safe(what) || '#0######', ';' ORDER BY start) AS v1,
         string_agg(upper(category) || '#' || coalesce(CAST(number AS VARCHAR), '') || '#'
                    || _gkg_safe(what) || '#0########' || start, ';' ORDER BY start) AS v21
  FROM counts GROUP BY 1),
t AS (
  SELECT article_id, string_agg(theme, ';' ORDER BY first_start) AS v1,
         string_agg(theme || ',' || coalesce(first_start, 0), ';' ORDER BY first_start) AS v2
  FROM themes GROUP BY 1),
p AS (
  SELECT article_id, list(struct_pack(name, country, lat, lon, precision, start)
                          ORDER BY start) AS places
  FROM places GROUP BY 1),
n AS (
  SELECT article_id,
         string_agg(DISTINCT coalesce(canonical, text), ';') FILTER (WHERE label = 'PERSON')
             AS persons,
         string_agg(coalesce(canonical, text) || ',' || start, ';' ORDER BY start)
             FILTER (WHERE label = 'PERSON') AS persons2,
         string_agg(DISTINCT coalesce(canonical, text), ';') FILTER (WHERE label = 'ORG')
             AS orgs,
         string_agg(coalesce(canonical, text) || ',' || start, ';' ORDER BY start)
             FILTER (WHERE label = 'ORG') AS orgs2,
         string_agg(text || ',' || start, ';' ORDER BY start)
             FILTER (WHERE label IN ('PERSON', 'ORG', 'NORP', 'FAC', 'EVENT')) AS allnames
  FROM mentions GROUP BY 1),
q AS (
  SELECT article_id,
         string_agg(start || '|' || ("end" - start) || '|' || coalesce(verb, '') || '|'
                    || replace(replace(text, '#', ' '), '|', ' '), '#' ORDER BY start) AS v
  FROM quotes GROUP BY 1),
d AS (
  SELECT article_id, list(struct_pack(value, precision, start) ORDER BY start) AS dates
  FROM dates GROUP BY 1)
SELECT a.article_id, a.published, a.ingested_at, a.url,
       coalesce(a.source, regexp_extract(a.url, '^[a-z]+://([^/]+)', 1), a.article_id) AS outlet,
       a.tone, a.positive, a.negative, a.polarity, a.activity_density, a.self_group_density,
       a.word_count, c.v1 AS counts1, c.v21 AS counts21, t.v1 AS themes1, t.v2 AS themes2,
       p.places, n.persons, n.persons2, n.orgs, n.orgs2, n.allnames, q.v AS quotes, d.dates
FROM articles a
LEFT JOIN c USING (article_id) LEFT JOIN t USING (article_id) LEFT JOIN p USING (article_id)
LEFT JOIN n USING (article_id) LEFT JOIN q USING (article_id) LEFT JOIN d USING (article_id)
WHERE a.duplicate_of IS NULL
ORDER BY a.ingested_at, a.article_id"""


def _locations(places: list[dict[str, Any]] | None, enhanced: bool) -> str:
    blocks = []
    for p in places or ():
        g = geo_fields(p["name"], p["country"], p["lat"], p["lon"], p["precision"])
        parts = [g["Type"], g["FullName"], g["CountryCode"], g["ADM1Code"]]
        if enhanced:
            parts.append(g["ADM2Code"])
        parts += [g["Lat"], g["Long"], g["FeatureID"]]
        if enhanced:
            parts.append(p["start"])
        blocks.append("#".join(clean(v).replace("#", " ").replace(";", ",") for v in parts))
    return ";".join(blocks)


def _dates(dates: list[dict[str, Any]] | None) -> str:
    """GKG 2.1 enhanced dates: resolution#month#day#year#offset (4 = day, 3 = month,
    1 = year)."""
    blocks = []
    for d in dates or ():
        parts = (d["value"] or "").split("-")
        if not parts[0].isdigit():
            continue
        resolution = {3: 4, 2: 3}.get(len(parts), 1)
        month = parts[1] if len(parts) > 1 else "0"
        day = parts[2] if len(parts) > 2 else "0"
        blocks.append(f"{resolution}#{int(month)}#{int(day)}#{parts[0]}#{d['start']}")
    return ";".join(blocks)


def gkg_row(r: dict[str, Any]) -> list[Any]:
    """Return one article as GKG 2.1 columns, in order (fields tidings lacks stay empty)."""
    when = gdelt_datetime(r["published"] or r["ingested_at"])
    tone = ""
    if r["tone"] is not None:
        tone = ",".join(clean(v) for v in (r["tone"], r["positive"], r["negative"],
                                           r["polarity"], r["activity_density"],
                                           r["self_group_density"], r["word_count"]))
    return [f"{when}-{r['article_id']}", when, MENTION_TYPE_WEB, r["outlet"],
            r["url"] or r["article_id"], r["counts1"], r["counts21"], r["themes1"],
            r["themes2"], _locations(r["places"], False), _locations(r["places"], True),
            r["persons"], r["persons2"], r["orgs"], r["orgs2"], tone, _dates(r["dates"]),
            "", "", "", "", "", r["quotes"], r["allnames"], "", "", ""]


def write_gkg(store: Store, out: TextIO, header: bool = False) -> int:
    """Write one GKG-style row per independent article; return how many."""
    store.con.execute("CREATE OR REPLACE TEMP MACRO _gkg_safe(x) AS "
                      "regexp_replace(coalesce(x, ''), '[#;,|]', ' ', 'g')")
    return _write(out, GKG_COLUMNS, (gkg_row(r) for r in _stream(store, _GKG_SQL)), header)


def write_file(writer: Any, store: Store, path: str | Path, header: bool = False) -> int:
    """Run a writer into a file (UTF-8, written to a temporary name, then renamed, so an
    interrupted export never leaves a half file under the final name)."""
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    with open(partial, "w", encoding="utf-8", newline="") as out:
        n = writer(store, out, header)
    partial.replace(target)
    return n
