"""The CLI, tested in-process with click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tidings.cli import main

from .conftest import shared_path

ARTICLES = [
    {"id": "c1", "published": "2024-03-08", "text":
     "Kenyan Foreign Minister Amina Wekesa met Ethiopian Foreign Minister Dawit Alemu in "
     "Nairobi on Tuesday. The two ministers agreed to reopen the border crossing."},
    {"id": "c2", "published": "2024-03-09", "text":
     "Police in Lagos arrested 35 protesters on Friday after a rally against fuel prices."},
]


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    return path


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


def test_extract_prints_one_json_line_per_article(corpus):
    result = invoke("extract", corpus)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["article"]["id"] for line in lines] == ["c1", "c2"]
    consult = [e for e in lines[0]["events"] if e["event"] == "CONSULT"]
    assert consult and consult[0]["actor"]["country"] == "KEN"
    assert consult[0]["recipient"]["country"] == "ETH"
    assert consult[0]["date"] == "2024-03-05"


def test_extract_seed_article_prints_its_phone_call():
    seed = shared_path("gold", "seed-article.jsonl")
    result = invoke("extract", seed)
    assert result.exit_code == 0
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    calls = [e for e in line["events"] if e["event"] == "CONSULT"]
    assert any(e["actor"]["country"] == "USA" and e["recipient"]["country"] == "ECU"
               and e["date"] == "2021-04-16" for e in calls)


def test_extract_table_format(corpus):
    result = invoke("extract", corpus, "--format", "table")
    assert result.exit_code == 0
    assert "CONSULT" in result.stdout and "(KENGOV)" in result.stdout


def test_ingest_twice_changes_nothing_and_events_lists(corpus, tmp_path):
    db = tmp_path / "t.duckdb"
    first = invoke("ingest", corpus, "--db", db)
    assert first.exit_code == 0, first.output
    assert "stored 2 new articles" in first.stderr
    second = invoke("ingest", corpus, "--db", db)
    assert "stored 0 new articles" in second.stderr and "2 already present" in second.stderr
    as_json = json.loads(invoke("events", "--db", db, "--format", "json").stdout)
    assert {e["event"] for e in as_json} >= {"CONSULT", "COERCE"}
    only_ken = json.loads(invoke("events", "--db", db, "--actor", "ken", "--format",
                                 "json").stdout)
    assert only_ken and all(e["actor_country"] == "KEN" for e in only_ken)
    csv_out = invoke("events", "--db", db, "--type", "COERCE", "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("event_id,date,event")
    assert all(",COERCE," in line for line in csv_out.splitlines()[1:])
    since = json.loads(invoke("events", "--db", db, "--since", "2024-03-06", "--format",
                              "json").stdout)
    assert since and all(e["date"] >= "2024-03-06" for e in since)


def test_events_rejects_unknown_type(corpus, tmp_path):
    db = tmp_path / "t.duckdb"
    invoke("ingest", corpus, "--db", db)
    result = invoke("events", "--db", db, "--type", "PARTY")
    assert result.exit_code == 1 and "unknown event type 'PARTY'" in result.stderr


def test_exit_status_nothing_readable_and_strict(tmp_path, corpus):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    db = tmp_path / "t.duckdb"
    result = invoke("ingest", empty, "--db", db)
    assert result.exit_code == 1
    assert "empty.jsonl: empty file" in result.stderr
    mixed = invoke("ingest", corpus, empty, "--db", db)
    assert mixed.exit_code == 0
    strict = invoke("ingest", corpus, empty, "--db", db, "--strict")
    assert strict.exit_code == 1 and "--strict" in strict.stderr


def test_bad_input_does_not_lose_stored_rows(corpus, tmp_path):
    db = tmp_path / "t.duckdb"
    invoke("ingest", corpus, "--db", db)
    before = invoke("summary", "--db", db, "--format", "json").stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"text": \xff}\nnot json\n{"id": "x"}\n')
    result = invoke("ingest", bad, "--db", db)
    assert result.exit_code == 1
    assert "bad.jsonl:1" in result.stderr and "bad.jsonl:3" in result.stderr
    assert invoke("summary", "--db", db, "--format", "json").stdout == before


def test_summary_and_missing_store(tmp_path, corpus):
    missing = invoke("events", "--db", tmp_path / "none.duckdb")
    assert missing.exit_code == 1 and "no such store" in missing.stderr
    db = tmp_path / "t.duckdb"
    invoke("ingest", corpus, "--db", db)
    data = json.loads(invoke("summary", "--db", db, "--format", "json").stdout)
    assert data["articles"] == 2 and data["events"] >= 2
