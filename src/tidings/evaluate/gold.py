"""Read gold data: article-level events (the codebook's JSON lines) and sentence-level CSV."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvaluationError

#: Older PLOVER drafts' YIELD stands for today's CONCEDE and RETREAT together.
LABEL_ALIASES = {"YIELD": frozenset({"CONCEDE", "RETREAT"}), "DEMAND": frozenset({"REQUEST"})}


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str | None
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    source: GoldActor | None
    target: GoldActor | None
    date: str | None
    date_precision: str | None
    required: bool
    mode: str | None = None
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    published: str | None
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True, slots=True)
class GoldSentence:
    text: str
    labels: frozenset[str]
    label: str
    source: str
    target: str


def _actor(data: dict | None) -> GoldActor | None:
    if not data:
        return None
    return GoldActor(data.get("text"), data.get("country"), data.get("sector"))


def read_article_gold(path: str | Path) -> list[GoldArticle]:
    """Read gold in the format of ../shared/gold/seed.gold.jsonl (one article per line)."""
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read gold: {exc.strerror}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            events = tuple(
                GoldEvent(e["type"], _actor(e.get("source")), _actor(e.get("target")),
                          e.get("date"), e.get("date_precision"), bool(e.get("required")),
                          e.get("mode"), e.get("evidence", ""))
                for e in data.get("events", []))
            out.append(GoldArticle(data["id"], data.get("published_gold"), events))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvaluationError(f"{path}:{number}: not article gold: {exc}") from None
    return out


def read_sentence_gold(path: str | Path, encoding: str = "utf-8") -> list[GoldSentence]:
    """Read sentence gold as CSV with columns text, label, source, target (PLV format)."""
    try:
        with open(path, encoding=encoding, newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read gold: {exc.strerror}") from None
    if not rows or "text" not in rows[0] or "label" not in rows[0]:
        raise EvaluationError(f"{path}: expected CSV columns text,label[,source,target]")
    out = []
    for row in rows:
        label = row["label"].strip().upper()
        out.append(GoldSentence(row["text"], LABEL_ALIASES.get(label, frozenset({label})),
                                label, row.get("source") or "", row.get("target") or ""))
    return out
