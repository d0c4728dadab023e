"""Aggregates: dyadic series, networks and top lists over a store whose contents we state."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.errors import InputError
from tidings.query.aggregate import dyad_series, network, top
from tidings.records import Place
from tidings.store import open_store

from .corpus_helpers import event, extraction

QUITO = Place("Quito", "ECU", -0.22, -78.51, "city")


def fill(store) -> None:
    """Events on distinct dates or dyads, so no two are reports of one event."""
    store.write([
        extraction("a1", [event("e1", "CONSULT", "USAGOV", "ECUGOV", "2024-01-03", QUITO),
                          event("e2", "AGREE", "USAGOV", "ECUGOV", "2024-01-20", QUITO,
                                mentions=3)], "2024-01-20", tone=2.0),
        extraction("a2", [event("e3", "ACCUSE", "ECUGOV", "USAGOV", "2024-01-25"),
                          event("e4", "AID", "USAGOV", "ECUCOP", "2024-03-02")],
                   "2024-03-02", tone=-4.0),
        extraction("a3", [event("e5", "ASSAULT", "RUSMIL", "UKRCVL", "2024-02-10"),
                          event("e6", "CONSULT", "USAMIL", "ECUMIL", "2024-02-11",
                                src_id="p-general")], "2024-02-11"),
    ])


@pytest.fixture()
def filled(store):
    fill(store)
    return store


def test_directed_monthly_series_fills_empty_months(filled):
    rows = dyad_series(filled, "USA", "ECU", by="month")
    assert [r["period"] for r in rows] == ["2024-01-01", "2024-02-01", "2024-03-01"]
    jan, feb, mar = rows
    assert (jan["n_events"], jan["CONSULT"], jan["AGREE"], jan["ACCUSE"]) == (2, 1, 1, 0)
    assert jan["goldstein_sum"] == pytest.approx(1.0 + 4.0)
    assert jan["event_scale_mean"] == pytest.approx((1.0 + 4.0) / 2)
    assert jan["quad_class_1"] == 2 and jan["plover_quad_1"] == 2
    assert jan["tone_mean"] == pytest.approx(2.0)
    assert feb["n_events"] == 1 and feb["CONSULT"] == 1  # USAMIL -> ECUMIL
    assert mar["AID"] == 1 and mar["quad_class_2"] == 1
    assert mar["tone_mean"] == pytest.approx(-4.0)


def test_undirected_series_counts_both_directions(filled):
    directed = sum(r["n_events"] for r in dyad_series(filled, "USA", "ECU"))
    reverse = sum(r["n_events"] for r in dyad_series(filled, "ECU", "USA"))
    both = dyad_series(filled, "ECU", "USA", directed=False)
    assert (directed, reverse) == (4, 1)
    assert sum(r["n_events"] for r in both) == 5
    assert sum(r["ACCUSE"] for r in both) == 1


def test_actor_codes_and_ids_narrow_the_dyad(filled):
    assert sum(r["n_events"] for r in dyad_series(filled, "USAGOV", "ECU")) == 3
    assert sum(r["n_events"] for r in dyad_series(filled, "USAGOV", "ECUGOV")) == 2
    assert sum(r["n_events"] for r in dyad_series(filled, "p-general", "ECU")) == 1


def test_weeks_start_on_monday_and_days_cover_the_range(filled):
    weeks = dyad_series(filled, "USA", "ECU", by="week", since="2024-01-01",
                        until="2024-01-31")
    assert weeks[0]["period"] == "2024-01-01"  # a Monday
    assert [w["n_events"] for w in weeks] == [1, 0, 1, 0, 0]
    days = dyad_series(filled, "USA", "ECU", by="day", since="2024-01-01", until="2024-01-10")
    assert len(days) == 10 and sum(d["n_events"] for d in days) == 1


def test_since_until_bound_the_series(filled):
    rows = dyad_series(filled, "USA", "ECU", since="2024-02-01", until="2024-02-29")
    assert [(r["period"], r["n_events"]) for r in rows] == [("2024-02-01", 1)]


def test_no_events_gives_an_empty_series(filled):
    assert dyad_series(filled, "FRA", "DEU") == []


def test_bad_arguments_are_named(filled):
    with pytest.raises(InputError, match="by='year'"):
        dyad_series(filled, "USA", "ECU", by="year")
    with pytest.raises(InputError, match="actor 'U S'"):
        dyad_series(filled, "U S", "ECU")
    with pytest.raises(InputError, match="since"):
        dyad_series(filled, "USA", "ECU", since="not a date")


def test_network_weights_cooperation_and_conflict(filled):
    graph = network(filled)
    edges = {(e["source"], e["target"]): e for e in graph["edges"]}
    usa_ecu = edges[("USA", "ECU")]
    assert (usa_ecu["weight"], usa_ecu["cooperation"], usa_ecu["conflict"]) == (4, 4, 0)
    assert edges[("ECU", "USA")]["conflict"] == 1
    assert edges[("RUS", "UKR")]["goldstein_mean"] < -5
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes["USA"]["events"] == 5 and nodes["USA"]["out"] == 4
    assert graph["nodes"][0]["id"] in ("USA", "ECU")
    heavy = network(filled, min_weight=2)
    assert [(e["source"], e["target"]) for e in heavy["edges"]] == [("USA", "ECU")]
    by_actor = network(filled, by="actor")
    assert {(e["source"], e["target"]) for e in by_actor["edges"]} >= {("USAGOV", "ECUGOV"),
                                                                       ("USAMIL", "ECUMIL")}


def test_top_lists(filled):
    types = top(filled, "types", n=2)
    assert types[0] == {"type": "CONSULT", "events": 2, "share": pytest.approx(2 / 6, abs=1e-4),
                        "goldstein_mean": 1.0}
    countries = {r["country"]: r for r in top(filled, "countries", n=10)}
    assert countries["USA"]["events"] == 5 and countries["USA"]["as_target"] == 1
    actors = top(filled, "actors", n=1)
    assert actors[0]["actor"] == "USAGOV" and actors[0]["events"] == 4
    places = top(filled, "places")
    assert places == [{"place": "Quito", "country": "ECU", "events": 2, "lat": -0.22,
                       "lon": -78.51}]
    assert top(filled, "dyads", n=1)[0]["actor"] == "USA"
    assert top(filled, "types", since="2024-03-01")[0]["type"] == "AID"


def test_reports_of_one_event_count_once_and_copies_never(filled):
    """Two reports linked in one cluster are one event; a copy's report adds nothing."""
    filled.write([
        extraction("b1", [event("f1", "SANCTION", "FRAGOV", "RUSGOV", "2024-05-05")],
                   "2024-05-05", source="Wire A", tone=-1.0),
        extraction("b2", [event("f2", "SANCTION", "FRAGOV", "RUSGOV", "2024-05-05",
                                mentions=2)], "2024-05-06", source="Wire B", tone=-3.0),
        extraction("b3", [event("f3", "SANCTION", "FRAGOV", "RUSGOV", "2024-05-05")],
                   "2024-05-06", source="Copy C", tone=-9.0),
    ])
    filled.con.execute("UPDATE articles SET duplicate_of = 'b1' WHERE article_id = 'b3'")
    filled.con.execute("INSERT OR REPLACE INTO event_clusters VALUES ('f1', 'f1', 'b1'), "
                       "('f2', 'f1', 'b2'), ('f3', 'f1', 'b3')")
    (row,) = dyad_series(filled, "FRA", "RUS")
    assert (row["n_events"], row["n_reports"], row["SANCTION"]) == (1, 2, 1)
    assert row["tone_mean"] == pytest.approx(-2.0)
    (reports,) = dyad_series(filled, "FRA", "RUS", dedup=False)
    assert reports["n_events"] == 3
    from tidings.query.views import events_sql

    (ev,) = filled.query(f"SELECT * FROM ({events_sql()}) WHERE event = 'SANCTION'")
    assert (ev["event_id"], ev["num_articles"], ev["num_sources"], ev["num_mentions"],
            ev["num_copies"], ev["article_id"]) == ("f1", 2, 2, 3, 1, "b1")


def test_read_only_store_from_an_older_schema_still_aggregates(tmp_path):
    path = tmp_path / "old.duckdb"
    with open_store(path) as s:
        fill(s)
        s.con.execute("DROP TABLE event_clusters")
        s.con.execute("DROP TABLE article_signatures")
        s.con.execute("UPDATE schema_info SET version = 2")
    with open_store(path, read_only=True) as s:
        assert sum(r["n_events"] for r in dyad_series(s, "USA", "ECU")) == 4


def test_cli_dyad_network_top(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path) as s:
        fill(s)
    runner = CliRunner()
    out = runner.invoke(main, ["dyad", "USA", "ECU", "--db", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert [r["n_events"] for r in json.loads(out.stdout)] == [2, 1, 1]
    out = runner.invoke(main, ["dyad", "ECU", "USA", "--undirected", "--by", "week", "--db",
                               str(path), "--format", "csv"])
    header = out.stdout.splitlines()[0].split(",")
    assert header[:2] == ["period", "n_events"] and "THREATEN" in header
    out = runner.invoke(main, ["dyad", "USA", "ECU", "--db", str(path)])
    assert "AGREE" in out.stdout and "THREATEN" not in out.stdout  # only types that occur
    out = runner.invoke(main, ["network", "--db", str(path), "--format", "json"])
    assert {"nodes", "edges"} <= set(json.loads(out.stdout))
    out = runner.invoke(main, ["top", "types", "-n", "1", "--db", str(path), "--format", "csv"])
    assert out.stdout.splitlines()[1].startswith("CONSULT,2")
    out = runner.invoke(main, ["dyad", "USA", "E", "--db", str(path)])
    assert out.exit_code == 1 and "actor 'E'" in out.output
