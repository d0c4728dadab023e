"""PLOVER event types, modes and sectors; CAMEO codes with Goldstein and QuadClass."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .tables import ontology_rows, split_cell


@dataclass(frozen=True, slots=True)
class PloverEvent:
    """One PLOVER event type with its quad code and default intensity score."""

    event: str
    quad_code: int
    score: float
    description: str
    cameo_roots: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code with its Goldstein value, QuadClass and PLOVER reading."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_event: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@cache
def plover_events() -> dict[str, PloverEvent]:
    """Return the 16 PLOVER event types by name."""
    return {
        row["event"]: PloverEvent(row["event"], int(row["quad_code"]), float(row["score"]),
                                  row["description"], tuple(split_cell(row["cameo_roots"])))
        for row in ontology_rows("plover_events.tsv")
    }


def plover_event(name: str) -> PloverEvent:
    """Return one PLOVER event type; KeyError names an unknown type."""
    return plover_events()[name]


@cache
def plover_modes() -> dict[str, tuple[str, ...]]:
    """Return the modes allowed for each PLOVER event type."""
    modes: dict[str, list[str]] = {}
    for row in ontology_rows("plover_modes.tsv"):
        modes.setdefault(row["event"], []).append(row["mode"])
    return {event: tuple(values) for event, values in modes.items()}


@cache
def cameo_codes() -> dict[str, CameoCode]:
    """Return every CAMEO code (2-, 3- and 4-digit) by code."""
    return {
        row["code"]: CameoCode(row["code"], row["name"], float(row["goldstein"]),
                               int(row["quad_class"]), row["plover_event"] or None,
                               row["plover_mode"] or None)
        for row in ontology_rows("cameo_codes.tsv")
    }


def cameo_code(code: str) -> CameoCode:
    """Return a CAMEO code, falling back to its 3- then 2-digit parent when unknown."""
    table = cameo_codes()
    for length in (len(code), 3, 2):
        if code[:length] in table:
            return table[code[:length]]
    raise KeyError(code)


@cache
def sectors() -> dict[str, str]:
    """Return PLOVER sector codes with their names."""
    return {row["code"]: row["name"] for row in ontology_rows("sectors.tsv")}
