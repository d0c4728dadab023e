"""Shared fixtures: the spaCy model loaded once per session, in-memory stores, paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """Return a path under ../shared, skipping the test loudly when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (CI lays ../shared beside the clone)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from tidings.annotate import load_model

    return load_model()


@pytest.fixture()
def store():
    from tidings.store import open_store

    with open_store(":memory:") as s:
        yield s


@pytest.fixture(scope="session")
def extract_text(nlp):
    """Extract from a text with a publication date (events only by default)."""
    from tidings import extract

    def run(text: str, published: str | None = "2024-03-08"):
        return extract(text, published=published)

    return run


@pytest.fixture(scope="session")
def demo_store():
    """The demo corpus ingested once into an in-memory store (corpus tests)."""
    from tidings.demo import demo_corpus_path
    from tidings.pipeline import run
    from tidings.settings import Settings
    from tidings.store import open_store

    with open_store(":memory:") as store:
        report = run([demo_corpus_path()], store, Settings.load(progress=False))
        assert report.copies == 1
        yield store
