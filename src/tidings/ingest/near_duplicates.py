"""Near-duplicate articles (syndicated or lightly edited copies) by MinHash and LSH.

An article's text becomes the set of its word 3-grams (lower-cased word characters, so
punctuation, spacing and case changes do not count); MinHash estimates the Jaccard
similarity of two such sets and locality-sensitive hashing finds the candidates without
comparing every pair. A candidate counts as a copy when its estimated similarity reaches the
threshold (checked on the signatures, so LSH's false candidates are dropped).

Word 3-grams rather than 5-grams: a copy with one word in twenty changed keeps ~85% of its
3-grams but only ~75% of its 5-grams, while independent reports of the same event share
almost none of either (the demo's four outlets on one event: Jaccard under 0.01).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

NUM_PERM = 128
SCHEME = "affine32"  # datasketch 2's hashing; stored signatures are only valid under it
SHINGLE_WORDS = 3
#: Texts with fewer shingles (about 40 words) are only linked when exactly equal: short
#: templated items ("Qtly div 10 cts vs 10 cts prior ...") share most 3-grams without being
#: copies, and MinHash estimates on small sets are noisy.
MIN_SHINGLES = 40
_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """Return the word k-grams of a text (a short text is one shingle of all its words)."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str) -> Any:
    """Return the MinHash of a text's shingles (``sig.size`` holds how many there were)."""
    from datasketch import MinHash

    grams = shingles(text)
    sig = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations())
    sig.update_batch(list(grams))
    sig.size = len(grams)  # type: ignore[attr-defined]
    return sig


def to_bytes(sig: Any) -> bytes:
    """Serialise a MinHash for the store (its hash values, little-endian uint32)."""
    return sig.hashvalues.astype("<u4").tobytes()


def from_bytes(data: bytes) -> Any:
    """Rebuild a MinHash stored with :func:`to_bytes`."""
    import numpy as np
    from datasketch import MinHash

    values = np.frombuffer(data, dtype="<u4")
    if len(values) != NUM_PERM:
        raise ValueError(f"stored signature has {len(values)} values, expected {NUM_PERM}")
    return MinHash(num_perm=NUM_PERM, hashvalues=values.astype(np.uint64), scheme=SCHEME,
                   permutations=_permutations())


@cache
def _permutations() -> Any:
    """The hash permutations of every signature (seed 1), drawn once: drawing them per
    signature would make reopening a store of a million articles take minutes."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


@dataclass(frozen=True, slots=True)
class Match:
    """The stored article a new one copies, and their estimated Jaccard similarity."""

    article_id: str
    similarity: float


class NearDuplicateIndex:
    """Every stored article's MinHash in an LSH index; finds the first copy of a new text.

    ``threshold`` is the Jaccard similarity from which a text counts as a copy; 0 turns
    detection off. Articles added are assumed stored: callers add them after the write
    commits (see ``tidings.store.corpus``), so a rolled-back batch leaves no trace.
    """

    def __init__(self, threshold: float, window: int = 0) -> None:
        if not 0 <= threshold <= 1:
            raise ValueError(f"duplicate threshold {threshold} must be between 0 and 1")
        if window < 0:
            raise ValueError(f"duplicate window {window} must be 0 (no limit) or more")
        self.threshold = threshold
        #: How many of the most recent articles are kept (0: all). Memory grows by a few KB
        #: an article, so a stream of any length needs a bound; syndicated copies follow
        #: their first copy closely, so the recent ones are the ones worth keeping.
        self.window = window
        self._order: deque[str] = deque()
        self._lsh: Any = None
        self._sigs: dict[str, Any] = {}
        self._root: dict[str, str] = {}  # article -> the first copy it duplicates
        if threshold > 0:
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)

    @property
    def enabled(self) -> bool:
        return self._lsh is not None

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, article_id: str, sig: Any, duplicate_of: str | None = None) -> None:
        """Index a stored article (its signature, and the first copy it duplicates).

        Copies are indexed too, so a copy of a copy is still found; a match is always
        reported as the first copy it leads back to.
        """
        if not self.enabled or article_id in self._sigs:
            return
        self._sigs[article_id] = sig.hashvalues.astype("<u4")  # 512 bytes an article
        if duplicate_of:
            self._root[article_id] = duplicate_of
        self._lsh.insert(article_id, sig)
        self._order.append(article_id)
        while self.window and len(self._order) > self.window:
            oldest = self._order.popleft()
            self._lsh.remove(oldest)
            del self._sigs[oldest]
            self._root.pop(oldest, None)

    def add_many(self, rows: Iterable[tuple[str, Any, str | None]]) -> None:
        for article_id, sig, duplicate_of in rows:
            self.add(article_id, sig, duplicate_of)

    def find(self, sig: Any) -> Match | None:
        """Return the first copy of the most similar indexed article at or above the
        threshold (ties: the smaller article id), or None."""
        if not self.enabled or getattr(sig, "size", MIN_SHINGLES) < MIN_SHINGLES:
            return None
        values = sig.hashvalues.astype("<u4")
        scored = []
        for candidate in self._lsh.query(sig):
            similarity = float((self._sigs[candidate] == values).mean())
            if similarity >= self.threshold:
                scored.append((-similarity, candidate))
        if not scored:
            return None
        similarity, candidate = min(scored)
        return Match(self._root.get(candidate, candidate), -similarity)
