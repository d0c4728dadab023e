"""Cut an article's text into segments that carry the highlights covering them.

Highlights overlap (a date inside a quote, an actor inside an event span), so instead of
nesting tags the text is split at every span boundary; each segment lists the kinds, labels
and event ids that cover it. Templates then wrap each marked segment in one element, and
escaping stays the template's job.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def segments(text: str, marks: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return [{"text", "kinds", "labels", "refs"}] covering ``text`` in order.

    Marks outside the text or empty are ignored; segments with no mark have empty lists.
    """
    n = len(text)
    spans = [(max(0, m["start"]), min(n, m["end"]), m) for m in marks]
    spans = [s for s in spans if s[0] < s[1]]
    cuts = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [m for s, e, m in spans if s <= left and right <= e]
        kinds = sorted({m["kind"] for m in covering})
        labels = sorted({m["label"] for m in covering if m.get("label")})
        refs = sorted({m["ref"] for m in covering if m.get("ref")})
        out.append({"text": text[left:right], "kinds": kinds, "labels": labels, "refs": refs})
    return out
