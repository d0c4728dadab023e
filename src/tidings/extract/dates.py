"""Temporal expressions resolved against the publication date.

News says "on Friday", "April 13", "last week", "in 2019", "2007-2017". Each DATE entity is
resolved with rules first (weekday names point to the most recent such day on or before
publication; a month-day far in the future means last year), then dateparser with the
publication date as its base. Without a publication date, only absolute dates resolve.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ..records import DateRef
from .doctext import doc_text
from .pipeline import Known, register

if TYPE_CHECKING:
    from spacy.tokens import Doc

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
#: A month-day more than this many days after publication is read as last year's.
FUTURE_LIMIT_DAYS = 183

_YEAR_RANGE = re.compile(r"\b((?:1[89]|20)\d\d)\s*(?:-|–|—|to|and|through)\s*((?:1[89]|20)\d\d)\b")
_YEAR = re.compile(r"^(?:in |since |during |by |of |early |late |mid-?)?((?:1\d|20)\d\d)$")
_MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s+((?:1[89]|20)\d\d))?\b")
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
    r"\.?(?:,?\s+((?:1[89]|20)\d\d))?\b")
_MONTH_YEAR = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+((?:1[89]|20)\d\d)\b")
_QUARTER = re.compile(
    r"\b(first|second|third|fourth|final|last|1st|2nd|3rd|4th)[- ]quarter\b"
    r"(?:\s+of\s+(?:the\s+)?(?:(this|last|next|previous|current) year|((?:1\d|20)\d\d)))?")
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "final": 4}
_DECADE = re.compile(r"\b(?:the )?(?:((?:1[89]|20)\d)0s|'?([2-9])0s)\b")
_SMALL_NUMBERS = {"a": 1, "one": 1, "the": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                  "six": 6}
_DAYS_BEFORE = re.compile(r"^(?:just )?(a|one|two|three|four|five|six|\d)\s+days?\s+"
                          r"(?:earlier|before)$|^the (?:day before|previous day|day prior)$")
_ISO = re.compile(r"\b((?:1[89]|20)\d\d)-(\d\d)-(\d\d)\b")


def resolve_date(text: str, published: str | None,
                 future: bool = False) -> tuple[str | None, str | None]:
    """Return (value, precision) for a temporal expression; (None, None) when unresolvable.

    value is ``YYYY-MM-DD`` (day; for week precision, a day of that week), ``YYYY-MM``
    (month), ``YYYY-Qn`` (quarter), ``YYYY`` (year), ``YYY`` (decade: ``199`` is the
    1990s), or a range of two of these joined by ``/`` ("2007-2017" → ``2007/2017``, whose
    precision, year, is its ends'). ``future`` says the clause speaks of what is to come
    ("will meet on Friday"), so bare weekdays and month-days resolve forward.
    """
    try:
        value, precision = _resolve_with_tense(text.strip().lower(), published, future)
    except (OverflowError, ValueError):  # arithmetic past year 1 or 9999 ("last week" in 0001)
        return None, None
    if value is not None and not all(_VALUE.match(part) for part in value.split("/")):
        return None, None  # e.g. "last year" published in 0001: there is no year 0
    return value, precision


#: What one resolved value may look like: a year from 0001 (or a decade), then a month and
#: day, or a quarter.
_VALUE = re.compile(r"^(?!0+(?:-|$))\d{3,4}(?:-\d\d(?:-\d\d)?|-Q[1-4])?$")


def _resolve_with_tense(low: str, published: str | None,
                        future: bool) -> tuple[str | None, str | None]:
    if future and published and not re.search(r"\b(?:last|past|previous|ago|next)\b", low):
        # A bare weekday or month-day in a future clause ("will meet on Friday") is the
        # next one on or after publication, not the last.
        base = date.fromisoformat(published)
        day = next((i for i, w in enumerate(WEEKDAYS) if re.search(rf"\b{w}\b", low)), None)
        if day is not None and not _MONTH_DAY.search(low) and not _DAY_MONTH.search(low):
            return (base + timedelta(days=(day - base.weekday()) % 7)).isoformat(), "day"
        value, precision = _resolve(low, published)
        if value and precision in ("day", "month") and value < published[:len(value)] \
                and not re.search(r"\b(?:1\d|20)\d\d\b", low):
            value = str(int(value[:4]) + 1) + value[4:]
        return value, precision
    return _resolve(low, published)


@lru_cache(maxsize=4096)
def _resolve(low: str, published: str | None) -> tuple[str | None, str | None]:
    base = date.fromisoformat(published) if published else None
    if m := _ISO.search(low):
        return _safe_day(int(m[1]), int(m[2]), int(m[3]))
    if m := _YEAR_RANGE.search(low):
        return f"{m[1]}/{m[2]}", "year"
    if m := _MONTH_DAY.search(low):
        return _month_day(_MONTH_ABBR[m[1]], int(m[2]), m[3], base)
    if m := _DAY_MONTH.search(low):
        return _month_day(_MONTH_ABBR[m[2]], int(m[1]), m[3], base)
    if m := _MONTH_YEAR.search(low):
        return f"{m[2]}-{_MONTH_ABBR[m[1]]:02d}", "month"
    if m := _DECADE.search(low):
        return (m[1] or ("19" + m[2]))[:3], "decade"
    if m := _QUARTER.search(low):
        return _quarter(m, base)
    if m := _YEAR.match(low):
        return m[1], "year"
    if base is None:
        return None, None
    for offset, word in ((0, "today"), (-1, "yesterday"), (1, "tomorrow"), (0, "tonight")):
        if re.search(rf"\b{word}\b", low):
            return (base + timedelta(days=offset)).isoformat(), "day"
    if m := _DAYS_BEFORE.search(low):
        # "a day earlier", "two days before": news counts back from the day it reports,
        # which is the publication day unless the clause names another.
        word = m[1] or "the"
        days = int(word) if word.isdigit() else _SMALL_NUMBERS[word]
        return (base - timedelta(days=days)).isoformat(), "day"
    for index, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", low):
            days_back = (base.weekday() - index) % 7
            if "next" in low:
                return (base + timedelta(days=(index - base.weekday()) % 7 or 7)).isoformat(), "day"
            if "last" in low and days_back == 0:
                days_back = 7
            return (base - timedelta(days=days_back)).isoformat(), "day"
    if re.search(r"\blast week\b|\bprevious week\b", low):
        return (base - timedelta(days=7)).isoformat(), "week"
    if re.search(r"\bthis week\b|\bearlier this week\b", low):
        return base.isoformat(), "week"
    if re.search(r"\blast month\b|\bprevious month\b", low):
        prev = base.replace(day=1) - timedelta(days=1)
        return f"{prev.year}-{prev.month:02d}", "month"
    if re.search(r"\bthis month\b|\bearlier this month\b", low):
        return f"{base.year}-{base.month:02d}", "month"
    if re.search(r"\bnext week\b|\bcoming week\b", low):
        return (base + timedelta(days=7)).isoformat(), "week"
    if re.search(r"\bnext month\b|\bcoming month\b", low):
        following = (base.replace(day=28) + timedelta(days=4)).replace(day=1)
        return f"{following.year}-{following.month:02d}", "month"
    for index, name in enumerate(MONTHS):
        if re.fullmatch(rf"(?:in |last |this |early |late |mid-?)?{name}"
                        rf"(?:,? (?:of )?(?:last|this|next) year)?", low):
            month, year = index + 1, base.year
            if month > base.month + 1 or ("last" in low and month >= base.month):
                year -= 1
            if "last year" in low:
                year = base.year - 1
            elif "next year" in low:
                year = base.year + 1
            return f"{year}-{month:02d}", "month"
    if re.search(r"\blast year\b|\bprevious year\b|\byear (?:before|previous|earlier)\b", low):
        return str(base.year - 1), "year"
    if re.search(r"\bnext year\b|\bcoming year\b", low):
        return str(base.year + 1), "year"
    if re.search(r"\bthis year\b|\bthe year\b|\byear's end\b|\bcurrent year\b", low):
        return str(base.year), "year"
    return _dateparser(low, base)


def _quarter(m: re.Match[str], base: date | None) -> tuple[str | None, str | None]:
    """Resolve "the third quarter (of this year / of 2009)"; a bare quarter is this year's
    unless it has not begun, and "the last quarter" alone is the one before publication's."""
    if m[3]:
        return f"{m[3]}-Q{_QUARTERS.get(m[1], 4)}", "quarter"
    if base is None:
        return None, None
    current = (base.month - 1) // 3 + 1
    if m[1] == "last" and not m[2]:
        return (f"{base.year}-Q{current - 1}" if current > 1 else f"{base.year - 1}-Q4"), "quarter"
    number = _QUARTERS.get(m[1], 4)
    year = base.year - (m[2] in ("last", "previous")) + (m[2] == "next")
    if not m[2] and number > current:
        year -= 1
    return f"{year}-Q{number}", "quarter"


def _month_day(month: int, day: int, year: str | None,
               base: date | None) -> tuple[str | None, str | None]:
    if year:
        return _safe_day(int(year), month, day)
    if base is None:
        return None, None
    value, precision = _safe_day(base.year, month, day)
    if value and (date.fromisoformat(value) - base).days > FUTURE_LIMIT_DAYS:
        return _safe_day(base.year - 1, month, day)
    return value, precision


def _safe_day(year: int, month: int, day: int) -> tuple[str | None, str | None]:
    try:
        return date(year, month, day).isoformat(), "day"
    except ValueError:
        return None, None


def _dateparser(low: str, base: date | None) -> tuple[str | None, str | None]:
    if base is None or len(low) > 40 or not re.search(r"\d|ago", low):
        return None, None
    from datetime import datetime

    import dateparser

    parsed = dateparser.parse(low, languages=["en"], settings={
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "REQUIRE_PARTS": ["year"] if re.search(r"\byears?\b", low) else [],
    })
    if parsed is None:
        return None, None
    return parsed.date().isoformat(), "day"


#: Words that make a phrase temporal; a DATE span with none of them and no year is not one
#: ("covid-19"), and ages and adjectives ("65-year-old", "annual", "four-year") are not either.
_TEMPORAL = re.compile(
    r"\b(?:day|days|week|weeks|weekend|month|months|year|years|decade|decades|century|"
    r"centuries|quarter|season|spring|summer|autumn|fall|winter|today|tonight|tomorrow|"
    r"yesterday|ago|morning|afternoon|evening|night|" + "|".join(WEEKDAYS) + "|"
    + "|".join(MONTHS) + r"|(?:1\d|20)\d\d)\b")
_NOT_TEMPORAL = re.compile(r"-old\b|^\w+-(?:year|month|week|day)$|^(?:annual|annually|daily|"
                           r"weekly|monthly|yearly|decades-old)$")
_DEICTIC = re.compile(r"\b(?:(?:earlier|later) )?(?:today|yesterday|tomorrow|tonight)\b",
                      re.IGNORECASE)
#: Verbs that put a date ahead of publication ("is scheduled for May 24").
_FUTURE_VERBS = frozenset({"schedule", "plan", "expect", "set", "due", "slate"})
#: Auxiliaries of a clause about what is to come (modals of expectation included).
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "should", "could", "may", "might",
                         "must"})
#: Words before a DATE span that belong to it ("this" in "this year's", left out by spaCy).
_DATE_LEAD = frozenset({"this", "last", "next", "earlier", "later", "early", "late", "past"})


def is_temporal(text: str) -> bool:
    """Tell whether a DATE span is a temporal expression (not an age or a name)."""
    low = text.strip().lower()
    return bool(_TEMPORAL.search(low)) and not _NOT_TEMPORAL.search(low)


def _in_future_clause(span) -> bool:
    """Tell whether a date's clause speaks of the future ("will", "is scheduled to")."""
    verb = span.root.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX"):
            break
        if verb.head is verb:
            break
        verb = verb.head
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if words & _FUTURE_AUX or verb.lemma_ in _FUTURE_VERBS:
        return True
    # "is scheduled to meet on Friday": the infinitive's governing verb says it.
    return verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX") \
        and (verb.head.lemma_ in _FUTURE_VERBS
             or bool({c.lower_ for c in verb.head.children if c.dep_ == "aux"} & _FUTURE_AUX))


@register("dates", assigns="dates")
def extract_dates(doc: Doc, known: Known) -> list[DateRef]:
    """Return every temporal expression (DATE entity) with its resolved value and precision."""
    published = known["article"].published
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or not is_temporal(ent.text):
            continue
        start = ent.start_char
        if ent.start > 0 and doc[ent.start - 1].lower_ in _DATE_LEAD \
                and ent[0].lower_ not in _DATE_LEAD:
            start = doc[ent.start - 1].idx
        text = doc_text(doc)[start:ent.end_char]
        value, precision = resolve_date(text, published, _in_future_clause(ent))
        out.append(DateRef(text, value, precision, (start, ent.end_char)))
    for m in _DEICTIC.finditer(doc_text(doc)):
        # "earlier today", "yesterday": days the tagger sometimes leaves unlabelled.
        if not any(d.span[0] < m.end() and m.start() < d.span[1] for d in out):
            value, precision = resolve_date(m[0], published)
            out.append(DateRef(m[0], value, precision, (m.start(), m.end())))
    return sorted(out, key=lambda d: d.span)
