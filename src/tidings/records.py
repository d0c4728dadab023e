"""The plain, frozen records that flow through tidings.

An :class:`Extraction` is everything one article yields. It holds only strings, numbers,
tuples and other records, so it pickles across processes and clusters and round-trips
through JSON (:meth:`Extraction.to_dict` / :meth:`Extraction.from_dict`). Field names
follow the output contract in docs/records.md (PLOVER names for events).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

Span = tuple[int, int]


class _Record:
    """JSON round-trip shared by every record."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (tuples become lists, records become dicts)."""
        return {f.name: _to_json(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    def to_json(self) -> str:
        """Return the record as one line of JSON with keys in field order."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        """Build the record from :meth:`to_dict` output; unknown keys are an error."""
        return _from_json(cls, data)


def _to_json(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_to_json(v) for v in value]
    return value


def _from_json(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_json(args[0], value) if len(args) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_json(args[0], v) for v in value)
        return tuple(_from_json(a, v) for a, v in zip(args, value, strict=True))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        unknown = set(value) - names
        if unknown:
            raise ValueError(f"{tp.__name__}: unknown fields {sorted(unknown)}")
        return tp(**{k: _from_json(hints[k], v) for k, v in value.items()})
    return value


@dataclass(frozen=True, slots=True)
class Article(_Record):
    """One news article as read from a source; ``published`` is ``YYYY-MM-DD`` or None."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Actor(_Record):
    """Who acts or is acted on: a name resolved to a country and a PLOVER sector.

    ``country`` is ISO 3166 alpha-3 or a PLOVER non-state code (UNO, EUR, IGO, NGO, ISM,
    IMG, MNC); ``sector`` a PLOVER sector code. ``id`` is stable across articles for the
    same entity (see the actor registry).
    """

    entity_text: str
    entity_name: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    id: str | None = None
    span: Span | None = None

    @property
    def code(self) -> str | None:
        """CAMEO-style actor code such as ``USAGOV`` (country then sector)."""
        if not self.country:
            return None
        return self.country + (self.sector or "")


@dataclass(frozen=True, slots=True)
class Place(_Record):
    """A geocoded place: where something is, with the precision of the match."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # country | region | city
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class CameoView(_Record):
    """The CAMEO reading of a PLOVER event, for GDELT users."""

    code: str
    root: str
    goldstein: float
    quad_class: int
    actor_code: str | None = None
    recipient_code: str | None = None


@dataclass(frozen=True, slots=True)
class Event(_Record):
    """One coded event (PLOVER field names, plus a CAMEO view)."""

    id: str
    event: str
    actor: Actor | None
    recipient: Actor | None
    mode: str | None = None
    context: tuple[str, ...] = ()
    date: str | None = None
    date_precision: str | None = None
    date_source: str | None = None  # text | published
    aux: tuple[str, ...] = ()
    quad_code: int | None = None
    event_scale: float | None = None
    cameo: CameoView | None = None
    location: Place | None = None
    event_text: str = ""
    sentence: Span = (0, 0)
    confidence: float = 0.0
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention(_Record):
    """An entity mention; ``entity_id`` groups the mentions of one entity in and across
    articles, ``canonical`` is its full name, ``kind`` is name, nominal or pronoun."""

    id: str
    text: str
    label: str
    span: Span
    entity_id: str | None = None
    canonical: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class DateRef(_Record):
    """A temporal expression resolved against the publication date."""

    text: str
    value: str | None
    precision: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Count(_Record):
    """A number of people (killed, arrested, migrants...), typed as GDELT counts are."""

    number: int | None
    category: str
    what: str
    span: Span
    qualifier: str | None = None
    vague: bool = False
    event_id: str | None = None


@dataclass(frozen=True, slots=True)
class Amount(_Record):
    """Money or another measured quantity ("$100 million in assistance", "5,000 tonnes of
    wheat", "10 percent"), normalised: ``value`` in units of ``currency`` (ISO 4217) or
    ``unit``; vague amounts ("millions of dollars") carry their least value."""

    text: str
    value: float | None
    span: Span
    currency: str | None = None
    unit: str | None = None
    what: str = ""
    qualifier: str | None = None
    vague: bool = False


@dataclass(frozen=True, slots=True)
class Quote(_Record):
    """A direct quote or reported speech, with its speaker when one is found."""

    text: str
    span: Span
    speaker: Actor | None = None
    verb: str | None = None
    direct: bool = True


@dataclass(frozen=True, slots=True)
class Theme(_Record):
    """A theme the article touches, with the spans that show it."""

    theme: str
    contexts: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Tone(_Record):
    """GDELT V2Tone-style tone of the whole article."""

    tone: float
    positive: float
    negative: float
    polarity: float
    activity_density: float
    self_group_density: float
    word_count: int


@dataclass(frozen=True, slots=True)
class Extraction(_Record):
    """Everything one article yields."""

    article: Article
    events: tuple[Event, ...] = ()
    mentions: tuple[Mention, ...] = ()
    places: tuple[Place, ...] = ()
    counts: tuple[Count, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateRef, ...] = ()
    themes: tuple[Theme, ...] = ()
    tone: Tone | None = None
    amounts: tuple[Amount, ...] = ()
