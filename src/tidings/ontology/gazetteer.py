"""Phrase lookup from names, demonyms, capitals, organisations and role terms to actors.

One table answers "what does this phrase say about an actor?": "Ecuador" → ECU (state),
"Ecuadorian" → ECU (modifier), "Kremlin" → RUS/GOV, "NATO" → IGO, "coast guard" → COP,
"president-elect" → GOV (title). Short all-capital aliases ("US", "UN") match only with
their exact case, so the pronoun "us" never becomes the United States.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .tables import ontology_rows, split_cell

_TOKEN = re.compile(r"\w+(?:[.'’]\w+)*\.?|[^\w\s]")


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """What one phrase tells about an actor.

    ``kind`` is one of: ``state`` (a country name or a metonym for its government),
    ``demonym`` (a nationality adjective/noun), ``org`` (a named organisation or group),
    ``title`` (a role before or after a person's name), ``group`` (a collective noun),
    ``region`` (a world region whose states act together: "Southeast Asian" leaders).
    """

    phrase: str
    kind: str
    country: str | None
    sector: str | None
    name: str


def tokens_of(text: str) -> list[str]:
    """Split a phrase into the word tokens the gazetteer indexes (spaCy-compatible enough)."""
    return _TOKEN.findall(text)


class Gazetteer:
    """Longest-match lookup over token sequences."""

    def __init__(self, entries: Sequence[ActorInfo]) -> None:
        self._index: dict[tuple[str, ...], list[ActorInfo]] = {}
        self.max_len = 1
        for entry in entries:
            key = tuple(t.lower() for t in tokens_of(entry.phrase))
            if not key:
                continue
            self._index.setdefault(key, []).append(entry)
            self.max_len = max(self.max_len, len(key))

    def lookup(self, words: Sequence[str]) -> ActorInfo | None:
        """Return the entry for exactly these words, honouring case for short acronyms."""
        for entry in self._index.get(tuple(w.lower() for w in words), ()):
            if _case_ok(entry.phrase, words):
                return entry
        return None

    def find_all(self, words: Sequence[str]) -> list[tuple[int, int, ActorInfo]]:
        """Return non-overlapping (start, end, entry) matches, longest first, left to right."""
        found: list[tuple[int, int, ActorInfo]] = []
        i = 0
        while i < len(words):
            for length in range(min(self.max_len, len(words) - i), 0, -1):
                entry = self.lookup(words[i : i + length])
                if entry is not None:
                    found.append((i, i + length, entry))
                    i += length
                    break
            else:
                i += 1
        return found


def _case_ok(phrase: str, words: Sequence[str]) -> bool:
    letters = phrase.replace(".", "").replace(" ", "")
    if letters.isupper() and len(letters) <= 5:
        return " ".join(words).replace(" .", ".") == phrase or "".join(words) == phrase
    if words and phrase[:1].isupper() and not any(w[:1].isupper() for w in words):
        # Proper names match capitalised text only ("Turkey" the country, not "turkey").
        return False
    return True


@cache
def gazetteer() -> Gazetteer:
    """Return the gazetteer built from the ontology tables (once per process)."""
    entries: list[ActorInfo] = []
    for row in ontology_rows("countries.tsv"):
        iso3, name = row["iso3"], row["name"]
        for phrase in [name, *split_cell(row.get("aliases", ""))]:
            entries.append(ActorInfo(phrase, "state", iso3, "GOV", name))
        for phrase in split_cell(row.get("demonyms", "")):
            entries.append(ActorInfo(phrase, "demonym", iso3, None, name))
        for phrase in split_cell(row.get("metonyms", "")):
            entries.append(ActorInfo(phrase, "state", iso3, "GOV", name))
    for row in ontology_rows("nonstate_actors.tsv"):
        for phrase in [row["name"], *split_cell(row.get("aliases", ""))]:
            entries.append(ActorInfo(phrase, "org", row["code"], row.get("sector") or None,
                                     row["name"]))
    for row in ontology_rows("national_groups.tsv"):
        for phrase in [row["name"], *split_cell(row.get("aliases", ""))]:
            entries.append(ActorInfo(phrase, "org", row["country"], row.get("sector") or None,
                                     row["name"]))
    for row in ontology_rows("regions.tsv"):
        entries.append(ActorInfo(row["adjective"], "region", row["code"], None,
                                 row["adjective"]))
    for row in ontology_rows("role_terms.tsv"):
        entries.append(ActorInfo(row["term"], row["kind"], None, row["sector"], row["term"]))
    return Gazetteer(entries)
