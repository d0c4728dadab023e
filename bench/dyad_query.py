"""Dyad series over a million stored events, against bare scans of the same table.

Usage: .venv/bin/python bench/dyad_query.py [--events 1000000] [--repeat 5] [--db PATH]

Generates synthetic reports directly into a tidings store with DuckDB (no extraction): a
third of the events have one report, the rest two (same type, dyad and date, linked in
event_clusters, from different articles and outlets); about three reports an article; country
frequencies skewed like news (a few countries in most events). Then times, best of
``--repeat``:

- baseline 1: ``SELECT count(*) FROM events`` (the bare scan the brief names);
- baseline 2: a filtered count of the same dyad (``actor_country``/``recipient_country``);
- ``dyad_series(USA, ECU, by=month)`` over deduplicated events and over reports, directed and
  undirected; ``network()`` and ``top("actors")``.

Prints a Markdown table with seconds and ratios to both baselines, and the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

from tidings.query.aggregate import dyad_series, network, top
from tidings.store import open_store

COUNTRIES = ["USA", "ECU", "CHN", "RUS", "UKR", "IND", "PAK", "GBR", "FRA", "DEU", "ISR",
             "IRN", "TUR", "BRA", "MEX", "COL", "VEN", "NGA", "KEN", "ETH", "SDN", "EGY",
             "SAU", "JPN", "KOR", "PRK", "PHL", "IDN", "AUS", "CAN", "ZAF", "POL", "SRB",
             "KOS", "SYR", "IRQ", "AFG", "MMR", "THA", "VNM", "ARG", "CHL", "PER", "BOL",
             "UNO", "EUR", "IGO", "NGO", "QAT", "ARE"]
TYPES = [("AGREE", 1, 4.0, "030", 1), ("CONSULT", 1, 1.0, "040", 1),
         ("SUPPORT", 1, 3.5, "051", 1), ("CONCEDE", 1, 5.0, "080", 2),
         ("COOPERATE", 2, 6.0, "061", 2), ("AID", 2, 7.0, "070", 2),
         ("RETREAT", 2, 5.0, "0841", 2), ("REQUEST", 3, -1.0, "100", 3),
         ("ACCUSE", 3, -2.0, "112", 3), ("REJECT", 3, -4.0, "120", 3),
         ("THREATEN", 3, -6.0, "130", 3), ("PROTEST", 4, -6.5, "140", 4),
         ("SANCTION", 4, -4.0, "160", 4), ("MOBILIZE", 4, -7.2, "150", 4),
         ("COERCE", 4, -7.0, "173", 4), ("ASSAULT", 4, -9.7, "190", 4)]
SECTORS = ["GOV", "MIL", "COP", "CVL", "OPP", "REB", "BUS", None]


def generate(store, n_events: int) -> None:
    """Fill the store with ``n_events`` synthetic reports (about n/2 real-world events)."""
    con = store.con
    con.execute("CREATE TEMP TABLE c AS SELECT unnest(?) AS code, "
                "generate_subscripts(?, 1) AS rank", [COUNTRIES, COUNTRIES])
    con.execute("CREATE TEMP TABLE t AS SELECT * FROM (VALUES "
                + ", ".join(f"({i}, '{e}', {q}, {s}, '{c}', {qc}, "
                            f"{s if e != 'CONCEDE' else 5.0})"
                            for i, (e, q, s, c, qc) in enumerate(TYPES))
                + ") v(k, event, quad, score, code, quad_class, goldstein)")
    con.execute("CREATE TEMP TABLE s AS SELECT unnest(?) AS sector, "
                "generate_subscripts(?, 1) - 1 AS k", [SECTORS, SECTORS])
    # Report i belongs to event g = i // 2 (pairs) or stands alone (every third group).
    con.execute(f"""
CREATE TEMP TABLE r AS
SELECT i, CASE WHEN (i // 2) % 3 = 0 THEN i ELSE (i // 2) * 2 END AS g
FROM range({n_events}) t(i)""")
    # Skewed choice: rank = 1 + floor(50 * u^2) puts most events on the first countries.
    con.execute("""
CREATE TEMP TABLE ev AS
SELECT r.i, r.g,
       1 + CAST(floor(50 * pow((hash(r.g, 1) % 100000) / 100000.0, 2)) AS INTEGER) AS a,
       1 + CAST(floor(50 * pow((hash(r.g, 2) % 100000) / 100000.0, 2)) AS INTEGER) AS b,
       CAST(hash(r.g, 3) % 16 AS INTEGER) AS k,
       CAST(hash(r.g, 4) % 8 AS INTEGER) AS sa, CAST(hash(r.g, 5) % 8 AS INTEGER) AS sb,
       DATE '2015-01-01' + CAST(hash(r.g, 6) % 3650 AS INTEGER) AS day
FROM r""")
    n_articles = max(n_events // 3, 1)  # about three reports an article, as in news
    store.con.begin()
    con.execute(f"""
INSERT INTO articles (article_id, title, text, published, url, source, content_hash, tone,
                      n_events, ingested_at)
SELECT 'art-' || i, 'Story ' || i, 'Synthetic story ' || i || '.',
       DATE '2015-01-01' + CAST(hash(i, 7) % 3650 AS INTEGER),
       'https://news.invalid/' || i, 'Outlet ' || (i % 40), md5(CAST(i AS VARCHAR)),
       (hash(i, 8) % 2000) / 100.0 - 10.0, 3, TIMESTAMP '2024-01-01'
FROM range({n_articles}) t(i)""")
    con.execute(f"""
INSERT INTO events (event_id, article_id, event, actor_country, actor_sector, actor_code,
                    recipient_country, recipient_sector, recipient_code, date, date_precision,
                    quad_code, event_scale, cameo_code, cameo_root, goldstein, quad_class,
                    sentence_start, sentence_end, confidence, event_text)
SELECT 'ev-' || lpad(to_hex(ev.i), 16, '0'), 'art-' || ((ev.i * 7919) % {n_articles}),
       t.event,
       ca.code, sa.sector, ca.code || coalesce(sa.sector, ''),
       cb.code, sb.sector, cb.code || coalesce(sb.sector, ''),
       ev.day, 'day', t.quad, t.score, t.code, substr(t.code, 1, 2), t.goldstein,
       t.quad_class, 0, 40, 0.8, lower(t.event)
FROM ev JOIN c ca ON ca.rank = ev.a JOIN c cb ON cb.rank = ev.b JOIN t ON t.k = ev.k
JOIN s sa ON sa.k = ev.sa JOIN s sb ON sb.k = ev.sb""")
    con.execute("""
INSERT INTO event_clusters SELECT e.event_id, 'ev-' || lpad(to_hex(r.g), 16, '0'),
       e.article_id, 1
FROM r JOIN events e ON e.event_id = 'ev-' || lpad(to_hex(r.i), 16, '0')""")
    con.execute("""
INSERT INTO event_mentions SELECT event_id, article_id, 10, 20 FROM events""")
    store.con.commit()


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", help="store path (default: a temporary file, removed after)")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = Path(args.db or Path(tmp.name) / "bench.duckdb")
    started = time.perf_counter()
    with open_store(path) as store:
        if store.table_counts()["events"] == 0:
            generate(store, args.events)
    generated = time.perf_counter() - started
    with open_store(path, read_only=True) as store:
        counts = store.table_counts()
        n_dedup = store.con.execute(
            "SELECT count(DISTINCT cluster_id) FROM event_clusters").fetchone()[0]
        con = store.con
        base = best(lambda: con.execute("SELECT count(*) FROM events").fetchone(), args.repeat)
        dyad_scan = best(lambda: con.execute(
            "SELECT count(*) FROM events WHERE actor_country = 'USA' "
            "AND recipient_country = 'ECU'").fetchone(), args.repeat)
        in_dyad = con.execute("SELECT count(*) FROM events WHERE actor_country = 'USA' "
                              "AND recipient_country = 'ECU'").fetchone()[0]
        cases = {
            "dyad_series USA→ECU by month, events (dedup)":
                lambda: dyad_series(store, "USA", "ECU", by="month"),
            "dyad_series USA→ECU by month, reports":
                lambda: dyad_series(store, "USA", "ECU", by="month", dedup=False),
            "dyad_series USA–ECU undirected by week, events":
                lambda: dyad_series(store, "USA", "ECU", by="week", directed=False),
            "dyad_series USAGOV→ECU by day, events":
                lambda: dyad_series(store, "USAGOV", "ECU", by="day"),
            "network by country, events": lambda: network(store),
            "top actors, events": lambda: top(store, "actors"),
        }
        results = {name: best(fn, args.repeat) for name, fn in cases.items()}
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.platform()}")
    print(f"store: {counts['events']:,} reports of {n_dedup:,} events, "
          f"{counts['articles']:,} articles; USA→ECU reports: {in_dyad:,}; generated in "
          f"{generated:.1f}s; best of {args.repeat}")
    print()
    print("| query | seconds | × count(*) | × filtered dyad count |")
    print("|---|---|---|---|")
    print(f"| baseline: SELECT count(*) FROM events | {base:.4f} | 1 | |")
    print(f"| baseline: count(*) of USA→ECU reports | {dyad_scan:.4f} | "
          f"{dyad_scan / base:.1f} | 1 |")
    for name, seconds in results.items():
        print(f"| {name} | {seconds:.4f} | {seconds / base:.0f} | {seconds / dyad_scan:.1f} |")
    tmp.cleanup()


if __name__ == "__main__":
    main()
