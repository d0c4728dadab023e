"""The demo corpus: 48 short wire-style articles written for tidings (fictional events
between real countries), and the summary `make demo` prints."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any


def demo_corpus_path() -> Path:
    """Return the path of the bundled demo articles (JSON lines)."""
    return Path(str(resources.files("tidings.demo").joinpath("articles.jsonl")))


def format_summary(data: dict[str, Any]) -> str:
    """Return a store summary (from ``query.summarize``) as text for a terminal."""
    lines = [f"articles: {data['articles']}    events: {data['events']}"
             + (f"    dates: {data['first_date']} … {data['last_date']}"
                if data.get("first_date") else "")]
    lines.append("events by type:")
    for kind, n in data["events_by_type"].items():
        lines.append(f"  {kind:<10} {n:>5}")
    lines.append("top dyads (actor → recipient):")
    for dyad in data["top_dyads"]:
        lines.append(f"  {dyad['actor']} → {dyad['recipient']:<4} {dyad['events']:>5}")
    return "\n".join(lines)
