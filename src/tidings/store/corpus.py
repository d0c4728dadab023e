"""Link each stored batch to the corpus: copies to their first copy, reports to their event.

Runs inside the batch's transaction (``Store.write``), so links are written with the rows
they describe or not at all. Both links are incremental: a copy ingested in a later run is
still found (signatures are stored and the LSH index is rebuilt from them when a store is
opened for writing), and a report ingested later joins the event stored earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
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
    ``coref_window_days``)."""

    duplicate_threshold: float = 0.6
    coref_window_days: int = 1

    @classmethod
    def from_settings(cls, settings: Any) -> CorpusOptions:
        """Read the options from Settings; an out-of-range value is an InputError."""
        from ..errors import InputError

        threshold, window = float(settings.duplicate_threshold), int(settings.coref_window_days)
        if not 0 <= threshold <= 1:
            raise InputError(f"duplicate_threshold={threshold}: must be between 0 and 1")
        if window < 0:
            raise InputError(f"coref_window_days={window}: must be 0 or more")
        return cls(threshold, window)


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
        """Return the LSH index of every stored article, built from stored signatures."""
        if self._index is None:
            index = NearDuplicateIndex(self.options.duplicate_threshold)
            if index.enabled:
                cursor = self.con.execute(
                    "SELECT s.article_id, s.minhash, a.duplicate_of FROM article_signatures s "
                    "JOIN articles a ON a.article_id = s.article_id")
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

    def _link_copies(self, rows: Rows) -> None:
        articles = rows["articles"]
        hashes = [a["content_hash"] for a in articles]
        exact = dict(self.con.execute(
            "SELECT content_hash, min(coalesce(duplicate_of, article_id)) FROM articles "
            "WHERE content_hash IN (SELECT unnest(?)) GROUP BY 1", [hashes]).fetchall())
        fresh = self._index is None
        index = self.index()
        if fresh:
            self._backfill(index, rows)
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
    def _stored_reports(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Return stored reports (with their cluster) within the window of the new ones."""
        import pyarrow as pa

        window = timedelta(days=self.options.coref_window_days)
        keys = {(e["event"], e["date"]) for e in events if e["date"] is not None}
        if not keys:
            return []
        table = pa.table({"event": [k[0] for k in keys],
                          "lo": [k[1] - window for k in keys],
                          "hi": [k[1] + window for k in keys]})
        self.con.register("_coref_keys", table)
        try:
            cols = ", ".join(f"e.{c}" for c in _REPORT_COLUMNS)
            cursor = self.con.execute(
                f"SELECT DISTINCT {cols}, c.cluster_id FROM events e "
                "JOIN event_clusters c ON c.event_id = e.event_id "
                "JOIN _coref_keys k ON e.event = k.event AND e.date BETWEEN k.lo AND k.hi "
                "ORDER BY e.date, e.event_id")
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        finally:
            self.con.unregister("_coref_keys")

    def _link_reports(self, rows: Rows) -> None:
        events = rows["events"]
        pool = ClusterPool(self.options.coref_window_days)
        for report in self._stored_reports(events):
            pool.add(report, report["cluster_id"])
        for event in events:
            cluster = pool.assign(event)
            self.stats.joined += cluster != event["event_id"]
            rows["event_clusters"].append({"event_id": event["event_id"],
                                           "cluster_id": cluster,
                                           "article_id": event["article_id"]})

    def link(self, rows: Rows) -> None:
        """Fill ``duplicate_of``, ``article_signatures`` and ``event_clusters`` rows for a
        batch about to be stored (inside its transaction)."""
        rows.setdefault("article_signatures", [])
        rows.setdefault("event_clusters", [])
        self._link_copies(rows)
        self._link_reports(rows)
