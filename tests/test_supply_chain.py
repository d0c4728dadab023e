"""Supply chain: CI installs exact versions from requirements.lock, and nothing downloads at
run time (the spaCy model and every data file come from installed packages)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from tidings.demo import demo_corpus_path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"

#: Loaded first in a child process: any attempt to open a network connection fails loudly.
NO_NETWORK = textwrap.dedent("""
    import socket
    def _refuse(*args, **kwargs):
        raise OSError("network access attempted while the test forbids it")
    socket.socket.connect = _refuse
    socket.socket.connect_ex = _refuse
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse
""")


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]).lower()


def _locked() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, version = line.partition("==")
        assert sep and re.fullmatch(r"[\w.+!-]+", version), f"not an exact pin: {line!r}"
        pins[_name(name)] = version
    return pins


def test_lock_pins_every_package_exactly_and_not_the_project():
    pins = _locked()
    assert len(pins) > 20
    assert "tidings" not in pins
    assert "@" not in LOCK.read_text()  # no URLs or VCS references: registry packages only


def test_lock_covers_every_declared_dependency():
    # A dependency added to pyproject.toml without `make lock` still installs (the lock is
    # a constraints file), but unpinned: this says which to lock.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        declared += extra
    missing = sorted({_name(r) for r in declared} - set(_locked()))
    assert not missing, f"not in requirements.lock (run `make lock`): {missing}"


def test_makefile_installs_with_the_lock_as_constraints():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"pip install .*-c \$\(LOCK\) -e '\.\[dev", makefile)
    assert re.search(r"^lock:", makefile, re.M)


@pytest.mark.slow
def test_extract_and_ingest_run_without_network(tmp_path: Path, nlp):
    (tmp_path / "sitecustomize.py").write_text(NO_NETWORK)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path),
                                                       os.environ.get("PYTHONPATH", "")]))
    tidings = Path(sys.executable).with_name("tidings")
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.create_connection("
                            "('127.0.0.1', 9))"], env=env, capture_output=True, text=True)
    assert "network access attempted" in probe.stderr  # the guard is really in place
    corpus = tmp_path / "few.jsonl"
    corpus.write_text("".join(demo_corpus_path().read_text().splitlines(keepends=True)[:4]))
    done = subprocess.run([str(tidings), "extract", str(corpus)], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["article"]["id"] for line in done.stdout.splitlines()]
    db = tmp_path / "s.duckdb"
    done = subprocess.run([str(tidings), "ingest", str(corpus), "--db", str(db),
                           "--no-progress"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "network access attempted" not in done.stderr
