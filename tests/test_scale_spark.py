"""The Spark engine's contract: the same input gives the same events and store rows as the
local engine (Spark local[2], so it runs on any machine with Java 17)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.demo import demo_corpus_path
from tidings.pipeline import run
from tidings.settings import Settings
from tidings.store import open_store

from .test_scale_local import store_rows


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Twelve demo articles, a bad line, and one article given twice in different chunks."""
    lines = demo_corpus_path().read_text(encoding="utf-8").splitlines()[:12]
    lines.insert(4, "[1, 2]")
    lines.append(lines[1])
    path = tmp_path_factory.mktemp("spark") / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def spark():
    from tidings.scale.spark import spark_session

    session = spark_session("local[2]")
    yield session
    session.stop()


@pytest.mark.slow
def test_spark_and_local_engines_give_the_same_events_and_rows(tmp_path, corpus, spark):
    from tidings.scale.spark import load_parquet, run_spark

    settings = Settings.load(batch_size=4, workers=1, progress=False)
    with open_store(tmp_path / "local.duckdb") as store:
        local = run([corpus], store, settings)

    out = tmp_path / "out"
    report = run_spark([corpus], out, settings, chunk_size=7, session=spark)
    assert report.chunks == 2 and report.read == local.read == 13
    assert sorted(map(str, report.skipped)) == sorted(map(str, local.skipped))
    assert "corpus.jsonl:5" in str(report.skipped[0])
    # The repeated article is in another chunk: extracted again there; `load` keeps one.
    assert report.written == 13 and report.events > local.events > 0

    # The dataset is queryable as it is, and holds the local engine's events.
    with duckdb.connect() as con:
        spark_events = con.execute(
            "SELECT DISTINCT e.event_id, e.article_id, e.event, e.actor_country, "
            "e.recipient_country, e.cameo_code FROM (SELECT unnest(events) AS e FROM "
            f"read_parquet('{out}/*.parquet')) ORDER BY ALL").fetchall()
    with open_store(tmp_path / "local.duckdb", read_only=True) as store:
        local_events = store.con.execute(
            "SELECT event_id, article_id, event, actor_country, recipient_country, cameo_code "
            "FROM events ORDER BY ALL").fetchall()
    assert spark_events == local_events

    with open_store(tmp_path / "spark.duckdb") as store:
        loaded = load_parquet(out, store, settings)
        assert (loaded.stored, loaded.events) == (local.stored, local.events)
        again = load_parquet(out, store, settings)
        assert again.stored == 0 and again.already_present == 13
    assert store_rows(tmp_path / "spark.duckdb") == store_rows(tmp_path / "local.duckdb")


def test_spark_engine_needs_out_and_load_names_a_bad_dataset(tmp_path, corpus):
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(corpus), "--engine", "spark"])
    assert result.exit_code == 1 and "--out" in result.output
    result = runner.invoke(main, ["load", str(tmp_path), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1 and "no Parquet files" in result.output


def test_spark_engine_refuses_to_overwrite_its_output(tmp_path, corpus):
    (tmp_path / "out").mkdir()
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--engine", "spark", "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 1 and "already exists" in result.output
