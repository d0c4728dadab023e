"""The store: idempotent ingest, transactions, and survival of kill -9 mid-run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tidings.records import Actor, Article, CameoView, Event, Extraction
from tidings.store import open_store
from tidings.store.schema import TABLES


def make_extraction(i: int, n_events: int = 2) -> Extraction:
    art = Article(f"a{i}", f"Text {i}.", published=f"2024-01-0{1 + i % 9}")
    events = tuple(
        Event(id=f"ev{i}-{k}", event="CONSULT", actor=Actor("X", "X", "USA", "GOV"),
              recipient=Actor("Y", "Y", "ECU", "GOV"), date=art.published,
              cameo=CameoView("040", "04", 1.0, 1, "USAGOV", "ECUGOV"), mentions=((0, 4),))
        for k in range(n_events))
    return Extraction(article=art, events=events)


def test_write_is_idempotent(store):
    batch = [make_extraction(i) for i in range(5)]
    assert store.write(batch) == 5
    before = store.table_counts()
    assert store.write(batch) == 0
    assert store.table_counts() == before
    assert before["articles"] == 5 and before["events"] == 10
    assert store.integrity_problems() == []


def test_failed_batch_is_rolled_back(store, monkeypatch):
    store.write([make_extraction(0)])
    before = store.table_counts()
    import tidings.store.duckdb_store as mod

    real = mod.column_names

    def broken(table):
        if table == "event_mentions":
            raise RuntimeError("disk on fire")
        return real(table)

    monkeypatch.setattr(mod, "column_names", broken)
    with pytest.raises(Exception, match="rolled back"):
        store.write([make_extraction(1)])
    assert store.table_counts() == before


def test_schema_has_design_tables(store):
    for table in ("articles", "events", "event_mentions", "actors", "mentions", "places",
                  "counts", "quotes", "dates", "themes"):
        assert table in TABLES
    assert set(store.table_counts()) == set(TABLES)


def test_store_reopens_from_file(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path) as s:
        s.write([make_extraction(1)])
    with open_store(path, read_only=True) as s:
        assert s.table_counts()["events"] == 2


def test_missing_store_read_only_is_clear(tmp_path):
    from tidings.errors import StoreError

    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "none.duckdb", read_only=True)


INGEST_SCRIPT = textwrap.dedent("""
    import sys
    from tidings.pipeline import run
    from tidings.settings import Settings
    from tidings.store import open_store
    settings = Settings.load(db=sys.argv[1], batch_size=4)
    with open_store(sys.argv[1]) as store:
        def progress(n):
            print("batch", flush=True)
        run([sys.argv[2]], store, settings, progress=progress)
    print("done", flush=True)
""")


def _corpus(tmp_path: Path, n: int) -> Path:
    from tidings.demo import demo_corpus_path

    base = [json.loads(line) for line in demo_corpus_path().read_text().splitlines()]
    path = tmp_path / "corpus.jsonl"
    with path.open("w") as out:
        for i in range(n):
            record = dict(base[i % len(base)])
            record["id"] = f"{record['id']}-{i}"
            out.write(json.dumps(record) + "\n")
    return path


@pytest.mark.slow
def test_kill_9_mid_ingest_leaves_consistent_store_and_resume_completes(tmp_path):
    corpus = _corpus(tmp_path, 120)
    killed_db = tmp_path / "killed.duckdb"
    script = tmp_path / "ingest.py"
    script.write_text(INGEST_SCRIPT)
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.Popen([sys.executable, str(script), str(killed_db), str(corpus)],
                            stdout=subprocess.PIPE, text=True, env=env)
    batches = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("batch"):
            batches += 1
            if batches == 3:
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"

    with open_store(killed_db) as s:
        assert s.integrity_problems() == []
        partial = s.table_counts()["articles"]
    assert 12 <= partial < 120

    # Re-running resumes: the result equals an uninterrupted run.
    for db in (killed_db, tmp_path / "clean.duckdb"):
        done = subprocess.run([sys.executable, str(script), str(db), str(corpus)],
                              capture_output=True, text=True, env=env, timeout=600)
        assert done.returncode == 0, done.stderr
    with open_store(killed_db) as a, open_store(tmp_path / "clean.duckdb") as b:
        assert a.integrity_problems() == []
        counts = a.table_counts()
        assert counts == b.table_counts()
        assert counts["articles"] == 120
        ids_a = a.query("SELECT event_id FROM events ORDER BY 1")
        ids_b = b.query("SELECT event_id FROM events ORDER BY 1")
        assert ids_a == ids_b
