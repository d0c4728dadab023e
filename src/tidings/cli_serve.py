"""``tidings serve``: the JSON API and web UI over a store (see docs/api.md)."""

from __future__ import annotations

import ipaddress
import sys

import click

from .errors import TidingsError
from .settings import Settings


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str) -> set[str] | None:
    """Host headers a loopback server answers (guards against DNS rebinding); None (any)
    when it listens on another address, where names are the operator's business."""
    if not is_loopback(host):
        return None
    return {"127.0.0.1", "localhost", "::1", host.strip("[]").lower()}


@click.command()
@click.option("--db", help="Store file [default: tidings.duckdb, or $TIDINGS_DB].")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Only loopback by default: another address lets "
                   "anyone who can reach it read the store.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--token", help="Bearer token that enables POST /api/articles [default: "
                              "$TIDINGS_TOKEN]; without one, write endpoints are off and the "
                              "store is opened read-only.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info"]),
              default="info", show_default=True, help="Server log detail.")
def serve(db: str | None, host: str, port: int, token: str | None, log_level: str) -> None:
    """Serve a store: JSON API under /api, web UI at /, API reference at /docs."""
    import uvicorn

    from .web import create_app

    settings = Settings.load(db=db, token=token)
    try:
        app = create_app(settings.db, token=settings.token or None, settings=settings,
                         allowed_hosts=allowed_hosts(host))
    except TidingsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach it can read this "
                   "store", err=True)
    writes = "on (token set)" if settings.token else "off (no token)"
    click.echo(f"serving {settings.db} on http://{host}:{port}/  (write endpoints {writes})",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False,
                proxy_headers=False, timeout_keep_alive=5, limit_concurrency=100,
                h11_max_incomplete_event_size=64 * 1024)
