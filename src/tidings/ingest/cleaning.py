"""Turn raw fields from any reader into a clean :class:`Article`, or say why not.

All readers funnel through :func:`build_article`, so every format gets the same checks
(text present, size cap, ids, dates) and the same wording in skip reasons.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ..errors import Skipped, Warning_
from ..records import Article

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Lone UTF-16 surrogates (JSON "\\ud800" decodes to one): no UTF-8 encoding exists for them.
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_YEAR = re.compile(r"\b(1[6-9]|20)\d\d\b")

#: Keys a reader may pass; anything else in a record is ignored.
FIELDS = ("id", "text", "title", "published", "url", "source", "language")


def clean_text(text: str) -> str:
    """Normalise Unicode (NFC), line ends and spacing; drop control characters.

    Offsets in every extraction refer to this cleaned text, which is what the store keeps.
    Lone surrogates become U+FFFD. Characters are dropped *before* NFC, so cleaning a
    cleaned text changes nothing (a control character between a letter and its accent
    would otherwise leave an uncomposed pair behind).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATES.sub("\ufffd", _CONTROL.sub("", text))
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def article_id_for(text: str) -> str:
    """Return a stable id from the article's content, so re-reads give the same id."""
    digest = hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()
    return "a-" + digest[:16]


def normalise_published(value: Any) -> str | None:
    """Return ``YYYY-MM-DD`` for a date, datetime or date string; raise ValueError if not one.

    Accepts ISO dates and datetimes (with ``Z`` or offsets) and the common feed formats
    (RFC 822 "Mon, 02 Jan 2006 15:04:05 GMT").
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"expected a date string, got {type(value).__name__}")
    raw = value.strip()
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in ("%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y%m%d",
                "%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y"):
        try:
            return datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    if _YEAR.search(raw):
        # Other absolute formats ("26-FEB-1987 15:17", "le 3 mars 2021"); a string without a
        # year is never parsed relative to today, so results do not depend on the clock.
        import dateparser

        # Absolute parsers only: "1999 days ago" must not be read against today.
        parsed = dateparser.parse(raw, settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"]})
        if parsed is not None:
            return parsed.date().isoformat()
    raise ValueError(f"unparseable date {raw[:40]!r} (expected YYYY-MM-DD or an ISO datetime)")


def build_article(
    fields: Mapping[str, Any],
    source: str,
    line: int | None,
    max_chars: int,
    default_published: str | None = None,
) -> tuple[Article | Skipped, list[Warning_]]:
    """Validate raw fields into an Article, or a Skipped with the reason; plus warnings.

    A bad publication date does not lose the article: it is kept without a date and a
    warning says so (event dates then come from the text alone).
    """
    warnings: list[Warning_] = []
    text = fields.get("text")
    if text is None:
        return Skipped(source, "record has no 'text' field", line), warnings
    if not isinstance(text, str):
        return Skipped(source, f"'text' must be a string, not {type(text).__name__}", line), []
    if len(text) > max_chars:
        return Skipped(
            source,
            f"text is {len(text):,} characters, over the max_article_chars limit of "
            f"{max_chars:,}",
            line,
        ), warnings
    text = clean_text(text)
    if not text:
        return Skipped(source, "text is empty", line), warnings
    raw_id = fields.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        article_id = article_id_for(text)
    elif isinstance(raw_id, str | int) and not isinstance(raw_id, bool):
        article_id = _SURROGATES.sub("\ufffd", str(raw_id).strip())
    else:
        return Skipped(source, f"'id' must be a string or integer, not {type(raw_id).__name__}",
                       line), warnings
    published = None
    raw_date = fields.get("published") or default_published
    try:
        published = normalise_published(raw_date)
    except ValueError as exc:
        warnings.append(Warning_(source, f"article {article_id}: {exc}; kept without a "
                                 "publication date", line))
    extras = {}
    for key in ("title", "url", "source", "language"):
        value = fields.get(key)
        if value is not None and not isinstance(value, str):
            value = str(value)
        if value is not None:
            value = _SURROGATES.sub("\ufffd", value)
        extras[key] = clean_text(value) if key == "title" and value else (value or None)
    return Article(id=article_id, text=text, published=published, **extras), warnings
