"""Scaling of tidings' ingest against the parse floor, on a sample of Reuters-21578.

Usage: .venv/bin/python bench/scale.py [--n 1000] [--workers 1 2] [--no-spark] [--json OUT]

For each worker count k, in the same run and on the same texts:
- bare spaCy: ``nlp.pipe(texts, n_process=k)`` with the same model — the parse alone;
- tidings: ``tidings.run`` end to end with ``workers=k`` — read the JSONL file, parse,
  extract, write every batch to a fresh DuckDB store (worker start-up and model loading
  included, as they are for ``nlp.pipe`` with k > 1).
It prints articles/s and words/s of each, tidings' words/s as a share of the bare pass's,
the peak resident memory of a worker, and (unless --no-spark) the Spark engine on
``local[k]`` for the largest k, without the session start-up (reported separately).
The sample is the first N stories of the corpus file with at least 50 words of body.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

from tidings.annotate import load_model
from tidings.ingest import ReadOptions, read_articles
from tidings.pipeline import run
from tidings.records import Article
from tidings.scale.local import peak_rss_mb
from tidings.settings import Settings
from tidings.store import open_store

REUTERS = (Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters-21578"
           / "reuters21578.jsonl")


def write_sample(n: int, path: Path) -> list[Article]:
    """Write the first n stories (≥ 50 words) as tidings JSON lines; return them as read."""
    with REUTERS.open(encoding="utf-8") as handle, path.open("w", encoding="utf-8") as out:
        kept = 0
        for line in handle:
            record = json.loads(line)
            body = (record.get("body") or "").strip()
            if len(body.split()) < 50:
                continue
            out.write(json.dumps({"id": f"r{record['newid']}", "title": record.get("title"),
                                  "text": body}) + "\n")
            kept += 1
            if kept >= n:
                break
    return [a for a in read_articles([path], ReadOptions()) if isinstance(a, Article)]


def bare_pass(texts: list[str], processes: int) -> float:
    nlp = load_model()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=32):
        pass
    return time.perf_counter() - started


def tidings_pass(sample: Path, workdir: Path, workers: int, batch_size: int) -> tuple[float, dict]:
    db = workdir / f"bench-{workers}.duckdb"
    settings = Settings.load(db=str(db), workers=workers, batch_size=batch_size, progress=False)
    started = time.perf_counter()
    with open_store(db) as store:
        report = run([sample], store, settings)
    seconds = time.perf_counter() - started
    db.unlink()
    return seconds, {"events": report.events, "stored": report.stored,
                     "workers_used": report.workers,
                     "worker_peak_rss_mb": round(report.worker_peak_rss_mb)}


def spark_pass(sample: Path, workdir: Path, workers: int, batch_size: int) -> dict:
    from tidings.scale.spark import run_spark, spark_session

    started = time.perf_counter()
    session = spark_session(f"local[{workers}]")
    start_up = time.perf_counter() - started
    out = workdir / "spark-out"
    try:
        report = run_spark([sample], out, Settings.load(batch_size=batch_size), session=session)
    finally:
        session.stop()
        shutil.rmtree(out, ignore_errors=True)
    return {"master": f"local[{workers}]", "session_start_s": round(start_up, 1),
            "seconds": round(report.seconds, 1), "events": report.events}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="stories in the sample")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--json", help="also write the result here")
    args = parser.parse_args()
    if not REUTERS.exists():
        raise SystemExit(f"{REUTERS}: not found (the bench reads ../shared/data/reuters-21578)")

    workdir = Path(tempfile.mkdtemp(prefix="tidings-bench-"))
    sample = workdir / "sample.jsonl"
    articles = write_sample(args.n, sample)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    load_model()
    bare_pass(texts[:20], 1)  # warm up

    rows = []
    for k in args.workers:
        bare = bare_pass(texts, k)
        full, info = tidings_pass(sample, workdir, k, args.batch_size)
        rows.append({"workers": k, "bare_words_per_s": round(words / bare),
                     "tidings_words_per_s": round(words / full),
                     "tidings_articles_per_s": round(len(texts) / full, 1),
                     "tidings_vs_bare": round(bare / full, 3), **info})
    result = {
        "python": platform.python_version(),
        "sample": f"first {len(texts)} Reuters-21578 stories with >= 50 words",
        "articles": len(texts), "words": words, "runs": rows,
        "parent_peak_rss_mb": round(peak_rss_mb()),
    }
    if not args.no_spark:
        k = max(args.workers)
        spark = spark_pass(sample, workdir, k, args.batch_size)
        local = next(r for r in rows if r["workers"] == k)
        spark["articles_per_s"] = round(len(texts) / spark["seconds"], 1)
        spark["vs_local_engine"] = round(spark["articles_per_s"] / local["tidings_articles_per_s"], 3)
        result["spark"] = spark
    result["machine"] = (f"{platform.machine()} {os.cpu_count()} cores, load average "
                         f"{os.getloadavg()[0]:.1f} at the end")
    shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
