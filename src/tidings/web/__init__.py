"""The JSON API and web UI over a store (``tidings serve``).

Importing this package does not import FastAPI; :func:`create_app` does, so the rest of
tidings works without the web stack loaded.
"""

from __future__ import annotations

from typing import Any


def create_app(store_path: str, token: str | None = None, **options: Any) -> Any:
    """Return the FastAPI app serving the store at ``store_path`` (see web/app.py)."""
    from .app import create_app as _create

    return _create(store_path, token, **options)


__all__ = ["create_app"]
