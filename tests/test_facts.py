"""Counts, amounts, quotes, themes, event contexts and tone (the facts steps)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.extract.numbers import parse_tokens

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def facts(extract_text):
    cache: dict[str, object] = {}

    def run(text: str):
        if text not in cache:
            cache[text] = extract_text(text)
        return cache[text]

    return run


# -- numbers ---------------------------------------------------------------------------
@pytest.mark.parametrize(("words", "value", "vague"), [
    ("430,000", 430_000, False), ("5.4 million", 5_400_000, False), ("two dozen", 24, False),
    ("1.2m", 1_200_000, False), ("one hundred and twenty five", 125, False),
    ("a dozen", 12, False), ("2bn", 2_000_000_000, False), ("hundreds", 200, True),
    ("tens of thousands", 20_000, True), ("hundreds of thousands", 200_000, True),
    ("several hundred", 300, True), ("dozens", 24, True), ("thousands", 2_000, True),
])
def test_number_words_are_normalised(words, value, vague):
    assert parse_tokens(words.split()) == (value, vague)


def test_words_that_are_no_number_give_none():
    assert parse_tokens(["many", "people"])[0] is None
    assert parse_tokens(["blue"]) == (None, False)


# -- counts ----------------------------------------------------------------------------
def _counts(ex):
    return {(c.number, c.category, c.qualifier, c.vague) for c in ex.counts}


def test_counts_with_qualifiers_and_categories(facts):
    ex = facts("More than 430,000 Venezuelan migrants live in Peru. At least 23 people were "
               "killed and dozens wounded when gunmen attacked a market. Police arrested two "
               "dozen protesters. Nearly 900 people are missing.")
    got = _counts(ex)
    assert (430_000, "AFFECT", "more than", False) in got
    assert (23, "KILL", "at least", False) in got
    assert (24, "WOUND", None, True) in got  # dozens: vague, least value, never a guess
    assert (24, "ARREST", None, False) in got  # the verb decides over "protesters"
    assert (900, "AFFECT", "nearly", False) in got
    what = {c.number: c.what for c in ex.counts}
    assert what[430_000] == "Venezuelan migrants" and what[23] == "people"


def test_count_follows_governing_verb_and_role(facts):
    ex = facts("The blast left 12 dead. The war has forced 1.5 million to flee their homes. "
               "Some 10,000 people held a rally in the capital. Rebels took 7 villagers "
               "hostage. The death toll rose to 150.")
    got = {(c.number, c.category) for c in ex.counts}
    assert {(12, "KILL"), (1_500_000, "AFFECT"), (10_000, "PROTEST"), (7, "KIDNAP"),
            (150, "KILL")} <= got
    assert next(c for c in ex.counts if c.number == 10_000).qualifier == "about"


def test_numbers_that_count_no_people_are_not_counts(facts):
    ex = facts("Rebels seized 5,000 tonnes of wheat in 2019 and a 23-year-old driver spent "
               "40 days in hiding. Police arrested nobody.")
    assert ex.counts == ()


def test_a_single_person_counts_as_one(facts):
    ex = facts("A soldier was killed on Monday and a journalist was arrested. A plan was "
               "executed.")
    assert {(c.number, c.category, c.what) for c in ex.counts} == {
        (1, "KILL", "soldier"), (1, "ARREST", "journalist")}


def test_count_is_tied_to_the_event_of_its_verb(facts):
    ex = facts("Nigerian police arrested 35 protesters in Lagos on Friday.")
    [count] = ex.counts
    arrests = [e for e in ex.events if e.id == count.event_id]
    assert count.number == 35 and arrests, (count, ex.events)
    start, end = arrests[0].mentions[0]
    assert "arrested" in ex.article.text[start:end]


def test_count_span_covers_qualifier_and_noun(facts):
    ex = facts("More than 2,000 refugees crossed into Chad.")
    [count] = ex.counts
    assert ex.article.text[count.span[0]:count.span[1]] == "More than 2,000 refugees"


# -- amounts ---------------------------------------------------------------------------
def test_money_and_quantities(facts):
    ex = facts("The United States pledged $100 million in assistance and the EU €2bn. Egypt "
               "bought 5,000 tonnes of wheat as prices rose 10 percent. Australia gave 2.5 "
               "billion Australian dollars and Britain about £40m.")
    got = {(a.value, a.currency, a.unit, a.what) for a in ex.amounts}
    assert (100_000_000, "USD", None, "assistance") in got
    assert (2_000_000_000, "EUR", None, "") in got
    assert (5_000, None, "tonne", "wheat") in got
    assert (10, None, "percent", "") in got
    assert (2_500_000_000, "AUD", None, "") in got
    pound = next(a for a in ex.amounts if a.currency == "GBP")
    assert pound.value == 40_000_000 and pound.qualifier == "about"
    assert all(ex.article.text[a.span[0]:a.span[1]] == a.text for a in ex.amounts)


def test_weight_in_pounds_is_a_unit_not_money(facts):
    ex = facts("Each family received 20 pounds of rice.")
    [amount] = ex.amounts
    assert (amount.unit, amount.currency, amount.what) == ("pound", None, "rice")


# -- quotes ----------------------------------------------------------------------------
def _quote_articles():
    return [json.loads(line) for line in (DATA / "quote_articles.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]


def attribution_accuracy(extract_text) -> tuple[float, list]:
    """Share of the expected quotes found (by their first words) with the right speaker and
    kind; used by the quality gate too."""
    from tidings import extract

    right, total, misses = 0, 0, []
    for article in _quote_articles():
        ex = extract(article["text"], article["published"], article_id=article["id"])
        for want in article["expected"]:
            total += 1
            found = [q for q in ex.quotes if q.text.startswith(want["text_start"])]
            speaker = found[0].speaker.entity_name if found and found[0].speaker else None
            if found and speaker == want["speaker"] and found[0].direct == want["direct"]:
                right += 1
            else:
                misses.append((article["id"], want, speaker))
        for scare in article.get("not_quotes", []):
            total += 1
            if any(q.text.strip(" ,.") == scare for q in ex.quotes):
                misses.append((article["id"], "scare quote kept", scare))
            else:
                right += 1
    return right / total, misses


def test_quote_attribution_on_written_articles(extract_text):
    accuracy, misses = attribution_accuracy(extract_text)
    assert accuracy >= 0.85, misses  # the quality gate holds the measured floor


def test_split_quote_and_pronoun_speaker(facts):
    ex = facts("Finance Minister John Mbadi spoke in Nairobi on Tuesday. \"Every shilling "
               "will be accounted for,\" he said, \"and the budget will be published.\"")
    direct = [q for q in ex.quotes if q.direct]
    assert [q.text for q in direct] == ["Every shilling will be accounted for,",
                                        "and the budget will be published."]
    assert {q.speaker.entity_name for q in direct} == {"John Mbadi"}
    assert {q.verb for q in direct} == {"say"}
    for q in direct:
        assert ex.article.text[q.span[0]:q.span[1]] == q.text


def test_curly_quote_before_its_speaker_and_surname(facts):
    ex = facts("Brazil's foreign minister Mauro Vieira arrived on Friday.\n\n“Our countries "
               "share a border and a future,” Vieira told reporters.")
    [quote] = [q for q in ex.quotes if q.direct]
    assert quote.speaker.entity_name == "Mauro Vieira" and quote.verb == "tell"


def test_quote_without_speaker_is_kept_with_none(facts):
    ex = facts("The town was silent on Sunday.\n\n\"Nobody has come to help us, nobody at "
               "all, and the wells are dry.\"")
    [quote] = ex.quotes
    assert quote.speaker is None and quote.direct and quote.verb is None


def test_reported_speech_and_according_to(facts):
    ex = facts("UN envoy Hans Grundberg said on Monday that both sides had agreed to extend "
               "the truce. According to aid agencies, four million people remain displaced.")
    reported = {(q.speaker.entity_name if q.speaker else None, q.verb, q.text.split()[0])
                for q in ex.quotes if not q.direct}
    assert ("Hans Grundberg", "say", "both") in reported
    assert ("aid agencies", "according to", "four") in reported


# -- themes and event contexts ---------------------------------------------------------
def test_theme_table_is_large_and_maps_to_plover_contexts():
    from tidings.extract.themes import theme_table
    from tidings.ontology.tables import ontology_rows

    contexts = {row["context"] for row in ontology_rows("plover_contexts.tsv")}
    table = theme_table()
    assert len(table) >= 40
    names = {t.theme for t in table}
    for needed in ("ELECTION", "MIGRATION", "REFUGEES", "PROTEST", "TERRORISM", "SANCTIONS",
                   "TRADE", "ECONOMY", "HEALTH_PANDEMIC", "DEMOCRACY", "HUMAN_RIGHTS", "DRUGS",
                   "CORRUPTION", "MILITARY", "CEASEFIRE", "HUMANITARIAN_AID"):
        assert needed in names
    for theme in table:
        assert theme.contexts and set(theme.contexts) <= contexts, theme
        assert theme.terms, theme


def test_themes_match_lemmas_with_spans(facts):
    ex = facts("Voters went to the polls in two elections as refugees fled the cease-fire "
               "line and human rights groups protested.")
    themes = {t.theme: t for t in ex.themes}
    assert {"ELECTION", "REFUGEES", "CEASEFIRE", "HUMAN_RIGHTS", "PROTEST"} <= set(themes)
    text = ex.article.text
    assert [text[s:e] for s, e in themes["ELECTION"].spans] == ["Voters", "elections"]
    assert [text[s:e] for s, e in themes["CEASEFIRE"].spans] == ["cease-fire"]


def test_events_get_contexts_of_themes_in_their_sentence(facts):
    ex = facts("Kenyan police arrested 35 protesters after the disputed election in Nairobi on "
               "Friday. Separately, Kenya's president met Ethiopia's prime minister to discuss "
               "trade.")
    by_type = {e.event: e for e in ex.events}
    assert "election" in by_type["COERCE"].context
    assert "economic" not in by_type["COERCE"].context
    assert "economic" in by_type["CONSULT"].context


# -- tone ------------------------------------------------------------------------------
def test_tone_values_follow_gdelt_definitions(nlp):
    from tidings.extract.tone import tone_of

    tone = tone_of(nlp("We met and the talks were a great success. The attack was terrible."))
    assert tone.word_count == 13
    assert tone.positive == pytest.approx(100 * 2 / 13, abs=1e-3)  # great, success
    assert tone.negative == pytest.approx(100 * 2 / 13, abs=1e-3)  # attack, terrible
    assert tone.tone == pytest.approx(tone.positive - tone.negative)
    assert tone.polarity == pytest.approx(tone.positive + tone.negative)
    assert tone.self_group_density == pytest.approx(100 / 13, abs=1e-3)  # we
    assert tone.activity_density == pytest.approx(100 / 13, abs=1e-3)  # met


def test_negation_flips_a_word(nlp):
    from tidings.extract.tone import tone_of

    assert tone_of(nlp("The plan is good.")).tone > 0
    assert tone_of(nlp("The plan is not good.")).tone < 0
    assert tone_of(nlp("")).word_count == 0


# -- store and CLI ---------------------------------------------------------------------
def test_facts_are_stored_and_listed(tmp_path):
    from click.testing import CliRunner

    from tidings.cli import main

    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({
        "id": "f1", "published": "2024-03-09", "text":
        "Police in Lagos arrested 35 protesters on Friday. \"We will not stop,\" said "
        "activist Ada Obi. The government pledged $5 million in aid to refugees."}) + "\n")
    db = str(tmp_path / "t.duckdb")
    run = CliRunner()
    assert run.invoke(main, ["ingest", str(corpus), "--db", db]).exit_code == 0
    out = run.invoke(main, ["counts", "--db", db, "--category", "arrest", "--format", "json"])
    assert out.exit_code == 0, out.output
    [row] = json.loads(out.stdout)
    assert (row["number"], row["category"], row["what"]) == (35, "ARREST", "protesters")
    out = run.invoke(main, ["counts", "--db", db, "--category", "KILL", "--format", "json"])
    assert json.loads(out.stdout) == []
    out = run.invoke(main, ["quotes", "--db", db, "--speaker", "obi", "--format", "json"])
    [quote] = json.loads(out.stdout)
    assert quote["speaker_name"] == "Ada Obi" and quote["text"].startswith("We will not stop")
    out = run.invoke(main, ["amounts", "--db", db, "--currency", "usd", "--format", "json"])
    [amount] = json.loads(out.stdout)
    assert amount["value"] == 5_000_000 and amount["what"] == "aid"
    out = run.invoke(main, ["themes", "--db", db, "--article", "f1", "--format", "json"])
    assert "REFUGEES" in {r["theme"] for r in json.loads(out.stdout)}
    out = run.invoke(main, ["counts", "--db", str(tmp_path / "missing.duckdb")])
    assert out.exit_code == 1 and "no such store" in out.output


def test_extract_json_holds_every_fact(tmp_path):
    from click.testing import CliRunner

    from tidings.cli import main

    path = tmp_path / "a.txt"
    path.write_text("Police arrested 12 people and seized $2 million. \"Enough,\" the mayor "
                    "said of the crackdown on corruption.")
    out = CliRunner().invoke(main, ["extract", str(path), "--published", "2024-01-02"])
    data = json.loads(out.stdout)
    assert data["counts"][0]["number"] == 12
    assert data["amounts"][0]["currency"] == "USD"
    assert data["tone"]["word_count"] > 0
    assert "CORRUPTION" in {t["theme"] for t in data["themes"]}
