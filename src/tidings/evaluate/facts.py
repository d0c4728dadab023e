"""Score counts of people against article gold (the ``counts`` key of the gold JSON lines).

A gold count ``{"number", "what", "category"}`` is found when the article yields a count with
the same number (each predicted count matches one gold count at most; a same-category
prediction is preferred). Category accuracy is measured over the found ones. Vague
predictions ("hundreds") carry a lower bound and so only match a gold count with exactly
that number, which is rare by design.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ..records import Count, Extraction


def read_gold_counts(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Return article id → its gold counts (articles without the key have none)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read gold: {exc.strerror}") from None
    out: dict[str, list[dict[str, Any]]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            counts = data.get("counts") or []
            for c in counts:
                if not isinstance(c.get("number"), int | float) or not c.get("category"):
                    raise ValueError("each count needs a number and a category")
            out[data["id"]] = counts
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise EvaluationError(f"{path}:{number}: not article gold: {exc}") from None
    return out


def score_counts(gold: dict[str, list[dict[str, Any]]],
                 extractions: list[Extraction]) -> dict[str, Any]:
    """Return how many gold counts were found with the right number, and category accuracy."""
    by_id = {e.article.id: e for e in extractions}
    total = found = right_category = predicted = 0
    by_category: Counter[str] = Counter()
    found_by_category: Counter[str] = Counter()
    misses = []
    for article_id, counts in gold.items():
        extraction = by_id.get(article_id)
        pool: list[Count] = list(extraction.counts) if extraction else []
        predicted += len(pool)
        for item in counts:
            total += 1
            by_category[item["category"]] += 1
            match = _take(pool, int(item["number"]), item["category"])
            if match is None:
                misses.append({"article": article_id, **item})
                continue
            found += 1
            found_by_category[item["category"]] += 1
            right_category += match.category == item["category"]
    return {
        "gold_counts": total, "found": found, "predicted": predicted,
        "found_rate": round(found / total, 4) if total else None,
        "category_accuracy": round(right_category / found, 4) if found else None,
        "by_category": {c: {"gold": n, "found": found_by_category[c]}
                        for c, n in sorted(by_category.items())},
        "misses": misses,
    }


def _take(pool: list[Count], number: int, category: str) -> Count | None:
    same = [c for c in pool if c.number == number]
    if not same:
        return None
    best = next((c for c in same if c.category == category), same[0])
    pool.remove(best)
    return best


def format_counts(report: dict[str, Any]) -> list[str]:
    """Return the report lines of a counts score."""
    def fmt(x: Any) -> str:
        return "—" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))

    lines = [f"  counts: gold {report['gold_counts']}, found with the right number "
             f"{report['found']} ({fmt(report['found_rate'])}), category accuracy "
             f"{fmt(report['category_accuracy'])}, predicted {report['predicted']}"]
    for miss in report["misses"]:
        lines.append(f"    missed {miss['article']}: {miss['number']} {miss['category']} "
                     f"({miss.get('what', '')})")
    return lines
