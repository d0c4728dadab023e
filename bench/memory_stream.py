"""Memory on a long stream: ingest N synthetic short articles (generated lazily, never held
in a list) into a fresh store and record the process's resident memory as it goes.

Bounded memory means the resident set stops growing once the model is loaded and the
first batches are through: the report gives RSS at the start (model loaded), the peak,
the end, and the growth over the second half of the run per 10,000 articles.

    .venv/bin/python bench/memory_stream.py                 # 100,000 articles
    .venv/bin/python bench/memory_stream.py --articles 5000 # a quicker look

Results go to stdout and, as JSON, to bench/results/memory_stream.json. The articles are
made up from templates (no data set is read), so anyone can rerun it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tidings.annotate import load_model
from tidings.pipeline import run
from tidings.records import Article
from tidings.settings import Settings
from tidings.store import open_store

COUNTRIES = ["Kenya", "Ethiopia", "France", "Brazil", "India", "Japan", "Egypt", "Peru",
             "Canada", "Nigeria", "Germany", "Chile", "Vietnam", "Ghana", "Norway", "Mexico"]
ROLES = ["president", "prime minister", "foreign minister", "defence minister", "army chief"]
VERBS = ["met", "criticised", "praised", "accused", "thanked", "threatened", "visited",
         "called on", "signed an agreement with", "condemned"]
CITIES = ["Nairobi", "Paris", "Lima", "Cairo", "Tokyo", "Accra", "Oslo", "Hanoi"]
DAYS = ["on Monday", "on Tuesday", "last week", "on March 3", "yesterday", ""]


def synthetic_articles(n: int, seed: int = 7) -> Iterator[Article]:
    """Yield n short wire-style articles, one at a time (a stream, not a list)."""
    rng = random.Random(seed)
    for i in range(n):
        a, b = rng.sample(COUNTRIES, 2)
        lines = []
        for _ in range(rng.randint(2, 4)):
            lines.append(f"{a}'s {rng.choice(ROLES)} {rng.choice(VERBS)} {b}'s "
                         f"{rng.choice(ROLES)} in {rng.choice(CITIES)} {rng.choice(DAYS)}.")
        lines.append(f"Police arrested {rng.randint(2, 400)} protesters, officials said.")
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield Article(id=f"mem-{i:07d}", text=" ".join(lines), published=day)


def _rss_kib(pid: int | str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:  # the process ended meanwhile
        pass
    return 0


def rss_parts_mb() -> tuple[float, float]:
    """Resident memory of this process and of its worker processes now, in MiB (Linux
    /proc): apart, to tell whether any growth is the writer's or the workers'."""
    me, workers = os.getpid(), 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == me:
                workers += _rss_kib(stat.parent.name)
        except (OSError, IndexError, ValueError):
            continue
    return _rss_kib(me) / 1024, workers / 1024


def rss_mb() -> float:
    """Resident memory of this process and its worker processes now, in MiB."""
    return sum(rss_parts_mb())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--samples", type=int, default=40, help="RSS samples over the run")
    parser.add_argument("--workers", type=int, default=1,
                        help="worker processes (their memory is counted too)")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" /
                                              "memory_stream.json"))
    args = parser.parse_args(argv)

    load_model()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "memory.duckdb"
        settings = Settings.load(db=str(db), batch_size=args.batch_size, progress=False,
                                 workers=args.workers)
        # Warm up on one batch so the start figure includes the model and the store.
        with open_store(db) as store:
            run(articles=synthetic_articles(args.batch_size, seed=1), store=store,
                settings=settings)
        start = rss_mb()
        every = max(args.articles // args.samples, args.batch_size)
        samples: list[tuple[int, float, float, float, int, float]] = []
        done = 0
        began = time.perf_counter()
        strings = load_model().vocab.strings

        def progress(n: int) -> None:
            nonlocal done
            before, done = done, done + n
            if done // every != before // every or done == args.articles:
                # What DuckDB holds (buffer cache of the growing file) and the spaCy string
                # store's size, to tell where any growth comes from.
                duck = store.con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()"
                                         ).fetchone()[0] / 2**20
                writer, workers = rss_parts_mb()
                samples.append((done, time.perf_counter() - began, writer + workers, duck,
                                len(strings), writer))
                print(f"{done:>8,} articles  {samples[-1][1]:7.1f} s  {samples[-1][2]:7.1f} MiB"
                      f" (writer {writer:6.1f})  duckdb {duck:6.1f} MiB  strings {len(strings):,}",
                      file=sys.stderr, flush=True)

        with open_store(db) as store:
            samples.append((0, 0.0, start, 0.0, len(strings), start))
            report = run(articles=synthetic_articles(args.articles), store=store,
                         settings=settings, progress=progress)
            stored = store.table_counts()
        seconds = time.perf_counter() - began
        db_mb = db.stat().st_size / 2**20

    half = [s for s in samples if s[0] >= args.articles // 2]
    growth = ((half[-1][2] - half[0][2]) / max(half[-1][0] - half[0][0], 1) * 10_000
              if len(half) > 1 else float("nan"))
    result = {
        "articles": args.articles, "batch_size": args.batch_size, "workers": args.workers,
        "stored_articles": stored["articles"], "stored_events": stored["events"],
        "skipped": len(report.skipped), "seconds": round(seconds, 1),
        "articles_per_second": round(args.articles / seconds, 1),
        "rss_start_mib": round(start, 1), "rss_peak_mib": round(max(s[2] for s in samples), 1),
        "rss_end_mib": round(samples[-1][2], 1),
        "rss_growth_second_half_mib_per_10k": round(growth, 2),
        "db_file_mib": round(db_mb, 1),
        "duckdb_end_mib": round(samples[-1][3], 1), "spacy_strings_end": samples[-1][4],
        "samples": [{"articles": a, "seconds": round(t, 1), "rss_mib": round(r, 1),
                     "writer_rss_mib": round(w, 1), "duckdb_mib": round(d, 1),
                     "spacy_strings": n}
                    for a, t, r, d, n, w in samples],
        "python": sys.version.split()[0],
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "samples"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
