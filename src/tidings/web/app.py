"""The FastAPI app: one store connection, the JSON API under /api, pages at the root.

Why it is built this way:

- DuckDB allows one process on a file, so the server owns the store's one connection and
  serialises use of it with a lock (queries are short; pages are capped). Without a token
  the store is opened read-only; either way external access (files, URLs, extensions) is
  switched off and the configuration locked, so no request can make DuckDB read a file.
- Write endpoints exist only when a token is configured, and compare it in constant time.
- ``Guard`` (guard.py) caps bodies and time, adds security headers, and turns anything
  unexpected into the one error shape (problems.py).
"""

from __future__ import annotations

import copy
import hmac
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError, StoreError, TidingsError
from ..settings import Settings
from ..store import Store, open_store
from .data import QUADS as QUAD_NAMES
from .guard import Guard
from .problems import ApiProblem, problem_body

log = logging.getLogger("tidings.web")
T = TypeVar("T")
HERE = Path(__file__).parent


class Served:
    """What every request shares: the store behind a lock, the token, the extractor."""

    def __init__(self, store_path: str, token: str | None, settings: Settings,
                 cache_entries: int = 256) -> None:
        self.token = token or None
        self.settings = settings
        self.store: Store = open_store(store_path, read_only=self.token is None)
        con = self.store.con
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        self.lock = threading.Lock()
        self.extract_lock = threading.Lock()
        self._pipeline: Any = None
        # Answers to repeated reads. Safe because DuckDB lets one process hold the file, so
        # only this server can change the store, and its own writes clear the cache.
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.cache_entries = cache_entries

    @contextmanager
    def store_locked(self) -> Iterator[Store]:
        """Hold the store's connection for one request's queries or writes."""
        with self.lock:
            yield self.store

    def read(self, query: Callable[..., T], *args: Any) -> T:
        """Run one data.py function on the store under the lock and return its result
        (a private copy, from the cache when the same read was answered before)."""
        key = (query, *args)
        with self.store_locked() as store:
            if key in self._cache:
                self._cache.move_to_end(key)
                return copy.deepcopy(self._cache[key])
            result = query(store, *args)
            if self.cache_entries > 0:
                self._cache[key] = copy.deepcopy(result)
                while len(self._cache) > self.cache_entries:
                    self._cache.popitem(last=False)
            return result

    def pipeline(self) -> Any:
        """The extractor pipeline with the store's actor registry (built on first use)."""
        if self._pipeline is None:
            from ..pipeline import default_pipeline

            with self.store_locked() as store:
                registry = store.registry()
            self._pipeline = default_pipeline(self.settings, registry=registry)
        return self._pipeline

    def stored_changed(self) -> None:
        """After a write: cached answers are stale and the actor registry has grown."""
        with self.lock:
            self._cache.clear()
        self._pipeline = None

    def check_token(self, request: Request) -> None:
        """Refuse a write unless the server has a token and the request carries it."""
        if self.token is None:
            raise ApiProblem(403, "write endpoints are off: start `tidings serve` with --token "
                                  "or TIDINGS_TOKEN set to enable them")
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
                value.strip().encode("utf-8"), self.token.encode("utf-8")):
            raise ApiProblem(401, "this endpoint needs `Authorization: Bearer <token>` with "
                                  "the server's token", {"WWW-Authenticate": "Bearer"})

    def close(self) -> None:
        self.store.close()


def wants_html(request: Request) -> bool:
    """Pages answer browsers with HTML; the API and ?format=json answer with JSON."""
    return (not request.url.path.startswith(("/api", "/openapi"))
            and request.query_params.get("format") != "json"
            and "text/html" in request.headers.get("accept", ""))


def create_app(store_path: str, token: str | None = None, *, settings: Settings | None = None,
               max_body_bytes: int | None = None, timeout_s: float | None = None,
               allowed_hosts: set[str] | None = None, cache_entries: int | None = None) -> Any:
    """Return the app serving the store at ``store_path``.

    ``token`` enables the write endpoints (and opens the store writable); without it they
    answer 403. Limits default to the settings ``max_request_bytes`` and
    ``request_timeout``. ``allowed_hosts`` (names without port) limits the Host headers
    answered; None answers any (``tidings serve`` sets it on loopback). ``cache_entries``
    bounds the cache of read answers (0 turns it off; default: the ``cache_entries``
    setting).
    """
    settings = settings or Settings.load()
    served = Served(store_path, token, settings,
                    settings.cache_entries if cache_entries is None else cache_entries)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        served.close()

    app = FastAPI(title="tidings", version=_version(), lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Event data from news: search events, actors, dyads and "
                              "articles; extract events from a text. Every error has the "
                              'shape {"error": {"status", "code", "message"}}.')
    app.state.served = served
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"),
                                          context_processors=[_page_context])
    app.state.templates.env.globals["qs"] = _query_string
    app.state.templates.env.globals["quads"] = QUAD_NAMES
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _install_error_handlers(app)

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(Guard, max_body_bytes=max_body_bytes or settings.max_request_bytes,
                       timeout_s=timeout_s or settings.request_timeout,
                       allowed_hosts=frozenset(h.lower() for h in allowed_hosts)
                       if allowed_hosts is not None else None)
    return app


def _version() -> str:
    from .. import __version__

    return __version__


def problem_response(request: Request, status: int, message: str,
                     headers: dict[str, str] | None = None) -> Response:
    """Answer with the error shape: as JSON, or as a page carrying the same fields."""
    body = problem_body(status, message)
    if wants_html(request):
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(request, "error.html", {"problem": body["error"]},
                                          status_code=status, headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiProblem)
    async def _problem(request: Request, exc: ApiProblem) -> Response:
        return problem_response(request, exc.status, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = {404: f"nothing at {request.url.path}",
                   405: f"{request.method} is not allowed on {request.url.path}"}.get(
            exc.status_code, str(exc.detail))
        return problem_response(request, exc.status_code, message,
                                dict(exc.headers) if exc.headers else None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return problem_response(request, 422, "; ".join(_describe(e) for e in exc.errors()[:5]))

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> Response:
        return problem_response(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> Response:
        log.error("store error on %s: %s", request.url.path, exc)
        return problem_response(request, 503, "the store could not do this; the server log "
                                              "has details")

    @app.exception_handler(TidingsError)
    async def _tidings(request: Request, exc: TidingsError) -> Response:
        log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
        return problem_response(request, 500, f"{type(exc).__name__}; the server log has details")

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:
        log.error("unexpected %s on %s", type(exc).__name__, request.url.path, exc_info=exc)
        return problem_response(request, 500, "internal error; the server log has details")


def _describe(error: dict[str, Any]) -> str:
    """One validation error as 'query parameter limit: Input should be ...'."""
    where = [str(part) for part in error.get("loc", ())]
    place = {"query": "query parameter", "path": "path parameter", "body": "body field"}.get(
        where[0] if where else "", "field")
    name = ".".join(where[1:]) or "request"
    return f"{place} {name}: {error.get('msg', 'invalid')}"


def html(request: Request, template: str, data: dict[str, Any], **extra: Any) -> HTMLResponse:
    """Render a page template with its data (``data``) and page-only extras (charts)."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template,
                                      {"data": data, **extra})


def _page_context(request: Request) -> dict[str, Any]:
    return {"path": request.url.path}


def _query_string(params: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` from params with changes applied (None drops a key); for links."""
    from urllib.parse import urlencode

    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""
