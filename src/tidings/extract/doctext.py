"""The text of a parsed article, computed once.

spaCy's ``Doc.text`` joins every token each time it is read; extractors slice the text
thousands of times per article, so reading it afresh cost more than some whole steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEY = "tidings.text"


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, cached in the Doc's user data (the Doc is never edited here)."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
