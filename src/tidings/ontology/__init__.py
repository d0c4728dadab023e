"""PLOVER and CAMEO code tables, countries, sectors and actor terms: the project's own data."""

from .codes import (
    CameoCode,
    PloverEvent,
    cameo_code,
    cameo_codes,
    plover_event,
    plover_events,
    plover_modes,
    sectors,
)
from .gazetteer import ActorInfo, Gazetteer, gazetteer

__all__ = [
    "ActorInfo",
    "CameoCode",
    "Gazetteer",
    "PloverEvent",
    "cameo_code",
    "cameo_codes",
    "gazetteer",
    "plover_event",
    "plover_events",
    "plover_modes",
    "sectors",
]
