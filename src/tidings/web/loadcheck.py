"""A bounded load check for a running server: N requests on one keep-alive connection.

Used by tests/test_web_load.py and bench/serve_load.py. It is bounded both in count and in
time, so it can run in CI; it reports requests/s, latency percentiles and every error.
"""

from __future__ import annotations

import http.client
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class LoadReport:
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    stopped_by_time: bool = False

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """The p-th percentile latency in ms (nearest rank)."""
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
        return ordered[rank - 1]

    def as_dict(self) -> dict[str, float | int | bool]:
        return {"requests": self.requests, "errors": len(self.errors),
                "seconds": round(self.seconds, 3), "requests_per_s": round(self.per_second, 1),
                "p50_ms": round(self.percentile(50), 2), "p99_ms": round(self.percentile(99), 2),
                "max_ms": round(max(self.latencies_ms, default=0.0), 2),
                "stopped_by_time": self.stopped_by_time}


def hammer(base_url: str, paths: Sequence[str], count: int = 1000,
           time_limit_s: float = 120.0) -> LoadReport:
    """GET ``paths`` in turn, ``count`` requests in all, stopping at ``time_limit_s``.

    Any status other than 200, or any connection failure, is an error (recorded, and the
    connection is reopened).
    """
    parts = urlsplit(base_url)
    report = LoadReport()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    started = time.perf_counter()
    try:
        for i in range(count):
            if time.perf_counter() - started > time_limit_s:
                report.stopped_by_time = True
                break
            path = paths[i % len(paths)]
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers={"accept": "application/json"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    report.errors.append(f"{path}: HTTP {response.status}")
            except (OSError, http.client.HTTPException) as exc:
                report.errors.append(f"{path}: {type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            report.latencies_ms.append((time.perf_counter() - t0) * 1000)
            report.requests += 1
    finally:
        conn.close()
    report.seconds = time.perf_counter() - started
    return report
