"""Scoring the knowledge layer: the person-name rule, gold keys, and the MEANTIME reader."""

from __future__ import annotations

import json

import pytest

from tidings.evaluate.knowledge import same_person, score_knowledge
from tidings.evaluate.meantime import our_value, read_meantime, score_meantime
from tidings.records import Article, DateRef, Extraction, Mention, Place


@pytest.mark.parametrize(("gold", "predicted", "expected"), [
    ("Nicolás Maduro", "Nicolas Maduro", True),  # accents
    ("Nicolas Maduro", "N. Maduro", True),  # surname and first initial
    ("Umaru Yar'Adua", "Umaru Musa Yar'Adua", True),  # middle name, apostrophe
    ("King Gyanendra", "Gyanendra", True),  # a leading title is not part of the name
    ("Trump", "Donald Trump", True),  # a one-word gold name is a surname
    ("Antony Blinken", "Blinken", False),  # a surname-only entity lacks the full name
    ("Antony Blinken", "Robert Blinken", False),  # another first initial
    ("Raila Odinga", "Mwai Kibaki", False),
])
def test_person_names_match_by_full_name_or_surname_and_initial(gold, predicted, expected):
    assert same_person(gold, predicted) is expected


def _extraction():
    text = "Antony Blinken spoke on Friday with officials in Washington."
    return Extraction(
        article=Article("a1", text, published="2021-04-17"),
        mentions=(Mention("m1", "Antony Blinken", "PERSON", (0, 14), "p-1", "Antony Blinken",
                          "name"),),
        dates=(DateRef("Friday", "2021-04-16", "day", (24, 30)),),
        places=(Place("Washington", "USA", 38.9, -77.0, "city", (49, 59)),))


def test_knowledge_gold_is_scored_as_recall_with_the_misses_listed():
    gold = [{"id": "a1", "persons": ["Antony Blinken", "Guillermo Lasso"],
             "dates": [{"text": "Friday", "value": "2021-04-16"},
                       {"text": "April 13", "value": "2021-04-13"}],
             "places": [{"text": "Washington", "country": "USA"},
                        {"text": "Washington", "country": "GBR"}]}]
    report = score_knowledge(gold, [_extraction()])
    assert report["persons"]["found"] == 1 and report["persons"]["recall"] == 0.5
    assert report["persons"]["missed"] == {"a1": ["Guillermo Lasso"]}
    assert report["dates"]["found"] == 1 and report["places"]["found"] == 1


def test_a_date_needs_the_gold_precision_when_the_gold_gives_one():
    gold = [{"id": "a1", "dates": [{"text": "Friday", "value": "2021-04-16",
                                    "precision": "week"}]}]
    assert score_knowledge(gold, [_extraction()])["dates"]["found"] == 0


CAT = """<?xml version="1.0" ?><Document doc_id="d1" doc_name="d1" lang="en">
<token number="0" sentence="0" t_id="1">Boeing</token>
<token number="1" sentence="0" t_id="2">wins</token>
<token number="2" sentence="1" t_id="3">May</token>
<token number="3" sentence="1" t_id="4">14</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2009</token>
<token number="6" sentence="2" t_id="7">Jim</token>
<token number="7" sentence="2" t_id="8">Press</token>
<token number="8" sentence="2" t_id="9">said</token>
<token number="9" sentence="2" t_id="10">on</token>
<token number="10" sentence="2" t_id="11">Thursday</token>
<token number="11" sentence="2" t_id="12">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="7"/>
<token_anchor t_id="8"/></ENTITY_MENTION>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="3" type="DATE" value="2009-05-14">
<token_anchor t_id="3"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="4" type="DATE" value="2009-05-14"><token_anchor t_id="11"/></TIMEX3>
<ENTITY ent_type="ORG" m_id="5"/><ENTITY ent_type="PER" m_id="6"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><target m_id="5"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="6"/></REFERS_TO>
</Relations></Document>"""


def test_meantime_reader_rebuilds_text_spans_and_gold(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d1.xml").write_text(CAT)
    [doc] = read_meantime(tmp_path)
    assert doc.text == "Boeing wins\nMay 14, 2009\nJim Press said on Thursday."
    assert doc.created == "2009-05-14"
    assert [(doc.text[s:e], v) for (s, e), v in doc.dates] == [("Thursday", "2009-05-14")]
    assert [(doc.text[s:e], k) for (s, e), k in doc.entities] == [("Boeing", "ORG"),
                                                                   ("Jim Press", "PER")]
    ours = Extraction(article=Article("d1", doc.text, published=doc.created),
                      mentions=(Mention("m", "Jim Press", "PERSON", (25, 34), kind="name"),),
                      dates=(DateRef("Thursday", "2009-05-14", "day", (43, 51)),))
    report = score_meantime([doc], [ours])
    assert report["date_accuracy"] == 1.0
    assert report["entities"]["PER"]["f1"] == 1.0
    assert report["entities"]["ORG"]["recall"] == 0.0


def test_meantime_reader_names_a_directory_without_documents(tmp_path):
    from tidings.errors import EvaluationError

    with pytest.raises(EvaluationError, match="no MEANTIME CAT XML"):
        read_meantime(tmp_path)


def test_week_precision_is_compared_as_an_iso_week():
    assert our_value("2009-05-14", "week") == "2009-W20"
    assert our_value("2009-05", "month") == "2009-05"


def test_evaluate_cli_reports_knowledge_for_gold_with_persons(tmp_path):
    from click.testing import CliRunner

    from tidings.cli import main

    text = "Kenyan President Mwai Kibaki met Raila Odinga in Nairobi on Tuesday."
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "g1", "text": text,
                                                  "published": "2008-01-25"}) + "\n")
    (tmp_path / "g.jsonl").write_text(json.dumps({"id": "g1", "events": [], "persons": [
        "Mwai Kibaki", "Raila Odinga"], "places": [{"text": "Nairobi", "country": "KEN"}],
        "dates": [{"text": "Tuesday", "value": "2008-01-22"}]}) + "\n")
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(tmp_path / "g.jsonl"),
                                       "--articles", str(tmp_path / "a.jsonl")])
    assert result.exit_code == 0, result.output
    assert "persons  found 2 / 2" in result.output
    assert "places   found 1 / 1" in result.output and "dates    found 1 / 1" in result.output
