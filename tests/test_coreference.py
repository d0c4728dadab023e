"""Event coreference: reports of one real-world event become one event with GDELT counts."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from tidings.query.events import EventFilter, count_events, find_events
from tidings.records import Place
from tidings.store import open_store

from .corpus_helpers import event, extraction


def clusters(store) -> list[set[str]]:
    rows = store.query("SELECT cluster_id, list(event_id ORDER BY event_id) ids "
                       "FROM event_clusters GROUP BY 1")
    return sorted((set(r["ids"]) for r in rows), key=sorted)


def test_reports_within_the_window_with_compatible_actors_merge(store):
    store.write([
        extraction("a", [event("a1", "SANCTION", "FRAGOV", "RUSGOV", "2024-04-03")], "2024-04-03"),
        extraction("b", [event("b1", "SANCTION", "FRA", "RUSGOV", "2024-04-04")], "2024-04-04"),
        extraction("c", [event("c1", "SANCTION", "FRAGOV", None, "2024-04-03")], "2024-04-04"),
        extraction("d", [event("d1", "SANCTION", "FRAGOV", "RUSGOV", "2024-04-09")], "2024-04-09"),
        extraction("e", [event("e1", "SANCTION", "FRAGOV", "IRNGOV", "2024-04-03")], "2024-04-03"),
        extraction("f", [event("f1", "ACCUSE", "FRAGOV", "RUSGOV", "2024-04-03")], "2024-04-03"),
    ])
    assert {"a1", "b1", "c1"} in clusters(store)
    assert len(clusters(store)) == 4  # d1 (a week later), e1 (other recipient), f1 (type)


def test_a_vague_report_cannot_chain_two_dyads(store):
    store.write([extraction("a", [event("a1", "ACCUSE", "USAGOV", "CHNGOV", "2024-05-01")], "2024-05-01")])
    store.write([extraction("b", [event("b1", "ACCUSE", "USAGOV", None, "2024-05-01")], "2024-05-01")])
    store.write([extraction("c", [event("c1", "ACCUSE", "USAGOV", "RUSGOV", "2024-05-01")], "2024-05-01")])
    assert clusters(store) == [{"a1", "b1"}, {"c1"}]


def test_two_unknown_sides_never_merge(store):
    store.write([extraction("a", [event("a1", "PROTEST", None, None, "2024-05-01")], "2024-05-01"),
                 extraction("b", [event("b1", "PROTEST", None, None, "2024-05-01")], "2024-05-01")])
    assert clusters(store) == [{"a1"}, {"b1"}]


def test_symmetric_types_match_either_direction(store):
    store.write([
        extraction("a", [event("a1", "CONSULT", "KENGOV", "ETHGOV", "2024-03-05"),
                         event("a2", "THREATEN", "KENGOV", "ETHGOV", "2024-03-05")], "2024-03-05"),
        extraction("b", [event("b1", "CONSULT", "ETHGOV", "KENGOV", "2024-03-05"),
                         event("b2", "THREATEN", "ETHGOV", "KENGOV", "2024-03-05")], "2024-03-05"),
    ])
    assert {"a1", "b1"} in clusters(store)
    assert {"a2"} in clusters(store) and {"b2"} in clusters(store)


def test_places_far_apart_are_different_events(store):
    kyiv = Place("Kyiv", "UKR", 50.45, 30.52, "city")
    kharkiv = Place("Kharkiv", "UKR", 49.99, 36.23, "city")
    near_kyiv = Place("Brovary", "UKR", 50.51, 30.79, "city")
    store.write([
        extraction("a", [event("a1", "ASSAULT", "RUSMIL", "UKRCVL", "2024-01-23", kyiv)], "2024-01-23"),
        extraction("b", [event("b1", "ASSAULT", "RUSMIL", "UKRCVL", "2024-01-23", kharkiv)], "2024-01-23"),
        extraction("c", [event("c1", "ASSAULT", "RUSMIL", "UKRCVL", "2024-01-23", near_kyiv)], "2024-01-23"),
    ])
    assert clusters(store) == [{"a1", "c1"}, {"b1"}]


def test_window_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_COREF_WINDOW_DAYS", "0")
    with open_store(tmp_path / "s.duckdb") as store:
        store.write([
            extraction("a", [event("a1", "AID", "USAGOV", "UKRMIL", "2024-02-01")], "2024-02-01"),
            extraction("b", [event("b1", "AID", "USAGOV", "UKRMIL", "2024-02-02")], "2024-02-02")])
        assert len(clusters(store)) == 2


def test_counts_follow_the_gdelt_codebook(tmp_path):
    """NumMentions: all mentions; NumSources: distinct outlets; NumArticles: distinct
    articles; copies apart; the earliest report is kept, also across runs."""
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.write([extraction("late", [event("l1", "AID", "DEUGOV", "UKRMIL", "2024-02-27",
                                               mentions=2)], "2024-02-28", source="Wire A")])
    with open_store(path) as store:  # a later run joins the stored event
        store.write([
            extraction("early", [event("e1", "AID", "DEUGOV", "UKRMIL", "2024-02-27")],
                       "2024-02-27", source="Daily B"),
            extraction("again", [event("g1", "AID", "DEU", "UKR", "2024-02-27", mentions=3)],
                       "2024-02-28", source="Wire A"),
        ])
        (ev,) = find_events(store, EventFilter(type="AID"), dedup=True)
        assert count_events(store, dedup=True) == 1 and count_events(store) == 3
    assert ev["event_id"] == "l1"  # the first stored report names the event
    assert (ev["num_mentions"], ev["num_sources"], ev["num_articles"], ev["num_copies"]) == \
        (6, 2, 3, 0)
    assert ev["article_id"] == "early"  # the earliest published report


def test_a_rolled_back_batch_leaves_no_links(store, monkeypatch):
    store.write([extraction("a", [event("a1", "AID", "USAGOV", "UKRMIL", "2024-02-01")], "2024-02-01")])
    import tidings.store.duckdb_store as mod

    real = mod.column_names
    monkeypatch.setattr(mod, "column_names",
                        lambda t: (_ for _ in ()).throw(RuntimeError("disk full"))
                        if t == "event_mentions" else real(t))
    with pytest.raises(Exception, match="rolled back"):
        store.write([extraction("b", [event("b1", "AID", "USAGOV", "UKRMIL", "2024-02-01")], "2024-02-01")])
    monkeypatch.setattr(mod, "column_names", real)
    assert clusters(store) == [{"a1"}]
    store.write([extraction("b", [event("b1", "AID", "USAGOV", "UKRMIL", "2024-02-01")], "2024-02-01")])
    assert clusters(store) == [{"a1", "b1"}]


def _shift(day: str, days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _expected_group(name: str) -> list[dict]:
    text = resources.files("tidings.demo").joinpath("expected.jsonl").read_text("utf-8")
    return [r for r in map(json.loads, text.splitlines()) if r["same_event_group"] == name]


def test_demo_repeated_event_is_one_event_with_several_articles(demo_store):
    """The demo's g1 event (four outlets and one syndicated copy) is one deduplicated event."""
    group = _expected_group("g1")
    ids = [g["id"] for g in group]
    links = demo_store.query("SELECT article_id, duplicate_of FROM articles "
                             "WHERE duplicate_of IS NOT NULL")
    assert len(links) == 1 and links[0]["article_id"] in ids and links[0]["duplicate_of"] in ids
    dyads = {(e["type"], e["source_country"], e["target_country"], e["date"])
             for g in group for e in g["events"]}
    merged = []
    for kind, src, dst, day in sorted(dyads):
        # reports may date the event a day late (the "Saturday" of a Sunday paper)
        near = EventFilter(type=kind, actor=src, recipient=dst, since=_shift(day, -1),
                           until=_shift(day, 1))
        found = find_events(demo_store, near, dedup=True)
        reports = find_events(demo_store, near)
        assert len(found) <= 1, f"{kind} {src}->{dst} split into {len(found)} events"
        if found:
            assert len({r["article_id"] for r in reports}) > 1
            merged.append(found[0])
    assert merged, "the coder finds at least one of the g1 events"
    best = max(merged, key=lambda e: e["num_articles"])
    assert best["num_articles"] >= 3 and best["num_copies"] == 1
    assert best["num_sources"] == best["num_articles"]  # one article per outlet
    assert best["article_id"] in ids


def test_cli_events_dedup(demo_store, tmp_path):
    from click.testing import CliRunner

    from tidings.cli import main

    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.write([
            extraction("a", [event("a1", "AID", "USAGOV", "UKRMIL", "2024-02-01")], "2024-02-01"),
            extraction("b", [event("b1", "AID", "USAGOV", "UKRMIL", "2024-02-01")], "2024-02-02")])
    out = CliRunner().invoke(main, ["events", "--db", str(path), "--dedup", "--format", "json"])
    rows = json.loads(out.stdout)
    assert len(rows) == 1 and rows[0]["num_articles"] == 2
    out = CliRunner().invoke(main, ["events", "--db", str(path), "--format", "json"])
    assert len(json.loads(out.stdout)) == 2


def test_a_store_from_schema_2_gets_its_links_on_opening(tmp_path):
    path = tmp_path / "old.duckdb"
    text = json.loads(resources.files("tidings.demo").joinpath("articles.jsonl")
                      .read_text("utf-8").splitlines()[3])["text"]
    with open_store(path) as store:
        store.write([
            extraction("a", [event("a1", "AID", "USAGOV", "UKRMIL", "2024-02-01")], "2024-02-01",
                       text=text),
            extraction("b", [event("b1", "AID", "USAGOV", "UKRMIL", "2024-02-02")], "2024-02-02",
                       text=text + " Updated."),
        ])
        store.con.execute("DROP TABLE event_clusters")
        store.con.execute("DROP TABLE article_signatures")
        store.con.execute("UPDATE articles SET duplicate_of = NULL")
        store.con.execute("UPDATE schema_info SET version = 2")
    with open_store(path) as store:
        assert clusters(store) == [{"a1", "b1"}]
        assert store.query("SELECT article_id, duplicate_of FROM articles ORDER BY 1") == [
            {"article_id": "a", "duplicate_of": None}, {"article_id": "b", "duplicate_of": "a"}]
        assert store.table_counts()["article_signatures"] == 2


def test_relink_applies_new_settings(tmp_path):
    from click.testing import CliRunner

    from tidings.cli import main

    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.write([
            extraction("a", [event("a1", "AID", "USAGOV", "UKRMIL", "2024-02-01")], "2024-02-01"),
            extraction("b", [event("b1", "AID", "USAGOV", "UKRMIL", "2024-02-04")], "2024-02-04")])
        assert len(clusters(store)) == 2
    out = CliRunner().invoke(main, ["relink", "--db", str(path), "--window", "3"])
    assert out.exit_code == 0, out.output
    assert "2 reports of 1 events" in out.output
    with open_store(path) as store:
        assert clusters(store) == [{"a1", "b1"}]


def test_a_store_from_schema_3_gets_mention_counts(tmp_path):
    from tidings.query.aggregate import dyad_series

    path = tmp_path / "v3.duckdb"
    with open_store(path) as store:
        store.write([extraction("a", [event("a1", "AID", "USAGOV", "UKRMIL", "2024-02-01",
                                            mentions=3)], "2024-02-01")])
        store.con.execute("ALTER TABLE event_clusters DROP COLUMN n_mentions")
        store.con.execute("UPDATE schema_info SET version = 3")
    with open_store(path, read_only=True) as store:  # reads work before any migration
        assert dyad_series(store, "USA", "UKR")[0]["n_events"] == 1
    with open_store(path) as store:
        (ev,) = find_events(store, dedup=True)
    assert ev["num_mentions"] == 3


# -- the indexed pool clusters exactly like an exhaustive scan -------------------------------
def _reference_assign(pool: list[dict], report: dict, window: int) -> str:
    """The exhaustive definition: score the report against every earlier same-type report
    in the window; a cluster fits when all its in-window members match (complete link); the
    best fit scores highest, then has the earliest in-window member (date, event id)."""
    from tidings.store.coreference import match_score

    members: dict[str, list] = {}
    for other in pool:
        if other["event"] != report["event"] or other["event_id"] == report["event_id"]:
            continue
        if abs((other["date"] - report["date"]).days) > window:
            continue
        members.setdefault(other["cluster_id"], []).append(other)
    fits = []
    for cluster, others in members.items():
        scores = [match_score(report, o, window) for o in others]
        if None not in scores:
            fits.append((-max(scores), min((o["date"], o["event_id"]) for o in others), cluster))
    cluster = min(fits)[2] if fits else report["event_id"]
    pool.append({**report, "cluster_id": cluster})
    return cluster


def _random_extractions(seed: int, articles: int) -> list:
    """Articles with events drawn from few types, countries, days and places, so that
    matches, conflicts, symmetric pairs, ties and vague sides all occur."""
    import random

    rng = random.Random(seed)
    codes = ["USAGOV", "USA", "ECUGOV", "ECU", "FRAGOV", "RUSMIL", None]
    places = [None, Place("Quito", "ECU", -0.22, -78.51, "city"),
              Place("Guayaquil", "ECU", -2.19, -79.89, "city"), Place("Paris", "FRA", None, None, "city")]
    out = []
    for i in range(articles):
        events = [event(f"x{i}-{j}", rng.choice(["CONSULT", "ACCUSE", "AID"]), rng.choice(codes),
                        rng.choice(codes), f"2024-03-{rng.randint(1, 9):02d}", rng.choice(places))
                  for j in range(rng.randint(0, 3))]
        out.append(extraction(f"x{i}", events, f"2024-03-{rng.randint(1, 9):02d}"))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_blocked_clustering_equals_the_exhaustive_definition(store, seed):
    """Batch after batch, every new report gets the cluster the exhaustive scan over all
    earlier reports gives it, however few stored reports the store fetched up front."""
    cols = ("event_id, event, date, date_precision, actor_country, actor_sector, actor_id, "
            "recipient_country, recipient_sector, recipient_id, location_name, "
            "location_country, lat, lon")
    window = store.corpus.options.coref_window_days
    batches = _random_extractions(seed, 150)
    pool: list[dict] = []
    joined = 0
    for start in range(0, len(batches), 15):
        batch = batches[start:start + 15]
        store.write(batch)
        new = {r["event_id"]: r for r in store.query(f"SELECT {cols} FROM events")}
        got = {r["event_id"]: r["cluster_id"]
               for r in store.query("SELECT event_id, cluster_id FROM event_clusters")}
        for eid in (e.id for x in batch for e in x.events):
            want = _reference_assign(pool, new[eid], window)
            assert got[eid] == want, eid
            joined += want != eid
    assert joined > 30  # the data really exercises joining, not only new clusters


def test_the_pool_reads_a_clusters_members_it_was_not_given():
    """Complete link needs every member in the window: days the caller did not fetch are
    read through ``fetch``, and a conflicting member found there keeps the report out."""
    from datetime import date

    from tidings.store.coreference import ClusterPool

    def report(eid, day, actor, recipient):
        return {"event_id": eid, "event": "AID", "date": date(2024, 3, day),
                "date_precision": "day", "actor_country": actor, "actor_sector": None,
                "actor_id": None, "recipient_country": recipient, "recipient_sector": None,
                "recipient_id": None, "location_name": None, "location_country": None,
                "lat": None, "lon": None}

    unfetched = {**report("m", 4, "USA", "RUS"), "cluster_id": "c"}
    asked = []

    def fetch(cluster_id, kind, first, last):
        asked.append((cluster_id, kind, date.fromordinal(first), date.fromordinal(last)))
        return [unfetched] if first <= unfetched["date"].toordinal() <= last else []

    pool = ClusterPool(1, fetch=fetch)
    pool.add(report("c", 2, "USA", "ECU"), "c")
    pool.cover("c", date(2024, 3, 1).toordinal(), date(2024, 3, 3).toordinal())
    assert pool.assign(report("r1", 2, "USA", "ECU")) == "c"  # its window was fetched
    assert asked == []
    assert pool.assign(report("r2", 3, "USA", "ECU")) == "r2"  # m (to RUS) conflicts
    assert asked == [("c", "AID", date(2024, 3, 2), date(2024, 3, 4))]
