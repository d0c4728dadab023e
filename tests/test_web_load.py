"""A bounded loopback load check: 1,000 requests to a real `tidings serve`, zero errors.

Count- and time-bounded so it fits CI; it writes requests/s and p99 latency to
build/serve-load.json (informational: CI machines are shared, so the speed is not asserted).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytestmark = pytest.mark.slow

from tidings.web.loadcheck import hammer  # noqa: E402

from .webutil import build_store, running_server  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def test_thousand_requests_without_an_error(tmp_path):
    import urllib.request

    db = build_store(tmp_path / "load.duckdb")
    # Cache off: every request runs its queries, so the loop exercises the store too.
    with running_server(db, log=tmp_path / "serve.log",
                        env={"TIDINGS_CACHE_ENTRIES": "0"}) as base:
        with urllib.request.urlopen(base + "/api/events?limit=1", timeout=10) as r:
            first = json.loads(r.read())["events"][0]
        paths = ["/api/health", "/api/events?limit=20", f"/api/events/{first['event_id']}",
                 "/api/actors?limit=20", f"/api/articles/{first['article_id']}",
                 "/api/overview", "/api/events?type=" + first["event"] + "&order=goldstein",
                 "/?format=json"]
        report = hammer(base, paths, count=1000, time_limit_s=240)
    result = report.as_dict()
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "serve-load.json").write_text(json.dumps(result, indent=1))
    print(f"\nserve load: {result}")
    assert not report.stopped_by_time, f"1,000 requests took over 240 s: {result}"
    assert report.requests == 1000
    assert report.errors == [], report.errors[:10]
