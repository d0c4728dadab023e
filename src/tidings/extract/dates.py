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
_YEAR = re.compile(r"^(?:in |since |during |by |of |early |late |mid-?)?((?:1[89]|20)\d\d)$")
_MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s+((?:1[89]|20)\d\d))?\b")
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
    r"\.?(?:,?\s+((?:1[89]|20)\d\d))?\b")
_MONTH_YEAR = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+((?:1[89]|20)\d\d)\b")
_ISO = re.compile(r"\b((?:1[89]|20)\d\d)-(\d\d)-(\d\d)\b")


def resolve_date(text: str, published: str | None) -> tuple[str | None, str | None]:
    """Return (value, precision) for a temporal expression; (None, None) when unresolvable.

    value is ``YYYY-MM-DD`` (day), ``YYYY-MM`` (month), ``YYYY`` (year), or ``YYYY/YYYY``
    (a year range); precision is day, week, month, year or range.
    """
    try:
        value, precision = _resolve(text.strip().lower(), published)
    except (OverflowError, ValueError):  # arithmetic past year 1 or 9999 ("last week" in 0001)
        return None, None
    if value is not None and not _VALUE.match(value):
        return None, None  # e.g. "last year" published in 0001: there is no year 0
    return value, precision


#: What a resolved value may look like: four-digit years from 0001, months, days, ranges.
_VALUE = re.compile(r"^(?!0000)\d{4}(?:-\d\d(?:-\d\d)?|/\d{4})?$")


@lru_cache(maxsize=4096)
def _resolve(low: str, published: str | None) -> tuple[str | None, str | None]:
    base = date.fromisoformat(published) if published else None
    if m := _ISO.search(low):
        return _safe_day(int(m[1]), int(m[2]), int(m[3]))
    if m := _YEAR_RANGE.search(low):
        return f"{m[1]}/{m[2]}", "range"
    if m := _MONTH_DAY.search(low):
        return _month_day(_MONTH_ABBR[m[1]], int(m[2]), m[3], base)
    if m := _DAY_MONTH.search(low):
        return _month_day(_MONTH_ABBR[m[2]], int(m[1]), m[3], base)
    if m := _MONTH_YEAR.search(low):
        return f"{m[2]}-{_MONTH_ABBR[m[1]]:02d}", "month"
    if m := _YEAR.match(low):
        return m[1], "year"
    if base is None:
        return None, None
    for offset, word in ((0, "today"), (-1, "yesterday"), (1, "tomorrow"), (0, "tonight")):
        if re.search(rf"\b{word}\b", low):
            return (base + timedelta(days=offset)).isoformat(), "day"
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
    if re.search(r"\blast year\b", low):
        return str(base.year - 1), "year"
    if re.search(r"\bthis year\b", low):
        return str(base.year), "year"
    for index, name in enumerate(MONTHS):
        if re.fullmatch(rf"(?:in |last |this |early |late |mid-?)?{name}", low):
            month, year = index + 1, base.year
            if month > base.month + 1 or ("last" in low and month >= base.month):
                year -= 1
            return f"{year}-{month:02d}", "month"
    return _dateparser(low, base)


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


@register("dates", assigns="dates")
def extract_dates(doc: Doc, known: Known) -> list[DateRef]:
    """Return every DATE entity with its resolved value and precision."""
    published = known["article"].published
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        value, precision = resolve_date(ent.text, published)
        out.append(DateRef(ent.text, value, precision, (ent.start_char, ent.end_char)))
    return out
