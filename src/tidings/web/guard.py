"""The outermost layer of the app: body-size cap, time limit, security headers, and the
last line of defence that turns any unexpected exception into the error shape.

It is plain ASGI (not Starlette's BaseHTTPMiddleware) so it can count request bytes as
they stream in, and so it wraps even the errors Starlette's own middleware would render.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .problems import problem_bytes

log = logging.getLogger("tidings.web")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Pages load only their own vendored CSS and JS; no inline script or style, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    b"content-security-policy": CONTENT_SECURITY_POLICY.encode(),
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"no-referrer",
    b"cross-origin-opener-policy": b"same-origin",
    b"cross-origin-resource-policy": b"same-origin",
    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
    b"cache-control": b"no-store",
}


class _TooLarge(Exception):
    pass


class Guard:
    """Wrap an ASGI app with the server's limits and headers (see module docstring)."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, timeout_s: float,
                 allowed_hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.timeout_s = timeout_s
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        too_large = False

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if too_large and not started:
                return  # the app's answer to a cut-off body is replaced by a 413 below
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS.items() if k not in present]
            await send(message)

        if self.allowed_hosts is not None and _host(scope) not in self.allowed_hosts:
            # A page on another site that got its name to resolve to 127.0.0.1 (DNS
            # rebinding) sends its own Host: refuse it so a local server stays local.
            await self._answer(send_guarded, 400, "unexpected Host header; this server "
                               "answers only to " + ", ".join(sorted(self.allowed_hosts)))
            return
        declared = _content_length(scope)
        if declared is None and _has_header(scope, b"content-length"):
            await self._answer(send_guarded, 400, "Content-Length is not a number")
            return
        if declared is not None and declared > self.max_body_bytes:
            await self._answer(send_guarded, 413, f"request body over {self.max_body_bytes} bytes")
            return
        received = 0

        async def receive_counted() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    too_large = True
                    raise _TooLarge
            return message

        try:
            await asyncio.wait_for(self.app(scope, receive_counted, send_guarded), self.timeout_s)
        except _TooLarge:
            pass
        except TimeoutError:
            log.warning("%s %s: over the %.0f s time limit", scope.get("method"),
                        scope.get("path"), self.timeout_s)
            if not started:
                await self._answer(send_guarded, 503, f"the request took longer than "
                                   f"{self.timeout_s:g} s and was stopped; narrow it and retry")
        except Exception:  # the last line: log the traceback, show the client none of it
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            if not started:
                await self._answer(send_guarded, 500, "internal error; the server log has details")
        if too_large and not started:
            too_large = False  # let the 413 through send_guarded
            await self._answer(send_guarded, 413, f"request body over {self.max_body_bytes} bytes")

    @staticmethod
    async def _answer(send: Send, status: int, message: str) -> None:
        body = problem_bytes(status, message)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _host(scope: Scope) -> str:
    """The Host header's name without the port (``[::1]:8000`` gives ``::1``)."""
    for key, value in scope.get("headers", []):
        if key.lower() == b"host":
            host = value.decode("latin-1").strip().lower()
            if host.startswith("["):
                return host[1:host.find("]")] if "]" in host else host
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return ""


def _has_header(scope: Scope, name: bytes) -> bool:
    return any(k.lower() == name for k, _ in scope.get("headers", []))


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
