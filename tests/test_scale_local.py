"""The local engine: several worker processes give exactly what one gives, and a crash or
Ctrl-C leaves only whole batches in the store."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.demo import demo_corpus_path
from tidings.errors import InputError
from tidings.pipeline import run
from tidings.records import Article
from tidings.scale.local import WorkerError, effective_workers, split_batch
from tidings.settings import Settings
from tidings.store import open_store


def store_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, without the ingest timestamp."""
    with open_store(path, read_only=True) as store:
        out = {}
        for table in store.table_counts():
            select = "* EXCLUDE (ingested_at)" if table == "articles" else "*"
            out[table] = store.con.execute(f"SELECT {select} FROM {table} ORDER BY ALL").fetchall()
        return out


@pytest.fixture()
def corpus(tmp_path) -> Path:
    """Twenty demo articles, one bad line, and an article repeated in the next batch."""
    lines = demo_corpus_path().read_text(encoding="utf-8").splitlines()[:20]
    lines.insert(7, "{not json")
    lines.insert(10, lines[5])  # same id again, two lines later: a neighbouring batch
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("batch_size", ["3", "16"])  # one task per batch; batches split in two
def test_two_workers_store_exactly_what_one_worker_stores(tmp_path, corpus, batch_size):
    reports = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(db), "--batch-size",
                                           batch_size, "--workers", str(workers), "--no-progress"],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        reports[workers] = result.output
    first_lines = {w: report.splitlines()[0] for w, report in reports.items()}
    assert "2 workers" in first_lines[2] and "workers" not in first_lines[1]
    one, two = store_rows(tmp_path / "w1.duckdb"), store_rows(tmp_path / "w2.duckdb")
    assert len(one["articles"]) == 20 and one["events"]
    assert one == two
    # Same counts and the same skip (file:line and reason) in both reports.
    strip = [line for line in reports[1].splitlines() if not line.startswith("read ")]
    assert strip == [line for line in reports[2].splitlines() if not line.startswith("read ")]
    assert "1 already present" in reports[2] and "corpus.jsonl:8" in reports[2]


def _kill_workers_after_first_batch(n: int) -> None:
    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)


@pytest.mark.slow
def test_a_dead_worker_stops_the_run_cleanly_and_a_rerun_resumes(tmp_path, corpus):
    settings = Settings.load(batch_size=3, workers=2, progress=False)
    db = tmp_path / "crash.duckdb"
    with open_store(db) as store:
        with pytest.raises(WorkerError, match="worker process died"):
            run([corpus], store, settings, progress=_kill_workers_after_first_batch)
        assert store.integrity_problems() == []
        partial = store.table_counts()["articles"]
        assert partial % 3 == 0 and 3 <= partial < 20  # whole batches only
    assert multiprocessing.active_children() == []
    with open_store(db) as store:
        again = run([corpus], store, settings)
        assert again.stored == 20 - partial and again.already_present == partial + 1
    clean = tmp_path / "clean.duckdb"
    with open_store(clean) as store:
        run([corpus], store, Settings.load(batch_size=3, workers=1, progress=False))
    assert store_rows(db) == store_rows(clean)


def _interrupt(n: int) -> None:
    raise KeyboardInterrupt


@pytest.mark.slow
def test_ctrl_c_stops_workers_and_keeps_whole_batches(tmp_path, corpus):
    with open_store(tmp_path / "int.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            run([corpus], store, Settings.load(batch_size=4, workers=2, progress=False),
                progress=_interrupt)
        assert store.table_counts()["articles"] == 4
        assert store.integrity_problems() == []
    assert multiprocessing.active_children() == []


def test_a_worker_that_cannot_load_the_model_says_so(tmp_path, corpus):
    from tidings.errors import ModelNotFoundError

    settings = Settings.load(batch_size=3, workers=2, model="no_such_model", progress=False)
    with open_store(tmp_path / "m.duckdb") as store:
        with pytest.raises(ModelNotFoundError, match="no_such_model"):
            run([corpus], store, settings)
        assert store.table_counts()["articles"] == 0


def test_batches_split_into_one_ordered_chunk_per_worker():
    batch = [Article(f"a{i}", "text") for i in range(21)]
    chunks = split_batch(batch, 2)
    assert [len(c) for c in chunks] == [11, 10]
    assert [a for c in chunks for a in c] == batch
    assert [len(c) for c in split_batch(batch, 4)] == [11, 10]  # chunks of 8 at least
    assert [len(c) for c in split_batch(batch * 2, 4)] == [11, 11, 10, 10]
    assert split_batch(batch[:10], 4) == [batch[:10]]  # too small to be worth splitting
    assert split_batch([], 2) == [[]]


def test_workers_setting():
    assert effective_workers(3) == 3
    assert effective_workers(0) >= 1
    with pytest.raises(InputError, match="workers"):
        effective_workers(-1)


def test_one_batch_runs_in_process(tmp_path):
    """An input that fits in one batch does not pay for starting workers."""
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Police in Lagos arrested 35 protesters on "
                                "Friday.", "published": "2024-03-09"}) + "\n")
    with open_store(":memory:") as store:
        report = run([path], store, Settings.load(workers=2, progress=False))
    assert report.workers == 1 and report.stored == 1
