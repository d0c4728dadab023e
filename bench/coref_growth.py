"""Does storing a batch get slower as the store grows? The writer alone (store, near-duplicate
links, event coreference), on made-up extractions, so no parse is timed.

Usage: .venv/bin/python bench/coref_growth.py [--articles 60000] [--per-day 2000] [--spread]

A stream of articles, each with three events between countries drawn from a skewed (Zipf)
distribution over 60 codes and eight PLOVER types, is written in batches of 64 to a fresh
store. By default the stream moves through time like a feed (``--per-day`` articles a day);
``--spread`` dates every event anywhere in one year instead, so the reports per day keep
growing with the store (the worst case for coreference, which compares reports within days
of each other). It prints the write rate (articles/s) of each slice of the stream and the
last slice's rate as a share of the first's, measured in the same run: 1.0 means the
store's size costs nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from tidings.ontology import cameo_code, plover_event
from tidings.records import Actor, Article, CameoView, Event, Extraction
from tidings.settings import Settings
from tidings.store import open_store

TYPES = {"CONSULT": "040", "COOPERATE": "061", "ACCUSE": "112", "REQUEST": "100",
         "AID": "070", "PROTEST": "140", "ASSAULT": "190", "THREATEN": "130"}
SECTORS = [None, "GOV", "MIL", "CVL", "OPP"]
WORDS = ("the", "minister", "said", "talks", "would", "go", "on", "after", "officials",
         "declined", "to", "comment", "on", "new", "measures")
KINDS = tuple(TYPES)


def countries(n: int = 60) -> list[str]:
    """Sixty made-up three-letter codes (AAA, AAB, ...): the distribution matters, not names."""
    return [a + b + c for a in "ABC" for b in "ABCDE" for c in "ABCD"][:n]


def stream(n: int, per_day: int, spread: bool, seed: int = 11) -> Iterator[Extraction]:
    rng = random.Random(seed)
    codes = countries()
    weights = [1 / (i + 1) for i in range(len(codes))]  # Zipf: a few countries in most news
    start = date(2024, 1, 1)
    for i in range(n):
        day = start + timedelta(days=rng.randrange(366) if spread else i // per_day)
        events = []
        for j in range(3):
            kind = rng.choice(KINDS)
            a, r = rng.choices(codes, weights, k=2)
            actor = Actor(a, a, a, rng.choice(SECTORS)) if rng.random() > 0.1 else None
            recipient = Actor(r, r, r, rng.choice(SECTORS)) if rng.random() > 0.3 else None
            code, pe = cameo_code(TYPES[kind]), plover_event(kind)
            events.append(Event(
                id=f"g{i}-{j}", event=kind, actor=actor, recipient=recipient,
                date=day.isoformat(), date_precision="day", date_source="text",
                quad_code=pe.quad_code, event_scale=pe.score,
                cameo=CameoView(code.code, code.code[:2], code.goldstein, code.quad_class,
                                actor.code if actor else None,
                                recipient.code if recipient else None),
                event_text=kind.lower(), sentence=(0, 10), confidence=0.9, mentions=((0, 5),)))
        text = " ".join(rng.choice(WORDS) for _ in range(120)) + f" story {i}."
        yield Extraction(article=Article(f"g{i}", text, published=day.isoformat()),
                         events=tuple(events))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=60_000)
    parser.add_argument("--per-day", type=int, default=2_000)
    parser.add_argument("--spread", action="store_true")
    parser.add_argument("--slices", type=int, default=6)
    parser.add_argument("--json", help="also write the result here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "growth.duckdb"
        slice_size = max(args.articles // args.slices, 64)
        rates, batch, spent, in_slice, joined = [], [], 0.0, 0, 0
        with open_store(db) as store:
            store.use_settings(Settings.load())
            for extraction in stream(args.articles, args.per_day, args.spread):
                batch.append(extraction)
                if len(batch) == 64:
                    started = time.perf_counter()
                    store.write(batch)
                    spent += time.perf_counter() - started
                    in_slice += len(batch)
                    batch = []
                    if in_slice >= slice_size:
                        rates.append(round(in_slice / spent, 1))
                        in_slice, spent = 0, 0.0
            if batch:
                store.write(batch)
            joined = store.corpus.stats.joined
            events = store.table_counts()["events"]
    result = {
        "articles": args.articles, "events": events, "reports_joined": joined,
        "stream": "spread over one year" if args.spread else f"{args.per_day} articles a day",
        "slice_articles": slice_size, "articles_per_s_by_slice": rates,
        "last_vs_first": round(rates[-1] / rates[0], 3) if rates else None,
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}",
    }
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
