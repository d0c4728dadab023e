"""The knowledge layer: entity grouping, geocoding, event locations, dates, show/mentions."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.extract.dates import is_temporal, resolve_date
from tidings.extract.geocode import geocode

KENYA = ("Kenyan President Mwai Kibaki met opposition leader Raila Odinga in Nairobi on "
         "Tuesday. Kibaki said he wanted a lasting peace. The president later flew to "
         "Mombasa, where he will meet business leaders on Friday.")


def _by_entity(extraction):
    groups: dict[str, list] = {}
    for m in extraction.mentions:
        groups.setdefault(m.entity_id, []).append(m)
    return groups


def test_names_titles_and_pronouns_of_one_person_share_an_entity(extract_text):
    ex = extract_text(KENYA, published="2008-01-25")
    kibaki = [m for m in ex.mentions if m.canonical == "Mwai Kibaki"]
    assert {m.text for m in kibaki} >= {"Mwai Kibaki", "Kibaki", "he", "The president"}
    assert len({m.entity_id for m in kibaki}) == 1
    assert {m.kind for m in kibaki} == {"name", "pronoun", "nominal"}
    assert all(m.label == "PERSON" for m in kibaki)
    odinga = [m for m in ex.mentions if m.canonical == "Raila Odinga"]
    assert odinga and odinga[0].entity_id != kibaki[0].entity_id
    for m in ex.mentions:  # every mention keeps its span in the article
        assert KENYA[m.span[0]:m.span[1]] == m.text


def test_the_same_person_gets_the_same_id_in_another_article(extract_text):
    first = extract_text(KENYA, published="2008-01-25")
    second = extract_text("Mwai Kibaki dissolved parliament on Monday.", published="2008-02-04")
    ids = {m.entity_id for ex in (first, second) for m in ex.mentions
           if m.canonical == "Mwai Kibaki"}
    assert len(ids) == 1 and next(iter(ids)).startswith("p-")


def test_country_names_and_short_forms_group_as_one_entity(extract_text):
    ex = extract_text("The United States and Ecuador met. US officials said the US would help.")
    us = [m for m in ex.mentions if m.text in ("The United States", "US")]
    assert len(us) == 3 and len({m.entity_id for m in us}) == 1
    assert {m.canonical for m in us} == {"United States"}


def test_places_are_geocoded_with_country_coordinates_and_precision(extract_text):
    ex = extract_text(KENYA, published="2008-01-25")
    places = {p.name: p for p in ex.places}
    nairobi = places["Nairobi"]
    assert (nairobi.country, nairobi.precision) == ("KEN", "city")
    assert abs(nairobi.lat - -1.28) < 0.1 and abs(nairobi.lon - 36.82) < 0.1
    assert places["Mombasa"].country == "KEN"
    assert KENYA[nairobi.span[0]:nairobi.span[1]] == "Nairobi"


def test_ambiguous_names_follow_the_article_focus_and_capitals():
    assert geocode("Washington", ["ECU"]).country == "USA"  # the capital, not the town
    assert geocode("Washington", ["GBR"]).country == "USA"
    assert geocode("Birmingham", ["USA"]).country == "USA"
    assert geocode("Birmingham", []).country == "GBR"
    georgia_us = geocode("Georgia", ["USA"])
    assert (georgia_us.country, georgia_us.precision) == ("USA", "region")
    georgia = geocode("Georgia", ["RUS"])
    assert (georgia.country, georgia.precision) == ("GEO", "country")
    assert georgia.lat is not None and 40 < georgia.lat < 44
    assert geocode("Nowhereville Flats") is None


def test_event_location_comes_from_its_clause_then_the_dateline(extract_text):
    ex = extract_text("Police arrested 20 protesters in Lagos on Monday. Nigerian officials "
                      "in Abuja said the rally was illegal.")
    [arrest] = [e for e in ex.events if e.event == "COERCE"]
    assert (arrest.location.name, arrest.location.country) == ("Lagos", "NGA")
    ex = extract_text("KABUL, Afghanistan — Taliban fighters attacked a police checkpoint on "
                      "Sunday, killing five officers.")
    [attack] = [e for e in ex.events if e.event == "ASSAULT"]
    assert (attack.location.name, attack.location.country) == ("Kabul", "AFG")
    ex = extract_text(KENYA, published="2008-01-25")
    meeting = [e for e in ex.events if e.event_text == "met"]
    assert meeting and meeting[0].location.name == "Nairobi"


def test_event_without_a_place_has_no_location(extract_text):
    ex = extract_text("Kenya's foreign minister met Ethiopia's foreign minister on Tuesday.")
    assert ex.events and all(e.location is None for e in ex.events)


@pytest.mark.parametrize(("text", "published", "future", "expected"), [
    ("Friday", "2021-04-17", False, ("2021-04-16", "day")),
    ("Friday", "2021-04-17", True, ("2021-04-23", "day")),
    ("Saturday", "2021-04-17", True, ("2021-04-17", "day")),
    ("2007-2017", "2021-04-17", False, ("2007/2017", "year")),
    ("the 27th of December", "2008-01-23", False, ("2007-12-27", "day")),
    ("November last year", "2008-01-23", False, ("2007-11", "month")),
    ("next month", "2008-01-23", False, ("2008-02", "month")),
    ("October of next year", "2009-05-15", False, ("2010-10", "month")),
    ("the third quarter of this year", "2009-11-03", False, ("2009-Q3", "quarter")),
    ("the first quarter of 2009", "2009-05-07", False, ("2009-Q1", "quarter")),
    ("the last quarter", "2007-01-18", False, ("2006-Q4", "quarter")),
    ("the 1990s", "2009-05-07", False, ("199", "decade")),
    ("1795", None, False, ("1795", "year")),
    ("Friday", None, False, (None, None)),
])
def test_dates_resolve_against_publication(text, published, future, expected):
    assert resolve_date(text, published, future) == expected


def test_ages_and_names_are_not_temporal_expressions():
    assert not is_temporal("65-year-old")
    assert not is_temporal("covid-19")
    assert not is_temporal("annual")
    assert is_temporal("the past three years") and is_temporal("May 24")


def test_dates_in_future_clauses_resolve_forward(extract_text):
    ex = extract_text("The ministers will meet on Friday. They met on Monday.",
                      published="2024-03-06")
    values = {d.text: d.value for d in ex.dates}
    assert values == {"Friday": "2024-03-08", "Monday": "2024-03-04"}


def test_store_migration_adds_new_columns_to_old_stores(tmp_path):
    import duckdb

    from tidings.store import open_store

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute('CREATE TABLE mentions (mention_id VARCHAR PRIMARY KEY, article_id VARCHAR, '
                'entity_id VARCHAR, text VARCHAR, label VARCHAR, canonical VARCHAR, '
                '"start" INTEGER, "end" INTEGER)')
    con.execute("INSERT INTO mentions VALUES ('m1', 'a1', 'e1', 'Kibaki', 'PERSON', "
                "'Mwai Kibaki', 0, 6)")
    con.close()
    with open_store(path) as store:
        rows = store.query("SELECT text, kind FROM mentions")
    assert rows == [{"text": "Kibaki", "kind": None}]


@pytest.fixture()
def knowledge_store(tmp_path):
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "k1", "published": "2008-01-25", "text": KENYA}) + "\n"
                      + json.dumps({"id": "k2", "published": "2008-02-04",
                                    "text": "Mwai Kibaki dissolved parliament in Nairobi."})
                      + "\n")
    db = tmp_path / "k.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    return db


def test_show_prints_everything_stored_for_one_article(knowledge_store):
    result = CliRunner().invoke(main, ["show", "k1", "--db", str(knowledge_store),
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["article"]["article_id"] == "k1" and "text" not in record["article"]
    for table in ("events", "mentions", "places", "dates", "counts", "quotes", "themes",
                  "amounts"):
        assert table in record  # every article table, the facts layer's included
    assert "article_signatures" not in record  # binary machinery is left out
    kibaki = next(g for g in record["mentions"] if g["canonical"] == "Mwai Kibaki")
    assert {m["kind"] for m in kibaki["mentions"]} == {"name", "pronoun", "nominal"}
    assert {p["name"] for p in record["places"]} == {"Nairobi", "Mombasa"}
    text = CliRunner().invoke(main, ["show", "k1", "--db", str(knowledge_store)]).output
    assert "Mwai Kibaki [PERSON" in text and "The president (nominal)" in text


def test_show_names_a_missing_article(knowledge_store):
    result = CliRunner().invoke(main, ["show", "nope", "--db", str(knowledge_store)])
    assert result.exit_code == 1 and "'nope' is not in the store" in result.output


def test_mentions_filters_by_entity_and_counts_entities_across_articles(knowledge_store):
    result = CliRunner().invoke(main, ["mentions", "--db", str(knowledge_store), "--entity",
                                       "Kibaki", "--format", "json"])
    rows = json.loads(result.output)
    assert {r["article_id"] for r in rows} == {"k1", "k2"}
    assert {r["canonical"] for r in rows} == {"Mwai Kibaki"}
    result = CliRunner().invoke(main, ["mentions", "--db", str(knowledge_store), "--entities",
                                       "--label", "person", "--format", "json"])
    kibaki = next(r for r in json.loads(result.output) if r["canonical"] == "Mwai Kibaki")
    assert kibaki["articles"] == 2 and kibaki["mentions"] >= 5


def test_a_bare_surname_takes_the_registered_full_name_and_id(tmp_path):
    runner = CliRunner()
    db = tmp_path / "r.duckdb"
    for i, text in enumerate((KENYA, "Kibaki dissolved parliament on Monday.")):
        path = tmp_path / f"{i}.jsonl"
        path.write_text(json.dumps({"id": f"r{i}", "published": "2008-02-04", "text": text}))
        assert runner.invoke(main, ["ingest", str(path), "--db", str(db),
                                    "--no-progress"]).exit_code == 0
    rows = json.loads(runner.invoke(main, ["mentions", "--db", str(db), "--label", "PERSON",
                                           "--format", "json"]).output)
    kibaki = [r for r in rows if "Kibaki" in r["text"] or r["canonical"] == "Mwai Kibaki"]
    assert {r["article_id"] for r in kibaki} == {"r0", "r1"}
    assert {(r["entity_id"], r["canonical"]) for r in kibaki} == \
        {(kibaki[0]["entity_id"], "Mwai Kibaki")}


def test_event_location_from_a_visit_or_the_participants_place(extract_text):
    ex = extract_text("The Kenyan president praised British investors during a visit to "
                      "London.")
    praise = [e for e in ex.events if e.event_text.startswith("praised")]
    assert praise and praise[0].location.name == "London"
    ex = extract_text("The Nigerian army launched an attack against militants in Maiduguri "
                      "on Sunday.")
    assert [(e.location.name, e.location.country) for e in ex.events if e.location] \
        == [("Maiduguri", "NGA")]


def test_show_and_mentions_read_a_store_an_older_tidings_wrote(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE articles (article_id VARCHAR PRIMARY KEY, title VARCHAR, "
                "text VARCHAR, published DATE, tone DOUBLE)")
    con.execute("CREATE TABLE mentions (mention_id VARCHAR PRIMARY KEY, article_id VARCHAR, "
                'entity_id VARCHAR, text VARCHAR, label VARCHAR, canonical VARCHAR, '
                '"start" INTEGER, "end" INTEGER)')
    con.execute("INSERT INTO articles VALUES ('a1', 'Old', 'Kibaki spoke.', NULL, NULL)")
    con.execute("INSERT INTO mentions VALUES ('m1', 'a1', 'p-1', 'Kibaki', 'PERSON', "
                "'Mwai Kibaki', 0, 6)")
    con.close()
    shown = CliRunner().invoke(main, ["show", "a1", "--db", str(path), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    record = json.loads(shown.output)
    assert record["mentions"][0]["mentions"] == [{"text": "Kibaki", "kind": None, "start": 0,
                                                  "end": 6}]
    assert record["places"] == []  # a table the old store never had: empty, not an error
    listed = CliRunner().invoke(main, ["mentions", "--db", str(path), "--format", "json"])
    assert json.loads(listed.output)[0]["canonical"] == "Mwai Kibaki"


def test_the_gazetteer_cache_gives_the_built_index_and_survives_damage(tmp_path, monkeypatch):
    """Workers load the city index from a per-machine cache: it must equal a fresh build,
    and a damaged or missing cache must only cost a rebuild."""
    from tidings.ontology import places

    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(tmp_path))
    path = places._cache_path()
    assert path is not None and path.parent == tmp_path
    built = places._build_city_index()
    places._write_cached(path, built)
    assert places._read_cached(path) == built
    assert places._read_cached(path)["paris"][0].country == "FRA"
    import marshal

    for damage in (b"not an index", marshal.dumps(7), marshal.dumps(([], {"x": (3,)}))):
        path.write_bytes(damage)
        assert places._read_cached(path) is None
    path.unlink()
    assert places._read_cached(path) is None
    monkeypatch.setenv("TIDINGS_CACHE_DIR", "")
    assert places._cache_path() is None
