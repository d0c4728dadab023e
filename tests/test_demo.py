"""The demo corpus ships with the package and covers what the README promises."""

from __future__ import annotations

import json
from importlib import resources

from tidings.demo import demo_corpus_path
from tidings.ontology import plover_events


def load(name: str) -> list[dict]:
    text = resources.files("tidings.demo").joinpath(name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_corpus_size_fields_and_types():
    articles = load("articles.jsonl")
    assert len(articles) >= 40
    assert len({a["id"] for a in articles}) == len(articles)
    for a in articles:
        assert a["text"] and a["published"] and a["source"]
    expected = load("expected.jsonl")
    types = {e["type"] for line in expected for e in line["events"]}
    assert types == set(plover_events()), "every PLOVER type appears at least once"


def test_one_event_reported_by_several_outlets():
    expected = load("expected.jsonl")
    group = [line["id"] for line in expected if line["same_event_group"] == "g1"]
    sources = {a["source"] for a in load("articles.jsonl") if a["id"] in group}
    assert len(group) >= 3 and len(sources) >= 3


def test_demo_ingest_codes_events_of_many_types(tmp_path):
    from tidings.pipeline import run
    from tidings.query import summarize
    from tidings.settings import Settings
    from tidings.store import open_store

    with open_store(":memory:") as store:
        report = run([demo_corpus_path()], store, Settings.load(progress=False))
        assert report.read == len(load("articles.jsonl")) and not report.skipped
        data = summarize(store)
        assert len(data["events_by_type"]) >= 12
        before = store.table_counts()
        again = run([demo_corpus_path()], store, Settings.load(progress=False))
        assert again.stored == 0 and again.already_present == report.read
        assert store.table_counts() == before
        assert store.integrity_problems() == []
