"""Determinism: the same articles give byte-identical extraction output in one process, in
any batch order, and in fresh processes with other hash seeds and time zones; no clock read
reaches the output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tidings.demo import demo_corpus_path
from tidings.ingest import ReadOptions, read_articles
from tidings.pipeline import extract_many
from tidings.records import Article
from tidings.settings import Settings

#: Clock reads allowed in src/: none may reach extraction output. Both stamp the store's
#: ingest time (``ingested_at``), a column of its own, never in the extraction.
CLOCK_READS_ALLOWED = {"scale/spark.py": 1, "store/duckdb_store.py": 1}
_CLOCK_READ = re.compile(r"\b(?:datetime\.now|datetime\.utcnow|date\.today|datetime\.today|"
                         r"time\.time|time\.localtime|time\.gmtime|time\.ctime)\(")


def _demo_articles() -> list[Article]:
    items = read_articles([demo_corpus_path()], ReadOptions())
    return [a for a in items if isinstance(a, Article)]


def _lines(articles: list[Article]) -> dict[str, str]:
    return {x.article.id: x.to_json() for x in extract_many(articles, Settings.load())}


def test_extraction_is_identical_across_runs_and_batch_orders(nlp):
    articles = _demo_articles()
    first = _lines(articles)
    assert len(first) == len(articles) >= 40
    assert _lines(articles) == first
    # Another batch composition and order (as another worker would see it) changes nothing.
    assert _lines(list(reversed(articles))) == first
    assert _lines(articles[::3]) == {a.id: first[a.id] for a in articles[::3]}


def test_extraction_output_carries_no_ingest_time(nlp):
    [line] = _lines(_demo_articles()[:1]).values()
    assert "ingested_at" not in json.loads(line)["article"]


def test_no_clock_read_reaches_extraction():
    src = Path(__import__("tidings").__file__).parent
    found = {}
    for path in sorted(src.rglob("*.py")):
        n = len(_CLOCK_READ.findall(path.read_text()))
        if n:
            found[path.relative_to(src).as_posix()] = n
    assert found == CLOCK_READS_ALLOWED
    # dateparser reads the clock for relative dates unless given a base or kept absolute.
    for path in sorted(src.rglob("*.py")):
        for call in re.findall(r"dateparser\.parse\((.*?)\)\n", path.read_text(), re.S):
            assert "RELATIVE_BASE" in call or "absolute-time" in call, path


@pytest.mark.slow
def test_fresh_processes_with_other_hash_seeds_and_time_zones_print_the_same_bytes(nlp):
    # Kiritimati (UTC+14) and UTC-12 are 26 hours apart: their dates differ at every hour,
    # so any output that read "today" in local time would differ here.
    tidings = Path(sys.executable).with_name("tidings")
    outputs = []
    for seed, zone in (("1", "Pacific/Kiritimati"), ("2", "Etc/GMT+12")):
        env = dict(os.environ, PYTHONHASHSEED=seed, TZ=zone)
        done = subprocess.run([str(tidings), "extract", str(demo_corpus_path())],
                              capture_output=True, env=env, timeout=600)
        assert done.returncode == 0, done.stderr.decode()
        outputs.append(done.stdout)
    assert outputs[0].count(b"\n") == len(_demo_articles())
    assert outputs[0] == outputs[1]
    # ... and the same bytes as this process (another hash seed again, the real zone).
    in_process = "".join(line + "\n" for line in _lines(_demo_articles()).values())
    assert outputs[0].decode("utf-8") == in_process


@pytest.mark.slow
def test_two_workers_extract_the_same_bytes_as_one(tmp_path: Path, nlp):
    from tidings.ingest import build_article
    from tidings.pipeline import run
    from tidings.store import open_store

    # Two articles where the second could learn from the first (the actor registry), then
    # demo articles; batches of two, so each worker sees other neighbours.
    taught = [build_article({"id": f"r{i}", "published": "2024-03-04", "text": text}, "x", i,
                            10_000)[0]
              for i, text in enumerate(["Kenyan President William Ruto met Ethiopia's prime "
                                        "minister on Monday.", "William Ruto met the Ethiopian "
                                        "prime minister Abiy Ahmed on Tuesday."])]
    articles = taught + _demo_articles()[:10]
    outputs = []
    for workers in (1, 2):
        settings = Settings.load(workers=workers, batch_size=2, db=str(tmp_path / f"{workers}.db"))
        with open_store(settings.db) as store:
            report = run(articles=articles, store=store, settings=settings)
            assert report.workers == workers and report.stored == len(articles)
            outputs.append(store.query("SELECT article_id, extraction FROM articles ORDER BY 1"))
    assert outputs[0] == outputs[1]
