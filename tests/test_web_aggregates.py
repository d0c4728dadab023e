"""Dyad, network and top endpoints and pages (on tidings.query.aggregate), in-process."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from tidings.web import create_app  # noqa: E402

from .test_web_api import assert_problem  # noqa: E402
from .webutil import build_store  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("agg") / "agg.duckdb")
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def busiest(client):
    """The most active directed country pair."""
    rows = client.get("/api/top", params={"what": "dyads", "n": 1}).json()["rows"]
    return rows[0]["actor"], rows[0]["recipient"]


def test_top_lists_are_ranked_and_capped(client):
    for what in ("actors", "countries", "types", "dyads"):
        rows = client.get("/api/top", params={"what": what, "n": 3}).json()["rows"]
        assert 0 < len(rows) <= 3, what
        counts = [r["events"] for r in rows]
        assert counts == sorted(counts, reverse=True), what
    assert_problem(client.get("/api/top", params={"what": "secrets"}), 422)
    assert_problem(client.get("/api/top", params={"n": 501}), 422)


def test_dyad_series_counts_cooperation_and_conflict(client, busiest):
    a, b = busiest
    both = client.get(f"/api/dyads/{a}/{b}").json()
    one_way = client.get(f"/api/dyads/{a}/{b}", params={"directed": "true"}).json()
    assert one_way["totals"]["events"] > 0
    assert both["totals"]["events"] >= one_way["totals"]["events"]
    for row in both["series"]:
        assert row["cooperation"] + row["conflict"] == sum(row[f"quad_class_{q}"] for q in (1, 2, 3, 4))
        assert row["cooperation"] + row["conflict"] <= row["n_events"]
    periods = [date.fromisoformat(r["period"]) for r in both["series"]]
    assert periods == sorted(periods) and all(p.day == 1 for p in periods)
    for e in one_way["events"]:
        assert (e["actor_country"], e["recipient_country"]) == (a, b)
    for e in both["events"]:
        assert {e["actor_country"], e["recipient_country"]} == {a, b}


def test_dyad_takes_actor_ids_and_rejects_bad_specs(client):
    event = next(e for e in client.get("/api/events", params={"limit": 500}).json()["events"]
                 if e["actor_country"] and e["recipient_country"])
    detail = client.get(f"/api/events/{event['event_id']}").json()
    body = client.get(f"/api/dyads/{detail['actor_id']}/{detail['recipient_id']}",
                      params={"directed": "true"}).json()
    assert body["totals"]["events"] >= 1
    assert event["event_id"] in {e["event_id"] for e in body["events"]}
    assert_problem(client.get("/api/dyads/U/ECU"), 400)
    assert_problem(client.get("/api/dyads/USA/ECU", params={"by": "year"}), 422)


def test_network_edges_and_nodes_agree(client):
    body = client.get("/api/network").json()
    nodes = {n["id"]: n for n in body["nodes"]}
    weights = [e["weight"] for e in body["edges"]]
    assert weights and weights == sorted(weights, reverse=True)
    for node_id, node in nodes.items():
        touching = [e for e in body["edges"] if node_id in (e["source"], e["target"])]
        assert node["out"] == sum(e["weight"] for e in touching if e["source"] == node_id)
        assert node["in"] == sum(e["weight"] for e in touching if e["target"] == node_id)
    heavy = client.get("/api/network", params={"min_weight": 2}).json()
    assert all(e["weight"] >= 2 for e in heavy["edges"])
    assert len(heavy["edges"]) < len(body["edges"])
    by_id = client.get("/api/network", params={"by": "id"}).json()
    assert all(n["id"].startswith(("p-", "a-")) for n in by_id["nodes"])


def test_pages_draw_charts_and_match_their_twins(client, busiest):
    a, b = busiest
    html = client.get(f"/dyads/{a}/{b}", headers={"accept": "text/html"}).text
    assert "<svg" in html and "goldstein" in html and f"{a} ↔ {b}" in html
    assert client.get(f"/dyads/{a}/{b}?format=json").json() == client.get(
        f"/api/dyads/{a}/{b}").json()
    page = client.get("/network", headers={"accept": "text/html"}).text
    nodes = client.get("/api/network").json()["nodes"]
    assert page.count('class="node"') == min(len(nodes), 40)
    assert client.get("/network?format=json").json() == client.get("/api/network").json()
    index = client.get("/dyads", headers={"accept": "text/html"}).text
    assert f"/dyads/{a}/{b}" in index


def test_dyad_form_redirects_to_the_pair(client):
    r = client.get("/dyads", params={"a": "USA", "b": "ECU"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/dyads/USA/ECU"
    r = client.get("/dyads", params={"a": "USA/../x", "b": "ECU"}, follow_redirects=False)
    assert r.headers["location"] == "/dyads/USA%2F..%2Fx/ECU"


def test_network_svg_is_deterministic():
    from tidings.web.charts import network

    nodes = [{"id": k, "label": k, "events": n, "href": f"/x/{k}"}
             for k, n in (("B", 3), ("A", 3), ("C", 5))]
    edges = [{"source": "C", "target": "A", "weight": 2, "goldstein_mean": -4.0},
             {"source": "A", "target": "B", "weight": 1, "goldstein_mean": 3.0}]
    first = network(nodes, edges, "g")
    assert first == network(list(reversed(nodes)), edges, "g")
    assert 'class="edge conflict"' in first and 'class="edge coop"' in first
    assert first.index(">C</text>") < first.index(">A</text>") < first.index(">B</text>")
    hostile = network([{"id": "<x>", "label": "<script>", "events": 1, "href": "/"}], [], "g")
    assert "<script>" not in hostile and "&lt;script&gt;" in hostile


def test_overview_dyad_counts_match_the_dyad_pages(client):
    for row in client.get("/api/overview").json()["top_dyads"][:3]:
        page = client.get(f"/api/dyads/{row['actor']}/{row['recipient']}",
                          params={"directed": "true"}).json()
        assert page["totals"]["events"] == row["events"], row


def test_hostile_dyad_and_network_parameters_never_break_the_server(client):
    from urllib.parse import quote

    from .test_web_api import HOSTILE

    for value in HOSTILE:
        r = client.get(f"/api/dyads/{quote(value, safe='')}/USA")
        assert r.status_code < 500, (value, r.status_code)  # "NaN" is a fine code: NAN
        if r.status_code != 200:
            assert_problem(r, r.status_code)
        else:
            assert r.json()["totals"]["events"] == 0
        for params in ({"by": value}, {"since": value}, {"min_weight": value}):
            r = client.get("/api/network", params=params)
            assert r.status_code in (400, 422), (params, r.status_code)
            assert_problem(r, r.status_code)
