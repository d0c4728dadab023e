"""The actor registry as the resolver sees it: known persons and organisations by name.

Three origins, in order of authority:
- ``user``: the user's YAML overrides (``tidings actors load``) — always win;
- ``extracted``: what earlier articles established (Blinken = USA/GOV) — fill gaps only;
- ``dictionary``: imported CAMEO/Phoenix actor dictionaries, with dated roles
  (``[KENGOV >021230]``) — fill gaps only, choosing the role valid on the article's date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..records import Actor

ORIGINS = ("user", "extracted", "dictionary")


@dataclass(frozen=True, slots=True)
class RegistryEntry:
    """One known role of a named actor, valid between two dates (None = open)."""

    name: str
    country: str | None
    sector: str | None
    title: str | None = None
    origin: str = "extracted"
    valid_from: str | None = None
    valid_to: str | None = None
    actor_id: str | None = None

    def valid_on(self, day: str | None) -> bool:
        if day is None:
            return self.valid_from is None and self.valid_to is None
        return (self.valid_from is None or self.valid_from <= day) and \
            (self.valid_to is None or day <= self.valid_to)


class ActorRegistry:
    """Look up named actors by their (case-insensitive) name."""

    def __init__(self, entries: Iterable[RegistryEntry] = ()) -> None:
        self._by_name: dict[str, list[RegistryEntry]] = {}
        for entry in entries:
            self._by_name.setdefault(_key(entry.name), []).append(entry)

    def __len__(self) -> int:
        return len(self._by_name)

    def lookup(self, name: str, day: str | None = None) -> tuple[Actor | None, bool]:
        """Return (actor, authoritative) for a name on a date; (None, False) if unknown.

        ``authoritative`` is True for user overrides, which replace what the article says.
        """
        entries = self._by_name.get(_key(name))
        if not entries:
            return None, False
        for origin in ORIGINS:
            ranked = [e for e in entries if e.origin == origin]
            dated = [e for e in ranked if e.valid_on(day)] if day else []
            undated = [e for e in ranked if e.valid_from is None and e.valid_to is None]
            pick = (dated or undated or (ranked if origin != "dictionary" else []))
            if pick:
                e = pick[0]
                actor = Actor(name, e.name, e.country, e.sector, e.title, e.actor_id)
                return actor, origin == "user"
        return None, False


def _key(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


def merge_known(article_facts: Actor, registered: Actor | None, authoritative: bool) -> Actor:
    """Combine what the article says with the registry: overrides win, others fill gaps."""
    if registered is None:
        return article_facts
    if authoritative:
        return replace(article_facts, country=registered.country or article_facts.country,
                       sector=registered.sector or article_facts.sector,
                       title=registered.title or article_facts.title,
                       id=registered.id or article_facts.id)
    return replace(article_facts, country=article_facts.country or registered.country,
                   sector=article_facts.sector or registered.sector,
                   title=article_facts.title or registered.title,
                   id=article_facts.id or registered.id)
