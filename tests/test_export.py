"""Exports: GDELT 2.0 Events/Mentions and GKG-style TSV read back with the codebook's column
names and types; PLOVER JSON lines; every table as CSV and Parquet."""

from __future__ import annotations

import io
import json

import duckdb
import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.export import export
from tidings.export.gdelt import EVENT_COLUMNS, GKG_COLUMNS, MENTION_COLUMNS
from tidings.export.plover import write_plover
from tidings.records import Place
from tidings.store import open_store
from tidings.store.schema import TABLES

from .corpus_helpers import event, extraction


def read_tsv(path, columns) -> list[dict]:
    """Read a GDELT-style file (tab-separated, no header) with the given names and types."""
    con = duckdb.connect()
    spec = ", ".join(f"'{n}': '{t}'" for n, t in columns)
    cur = con.execute(f"SELECT * FROM read_csv('{path}', delim='\t', header=false, "
                      f"quote='', escape='', columns={{{spec}}})")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def test_codebook_column_counts():
    assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16 and len(GKG_COLUMNS) == 27
    names = [n for n, _ in EVENT_COLUMNS]
    assert names[:6] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
                         "Actor1Code"]
    assert names[25:35] == ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
                            "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
                            "NumArticles", "AvgTone"]
    assert names[51:53] == ["ActionGeo_Type", "ActionGeo_FullName"]
    assert names[-2:] == ["DATEADDED", "SOURCEURL"]


def test_demo_gdelt_events_load_with_the_61_codebook_columns(demo_store, tmp_path):
    path = tmp_path / "events.tsv"
    written = export(demo_store, "gdelt", path)
    rows = read_tsv(path, EVENT_COLUMNS)
    from tidings.query.events import count_events

    assert len(rows) == written[str(path)] == count_events(demo_store, dedup=True)
    assert all(len(line.split("\t")) == 61 for line in path.read_text().splitlines())
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)
    for r in rows:
        assert r["EventCode"].startswith(r["EventBaseCode"]) and len(r["EventRootCode"]) == 2
        assert r["QuadClass"] in (1, 2, 3, 4) and -10 <= r["GoldsteinScale"] <= 10
        assert r["NumArticles"] >= 1 and r["NumMentions"] >= r["NumArticles"]
        assert str(r["SQLDATE"]).startswith(str(r["MonthYear"]))
        assert r["SOURCEURL"].startswith("https://demo.tidings.invalid/")
    codes = {r["Actor1Code"] for r in rows}
    assert {"USAGOV", "INDGOV"} <= codes
    usa = next(r for r in rows if r["Actor1Code"] == "USAGOV")
    assert (usa["Actor1CountryCode"], usa["Actor1Type1Code"]) == ("USA", "GOV")
    assert max(r["NumArticles"] for r in rows) >= 3  # the demo's repeated event


def test_mentions_match_nummentions(demo_store, tmp_path):
    export(demo_store, "gdelt", tmp_path / "e.tsv")
    export(demo_store, "gdelt-mentions", tmp_path / "m.tsv")
    events = {r["GLOBALEVENTID"]: r for r in read_tsv(tmp_path / "e.tsv", EVENT_COLUMNS)}
    mentions = read_tsv(tmp_path / "m.tsv", MENTION_COLUMNS)
    per_event: dict[int, int] = {}
    for m in mentions:
        per_event[m["GLOBALEVENTID"]] = per_event.get(m["GLOBALEVENTID"], 0) + 1
        assert m["EventTimeDate"] == events[m["GLOBALEVENTID"]]["DATEADDED"]
        assert m["SentenceID"] >= 1 and m["ActionCharOffset"] >= 0
        assert 0 < m["Confidence"] <= 100 and m["MentionDocLen"] > m["ActionCharOffset"]
    assert per_event == {k: v["NumMentions"] for k, v in events.items()}
    urls = {m["MentionIdentifier"] for m in mentions}
    assert not any(u.endswith("/demo-014") for u in urls)  # the syndicated copy is no report
    assert any(u.endswith("/demo-010") for u in urls)


def test_gkg_has_one_row_per_independent_article(demo_store, tmp_path):
    export(demo_store, "gkg", tmp_path / "g.tsv", header=True)
    lines = (tmp_path / "g.tsv").read_text().splitlines()
    assert lines[0].split("\t") == [n for n, _ in GKG_COLUMNS]
    body = [line.split("\t") for line in lines[1:]]
    assert len(body) == 47 and all(len(r) == 27 for r in body)
    assert all(r[2] == "1" for r in body)  # web documents
    export(demo_store, "gkg", tmp_path / "plain.tsv")
    rows = read_tsv(tmp_path / "plain.tsv", GKG_COLUMNS)
    assert len(rows) == 47 and all(r["V2.1DATE"] // 10**10 == 2024 for r in rows)
    assert any(r["V1PERSONS"] for r in rows)


def test_gkg_tone_and_places(coded, tmp_path):
    coded.con.execute("INSERT INTO places VALUES ('a', 'Kyiv', 'UKR', 50.45, 30.52, 'city', "
                      "10, 14)")
    export(coded, "gkg", tmp_path / "g.tsv")
    rows = {r["V2DOCUMENTIDENTIFIER"]: r for r in read_tsv(tmp_path / "g.tsv", GKG_COLUMNS)}
    a = rows["https://news.invalid/a"]
    assert a["V1.5TONE"].split(",")[0] == "-5.5" and len(a["V1.5TONE"].split(",")) == 7
    assert a["V1LOCATIONS"] == "4#Kyiv, Ukraine#UP##50.45#30.52#"
    assert a["V2ENHANCEDLOCATIONS"].endswith("#10")


@pytest.fixture()
def coded(store):
    kyiv = Place("Kyiv", "UKR", 50.45, 30.52, "city")
    store.write([
        extraction("a", [event("a1", "ASSAULT", "RUSMIL", "UKRCVL", "2024-01-23", kyiv),
                         event("a2", "REQUEST", "UNO", "RUSGOV", "2024-01-23"),
                         event("a3", "ACCUSE", "UKRJRN", "EUR", "2024-01-24")],
                   "2024-01-24", tone=-5.5, source="Kyiv\tPost"),
        extraction("b", [event("b1", "ASSAULT", "RUSMIL", "UKRCVL", "2024-01-23", kyiv)],
                   "2024-01-24", tone=-3.5),
    ])
    return store


def test_gdelt_codes_places_and_counts(coded, tmp_path):
    export(coded, "gdelt", tmp_path / "e.tsv")
    rows = {r["EventRootCode"]: r for r in read_tsv(tmp_path / "e.tsv", EVENT_COLUMNS)}
    attack = rows["19"]
    assert (attack["Actor1Code"], attack["Actor2Code"]) == ("RUSMIL", "UKRCVL")
    assert (attack["NumMentions"], attack["NumSources"], attack["NumArticles"]) == (2, 2, 2)
    assert attack["AvgTone"] == pytest.approx(-4.5)
    assert attack["ActionGeo_Type"] == 4 and attack["ActionGeo_CountryCode"] == "UP"  # FIPS
    assert attack["ActionGeo_FullName"] == "Kyiv, Ukraine"
    assert attack["ActionGeo_Lat"] == pytest.approx(50.45)
    assert attack["SQLDATE"] == 20240123 and attack["Year"] == 2024
    un = rows["10"]
    assert (un["Actor1Code"], un["Actor1KnownGroupCode"], un["Actor1CountryCode"]) == \
        ("IGOUNO", "UNO", None)
    media = rows["11"]
    assert (media["Actor1Code"], media["Actor2Code"]) == ("UKRMED", "IGOEEC")
    assert media["ActionGeo_Type"] is None


def test_tabs_and_newlines_never_break_a_row(coded, tmp_path):
    export(coded, "gdelt-mentions", tmp_path / "m.tsv")
    lines = (tmp_path / "m.tsv").read_text().splitlines()
    assert all(len(line.split("\t")) == 16 for line in lines)
    assert any("\tKyiv Post\t" in line for line in lines)


def test_plover_lines(coded):
    out = io.StringIO()
    assert write_plover(coded, out) == 3
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    attack = next(r for r in records if r["event"] == "ASSAULT")
    assert attack["actor"]["country"] == "RUS" and attack["recipient"]["sector"] == "CVL"
    assert attack["location"]["name"] == "Kyiv" and attack["num_articles"] == 2
    assert attack["cameo"]["root"] == "19" and attack["quad_code"] == 4
    out = io.StringIO()
    assert write_plover(coded, out, dedup=False) == 4


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_every_table_is_exported(coded, tmp_path, fmt):
    written = export(coded, fmt, tmp_path / "out")
    counts = coded.table_counts()
    for table in TABLES:
        path = tmp_path / "out" / f"{table}.{fmt}"
        assert path.exists(), table
        reader = "read_csv" if fmt == "csv" else "read_parquet"
        n = duckdb.connect().execute(f"SELECT count(*) FROM {reader}('{path}')").fetchone()[0]
        assert n == counts[table] == written[table], table
    assert written["events_dedup"] == 3


def test_cli_export(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path) as s:
        s.write([extraction("a", [event("a1", "AID", "USAGOV", "UKRMIL", "2024-02-01")],
                            "2024-02-01")])
    runner = CliRunner()
    out = runner.invoke(main, ["export", "--db", str(path), "--format", "gdelt", "--out", "-",
                               "--header"])
    assert out.exit_code == 0
    lines = out.stdout.splitlines()
    assert lines[0].startswith("GLOBALEVENTID\tSQLDATE") and len(lines) == 2
    out = runner.invoke(main, ["export", "--db", str(path), "--format", "gdelt", "--out",
                               str(tmp_path)])
    assert out.exit_code == 1 and "is a directory" in out.output
    out = runner.invoke(main, ["export", "--db", str(path), "--format", "csv", "--out", "-"])
    assert out.exit_code == 1 and "DIRECTORY" in out.output
