"""Shared fixtures: the spaCy model loaded once per session, in-memory stores, paths."""

from __future__ import annotations

import json
import os
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


# -- fuzzing: a reproducible hypothesis profile and the count of generated cases ----------
def _hypothesis_profiles() -> None:
    """CI runs a derandomized profile (same cases every run); ``explore`` searches afresh."""
    from hypothesis import HealthCheck, settings

    relaxed = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
               HealthCheck.large_base_example]
    settings.register_profile("ci", derandomize=True, deadline=None, database=None,
                              suppress_health_check=relaxed, print_blob=True)
    settings.register_profile("explore", deadline=None, suppress_health_check=relaxed)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Report how many generated cases the fuzz tests ran (and record it for the docs)."""
    from tests.fuzzing import COUNTS, FUZZ_MIN_CASES, REGISTERED, SCALE

    if not COUNTS:
        return
    total = sum(COUNTS.values())
    terminalreporter.write_sep("-", f"fuzzing: {total:,} generated cases in {len(COUNTS)} tests")
    for name, n in sorted(COUNTS.items()):
        terminalreporter.write_line(f"  {n:>6,}  {name}")
    out = ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    (out / "fuzz-cases.json").write_text(json.dumps(
        {"total": total, "minimum": FUZZ_MIN_CASES, "tests": dict(sorted(COUNTS.items()))},
        indent=1) + "\n")
    if set(COUNTS) >= REGISTERED and total < FUZZ_MIN_CASES and SCALE >= 1:
        terminalreporter.write_line(
            f"error: the fuzz tests ran {total:,} cases, under the {FUZZ_MIN_CASES:,} required",
            red=True)


def pytest_sessionfinish(session, exitstatus):
    """Fail a run of the whole fuzz suite that generated fewer cases than required."""
    from tests.fuzzing import COUNTS, FUZZ_MIN_CASES, REGISTERED, SCALE

    if COUNTS and SCALE >= 1 and set(COUNTS) >= REGISTERED and sum(COUNTS.values()) < FUZZ_MIN_CASES \
            and exitstatus == 0:
        session.exitstatus = 1
