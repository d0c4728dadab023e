"""What every reader is given and what it yields."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Skipped, Warning_
from ..records import Article

#: A reader yields articles, the items it skipped, and warnings about items it kept.
ReadItem = Article | Skipped | Warning_


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Options shared by the readers.

    ``published`` is the publication date for inputs that carry none (plain text);
    ``text_column`` names the CSV column holding the text (found by name when None).
    """

    max_chars: int = 1_000_000
    published: str | None = None
    text_column: str | None = None
