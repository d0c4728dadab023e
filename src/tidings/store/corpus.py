"""Link each stored batch to the corpus: copies to their first copy, reports to their event.

Runs inside the batch's transaction (``Store.write``), so links are written with the rows
they describe or not at all. Both links are incremental: a copy ingested in a later run is
still found (signatures are stored and the LSH index is rebuilt from them when a store is
opened for writing), and a report ingested later joins the event stored earlier.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..ingest.near_duplicates import NearDuplicateIndex, from_bytes, signature, to_bytes
from .coreference import ClusterPool
from .rows import Rows

_FETCH = 2000  # rows per round trip when streaming stored signatures

#: `events` columns coreference reads.
_REPORT_COLUMNS = ("event_id", "event", "date", "date_precision", "actor_country",
                   "actor_sector", "actor_id", "recipient_country", "recipient_sector",
                   "recipient_id", "location_name", "location_country", "lat", "lon")


@dataclass(frozen=True, slots=True)
class CorpusOptions:
    """Thresholds of the corpus layer (settings ``duplicate_threshold``,
    ``coref_window_days``, ``duplicate_window``)."""

    duplicate_threshold: float = 0.6
    coref_window_days: int = 1
    duplicate_window: int = 50_000

    @classmethod
    def from_settings(cls, settings: Any) -> CorpusOptions:
        """Read the options from Settings; an out-of-range value is an InputError."""
        from ..errors import InputError

        threshold, window = float(settings.duplicate_threshold), int(settings.coref_window_days)
        if not 0 <= threshold <= 1:
            raise InputError(f"duplicate_threshold={threshold}: must be between 0 and 1")
        if window < 0:
            raise InputError(f"coref_window_days={window}: must be 0 or more")
        kept = int(getattr(settings, "duplicate_window", cls.duplicate_window))
        if kept < 0:
            raise InputError(f"duplicate_window={kept}: must be 0 (no limit) or more")
        return cls(threshold, window, kept)


@dataclass
class LinkStats:
    """What linking found since the store was opened."""

    copies: int = 0  # articles linked to an earlier first copy
    joined: int = 0  # reports that joined an event reported before


class CorpusLinker:
    """Near-duplicate and coreference links for one store connection."""

    def __init__(self, con: Any, options: CorpusOptions | None = None) -> None:
        self.con = con
        self.options = options or CorpusOptions()
        self.stats = LinkStats()
        self._index: NearDuplicateIndex | None = None

    def configure(self, options: CorpusOptions) -> None:
        if options != self.options:
            self.options = options
            self._index = None  # rebuilt with the new threshold on next use

    def forget(self) -> None:
        """Drop in-memory state after a rolled-back batch (it is rebuilt from the store)."""
        self._index = None

    # -- near-duplicates -------------------------------------------------------------------
    def index(self) -> NearDuplicateIndex:
        """Return the LSH index of the stored articles (the most recent
        ``duplicate_window`` of them), built from stored signatures in the order stored."""
        if self._index is None:
            kept = self.options.duplicate_window
            index = NearDuplicateIndex(self.options.duplicate_threshold, kept)
            if index.enabled:
                limit = f"ORDER BY s.rowid DESC LIMIT {int(kept)}" if kept else ""
                cursor = self.con.execute(
                    "SELECT article_id, minhash, duplicate_of FROM ("
                    "SELECT s.rowid AS r, s.article_id, s.minhash, a.duplicate_of "
                    "FROM article_signatures s JOIN articles a ON a.article_id = s.article_id "
                    f"{limit}) ORDER BY r")
                while chunk := cursor.fetchmany(_FETCH):
                    index.add_many((aid, from_bytes(blob), dup) for aid, blob, dup in chunk)
            self._index = index
        return self._index

    def _backfill(self, index: NearDuplicateIndex, rows: Rows) -> None:
        """Sign articles stored before signatures were kept (schema 2 stores): they join
        the index now and their signatures are stored with this batch."""
        cursor = self.con.execute(
            "SELECT a.article_id, a.text, a.duplicate_of FROM articles a "
            "LEFT JOIN article_signatures s ON s.article_id = a.article_id "
            "WHERE s.article_id IS NULL")
        while chunk := cursor.fetchmany(_FETCH):
            for aid, text, dup in chunk:
                sig = signature(text or "")
                index.add(aid, sig, dup)
                rows["article_signatures"].append({"article_id": aid, "minhash": to_bytes(sig)})

    def _link_copies(self, rows: Rows, exact: dict[str, str] | None = None) -> None:
        """Link each article of the batch to the first copy it duplicates, if any.

        ``exact`` (content hash -> first copy) is given when relinking a whole store, whose
        articles are visited in ingest order; otherwise it comes from the stored articles.
        """
        articles = rows["articles"]
        if exact is None:
            hashes = [a["content_hash"] for a in articles]
            exact = dict(self.con.execute(
                "SELECT content_hash, min(coalesce(duplicate_of, article_id)) FROM articles "
                "WHERE content_hash IN (SELECT unnest(?)) GROUP BY 1", [hashes]).fetchall())
            fresh = self._index is None
            index = self.index()
            if fresh:
                self._backfill(index, rows)
        else:
            index = self.index()
        for article in articles:
            sig = signature(article["text"] or "")
            first = exact.get(article["content_hash"])
            if first is None:
                match = index.find(sig)
                first = match.article_id if match else None
            article["duplicate_of"] = first
            exact.setdefault(article["content_hash"], first or article["article_id"])
            index.add(article["article_id"], sig, first)
            rows["article_signatures"].append({"article_id": article["article_id"],
                                               "minhash": to_bytes(sig)})
            self.stats.copies += first is not None

    # -- coreference -----------------------------------------------------------------------
    def _pool(self, events: list[dict[str, Any]]) -> ClusterPool:
        """Return a ClusterPool holding the stored reports the new ones may cluster with.

        Those are, for each new report, the stored reports of its type in its window that
        share one of its countries (only their clusters can be joined, see ``ClusterPool``),
        and those clusters' other members in that window, which must agree too. Fetching
        every report of the batch's types and dates instead grew with the store.
        """
        import pyarrow as pa

        w = self.options.coref_window_days
        pool = ClusterPool(w, fetch=self._cluster_members)
        keys = {(e["event"], e["date"], country) for e in events if e["date"] is not None
                for country in {e["actor_country"], e["recipient_country"]} if country}
        if not keys:
            return pool
        window = timedelta(days=w)
        table = pa.table({"event": [k[0] for k in keys],
                          "lo": [k[1] - window for k in keys],
                          "hi": [k[1] + window for k in keys],
                          "country": [k[2] for k in keys]})
        with self._registered("_coref_keys", table):
            hits = self.con.execute(
                "SELECT DISTINCT c.cluster_id, k.event, k.lo, k.hi FROM events e "
                "JOIN event_clusters c ON c.event_id = e.event_id "
                "JOIN _coref_keys k ON e.event = k.event AND e.date BETWEEN k.lo AND k.hi "
                "AND k.country IN (e.actor_country, e.recipient_country)").fetchall()
        if not hits:
            return pool
        columns = dict(zip(("cluster_id", "event", "lo", "hi"), zip(*hits, strict=True),
                           strict=True))
        with self._registered("_coref_hits", pa.table(columns)):
            reports = self._reports("JOIN _coref_hits h ON h.cluster_id = c.cluster_id "
                                    "AND e.event = h.event AND e.date BETWEEN h.lo AND h.hi")
        for report in reports:
            pool.add(report, report["cluster_id"])
        for cluster_id, _, lo, hi in hits:
            pool.cover(cluster_id, lo.toordinal(), hi.toordinal())
        return pool

    def _cluster_members(self, cluster_id: str, kind: str, first: int, last: int
                         ) -> list[dict[str, Any]]:
        """Stored reports of one cluster and type between two days (ordinals)."""
        return self._reports("WHERE c.cluster_id = ? AND e.event = ? AND e.date BETWEEN ? AND ?",
                             [cluster_id, kind, date.fromordinal(first), date.fromordinal(last)])

    def _reports(self, condition: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Stored reports (``_REPORT_COLUMNS`` and their cluster) matching a join or WHERE
        clause on ``events e`` joined with ``event_clusters c``, in date order."""
        cols = ", ".join(f"e.{c}" for c in _REPORT_COLUMNS)
        cursor = self.con.execute(
            f"SELECT DISTINCT {cols}, c.cluster_id FROM events e "
            f"JOIN event_clusters c ON c.event_id = e.event_id {condition} "
            "ORDER BY e.date, e.event_id", params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    @contextmanager
    def _registered(self, name: str, table: Any) -> Iterator[None]:
        """Make an Arrow table queryable as ``name`` for the block."""
        self.con.register(name, table)
        try:
            yield
        finally:
            self.con.unregister(name)

    def _link_reports(self, rows: Rows) -> None:
        events = rows["events"]
        pool = self._pool(events)
        spans: dict[str, int] = {}
        for mention in rows["event_mentions"]:
            spans[mention["event_id"]] = spans.get(mention["event_id"], 0) + 1
        for event in events:
            cluster = pool.assign(event)
            self.stats.joined += cluster != event["event_id"]
            rows["event_clusters"].append({"event_id": event["event_id"],
                                           "cluster_id": cluster,
                                           "article_id": event["article_id"],
                                           "n_mentions": max(spans.get(event["event_id"], 0), 1)})

    def link(self, rows: Rows) -> None:
        """Fill ``duplicate_of``, ``article_signatures`` and ``event_clusters`` rows for a
        batch about to be stored (inside its transaction)."""
        rows.setdefault("article_signatures", [])
        rows.setdefault("event_clusters", [])
        self._link_copies(rows)
        self._link_reports(rows)


def relink(store: Any, chunk: int = 500) -> LinkStats:
    """Recompute every near-duplicate and coreference link of a store from scratch, visiting
    articles in ingest order, in one transaction (all or nothing).

    For a store written before schema 3 (no links yet), or after changing
    ``duplicate_threshold`` or ``coref_window_days``.
    """
    linker: CorpusLinker = store.corpus
    con = linker.con
    linker.stats = LinkStats()
    linker._index = NearDuplicateIndex(linker.options.duplicate_threshold)
    exact: dict[str, str] = {}
    ids = [r[0] for r in con.execute(
        "SELECT article_id FROM articles ORDER BY ingested_at, article_id").fetchall()]
    try:
        with store._transaction("relink"):
            con.execute("DELETE FROM event_clusters")
            con.execute("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
            for start in range(0, len(ids), chunk):
                part = ids[start:start + chunk]
                rows = _stored_rows(con, part)
                linker._link_copies(rows, exact)
                linker._link_reports(rows)
                links = [{"article_id": a["article_id"], "duplicate_of": a["duplicate_of"]}
                         for a in rows["articles"] if a["duplicate_of"]]
                if links:
                    import pyarrow as pa

                    with linker._registered("_links", pa.Table.from_pylist(links)):
                        con.execute("UPDATE articles SET duplicate_of = l.duplicate_of "
                                    "FROM _links l WHERE articles.article_id = l.article_id")
                store._insert("event_clusters", rows["event_clusters"])
                store._insert("article_signatures", rows["article_signatures"])
    except Exception:
        linker.forget()
        raise
    return linker.stats


def _stored_rows(con: Any, article_ids: list[str]) -> Rows:
    """Return the rows linking reads for some stored articles, in the given order."""
    order = {aid: i for i, aid in enumerate(article_ids)}

    def fetch(sql: str) -> list[dict[str, Any]]:
        cursor = con.execute(sql, [article_ids])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    articles = fetch("SELECT article_id, text, content_hash, NULL AS duplicate_of "
                     "FROM articles WHERE article_id IN (SELECT unnest(?))")
    articles.sort(key=lambda a: order[a["article_id"]])
    events = fetch(f"SELECT article_id, {', '.join(_REPORT_COLUMNS)}, sentence_start FROM events "
                   "WHERE article_id IN (SELECT unnest(?))")
    events.sort(key=lambda e: (order[e["article_id"]], e["sentence_start"] or 0, e["event_id"]))
    mentions = fetch("SELECT event_id FROM event_mentions WHERE article_id IN (SELECT unnest(?))")
    return {"articles": articles, "events": events, "event_mentions": mentions,
            "article_signatures": [], "event_clusters": []}
