"""Ingest Reuters-21578 into a store, streaming, with resident memory tracked as it goes.

Usage: .venv/bin/python bench/ingest_memory.py [--n 2000] [--db PATH] [--batch-size 64]
       (--n 0 ingests every story with a body: 19,043)

The stories are read one line at a time from ../shared/data/reuters-21578/reuters21578.jsonl
and handed to ``tidings.run`` as a generator, so nothing holds the corpus: each batch is
parsed, coded, linked (near-duplicates, event coreference) and stored in one transaction, then
dropped. Resident memory (VmRSS) is sampled after every batch; the claim "memory is bounded"
is the growth after the first batches (model loaded, caches warm) against the text ingested.
The time spent storing and linking is measured in the same run, as a share of the whole.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tidings.errors import Skipped
from tidings.ingest.cleaning import build_article
from tidings.pipeline import run
from tidings.settings import Settings
from tidings.store import open_store

REUTERS = (Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters-21578"
           / "reuters21578.jsonl")


def rss_mb(field: str = "VmRSS") -> float:
    """Return this process's resident memory (or its peak, VmHWM) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


class PeakWatcher(threading.Thread):
    """Sample VmRSS every 50 ms, remembering the highest and how far the ingest had got."""

    def __init__(self, counter: dict[str, int]) -> None:
        super().__init__(daemon=True)
        self.counter = counter
        self.peak = (0.0, 0)
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.05):
            rss = rss_mb()
            if rss > self.peak[0]:
                self.peak = (rss, self.counter["n"])


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of RSS against stories read (MB per story)."""
    if len(points) < 2:
        return 0.0
    mx = sum(n for n, _ in points) / len(points)
    my = sum(r for _, r in points) / len(points)
    var = sum((n - mx) ** 2 for n, _ in points)
    return sum((n - mx) * (r - my) for n, r in points) / var if var else 0.0


def stories(path: Path, limit: int, counter: dict[str, int]) -> Iterator[object]:
    """Yield Articles (and Skipped) from the Reuters file, one line at a time."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            record = json.loads(line)
            if not (record.get("body") or "").strip():
                continue
            article, warnings = build_article(
                {"id": f"reuters-{record['newid']}", "text": record["body"],
                 "title": record.get("title"), "published": record.get("date"),
                 "source": "Reuters"}, str(path), number, 1_000_000)
            yield from warnings
            if not isinstance(article, Skipped):
                counter["chars"] += len(article.text)
            yield article
            counter["n"] += 1
            if limit and counter["n"] >= limit:
                return


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000, help="stories to ingest (0: all)")
    parser.add_argument("--db", help="store path (default: a temporary file)")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    if not REUTERS.exists():
        raise SystemExit(f"{REUTERS}: not found (the bench reads ../shared beside the clone)")
    tmp = tempfile.TemporaryDirectory()
    db = Path(args.db or Path(tmp.name) / "reuters.duckdb")
    settings = Settings.load(db=str(db), batch_size=args.batch_size, progress=False)
    counter = {"n": 0, "chars": 0}
    samples: list[tuple[int, float]] = []
    timing = {"write": 0.0}
    started = time.perf_counter()
    watcher = PeakWatcher(counter)
    watcher.start()
    from tidings.annotate import load_model

    nlp = load_model(settings.model)
    strings_before = len(nlp.vocab.strings)
    with open_store(db) as store:
        real_write = store.write

        def timed_write(extractions):
            t0 = time.perf_counter()
            try:
                return real_write(extractions)
            finally:
                timing["write"] += time.perf_counter() - t0

        store.write = timed_write  # type: ignore[method-assign]

        def progress(_: int) -> None:
            samples.append((counter["n"], rss_mb()))

        report = run(store=store, settings=settings,
                     articles=stories(REUTERS, args.n, counter), progress=progress)
        counts = store.table_counts()
        clusters = store.con.execute(
            "SELECT count(DISTINCT cluster_id) FROM event_clusters").fetchone()[0]
    total = time.perf_counter() - started
    watcher.stop.set()
    peak = rss_mb("VmHWM")
    strings_added = len(nlp.vocab.strings) - strings_before
    warm_n, warm_rss = samples[min(2, len(samples) - 1)]
    end_n, end_rss = samples[-1]
    growth = end_rss - warm_rss
    per_k = slope([(n, r) for n, r in samples if n >= warm_n]) * 1000
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores (shared), Python "
          f"{platform.python_version()}")
    print(f"stories: {report.read} read, {report.stored} stored, {len(report.skipped)} "
          f"skipped, {report.copies} near-duplicate copies, {report.events} events "
          f"({clusters} after coreference); {counter['chars'] / 1e6:.1f} M characters")
    print(f"time: {total:.1f}s, {report.read / total:.1f} stories/s; storing and corpus "
          f"linking {timing['write']:.1f}s = {timing['write'] / total:.1%} of the run")
    print(f"memory: peak {peak:.0f} MB; {warm_rss:.0f} MB after {warm_n} stories (model "
          f"loaded), {end_rss:.0f} MB after {end_n}: +{growth:.0f} MB, "
          f"trend {per_k:.1f} MB per 1,000 stories (least squares over the samples); text ingested "
          f"{counter['chars'] / 1e6:.1f} MB")
    print(f"highest sampled RSS {watcher.peak[0]:.0f} MB when {watcher.peak[1]} stories had "
          f"been read; spaCy vocabulary grew by {strings_added:,} strings")
    print("rss samples (stories, MB): " + ", ".join(
        f"({n}, {r:.0f})" for n, r in samples[:: max(len(samples) // 10, 1)]))
    print(f"store: {db.stat().st_size / 1e6:.1f} MB file; rows: "
          + ", ".join(f"{t} {n}" for t, n in counts.items() if n))
    tmp.cleanup()


if __name__ == "__main__":
    main()
