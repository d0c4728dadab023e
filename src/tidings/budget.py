"""A per-article time budget, so one pathological text cannot stall a batch.

Extraction is cooperative: the pipeline checks its :class:`Deadline` between spaCy
components (for long texts), between extractor steps, and inside the per-sentence loops,
and an article over budget raises :class:`~tidings.errors.ArticleTimeout`, which a batch
turns into a skip with the reason. A single spaCy component is never interrupted, so the
overrun is at most one component's time on one article (bounded by ``max_article_chars``).

The budget reads a monotonic clock: it decides *whether* an article is kept on a slow
machine, never *what* is extracted from it.
"""

from __future__ import annotations

import time

from .errors import ArticleTimeout


class Deadline:
    """The moment one article's budget runs out (``seconds`` <= 0 or None: no limit)."""

    __slots__ = ("expires", "seconds")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.expires = time.monotonic() + seconds if seconds and seconds > 0 else None

    def check(self, step: str) -> None:
        """Raise ArticleTimeout when the budget is spent; ``step`` says where it stopped."""
        if self.expires is not None and time.monotonic() > self.expires:
            raise ArticleTimeout(f"extraction took longer than {self.seconds:g} s "
                                 f"(article_timeout); stopped at {step}")


#: A deadline that never expires (library calls that set no budget).
NO_DEADLINE = Deadline(None)
