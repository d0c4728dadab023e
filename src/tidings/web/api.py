"""The JSON API under /api (documented by OpenAPI at /openapi.json and /docs).

Each GET here returns exactly the dict its page renders (pages.py), so a page and its JSON
twin never disagree. Routes are plain functions: FastAPI runs them in its thread pool, and
they share the store through `Served.store_locked`.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from ..records import Article
from . import data, views_agg
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
    TopWhat,
    event_query,
)
from .problems import ApiProblem

router = APIRouter(prefix="/api", tags=["api"])
#: Articles one POST /api/articles may carry (bodies are also capped in bytes).
MAX_ARTICLES_PER_REQUEST = 100


def served(request: Request) -> Any:
    return request.app.state.served


class ArticleIn(BaseModel):
    """One article, as in the JSON-lines input contract."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="the article text")
    id: str | None = Field(None, max_length=200, description="stable id (derived from the text when absent)")
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40, description="YYYY-MM-DD or ISO datetime")
    url: str | None = Field(None, max_length=4000, description="stored as given; never fetched")
    source: str | None = Field(None, max_length=200)
    language: str | None = Field(None, max_length=20)


class ArticlesIn(BaseModel):
    """Several articles in one request."""

    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES_PER_REQUEST)


@router.get("/health", summary="Is the server up, and what does its store hold")
def health(request: Request) -> dict[str, Any]:
    """Counts of articles and events, and whether write endpoints are on."""
    srv = served(request)
    with srv.store_locked() as store:
        counts = store.con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone()
    return {"status": "ok", "articles": counts[0], "events": counts[1],
            "writes": srv.token is not None}


@router.get("/overview", summary="Events over time by quad class, top dyads, latest events")
def overview(request: Request) -> dict[str, Any]:
    """The overview page's data."""
    return served(request).read(data.overview)


@router.get("/events", summary="Search events with filters, paging and sorting")
def events(request: Request, q: Annotated[EventQuery, Depends(event_query)]) -> dict[str, Any]:
    """Events matching every given filter; `total` counts them all, `events` is one page."""
    return served(request).read(data.events_page, q.filters, q.limit, q.offset, q.order)


@router.get("/events/{event_id}", summary="One event with its sentence and mentions")
def event(request: Request, event_id: str) -> dict[str, Any]:
    return served(request).read(data.event_detail, event_id)


@router.get("/actors", summary="Actors seen in events, most active first")
def actors(request: Request, name: NameQuery = None,
           limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return served(request).read(data.actors_page, name or None, limit, offset)


@router.get("/actors/{actor_id}", summary="One actor: events by type, partners, latest events")
def actor(request: Request, actor_id: str, limit: Limit = 50) -> dict[str, Any]:
    return served(request).read(data.actor_detail, actor_id, limit)


@router.get("/articles/{article_id}", summary="One article with highlights and its events")
def article(request: Request, article_id: str) -> dict[str, Any]:
    """The text, the spans to highlight (actors, event words, dates, counts, quotes) and the
    coded events; `segments` is the text cut at every highlight boundary."""
    return served(request).read(data.article_detail, article_id)


@router.get("/dyads/{a}/{b}", summary="Cooperation, conflict and Goldstein over time for two actors")
def dyad(request: Request, a: ActorSpec, b: ActorSpec, by: Period = "month",
         directed: bool = False, since: DateQuery = None, until: DateQuery = None,
         limit: Limit = 50) -> dict[str, Any]:
    """`series`: one row per period (empty periods included) with `n_events`,
    `cooperation` and `conflict` (CAMEO quad classes 1-2 and 3-4), `goldstein_mean`,
    counts per quad class and per PLOVER type; `events`: the latest events between them.
    Undirected by default (both directions); `directed=true` counts a → b only."""
    return served(request).read(views_agg.dyad, a, b, by, directed, since, until, limit)


@router.get("/network", summary="The directed actor network: nodes and weighted edges")
def network(request: Request, by: NetworkBy = "country", since: DateQuery = None,
            until: DateQuery = None, min_weight: MinWeight = 1,
            limit: Limit = 200) -> dict[str, Any]:
    """Edges carry `weight` (events), `cooperation`, `conflict` and
    `goldstein_mean`; nodes their event totals (`events`, `out`, `in`)."""
    return served(request).read(views_agg.network, by, since, until, min_weight, limit)


@router.get("/top", summary="The most frequent actors, countries, types, places or dyads")
def top(request: Request, what: TopWhat = "actors", n: Limit = 10, since: DateQuery = None,
        until: DateQuery = None) -> dict[str, Any]:
    return served(request).read(views_agg.top, what, n, since, until)


@router.post("/extract", summary="Extract events from one article (nothing is stored)")
def extract(request: Request, article: ArticleIn) -> dict[str, Any]:
    """The full extraction record (events, mentions, dates, counts, quotes, tone...)."""
    from ..ingest import build_article
    from ..pipeline import extract_article

    srv = served(request)
    built, _ = build_article(article.model_dump(), "<api>", None, srv.settings.max_article_chars)
    if not isinstance(built, Article):
        raise ApiProblem(400, built.reason)
    pipeline = srv.pipeline()
    with srv.extract_lock:
        return extract_article(built, pipeline, srv.settings).to_dict()


@router.post("/articles", summary="Ingest one or many articles (needs the token)",
             status_code=201, responses={200: {"description": "nothing new was stored"}})
def ingest(request: Request, body: ArticleIn | ArticlesIn) -> JSONResponse:
    """Extract and store articles in-process; already stored ids are left as they were.
    Needs `Authorization: Bearer <token>`; without a configured token this answers 403."""
    from ..errors import Skipped
    from ..ingest import build_article
    from ..pipeline import run

    srv = served(request)
    srv.check_token(request)
    given = body.articles if isinstance(body, ArticlesIn) else [body]
    items: list[Any] = []
    ids = []
    for i, article in enumerate(given, 1):
        built, warnings = build_article(article.model_dump(), "<api>", i,
                                        srv.settings.max_article_chars)
        items.append(built)
        items.extend(warnings)
        if not isinstance(built, Skipped):
            ids.append(built.id)
    # In-process, one worker: a request's few articles do not pay for starting processes,
    # and the server's model is loaded once.
    settings = dataclasses.replace(srv.settings, workers=1, progress=False)
    with srv.extract_lock, srv.store_locked() as store:
        report = run(store=store, settings=settings, articles=items)
    srv.stored_changed()  # new answers; new persons may have joined the actor registry
    result = {"read": report.read, "stored": report.stored,
              "already_present": report.already_present, "events": report.events,
              "article_ids": ids,
              "skipped": [{"item": s.line, "reason": s.reason} for s in report.skipped],
              "warnings": [{"item": w.line, "reason": w.reason} for w in report.warnings]}
    return JSONResponse(result, status_code=201 if report.stored else 200)
