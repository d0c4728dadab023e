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
    import time
    settings = Settings.load(db=sys.argv[1], batch_size=4)
    with open_store(sys.argv[1]) as store:
        print("open", flush=True)
        def progress(n):
            print("batch", flush=True)
            time.sleep(0.1)  # a floor under each batch, so a fast machine is still caught
        run([sys.argv[2]], store, settings, progress=progress)
    print("done", flush=True)
""")
#: Kill trials: each seeds where the kill lands (after which batch, then how long after).
KILL_TRIALS = 5
CORPUS_SIZE = 72  # 18 batches of 4


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


def snapshot(store) -> dict[str, list[str]]:
    """Every table's rows, sorted, as text; ``ingested_at`` (the clock) left out."""
    out = {}
    for table in TABLES:
        cols = [c for c, _ in TABLES[table] if c != "ingested_at"]
        quoted = ", ".join(f'"{c}"' for c in cols)
        rows = store.con.execute(f"SELECT {quoted} FROM {table}").fetchall()
        out[table] = sorted(repr(r) for r in rows)
    return out


def _ingest_in_process(db: Path, corpus: Path) -> None:
    from tidings.pipeline import run
    from tidings.settings import Settings

    with open_store(db) as store:
        report = run([corpus], store, Settings.load(db=str(db), batch_size=4))
    assert not report.skipped


@pytest.fixture(scope="module")
def kill_setup(tmp_path_factory):
    """The corpus, the ingest script and the rows of an uninterrupted run."""
    base = tmp_path_factory.mktemp("kill")
    corpus = _corpus(base, CORPUS_SIZE)
    script = base / "ingest.py"
    script.write_text(INGEST_SCRIPT)
    clean = base / "clean.duckdb"
    _ingest_in_process(clean, corpus)
    with open_store(clean) as s:
        assert s.integrity_problems() == []
        assert s.table_counts()["articles"] == CORPUS_SIZE
        return corpus, script, snapshot(s)


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(KILL_TRIALS))
def test_kill_9_mid_ingest_leaves_consistent_store_and_resume_completes(trial, kill_setup,
                                                                        tmp_path, nlp):
    import random
    import time

    corpus, script, expected = kill_setup
    rng = random.Random(1000 + trial)
    after_batches = rng.randint(0, 12)  # 0: as soon as the store is open (model loading)
    # At most 12 of 18 batches, then under 0.5 s: the 6 batches left take longer (the script
    # spends at least 0.1 s on each), so the kill always lands mid-run, wherever it falls.
    delay = rng.uniform(0.0, 0.5)
    killed_db = tmp_path / "killed.duckdb"
    env = dict(os.environ, PYTHONHASHSEED=str(trial))
    proc = subprocess.Popen([sys.executable, str(script), str(killed_db), str(corpus)],
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    batches = 0
    for line in proc.stdout:
        if line.startswith("batch"):
            batches += 1
        if line.startswith(("open", "batch")) and batches >= after_batches:
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"

    with open_store(killed_db) as s:  # opens, replays its log, and is consistent
        assert s.integrity_problems() == []
        partial = s.table_counts()["articles"]
    assert partial < CORPUS_SIZE and partial % 4 == 0  # whole batches only

    # Re-running resumes: the result is row for row the uninterrupted run's.
    _ingest_in_process(killed_db, corpus)
    with open_store(killed_db) as s:
        assert s.integrity_problems() == []
        assert snapshot(s) == expected


def test_a_resumed_run_extracts_what_an_unbroken_run_extracts(nlp):
    # The actor registry holds persons learned from stored articles. It used to be read
    # afresh by every run, so a run interrupted after article A and resumed knew A's
    # persons when it read B, and an unbroken run did not: the stores differed. A resumed
    # run now starts from the interrupted run's registry.
    from tidings.ingest import build_article
    from tidings.pipeline import run
    from tidings.settings import Settings

    a, _ = build_article({"id": "a", "published": "2024-03-04", "text":
                          "Kenyan President William Ruto met Ethiopia's prime minister on Monday."},
                         "x", 1, 10_000)
    b, _ = build_article({"id": "b", "published": "2024-03-05", "text":
                          "William Ruto met the Ethiopian prime minister Abiy Ahmed on Tuesday."},
                         "x", 2, 10_000)
    settings = Settings.load(batch_size=1)

    def interrupt(n):
        raise KeyboardInterrupt

    with open_store(":memory:") as unbroken, open_store(":memory:") as resumed, \
            open_store(":memory:") as later:
        run(articles=[a, b], store=unbroken, settings=settings)
        with pytest.raises(KeyboardInterrupt):
            run(articles=[a, b], store=resumed, settings=settings, progress=interrupt)
        assert resumed.table_counts()["articles"] == 1
        run(articles=[a, b], store=resumed, settings=settings)
        assert snapshot(unbroken) == snapshot(resumed)
        # A separate, later run does learn from the earlier one.
        run(articles=[a], store=later, settings=settings)
        run(articles=[b], store=later, settings=settings)
        ruto = later.query("SELECT actor_country FROM events WHERE article_id = 'b'")
        assert {"actor_country": "KEN"} in ruto
        assert unbroken.query("SELECT actor_country FROM events WHERE article_id = 'b'") != ruto


def test_integrity_check_finds_orphans_and_half_written_articles(store):
    import dataclasses

    from tidings.records import Mention

    x = make_extraction(1)
    x = dataclasses.replace(x, mentions=(Mention("m1", "Text", "ORG", (0, 4)),
                                         Mention("m2", "1", "CARDINAL", (5, 6))))
    store.write([x, make_extraction(2)])
    assert store.integrity_problems() == []
    store.con.execute("DELETE FROM mentions WHERE mention_id = 'm2'")
    assert store.integrity_problems() == ["1 articles whose mentions rows are missing or "
                                          "half-written"]
    store.con.execute("DELETE FROM events WHERE event_id = 'ev2-0'")
    problems = store.integrity_problems()
    assert "1 event_mentions rows belong to no stored event" in problems
    assert "1 articles whose events are missing or half-written" in problems
    store.con.execute("DELETE FROM articles WHERE article_id = 'a1'")
    assert "1 mentions rows belong to no stored article" in store.integrity_problems()


def test_duckdb_memory_is_capped_by_the_setting(monkeypatch):
    monkeypatch.setenv("TIDINGS_STORE_MEMORY_LIMIT", "256MB")
    with open_store(":memory:") as s:
        limit = s.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit in ("244.1 MiB", "256.0 MiB", "256MB")


def test_a_bad_memory_limit_is_named(monkeypatch):
    from tidings.errors import InputError

    monkeypatch.setenv("TIDINGS_STORE_MEMORY_LIMIT", "lots")
    with pytest.raises(InputError, match="store_memory_limit"):
        open_store(":memory:")
