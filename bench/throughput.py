"""Throughput of tidings' extraction vs a bare spaCy pass over the same texts, same process.

Usage: .venv/bin/python bench/throughput.py [--n 500] [--source reuters|demo]

Prints words/s for (a) nlp.pipe alone and (b) nlp.pipe + tidings extractors, and their
ratio, with the machine it ran on. Both passes parse the same texts with the same model in
the same process; (b) adds only what tidings does on top of the parse.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from tidings.annotate import load_model
from tidings.demo import demo_corpus_path
from tidings.extract.pipeline import Pipeline
from tidings.ingest import ReadOptions, read_articles
from tidings.records import Article

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters-21578" / "reuters21578.jsonl"


def load_texts(source: str, n: int) -> list[Article]:
    if source == "reuters" and REUTERS.exists():
        out = []
        with REUTERS.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                body = (record.get("body") or "").strip()
                if len(body.split()) >= 50:
                    out.append(Article(f"r{record['newid']}", body, record.get("title")))
                if len(out) >= n:
                    break
        return out
    items = read_articles([demo_corpus_path()], ReadOptions())
    out = []
    for item in items:
        if isinstance(item, Article):
            out.append(item)
            if len(out) >= n:
                break
    return out


def sample_args(default_n: int) -> argparse.Namespace:
    """Parse the sample options the overhead benches share (--n, --source, --repeat)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=default_n)
    parser.add_argument("--source", default="reuters", choices=["reuters", "demo"])
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args()


def main() -> None:
    args = sample_args(500)
    articles = load_texts(args.source, args.n)
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_model()
    pipeline = Pipeline()
    list(nlp.pipe(a.text for a in articles[:20]))  # warm up

    def bare_pass() -> float:
        started = time.perf_counter()
        for _ in nlp.pipe(a.text for a in articles):
            pass
        return time.perf_counter() - started

    def full_pass() -> tuple[float, int]:
        started = time.perf_counter()
        found = 0
        for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
            found += len(pipeline.run(doc, article).events)
        return time.perf_counter() - started, found

    # Alternate the two passes and keep each one's best time, so neither gains from order.
    bares, fulls = [], []
    for _ in range(args.repeat):
        bares.append(bare_pass())
        seconds, events = full_pass()
        fulls.append(seconds)
    bare, full = min(bares), min(fulls)

    result = {
        "machine": f"{platform.machine()} {platform.processor() or ''} {os.cpu_count()} cores".strip(),
        "python": platform.python_version(), "source": args.source,
        "articles": len(articles), "words": words, "events": events,
        "bare_spacy_words_per_s": round(words / bare), "tidings_words_per_s": round(words / full),
        "tidings_vs_bare": round(bare / full, 3),
        "overhead_pct": round(100 * (full - bare) / bare, 1),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
