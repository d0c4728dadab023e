"""Sentence-level scoring: PLOVER root type per sentence, source span, CAMEO root."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ..records import Event, Extraction
from .gold import GoldSentence

_WORD = re.compile(r"\w+")
_STOP = frozenset({"the", "a", "an", "of", "and", "s", "in", "on", "for", "to"})


def main_event(extraction: Extraction) -> Event | None:
    """Return the sentence's main event: the most confident, then the earliest."""
    if not extraction.events:
        return None
    return max(extraction.events, key=lambda e: (e.confidence, -e.mentions[0][0]))


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _STOP


def spans_overlap(predicted: str, gold: str) -> bool:
    """Tell whether two actor texts share a content word ("Zarif" ~ "Foreign Minister Zarif")."""
    return bool(_words(predicted) & _words(gold))


def score_sentences(gold: Sequence[GoldSentence], extractions: Sequence[Extraction]) -> dict[str, Any]:
    """Return accuracy, per-label P/R/F1, macro-F1 and source-span recall."""
    if len(gold) != len(extractions):
        raise EvaluationError("sentence gold and extractions differ in length")
    right = source_found = 0
    predicted_counts: Counter = Counter()
    gold_counts: Counter = Counter()
    tp: Counter = Counter()
    confusions: Counter = Counter()
    for g, ex in zip(gold, extractions, strict=True):
        event = main_event(ex)
        predicted = event.event if event else "NONE"
        label_hit = predicted in g.labels
        shown = g.label if label_hit else predicted
        predicted_counts[shown] += 1
        gold_counts[g.label] += 1
        if label_hit:
            right += 1
            tp[g.label] += 1
        else:
            confusions[(g.label, predicted)] += 1
        actors = [e.actor.entity_text for e in ex.events if e.actor]
        if g.source and any(spans_overlap(a, g.source) for a in actors):
            source_found += 1
    labels = sorted(gold_counts)
    per_label = {}
    f1s = []
    for label in labels:
        p = tp[label] / predicted_counts[label] if predicted_counts[label] else 0.0
        r = tp[label] / gold_counts[label]
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f1)
        per_label[label] = {"gold": gold_counts[label], "predicted": predicted_counts[label],
                            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3)}
    with_source = sum(1 for g in gold if g.source)
    return {
        "sentences": len(gold), "accuracy": round(right / len(gold), 3) if gold else 0.0,
        "macro_f1": round(sum(f1s) / len(f1s), 3) if f1s else 0.0,
        "source_found": round(source_found / with_source, 3) if with_source else None,
        "no_event": predicted_counts["NONE"],
        "by_label": per_label,
        "confusions": [{"gold": a, "predicted": b, "count": n}
                       for (a, b), n in confusions.most_common(15)],
    }


def read_cameo_examples(path: str | Path, roots: tuple[int, int] = (3, 20)) -> list[tuple[str, str]]:
    """Return (example sentence, CAMEO code) pairs from the ICEWS codebook CSV (cp1252)."""
    try:
        with open(path, encoding="cp1252", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read: {exc.strerror}") from None
    out = []
    for row in rows:
        example, code = (row.get("example") or "").strip(), (row.get("code") or "").strip()
        if example and example != "NA" and code[:2].isdigit() and \
                roots[0] <= int(code[:2]) <= roots[1]:
            out.append((example, code))
    return out


def score_cameo_roots(examples: Sequence[tuple[str, str]],
                      extractions: Sequence[Extraction]) -> dict[str, Any]:
    """Return CAMEO root accuracy of the main event per example sentence."""
    right = 0
    by_root: dict[str, list[int]] = {}
    for (_, code), ex in zip(examples, extractions, strict=True):
        event = main_event(ex)
        hit = bool(event and event.cameo and event.cameo.root == code[:2])
        right += hit
        by_root.setdefault(code[:2], [0, 0])
        by_root[code[:2]][0] += hit
        by_root[code[:2]][1] += 1
    return {"sentences": len(examples),
            "root_accuracy": round(right / len(examples), 3) if examples else 0.0,
            "by_root": {r: {"right": a, "of": n} for r, (a, n) in sorted(by_root.items())}}
