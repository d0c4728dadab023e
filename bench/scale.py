"""Scaling of tidings' ingest against the parse floor, on a sample of Reuters-21578.

Usage: .venv/bin/python bench/scale.py [--n 1000] [--workers 1 2] [--repeat 3] [--no-spark]
                                       [--json OUT]

For each worker count k, in the same run and on the same texts:
- bare spaCy: ``nlp.pipe(texts, n_process=k)`` with the same model — the parse alone;
- tidings: ``tidings.run`` end to end with ``workers=k`` — read the JSONL file, parse,
  extract, write every batch to a fresh DuckDB store (worker start-up and model loading
  included, as they are for ``nlp.pipe`` with k > 1).
Each pair runs ``--repeat`` times, alternating, and the pair with the median ratio is shown
(all the ratios too). It prints articles/s and words/s of each, tidings' words/s as a share
of the bare pass's
(spaCy's n_process forks the parent, which has the model loaded already, while tidings'
workers are spawned and load it: so tidings' words/s once the first batch is stored is
printed too),
the peak resident memory of a worker, each extractor step's cost as a share of the parse
(one process, --steps articles), and (unless --no-spark) the Spark engine on
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


def tidings_pass(sample: Path, workdir: Path, workers: int, batch_size: int,
                 words: list[int]) -> tuple[float, dict]:
    """Time ``tidings.run`` end to end; also its words/s once the first batch is stored
    (after worker start-up), from the time each batch is written."""
    db = workdir / f"bench-{workers}.duckdb"
    settings = Settings.load(db=str(db), workers=workers, batch_size=batch_size, progress=False)
    stored_at: list[float] = []
    started = time.perf_counter()
    with open_store(db) as store:
        report = run([sample], store, settings, progress=lambda n: stored_at.append(time.perf_counter()))
    seconds = time.perf_counter() - started
    db.unlink()
    info = {"events": report.events, "stored": report.stored, "workers_used": report.workers,
            "worker_peak_rss_mb": round(report.worker_peak_rss_mb),
            "first_batch_stored_after_s": round(stored_at[0] - started, 1)}
    if len(stored_at) > 1:  # the sample has no skips or repeats: batch i is articles i*size...
        info["tidings_steady_words_per_s"] = round(
            sum(words[batch_size:]) / (stored_at[-1] - stored_at[0]))
    return seconds, info


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


def step_costs(articles: list[Article], n: int) -> dict:
    """Seconds of each extractor step over n parsed articles, as a share of their parse:
    where the time above the parse floor goes (one process, model already loaded)."""
    from tidings.pipeline import default_pipeline

    sample = articles[:n]
    nlp = load_model()
    started = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in sample], batch_size=32))
    parse = time.perf_counter() - started
    pipeline = default_pipeline(Settings.load())
    spent = dict.fromkeys(pipeline.names, 0.0)
    for article, doc in zip(sample, docs, strict=True):
        known = {"article": article, "doc": doc, "options": pipeline.options}
        for extractor in pipeline.extractors:
            t = time.perf_counter()
            known[extractor.assigns] = extractor.func(doc, known)
            spent[extractor.name] += time.perf_counter() - t
    return {"articles": len(sample), "parse_s": round(parse, 2),
            "share_of_parse": {name: round(s / parse, 3) for name, s in spent.items()},
            "all_steps_share_of_parse": round(sum(spent.values()) / parse, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="stories in the sample")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3,
                        help="bare/tidings pairs per worker count; the median pair is shown")
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--steps", type=int, default=200,
                        help="articles for the per-step cost table (0: skip it)")
    parser.add_argument("--json", help="also write the result here")
    args = parser.parse_args()
    if not REUTERS.exists():
        raise SystemExit(f"{REUTERS}: not found (the bench reads ../shared/data/reuters-21578)")

    workdir = Path(tempfile.mkdtemp(prefix="tidings-bench-"))
    sample = workdir / "sample.jsonl"
    articles = write_sample(args.n, sample)
    texts = [a.text for a in articles]
    per_article = [len(t.split()) for t in texts]
    words = sum(per_article)
    load_model()
    bare_pass(texts[:20], 1)  # warm up

    rows = []
    for k in args.workers:
        # Alternate the two passes and keep the median pair: on a shared machine a burst of
        # other work hits one pass and skews a single ratio either way.
        pairs = []
        for _ in range(args.repeat):
            bare = bare_pass(texts, k)
            full, info = tidings_pass(sample, workdir, k, args.batch_size, per_article)
            pairs.append((bare / full, bare, full, info))
        pairs.sort(key=lambda p: p[0])
        ratio, bare, full, info = pairs[len(pairs) // 2]
        rows.append({"workers": k, "bare_words_per_s": round(words / bare),
                     "tidings_words_per_s": round(words / full),
                     "tidings_articles_per_s": round(len(texts) / full, 1),
                     "tidings_vs_bare": round(ratio, 3),
                     "tidings_vs_bare_each_run": [round(p[0], 3) for p in pairs], **info})
    result = {
        "python": platform.python_version(),
        "sample": f"first {len(texts)} Reuters-21578 stories with >= 50 words",
        "articles": len(texts), "words": words, "runs": rows,
        "parent_peak_rss_mb": round(peak_rss_mb()),
    }
    if args.steps:
        result["step_costs"] = step_costs(articles, args.steps)
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
