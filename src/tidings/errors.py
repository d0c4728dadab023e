"""Errors raised by tidings, and the record of an input that was skipped.

Every error tidings raises on purpose derives from :class:`TidingsError`, so a caller can
catch one class and still tell the cases apart::

    TidingsError
    ├── InputError            an input file, record or option cannot be used
    │   ├── NoArticlesError   nothing readable was found in what was given
    │   └── ArticleTimeout    one article took longer than ``article_timeout`` to extract
    ├── ModelNotFoundError    no spaCy English model is installed
    ├── PipelineError         extractors are ordered so one needs what none before it sets
    ├── StoreError            the DuckDB store cannot be opened, migrated or written
    └── EvaluationError       gold data cannot be read or does not match the extractions

Bad *records* inside a batch are not raised: readers yield :class:`Skipped` items so the
batch goes on, and the run report counts them with their reasons.
"""

from __future__ import annotations

from dataclasses import dataclass


class TidingsError(Exception):
    """Base class of every error tidings raises on purpose."""


class InputError(TidingsError):
    """An input file, record or option cannot be used."""


class NoArticlesError(InputError):
    """Nothing readable was found in the inputs given."""


class ArticleTimeout(InputError):
    """One article took longer than its time budget (``article_timeout``) to extract."""


class ModelNotFoundError(TidingsError):
    """No spaCy English model is installed."""


class PipelineError(TidingsError):
    """The extractor pipeline is mis-built (an extractor needs what none before it sets)."""


class StoreError(TidingsError):
    """The store cannot be opened, migrated or written."""


class EvaluationError(TidingsError):
    """Gold data cannot be read or used."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """One input item that was not used, with where it came from and why.

    ``source`` is the file (or ``<stdin>``/``<api>``), ``line`` the 1-based line or record
    number when the format has one, ``reason`` a sentence a user can act on.
    """

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Warning_:
    """A problem with an item that was still used (e.g. a publication date dropped)."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"
