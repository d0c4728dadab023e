"""Score dates and entity mentions on the MEANTIME corpus (NewsReader, CAT XML, CC-BY 4.0).

Each document's tokens are joined back into text (a sentence per line, no space before
closing punctuation), extracted with its document creation time as the publication date,
and compared with the annotation:

- **date normalisation**: every TIMEX3 of type DATE (the creation time itself excepted) is
  right when one of our temporal expressions overlaps it and has its value. Our week
  precision is written as an ISO week (``2009-W20``) to compare. Accuracy is over all gold
  dates; the report also gives it over the dates we found, and the share found.
- **entities**: gold named mentions (syntactic type NAM or PRE.NAM) of entities typed PER,
  ORG or LOC, against our name mentions (PERSON → PER, ORG → ORG, GPE/LOC/FAC → LOC, and
  NORP → LOC, as MEANTIME types "German" as a location). A prediction matches a gold
  mention of the same type that it overlaps (one to one); gold spans often include titles
  and descriptions ("Spokeswoman Sandy Angers"), so overlap is the fair rule. Exact-span
  figures are given too. MEANTIME annotates the entities that take part in its annotated
  events, not every name: predictions in sentences without any gold entity mention are not
  counted, and precision is still a lower bound (recall is the telling figure).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ..records import Article, Extraction

#: Our mention labels as MEANTIME entity types.
LABEL_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
               "NORP": "LOC"}
ENTITY_TYPES = ("PER", "ORG", "LOC")
NAMED = frozenset({"NAM", "PRE.NAM"})
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "?", "!", ")", "]", "'s", "’s", "'", "n't",
                              "%", "''", "'re", "'ve", "'ll", "'d", "'m"})
_NO_SPACE_AFTER = frozenset({"(", "[", "$", "``", "#"})

Span = tuple[int, int]


@dataclass
class MeantimeDoc:
    """One annotated document: its text, creation time, gold dates and named entities."""

    doc_id: str
    text: str
    created: str | None
    dates: list[tuple[Span, str]] = field(default_factory=list)
    entities: list[tuple[Span, str]] = field(default_factory=list)
    #: Spans of the sentences holding a gold entity mention: MEANTIME annotates the
    #: entities taking part in its annotated events, so only these sentences are scored.
    entity_sentences: list[Span] = field(default_factory=list)


def read_meantime(directory: str | Path) -> list[MeantimeDoc]:
    """Read every CAT XML document under a directory (sub-directories included)."""
    files = sorted(Path(directory).rglob("*.xml"))
    if not files:
        raise EvaluationError(f"{directory}: no MEANTIME CAT XML files found")
    return [_read_doc(path) for path in files]


def _read_doc(path: Path) -> MeantimeDoc:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise EvaluationError(f"{path}: not CAT XML: {exc}") from None
    spans: dict[str, Span] = {}
    sentence_of: dict[str, str] = {}
    sentence_span: dict[str, list[int]] = {}
    parts: list[str] = []
    length = 0
    sentence = None
    for tok in root.iter("token"):
        text = tok.text or ""
        if sentence is not None and tok.get("sentence") != sentence:
            parts.append("\n")
            length += 1
        elif parts and parts[-1] != "\n" and text not in _NO_SPACE_BEFORE \
                and parts[-1] not in _NO_SPACE_AFTER:
            parts.append(" ")
            length += 1
        sentence = tok.get("sentence")
        spans[tok.get("t_id", "")] = (length, length + len(text))
        sentence_of[tok.get("t_id", "")] = sentence or ""
        parts.append(text)
        length += len(text)
        sentence_span.setdefault(sentence or "", [length - len(text), length])[1] = length
    markables = root.find("Markables")
    relations = root.find("Relations")
    if markables is None:
        raise EvaluationError(f"{path}: no Markables")
    doc = MeantimeDoc(root.get("doc_id", path.stem), "".join(parts), None)

    def span_of(element: ET.Element) -> Span | None:
        anchors = [spans[a.get("t_id", "")] for a in element.findall("token_anchor")
                   if a.get("t_id") in spans]
        return (min(a[0] for a in anchors), max(a[1] for a in anchors)) if anchors else None

    for timex in markables.findall("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            doc.created = _creation_day(timex.get("value") or "")
        elif timex.get("type") == "DATE" and (where := span_of(timex)) is not None:
            doc.dates.append((where, timex.get("value") or ""))
    types = {e.get("m_id"): e.get("ent_type") for e in markables.findall("ENTITY")}
    mentions = {m.get("m_id"): m for m in markables.findall("ENTITY_MENTION")}
    annotated = {sentence_of.get(a.get("t_id", "")) for m in mentions.values()
                 for a in m.findall("token_anchor")}
    doc.entity_sentences = [(a, b) for key, (a, b) in sentence_span.items() if key in annotated]
    seen: set[Span] = set()
    for link in relations.findall("REFERS_TO") if relations is not None else ():
        target = link.find("target")
        kind = types.get(target.get("m_id")) if target is not None else None
        if kind not in ENTITY_TYPES:
            continue
        for source in link.findall("source"):
            mention = mentions.get(source.get("m_id"))
            if mention is None or mention.get("syntactic_type") not in NAMED:
                continue
            where = span_of(mention)
            if where is not None and where not in seen:
                seen.add(where)
                doc.entities.append((where, kind))
    return doc


def _creation_day(value: str) -> str | None:
    """Return a creation time as YYYY-MM-DD; one document writes it day-month-year."""
    if m := re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value):
        return f"{m[3]}-{m[2]}-{m[1]}"
    return value[:10] if re.match(r"\d{4}-\d\d-\d\d", value) else None


def our_value(value: str | None, precision: str | None) -> str | None:
    """Return our date value in TIMEX3 form (week precision as an ISO week)."""
    if value and precision == "week" and len(value) == 10:
        year, week, _ = date.fromisoformat(value).isocalendar()
        return f"{year}-W{week:02d}"
    return value


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_meantime(docs: list[MeantimeDoc], extractions: list[Extraction]) -> dict[str, Any]:
    """Return date normalisation accuracy and per-type entity P/R/F1."""
    dates_gold = dates_found = dates_right = 0
    wrong: list[dict[str, str | None]] = []
    counts = {t: {"gold": 0, "predicted": 0, "matched": 0, "exact": 0} for t in ENTITY_TYPES}
    for doc, ex in zip(docs, extractions, strict=True):
        for where, value in doc.dates:
            dates_gold += 1
            ours = [d for d in ex.dates if _overlaps(d.span, where)]
            if ours:
                dates_found += 1
                got = [our_value(d.value, d.precision) for d in ours]
                if value in got:
                    dates_right += 1
                elif len(wrong) < 40:
                    wrong.append({"doc": doc.doc_id, "text": doc.text[where[0]:where[1]],
                                  "gold": value, "ours": got[0], "our_text": ours[0].text,
                                  "created": doc.created})
        predicted = [(m.span, LABEL_TYPES[m.label]) for m in ex.mentions
                     if m.label in LABEL_TYPES and m.kind in (None, "name")
                     and any(a <= m.span[0] < b for a, b in doc.entity_sentences)]
        used: set[int] = set()
        for kind in ENTITY_TYPES:
            counts[kind]["gold"] += sum(1 for _, k in doc.entities if k == kind)
            counts[kind]["predicted"] += sum(1 for _, k in predicted if k == kind)
        for where, kind in doc.entities:
            hit = next((i for i, (s, k) in enumerate(predicted) if i not in used and k == kind
                        and _overlaps(s, where)), None)
            if hit is not None:
                used.add(hit)
                counts[kind]["matched"] += 1
                counts[kind]["exact"] += predicted[hit][0] == where
    entities = {}
    for kind, c in counts.items():
        p = c["matched"] / c["predicted"] if c["predicted"] else 0.0
        r = c["matched"] / c["gold"] if c["gold"] else 0.0
        ep = c["exact"] / c["predicted"] if c["predicted"] else 0.0
        er = c["exact"] / c["gold"] if c["gold"] else 0.0
        entities[kind] = {"gold": c["gold"], "predicted": c["predicted"],
                          "precision": round(p, 3), "recall": round(r, 3),
                          "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
                          "exact_f1": round(2 * ep * er / (ep + er), 3) if ep + er else 0.0}
    return {
        "documents": len(docs), "dates_gold": dates_gold,
        "date_accuracy": round(dates_right / dates_gold, 3) if dates_gold else 0.0,
        "date_found": round(dates_found / dates_gold, 3) if dates_gold else 0.0,
        "date_accuracy_found": round(dates_right / dates_found, 3) if dates_found else 0.0,
        "date_errors": wrong, "entities": entities,
    }


def meantime_articles(docs: list[MeantimeDoc]) -> list[Article]:
    """Return the documents as articles published at their creation time."""
    return [Article(id=d.doc_id, text=d.text, published=d.created) for d in docs]


def format_meantime(r: dict[str, Any]) -> list[str]:
    """Return the report lines for `tidings evaluate --meantime`."""
    lines = [f"MEANTIME: {r['gold']} ({r['documents']} documents)",
             f"  dates (TIMEX3 DATE) {r['dates_gold']}  normalisation accuracy "
             f"{r['date_accuracy']:.3f}  found {r['date_found']:.3f}  accuracy of found "
             f"{r['date_accuracy_found']:.3f}",
             "  entity  gold  pred     P      R      F1   exact-F1"]
    for kind, s in r["entities"].items():
        lines.append(f"  {kind:<6} {s['gold']:>5} {s['predicted']:>5}  {s['precision']:.3f}  "
                     f"{s['recall']:.3f}  {s['f1']:.3f}  {s['exact_f1']:.3f}")
    return lines
