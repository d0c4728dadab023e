"""A progress bar on stderr with articles/s and ETA (hidden when not a terminal)."""

from __future__ import annotations

import sys
import time


class ProgressBar:
    """Minimal progress line: ``[####....] 120/400 articles  35.2/s  ETA 8s``."""

    WIDTH = 30

    def __init__(self, total: int, enabled: bool = True) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.started = time.perf_counter()
        self.enabled = enabled and sys.stderr.isatty()

    def advance(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed else 0.0
        total = max(self.total, self.done)
        eta = (total - self.done) / rate if rate else 0.0
        filled = int(self.WIDTH * self.done / total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{total} "
                         f"articles  {rate:.1f}/s  ETA {eta:.0f}s ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()
