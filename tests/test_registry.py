"""The actor registry: dictionaries, user overrides, and what earlier articles taught."""

from __future__ import annotations

import pytest

from tidings.errors import InputError
from tidings.extract.registry import ActorRegistry, RegistryEntry
from tidings.ontology.dictionaries import read_actor_dictionary
from tidings.pipeline import run
from tidings.records import Article
from tidings.settings import Settings
from tidings.store.overrides import read_overrides

from .conftest import shared_path

DICTIONARY = """# test dictionary
MWAI_KIBAKI_  # comment
+MWAI_EMILIO_KIBAKI_
\t[KENELI 480101-000101]
\t[KENGOV >021230]
K._ANNAN_\t[IGOUNO 970101-061231] [ELI]\t# UN
"""


def test_reads_tabari_names_synonyms_and_dated_roles(tmp_path):
    path = tmp_path / "x.actors.txt"
    path.write_text(DICTIONARY)
    entries = list(read_actor_dictionary(path))
    kibaki = [e for e in entries if e.name == "Mwai Kibaki"]
    assert {(e.country, e.sector, e.valid_from, e.valid_to) for e in kibaki} == {
        ("KEN", "ELI", "1948-01-01", "2000-01-01"), ("KEN", "GOV", "2002-12-30", None)}
    assert any(e.name == "Mwai Emilio Kibaki" for e in entries)
    annan = [e for e in entries if e.name == "K. Annan"]
    assert [(e.country, e.valid_to) for e in annan] == [("UNO", "2006-12-31")]
    registry = ActorRegistry(entries)
    assert registry.lookup("MWAI KIBAKI", "2008-01-23")[0].sector == "GOV"
    assert registry.lookup("Mwai Kibaki", "1990-05-01")[0].sector == "ELI"


def test_reads_the_phoenix_dictionaries():
    path = shared_path("data", "phoenix-cameo-dictionaries", "Phoenix.Countries.actors.txt")
    registry = ActorRegistry(read_actor_dictionary(path))
    actor, authoritative = registry.lookup("Raila Odinga", "2008-01-23")
    assert actor is not None and actor.country == "KEN" and not authoritative
    assert len(registry) > 10_000


def test_overrides_validate_and_win(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: X\n  country: Narnia\n")
    with pytest.raises(InputError, match="entry 1 \\(X\\): country must be"):
        read_overrides(bad)
    good = tmp_path / "good.yaml"
    good.write_text("- name: Amina Wekesa\n  aliases: [A. Wekesa]\n  country: TZA\n"
                    "  sector: GOV\n")
    entries = read_overrides(good)
    assert [e.name for e in entries] == ["Amina Wekesa", "A. Wekesa"]
    text = ("Kenyan Foreign Minister Amina Wekesa met Ethiopian Foreign Minister Dawit Alemu "
            "on Tuesday.")
    from tidings.store import open_store

    with open_store(":memory:") as store:
        store.add_registry_entries(entries, source=str(good))
        run(articles=[Article("o1", text, published="2024-03-08")], store=store,
            settings=Settings.load(progress=False))
        rows = store.query("SELECT actor_country FROM events WHERE event = 'CONSULT'")
    assert rows and rows[0]["actor_country"] == "TZA"


def test_earlier_articles_teach_later_ones():
    from tidings.store import open_store

    first = Article("k1", "Kenyan President Nia Omondi met Ugandan President Tom Okello in "
                    "Kampala on Monday.", published="2024-03-06")
    later = Article("k2", "Nia Omondi criticised Tom Okello on Friday.", published="2024-03-09")
    with open_store(":memory:") as store:
        settings = Settings.load(progress=False, batch_size=1)
        run(articles=[first], store=store, settings=settings)
        run(articles=[later], store=store, settings=settings)
        rows = store.query("SELECT actor_country, recipient_country FROM events "
                           "WHERE article_id = 'k2'")
    assert rows == [{"actor_country": "KEN", "recipient_country": "UGA"}]


def test_registry_entry_validity():
    e = RegistryEntry("X", "USA", "GOV", origin="dictionary", valid_from="2009-01-20",
                      valid_to="2017-01-20")
    assert e.valid_on("2010-01-01") and not e.valid_on("2020-01-01") and not e.valid_on(None)
