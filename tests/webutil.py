"""Helpers for the web tests: a small store built from demo articles, a running server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: How many demo articles the web tests ingest: enough for dyads, actors and every page.
N_ARTICLES = 12


def demo_articles(n: int = N_ARTICLES) -> list[dict]:
    from tidings.demo import demo_corpus_path

    lines = demo_corpus_path().read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()][:n]


def build_store(path: Path, n: int = N_ARTICLES) -> Path:
    """Ingest the first ``n`` demo articles into a store file at ``path``."""
    from tidings.ingest import build_article
    from tidings.pipeline import run
    from tidings.settings import Settings
    from tidings.store import open_store

    items = [build_article(d, "demo", i, 1_000_000)[0] for i, d in enumerate(demo_articles(n), 1)]
    with open_store(path) as store:
        report = run(store=store, settings=Settings.load(progress=False), articles=items)
    assert report.stored == n and not report.skipped, report.summary_lines()
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(db: Path, token: str | None = None, log: Path | None = None,
                   env: dict[str, str] | None = None) -> Iterator[str]:
    """Start `tidings serve` on a free loopback port; yield its base URL; stop it after."""
    port = free_port()
    env = {**os.environ, "TIDINGS_TOKEN": token or "", **(env or {})}
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "tidings", "serve", "--db", str(db),
                             "--port", str(port), "--log-level", "warning"],
                            stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"tidings serve exited with {proc.returncode}"
                                   + (f"; see {log}" if log else ""))
            try:
                with urllib.request.urlopen(base + "/api/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("tidings serve did not answer within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            out.close()
