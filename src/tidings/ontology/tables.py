"""Read the project's ontology tables (TSV package data with ``# `` header comments)."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


def read_tsv(package: str, name: str) -> list[dict[str, str]]:
    """Return the rows of a TSV data file in ``package`` as dicts (comments skipped)."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def split_cell(value: str) -> list[str]:
    """Split a ``|``-separated cell into its non-empty values."""
    return [part.strip() for part in value.split("|") if part.strip()]


@cache
def ontology_rows(name: str) -> tuple[dict[str, str], ...]:
    """Return the rows of one table in ``tidings.ontology.data`` (cached)."""
    return tuple(read_tsv("tidings.ontology.data", name))
