"""One error shape for every error the server answers, JSON or HTML.

Every failure, from a bad filter to a bug, reaches the client as::

    {"error": {"status": 404, "code": "not_found", "message": "no event 'ev-1'"}}

Messages are written for the user; tracebacks and server paths never leave the process
(the server log keeps them).
"""

from __future__ import annotations

import json
from typing import Any

#: HTTP status -> the short machine-readable code clients can switch on.
CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 408: "request_timeout", 413: "payload_too_large",
    415: "unsupported_media_type", 422: "invalid_request", 429: "too_many_requests",
    500: "internal_error", 503: "unavailable", 504: "timeout",
}


class ApiProblem(Exception):
    """An error a route raises on purpose, with the status and message the client sees."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def problem_body(status: int, message: str, code: str | None = None) -> dict[str, Any]:
    """Return the error shape for a status and a message a user can act on."""
    return {"error": {"status": status, "code": code or CODES.get(status, "error"),
                      "message": message}}


def problem_bytes(status: int, message: str) -> bytes:
    return json.dumps(problem_body(status, message)).encode("utf-8")
