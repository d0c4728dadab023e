"""Query parameters shared by the API and the pages, validated once.

HTML forms send empty fields (``actor=&quad=``); they mean "no filter" here, so a filter
form never trips validation. Page sizes are capped at ``MAX_PAGE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Path, Query

from ..query import EventFilter
from ..query.events import ORDERS

MAX_PAGE = 500
Period = Annotated[Literal["day", "week", "month"], Query(description="period of the series")]
DateQuery = Annotated[str | None, Query(max_length=32, description="YYYY-MM-DD")]
ActorSpec = Annotated[str, Path(max_length=64, description="country (USA), actor code (USAGOV) "
                                                          "or actor id (p-…)")]
NetworkBy = Annotated[Literal["country", "actor", "id"],
                      Query(description="nodes: countries, actor codes (USAGOV) or actor ids")]
TopWhat = Annotated[Literal["actors", "countries", "types", "places", "dyads"],
                    Query(description="what to rank")]
MinWeight = Annotated[int, Query(ge=1, le=100_000, description="fewest events an edge needs")]

Code = Annotated[str | None, Query(max_length=12, description="ISO alpha-3 or PLOVER code, e.g. USA")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"rows per page (at most {MAX_PAGE})")]
NameQuery = Annotated[str | None, Query(max_length=200, description="part of a name")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip (paging)")]


@dataclass(frozen=True, slots=True)
class EventQuery:
    filters: EventFilter
    limit: int
    offset: int
    order: str

    def as_params(self) -> dict[str, str]:
        """The non-empty filters as query parameters (for paging links and forms)."""
        out = {k: str(v) for k, v in (
            ("actor", self.filters.actor), ("recipient", self.filters.recipient),
            ("country", self.filters.country), ("type", self.filters.type),
            ("quad", self.filters.quad), ("since", self.filters.since),
            ("until", self.filters.until), ("text", self.filters.text)) if v not in (None, "")}
        if self.order != "-date":
            out["order"] = self.order
        return out


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def event_query(
    actor: Code = None,
    recipient: Code = None,
    country: Code = None,
    type: Annotated[str | None, Query(max_length=20, description="PLOVER event type, e.g. CONSULT")] = None,
    quad: Annotated[str | None, Query(pattern="^[1-4]?$", description="CAMEO quad class 1-4")] = None,
    since: Annotated[str | None, Query(max_length=32, description="first date, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(max_length=32, description="last date, YYYY-MM-DD")] = None,
    text: Annotated[str | None, Query(max_length=200, description="words in the event or actor text")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    order: Annotated[str, Query(pattern="^(" + "|".join(ORDERS) + ")$",
                                description="-date (default), date, -goldstein, goldstein, "
                                            "-confidence, confidence")] = "-date",
) -> EventQuery:
    """Event filters from the query string (the same for /api/events and /events)."""
    quad_value = _blank(quad)
    return EventQuery(EventFilter(actor=_blank(actor), recipient=_blank(recipient),
                                  country=_blank(country), type=_blank(type),
                                  quad=int(quad_value) if quad_value else None,
                                  since=_blank(since), until=_blank(until), text=_blank(text)),
                      limit, offset, order)
