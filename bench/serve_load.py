"""Requests/s and latency of `tidings serve` on loopback (the figure in docs/api.md).

Usage: .venv/bin/python bench/serve_load.py [--db demo.duckdb] [--n 1000]

Starts the server on a free port over the given store (default: builds a 12-article store
in a temporary folder), sends N GET requests over one keep-alive connection, cycling
through the main read endpoints, and prints the report with the machine it ran on. The
baseline, measured in the same run on the same server, is N requests to /api/health (the
cost of HTTP, routing and headers alone); the ratio is mixed/baseline requests per second.
It runs twice: with the read cache off (every request runs its queries) and on (default).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.webutil import build_store, running_server  # noqa: E402

from tidings.web.loadcheck import hammer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store to serve (default: a fresh 12-article store)")
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else build_store(Path(tmp) / "bench.duckdb")
        for label, entries in (("cache_off", "0"), ("cache_on", "256")):
            with running_server(db, env={"TIDINGS_CACHE_ENTRIES": entries}) as base:
                import urllib.request

                with urllib.request.urlopen(base + "/api/events?limit=1", timeout=10) as r:
                    first = json.loads(r.read())["events"][0]
                paths = ["/api/health", "/api/events?limit=20",
                         f"/api/events/{first['event_id']}", "/api/actors?limit=20",
                         f"/api/articles/{first['article_id']}", "/api/overview",
                         "/?format=json"]
                baseline = hammer(base, ["/api/health"], count=args.n, time_limit_s=600)
                report = hammer(base, paths, count=args.n, time_limit_s=600)
            out[label] = {"mixed": report.as_dict(), "baseline_health": baseline.as_dict(),
                          "ratio_vs_baseline": round(report.per_second / baseline.per_second, 3)}
    print(json.dumps({**out, "machine": platform.platform(), "cpus": os.cpu_count()}, indent=1))


if __name__ == "__main__":
    main()
