"""The web UI: server-rendered pages, each with a JSON twin (``?format=json``).

Pages call the same functions in data.py as the API and render the result; charts are
inline SVG drawn in charts.py. No page loads anything from outside the server.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from markupsafe import Markup

from . import charts, data, views_agg
from .app import html
from .params import (
    ActorSpec,
    DateQuery,
    EventQuery,
    Limit,
    MinWeight,
    NameQuery,
    NetworkBy,
    Offset,
    Period,
    event_query,
)

router = APIRouter(include_in_schema=False)


def _page(request: Request, template: str, payload: dict[str, Any], **extra: Any) -> Response:
    """The page, or its JSON twin when ``?format=json`` is asked for."""
    if request.query_params.get("format") == "json":
        return JSONResponse(payload)
    return html(request, template, payload, **extra)


def _served(request: Request) -> Any:
    return request.app.state.served


@router.get("/")
def overview_page(request: Request) -> Response:
    payload = _served(request).read(data.overview)
    quads = payload["quads"]
    chart = charts.stacked_bars(quads["periods"], quads["series"],
                                data.QUADS_BY_KEY,
                                "events per month by quad class")
    return _page(request, "overview.html", payload, chart=Markup(chart))


@router.get("/events")
def events_page(request: Request, q: Annotated[EventQuery, Depends(event_query)]) -> Response:
    payload = _served(request).read(data.events_page, q.filters, q.limit, q.offset, q.order)
    return _page(request, "events.html", payload, params=q.as_params(), types=data.event_types())


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: str) -> Response:
    payload = _served(request).read(data.event_detail, event_id)
    return _page(request, "event.html", payload)


@router.get("/actors")
def actors_page(request: Request, name: NameQuery = None, limit: Limit = 50,
                offset: Offset = 0) -> Response:
    payload = _served(request).read(data.actors_page, (name or "").strip() or None, limit, offset)
    return _page(request, "actors.html", payload)


@router.get("/actors/{actor_id}")
def actor_page(request: Request, actor_id: str, limit: Limit = 50) -> Response:
    payload = _served(request).read(data.actor_detail, actor_id, limit)
    return _page(request, "actor.html", payload)


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> Response:
    payload = _served(request).read(data.article_detail, article_id)
    return _page(request, "article.html", payload)


@router.get("/dyads")
def dyads_page(request: Request, a: Annotated[str | None, Query(max_length=64)] = None,
               b: Annotated[str | None, Query(max_length=64)] = None) -> Response:
    """Pick two actors (or a top dyad); a filled form goes to the dyad's page."""
    a, b = (a or "").strip(), (b or "").strip()
    if a and b:
        return RedirectResponse(f"/dyads/{quote(a, safe='')}/{quote(b, safe='')}", 303)
    payload = _served(request).read(views_agg.top, "dyads", 30, None, None)
    return _page(request, "dyads.html", payload)


@router.get("/dyads/{a}/{b}")
def dyad_page(request: Request, a: ActorSpec, b: ActorSpec, by: Period = "month",
              directed: bool = False, since: DateQuery = None, until: DateQuery = None,
              limit: Limit = 50) -> Response:
    payload = _served(request).read(views_agg.dyad, a, b, by, directed, since, until, limit)
    series = payload["series"]
    chart = charts.grouped_bars_and_line(
        [r["period"] for r in series],
        {"coop": [r["cooperation"] for r in series], "conflict": [r["conflict"] for r in series]},
        [r["goldstein_mean"] for r in series],
        {"coop": "cooperation events", "conflict": "conflict events"},
        f"cooperation and conflict between {a} and {b}")
    return _page(request, "dyad.html", payload, chart=Markup(chart))


@router.get("/network")
def network_page(request: Request, by: NetworkBy = "country", since: DateQuery = None,
                 until: DateQuery = None, min_weight: MinWeight = 1,
                 limit: Limit = 200) -> Response:
    payload = _served(request).read(views_agg.network, by, since, until, min_weight, limit)
    drawn = payload["nodes"][:views_agg.MAX_DRAWN_NODES]
    nodes = [{**n, "href": views_agg.node_href(by, n["id"])} for n in drawn]
    chart = charts.network(nodes, payload["edges"], "actor network")
    return _page(request, "network.html", payload, chart=Markup(chart),
                 drawn=len(drawn), max_drawn=views_agg.MAX_DRAWN_NODES)


@router.get("/docs")
def docs_page(request: Request) -> Response:
    """The API reference drawn from the OpenAPI schema (no CDN-hosted Swagger UI)."""
    schema = request.app.openapi()
    return _page(request, "docs.html", schema)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)
