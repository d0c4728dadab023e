"""Cost of the facts steps (counts, amounts, quotes, themes, event contexts, tone) against
the parse and the event coder, same texts, same process.

Usage: .venv/bin/python bench/facts_overhead.py [--n 300] [--source reuters|demo] [--repeat 3]

Parses the texts once (timed: the baseline), then runs the default pipeline without the
facts steps and the full default pipeline over the same Docs, alternating, best of
``--repeat`` kept; prints each time and the facts steps' cost as a share of the parse.
"""

from __future__ import annotations

import os
import platform
import time

from throughput import load_texts, sample_args

from tidings.annotate import load_model
from tidings.extract.pipeline import DEFAULT_STEPS, Pipeline

FACT_STEPS = ("counts", "amounts", "quotes", "themes", "event_contexts", "tone")
#: Every default step but the facts ones (events, mentions, places, ...): the baseline.
OTHER_STEPS = tuple(step for step in DEFAULT_STEPS if step not in FACT_STEPS)


def main() -> None:
    args = sample_args(300)
    articles = load_texts(args.source, args.n)
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_model()
    list(nlp.pipe(a.text for a in articles[:20]))  # warm up
    start = time.perf_counter()
    docs = list(nlp.pipe(a.text for a in articles))
    parse = time.perf_counter() - start
    events, full = Pipeline(OTHER_STEPS), Pipeline(DEFAULT_STEPS)
    best = {"events": float("inf"), "full": float("inf")}
    for _ in range(args.repeat):
        for name, pipeline in (("events", events), ("full", full)):
            start = time.perf_counter()
            for doc, article in zip(docs, articles, strict=True):
                pipeline.run(doc, article)
            best[name] = min(best[name], time.perf_counter() - start)
    facts = best["full"] - best["events"]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {len(articles)} {args.source} texts, {words:,} words")
    print(f"parse {parse:.2f} s ({words / parse:,.0f} words/s); steps without facts "
          f"{best['events']:.2f} s; all steps {best['full']:.2f} s")
    print(f"facts steps: {facts:.2f} s = {100 * facts / parse:.1f}% of the parse time")


if __name__ == "__main__":
    main()
