"""Score the knowledge layer against article gold: persons, dates and places.

Gold records (the codebook's JSON lines) may carry ``persons`` (names), ``dates``
(``{"text", "value", "precision"?}``) and ``places`` (``{"text", "country"}``). Each is
scored as recall, the share of gold items the extraction holds:

- a **person** is found when one of the article's PERSON entities (mentions grouped under a
  canonical name) matches it: the same full name, or the same surname and first initial
  ("N. Maduro" ~ "Nicolás Maduro"), or — for a gold name of one word ("Trump") — the same
  surname. Names are compared without accents, case, punctuation or leading titles ("King
  Gyanendra" = "Gyanendra"). A canonical name that is only a surname does not match a gold
  full name: the entity must carry the full name the article gives.
- a **date** is resolved right when a temporal expression overlapping the gold text has the
  gold value (and the gold precision, where the gold gives one).
- a **place** is found when a place mention with the gold text is geocoded to the gold
  country.

Scorers are looked up in :data:`SCORERS` by gold key, so other parts of the knowledge layer
(counts, quotes: see ``evaluate/facts.py``) add theirs beside these without touching them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ..ontology import gazetteer
from ..records import Extraction

#: One scorer per gold key: (gold items of one article, its extraction) -> per-item hits.
Scorer = Callable[[list[Any], Extraction], list[bool]]
SCORERS: dict[str, Scorer] = {}


def scorer(key: str) -> Callable[[Scorer], Scorer]:
    """Register a scorer for the gold key ``key`` (decorator)."""

    def wrap(func: Scorer) -> Scorer:
        SCORERS[key] = func
        return func

    return wrap


def read_knowledge_gold(path: str | Path) -> list[dict[str, Any]]:
    """Return the gold records (id plus the knowledge keys) of an article-gold file."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read gold: {exc.strerror}") from None
    out = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}:{number}: not JSON: {exc}") from None
        if not isinstance(data, dict) or "id" not in data:
            raise EvaluationError(f"{path}:{number}: a gold record needs an id")
        out.append(data)
    return out


def has_knowledge_gold(records: Sequence[dict[str, Any]]) -> bool:
    """Tell whether any record carries a key a knowledge scorer reads."""
    return any(key in r for r in records for key in SCORERS)


def score_knowledge(records: Sequence[dict[str, Any]],
                    extractions: Sequence[Extraction]) -> dict[str, Any]:
    """Return, per gold key, how many gold items were found, and the missed ones by article."""
    by_id = {e.article.id: e for e in extractions}
    report: dict[str, Any] = {}
    for key, func in SCORERS.items():
        gold_n = found_n = 0
        missed: dict[str, list[Any]] = {}
        for record in records:
            items = record.get(key) or []
            extraction = by_id.get(record["id"])
            if not items:
                continue
            hits = func(items, extraction) if extraction else [False] * len(items)
            gold_n += len(items)
            found_n += sum(hits)
            lost = [item for item, hit in zip(items, hits, strict=True) if not hit]
            if lost:
                missed[record["id"]] = lost
        if gold_n:
            report[key] = {"gold": gold_n, "found": found_n,
                           "recall": round(found_n / gold_n, 3), "missed": missed}
    return report


# -- persons ------------------------------------------------------------------------------
_PUNCT = re.compile(r"[^\w\s]")


def name_words(name: str) -> list[str]:
    """Return a name's words without accents, case, punctuation or leading titles."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = _PUNCT.sub(" ", plain.replace("’", "").replace("'", "").replace("-", " "))
    words = plain.casefold().split()
    while len(words) > 1:
        info = gazetteer().lookup([words[0]])
        if info is None or info.kind != "title":
            break
        words = words[1:]
    return words


def same_person(gold: str, predicted: str) -> bool:
    """Tell whether a predicted canonical name matches a gold name (rule in the docstring)."""
    g, p = name_words(gold), name_words(predicted)
    if not g or not p:
        return False
    if g == p:
        return True
    if len(g) == 1:
        return p[-1] == g[0]
    return len(p) > 1 and g[-1] == p[-1] and g[0][0] == p[0][0]


@scorer("persons")
def score_persons(gold: list[str], extraction: Extraction) -> list[bool]:
    names = {m.canonical or m.text for m in extraction.mentions if m.label == "PERSON"}
    return [any(same_person(g, n) for n in names) for g in gold]


# -- dates --------------------------------------------------------------------------------
@scorer("dates")
def score_dates(gold: list[dict[str, Any]], extraction: Extraction) -> list[bool]:
    out = []
    for item in gold:
        text = str(item.get("text", "")).lower()
        hits = [d for d in extraction.dates if text and (text in d.text.lower()
                                                         or d.text.lower() in text)]
        out.append(any(d.value == item.get("value") and
                       (not item.get("precision") or d.precision == item["precision"])
                       for d in hits))
    return out


# -- places -------------------------------------------------------------------------------
@scorer("places")
def score_places(gold: list[dict[str, Any]], extraction: Extraction) -> list[bool]:
    text = extraction.article.text
    out = []
    for item in gold:
        want = _place_key(str(item.get("text", "")))
        out.append(any(p.country == item.get("country") and p.span is not None
                       and want in (_place_key(text[p.span[0]:p.span[1]]), _place_key(p.name))
                       for p in extraction.places))
    return out


def _place_key(text: str) -> str:
    text = text.strip().lower()
    return text[4:] if text.startswith("the ") else text


def format_knowledge(report: dict[str, Any]) -> list[str]:
    """Return the report lines for `tidings evaluate`."""
    lines = []
    for key, r in report.items():
        lines.append(f"  {key:<8} found {r['found']} / {r['gold']}  recall {r['recall']:.3f}")
        for article, items in list(r["missed"].items())[:8]:
            shown = [i if isinstance(i, str) else i.get("text", i) for i in items]
            lines.append(f"    missed in {article}: {shown}")
    return lines
