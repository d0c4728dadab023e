"""The JSON API, in-process: filters, paging, error shape, limits, token, read-only store."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from tidings.web import create_app  # noqa: E402

from .webutil import build_store, demo_articles  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("web") / "small.duckdb")


@pytest.fixture(scope="module")
def app(store_file):
    return create_app(str(store_file))


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def writable(store_file, tmp_path):
    """An app with a token, on a copy of the store (DuckDB gives one process one mode)."""
    copy = tmp_path / "writable.duckdb"
    shutil.copy(store_file, copy)
    with TestClient(create_app(str(copy), token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def assert_problem(response, status: int, code: str | None = None) -> str:
    """The one error shape; returns the message."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    if code:
        assert body["error"]["code"] == code
    message = body["error"]["message"]
    assert message and "Traceback" not in message and "/tmp" not in message
    return message


def test_health_counts_what_was_stored(client):
    body = client.get("/api/health").json()
    assert body["articles"] == len(demo_articles()) and body["events"] > 0
    assert body["writes"] is False


def test_overview_series_adds_up_to_dated_events(client, app):
    body = client.get("/api/overview").json()
    quads = body["quads"]
    charted = sum(sum(values) for values in quads["series"].values())
    con = app.state.served.store.con
    dated = con.execute("SELECT count(*) FROM events WHERE date IS NOT NULL "
                        "AND quad_class IS NOT NULL").fetchone()[0]
    assert charted == dated > 0
    assert quads["periods"] == sorted(quads["periods"])
    assert body["latest_events"] and body["top_dyads"]
    dates = [e["date"] for e in body["latest_events"] if e["date"]]
    assert dates == sorted(dates, reverse=True)


def test_event_filters_select_only_matching_events(client):
    every = client.get("/api/events", params={"limit": 500}).json()
    assert every["total"] == len(every["events"]) > 0
    country = next(e["actor_country"] for e in every["events"] if e["actor_country"])
    body = client.get("/api/events", params={"actor": country.lower(), "limit": 500}).json()
    assert body["total"] == sum(e["actor_country"] == country for e in every["events"])
    assert all(e["actor_country"] == country for e in body["events"])
    kind = every["events"][0]["event"]
    body = client.get("/api/events", params={"type": kind}).json()
    assert body["total"] == sum(e["event"] == kind for e in every["events"])
    body = client.get("/api/events", params={"quad": "4", "limit": 500}).json()
    assert all(e["quad_class"] is not None for e in body["events"])
    dated = sorted(e["date"] for e in every["events"] if e["date"])
    middle = dated[len(dated) // 2]
    body = client.get("/api/events", params={"since": middle, "limit": 500}).json()
    assert body["total"] == sum(1 for d in dated if d >= middle)
    empty_form = client.get("/api/events?actor=&quad=&type=&since=").json()
    assert empty_form["total"] == every["total"]  # blank form fields mean "no filter"


def test_paging_and_sorting(client):
    first = client.get("/api/events", params={"limit": 3}).json()["events"]
    second = client.get("/api/events", params={"limit": 3, "offset": 3}).json()["events"]
    both = client.get("/api/events", params={"limit": 6}).json()["events"]
    assert [e["event_id"] for e in first + second] == [e["event_id"] for e in both]
    scores = [e["goldstein"] for e in client.get(
        "/api/events", params={"order": "goldstein", "limit": 500}).json()["events"]
        if e["goldstein"] is not None]
    assert scores == sorted(scores) and scores[0] < scores[-1]


@pytest.mark.parametrize("query, status, word", [
    ({"limit": 501}, 422, "limit"),
    ({"limit": 0}, 422, "limit"),
    ({"quad": "7"}, 422, "quad"),
    ({"order": "event_id; DROP TABLE events"}, 422, "order"),
    ({"type": "PARTY"}, 400, "PARTY"),
    ({"since": "last tuesday-ish"}, 400, "since"),
    ({"offset": -1}, 422, "offset"),
])
def test_bad_queries_get_the_error_shape(client, query, status, word):
    assert word in assert_problem(client.get("/api/events", params=query), status)


def test_unknown_things_are_404_and_wrong_methods_405(client):
    for path in ("/api/events/ev-nope", "/api/actors/p-nope", "/api/articles/nope",
                 "/api/nothing", "/no/such/page"):
        assert_problem(client.get(path), 404, "not_found")
    assert_problem(client.delete("/api/events"), 405, "method_not_allowed")
    assert_problem(client.post("/api/events/x"), 405)


def test_event_detail_carries_sentence_and_mentions(client):
    event_id = client.get("/api/events").json()["events"][0]["event_id"]
    body = client.get(f"/api/events/{event_id}").json()
    article = client.get(f"/api/articles/{body['article_id']}").json()["article"]
    assert body["sentence"] == article["text"][body["sentence_start"]:body["sentence_end"]]
    assert body["mentions"]
    for m in body["mentions"]:
        assert m["text"] == article["text"][m["start"]:m["end"]] and m["text"].strip()


def test_actors_list_and_detail_agree(client):
    listing = client.get("/api/actors", params={"limit": 5}).json()
    assert listing["total"] >= len(listing["actors"]) > 0
    top = listing["actors"][0]
    counts = [a["events"] for a in listing["actors"]]
    assert counts == sorted(counts, reverse=True)
    detail = client.get(f"/api/actors/{top['id']}").json()
    assert detail["actor"]["name"] == top["name"]
    assert (detail["actor"]["as_actor"], detail["actor"]["as_recipient"]) == (
        top["as_actor"], top["as_recipient"])
    assert all(top["id"] in (e["actor_id"], e["recipient_id"]) for e in detail["events"])
    part = top["name"][1:4].lower()
    found = client.get("/api/actors", params={"name": part}).json()["actors"]
    assert found and all(part in a["name"].lower() for a in found)


def test_article_segments_rebuild_the_text_and_mark_event_words(client):
    events = client.get("/api/events", params={"limit": 500}).json()["events"]
    article_id = events[0]["article_id"]
    body = client.get(f"/api/articles/{article_id}").json()
    text = body["article"]["text"]
    assert "".join(s["text"] for s in body["segments"]) == text
    coded = {e["event_id"] for e in body["events"]}
    assert coded == {e["event_id"] for e in events if e["article_id"] == article_id}
    marked = {ref for s in body["segments"] if "event" in s["kinds"] for ref in s["refs"]}
    assert marked and marked <= coded
    kinds = {k for s in body["segments"] for k in s["kinds"]}
    assert {"actor", "event", "date"} <= kinds
    everywhere, themed = set(), []
    for aid in sorted({e["article_id"] for e in events}):
        detail = client.get(f"/api/articles/{aid}").json()
        everywhere |= {m["kind"] for m in detail["marks"]}
        themed += [(aid, t["theme"]) for t in detail["themes"]]
    assert {"actor", "event", "date", "count", "quote"} <= everywhere
    assert themed
    aid, theme = themed[0]
    assert f">{theme}</span>" in client.get(f"/articles/{aid}", headers={"accept": "text/html"}).text


PAGES = ["/", "/events", "/actors", "/docs"]


def test_pages_are_html_and_have_json_twins(client):
    events = client.get("/api/events").json()["events"]
    actor = client.get("/api/actors").json()["actors"][0]["id"]
    pairs = {"/": "/api/overview", "/events?type=" + events[0]["event"]:
             "/api/events?type=" + events[0]["event"],
             f"/events/{events[0]['event_id']}": f"/api/events/{events[0]['event_id']}",
             "/actors": "/api/actors", f"/actors/{actor}": f"/api/actors/{actor}",
             f"/articles/{events[0]['article_id']}": f"/api/articles/{events[0]['article_id']}"}
    for page, twin in pairs.items():
        html = client.get(page, headers={"accept": "text/html"})
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
        assert "<main>" in html.text and "unsafe" not in html.text
        sep = "&" if "?" in page else "?"
        assert client.get(page + sep + "format=json").json() == client.get(twin).json(), page


def test_html_errors_carry_the_same_fields(client):
    r = client.get("/events/ev-nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "not_found" in r.text and "ev-nope" in r.text
    assert_problem(client.get("/events/ev-nope?format=json"), 404)


def test_security_headers_on_pages_api_and_errors(client):
    for r in (client.get("/", headers={"accept": "text/html"}), client.get("/api/events"),
              client.get("/api/nothing"), client.get("/static/style.css")):
        csp = r.headers["content-security-policy"]
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert "server" not in {k.lower() for k in r.headers if r.headers[k].startswith("uvicorn")}


def test_pages_use_no_inline_script_or_style(client):
    """The CSP forbids inline code; a page that used it would break in the browser."""
    events = client.get("/api/events").json()["events"]
    for page in ["/", "/events", f"/articles/{events[0]['article_id']}", "/actors", "/docs"]:
        text = client.get(page, headers={"accept": "text/html"}).text
        assert " style=" not in text and "<style" not in text, page
        assert "<script>" not in text and "onclick" not in text and "javascript:" not in text
        for attr in ('src="http', "src='http", 'href="http', 'href="//', "url(http"):
            assert attr not in text, (page, attr)  # nothing is loaded from elsewhere


def test_request_body_is_capped(client):
    big = "x" * 2_100_000
    assert_problem(client.post("/api/extract", json={"text": big}), 413, "payload_too_large")

    def chunks():  # no Content-Length: the cap counts bytes as they arrive
        for _ in range(40):
            yield b"y" * 100_000

    assert_problem(client.post("/api/extract", content=chunks(),
                               headers={"content-type": "application/json"}), 413)


def test_writes_are_off_without_a_token(client, app):
    r = client.post("/api/articles", json={"text": "Kenya's president met Ethiopia's leader."})
    assert "--token" in assert_problem(r, 403, "forbidden")
    with pytest.raises(Exception, match="read-only"):
        app.state.served.store.con.execute("CREATE TABLE sneaky (i INTEGER)")


def test_store_cannot_reach_files_or_be_reconfigured(app):
    import duckdb

    con = app.state.served.store.con
    with pytest.raises(duckdb.Error, match="disabled by configuration"):
        con.execute("SELECT * FROM read_csv('/etc/hostname')")
    with pytest.raises(duckdb.Error):
        con.execute("SET enable_external_access = true")


def test_token_is_required_and_checked(writable):
    article = {"id": "web-1", "text": "Kenya's President Ruto met Ethiopia's Prime Minister "
               "Abiy in Nairobi on Monday to discuss trade.", "published": "2024-05-06"}
    assert_problem(writable.post("/api/articles", json=article), 401, "unauthorized")
    bad = {"authorization": "Bearer " + TOKEN[:-1] + "X"}
    assert_problem(writable.post("/api/articles", json=article, headers=bad), 401)
    good = {"authorization": f"Bearer {TOKEN}"}
    before = writable.get("/api/health").json()
    r = writable.post("/api/articles", json=article, headers=good)
    assert r.status_code == 201, r.text
    assert r.json()["stored"] == 1 and r.json()["article_ids"] == ["web-1"]
    after = writable.get("/api/health").json()
    assert after["articles"] == before["articles"] + 1 and after["writes"] is True
    assert writable.get("/api/articles/web-1").json()["article"]["published"] == "2024-05-06"
    again = writable.post("/api/articles", json={"articles": [article, {"text": "  "}]},
                          headers=good)
    assert again.status_code == 200
    body = again.json()
    assert body["stored"] == 0 and body["already_present"] == 1
    assert body["skipped"] == [{"item": 2, "reason": "text is empty"}]


def test_ingest_rejects_oversized_batches_and_unknown_fields(writable):
    good = {"authorization": f"Bearer {TOKEN}"}
    many = {"articles": [{"text": f"Article {i}."} for i in range(101)]}
    assert_problem(writable.post("/api/articles", json=many, headers=good), 422)
    assert_problem(writable.post("/api/articles", json={"text": "x", "sql": "DROP"},
                                 headers=good), 422)


def test_extract_returns_events_and_stores_nothing(client):
    before = client.get("/api/health").json()
    r = client.post("/api/extract", json={
        "text": "Japan's foreign minister met South Korea's foreign minister in Seoul on "
                "Tuesday.", "published": "2024-06-12"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["article"]["published"] == "2024-06-12"
    assert any(e["event"] == "CONSULT" for e in body["events"])
    assert client.get("/api/health").json() == before
    assert_problem(client.post("/api/extract", json={"text": "   "}), 400, "bad_request")
    assert_problem(client.post("/api/extract", json={"title": "no text"}), 422)
    assert_problem(client.post("/api/extract", content=b"{not json",
                               headers={"content-type": "application/json"}), 422)


def test_unexpected_errors_leak_nothing(client, monkeypatch):
    from tidings.web import data

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail at /srv/private/path")

    monkeypatch.setattr(data, "events_page", broken)
    r = client.get("/api/events")
    message = assert_problem(r, 500, "internal_error")
    assert "secret" not in r.text and "/srv" not in r.text and "RuntimeError" not in message
    page = client.get("/events", headers={"accept": "text/html"})
    assert page.status_code == 500 and "secret" not in page.text


def test_slow_requests_are_cut_off(store_file, tmp_path, monkeypatch):
    from tidings.web import data

    copy = tmp_path / "slow.duckdb"
    shutil.copy(store_file, copy)
    monkeypatch.setattr(data, "overview", lambda store: time.sleep(1.0) or {})
    with TestClient(create_app(str(copy), timeout_s=0.2), raise_server_exceptions=False) as c:
        started = time.monotonic()
        assert "0.2 s" in assert_problem(c.get("/api/overview"), 503, "unavailable")
        assert time.monotonic() - started < 0.9


def test_docs_page_and_api_md_list_every_endpoint(client, app):
    routes = [(method.upper(), path) for path, ops in app.openapi()["paths"].items()
              for method in ops]
    assert all(path.startswith("/api/") for _, path in routes)
    assert len(routes) >= 12
    page = client.get("/docs", headers={"accept": "text/html"}).text
    api_md = (ROOT / "docs" / "api.md").read_text()
    for method, path in routes:
        assert f"{method} {path}" in page, (method, path)
        assert f"`{method} {path}`" in api_md, f"docs/api.md lacks {method} {path}"


def test_serve_binds_loopback_by_default_and_names_a_missing_store(tmp_path):
    from click.testing import CliRunner

    from tidings.cli import main
    from tidings.cli_serve import is_loopback, serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1" and is_loopback(host.default)
    assert is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    missing = tmp_path / "absent.duckdb"
    result = CliRunner().invoke(main, ["serve", "--db", str(missing)])
    assert result.exit_code == 1 and "no such store" in result.output


def test_loopback_server_refuses_foreign_host_headers(store_file, tmp_path):
    from tidings.cli_serve import allowed_hosts

    copy = tmp_path / "hosts.duckdb"
    shutil.copy(store_file, copy)
    assert allowed_hosts("0.0.0.0") is None
    app = create_app(str(copy), allowed_hosts=allowed_hosts("127.0.0.1"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={"host": "localhost:8000"}).status_code == 200
        assert c.get("/api/health", headers={"host": "[::1]:8000"}).status_code == 200
        r = c.get("/api/health", headers={"host": "attacker.example:8000"})
        assert "Host" in assert_problem(r, 400, "bad_request")


HOSTILE = ["'; DROP TABLE events; --", "../../etc/passwd", "%00", "\x00", "\u202eevil",
           "☃" * 300, "A" * 5000, "1e309", "-1", "NaN", "<script>alert(1)</script>",
           "read_csv('/etc/passwd')", "http://169.254.169.254/latest", " ", "ا" * 40]


@pytest.mark.parametrize("path, names", [
    ("/api/events", ["actor", "recipient", "country", "type", "quad", "since", "until",
                     "text", "limit", "offset", "order"]),
    ("/api/actors", ["name", "limit", "offset"]),
    ("/events", ["actor", "text", "since", "order"]),
    ("/actors", ["name"]),
])
def test_hostile_parameters_never_break_the_server(client, path, names):
    for name in names:
        for value in HOSTILE:
            r = client.get(path, params={name: value}, headers={"accept": "application/json"})
            assert r.status_code < 500, (path, name, value, r.text[:200])
            if r.status_code >= 400:
                assert_problem(r, r.status_code)
            assert "<script>alert" not in r.text or r.headers["content-type"].startswith(
                "application/json")


@pytest.mark.parametrize("template", ["/api/events/{}", "/api/actors/{}", "/api/articles/{}",
                                      "/events/{}", "/articles/{}"])
def test_hostile_ids_are_404_not_errors(client, template):
    from urllib.parse import quote

    for value in HOSTILE:
        r = client.get(template.format(quote(value, safe="")))
        assert r.status_code in (404, 422), (template, value, r.status_code)
        assert_problem(r, r.status_code)


def test_an_older_store_is_served_read_only_without_changing_it(store_file, tmp_path):
    import duckdb

    copy = tmp_path / "old.duckdb"
    shutil.copy(store_file, copy)
    con = duckdb.connect(str(copy))
    con.execute("UPDATE schema_info SET version = version - 1")
    con.execute("DROP TABLE actor_dictionary")  # as if a later schema had added it
    con.close()
    with TestClient(create_app(str(copy)), raise_server_exceptions=False) as c:
        assert c.get("/api/health").json()["articles"] == len(demo_articles())
        assert c.post("/api/extract", json={"text": "Chile's president met Peru's."}).status_code == 200
        assert c.get("/api/dyads/IND/PAK").status_code == 200
    con = duckdb.connect(str(copy), read_only=True)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables")
              .fetchall()}
    assert "actor_dictionary" not in tables  # read-only: the file was not touched
    con.close()


def test_cached_reads_are_private_copies_and_writes_refresh_them(writable):
    good = {"authorization": f"Bearer {TOKEN}"}
    first = writable.get("/api/events", params={"limit": 500}).json()
    again = writable.get("/api/events", params={"limit": 500}).json()
    assert first == again
    article = {"id": "web-cache", "text": "Chile's foreign minister met Peru's foreign minister "
               "in Lima on Monday.", "published": "2024-05-06"}
    assert writable.post("/api/articles", json=article, headers=good).status_code == 201
    after = writable.get("/api/events", params={"limit": 500}).json()
    assert after["total"] > first["total"]
    assert any(e["article_id"] == "web-cache" for e in after["events"])


def test_cache_hands_out_copies(app):
    served = app.state.served
    calls = []

    def rows(store, n):
        calls.append(n)
        return {"rows": [n]}

    one = served.read(rows, 1)
    one["rows"].append("mutated by a caller")
    assert served.read(rows, 1) == {"rows": [1]} and calls == [1]  # cached, unharmed


def test_urls_given_by_a_client_are_never_fetched(writable):
    import socket

    with socket.socket() as listener:  # a URL target that records any connection
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.5)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/article.html"
        article = {"id": "web-url", "text": "Chile's foreign minister met Peru's foreign "
                   "minister in Lima on Monday.", "url": url}
        assert writable.post("/api/extract", json=article).status_code == 200
        r = writable.post("/api/articles", json=article,
                          headers={"authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201
        assert writable.get("/api/articles/web-url").json()["article"]["url"] == url
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody came
