import json

from tidings.records import (
    Actor,
    Article,
    CameoView,
    Count,
    DateRef,
    Event,
    Extraction,
    Mention,
    Place,
    Quote,
    Theme,
    Tone,
)


def full_extraction() -> Extraction:
    usa = Actor("Antony Blinken", "Antony Blinken", "USA", "GOV", "Secretary of State", "p-1",
                (0, 14))
    ecu = Actor("Guillermo Lasso", "Guillermo Lasso", "ECU", "GOV", None, "p-2")
    event = Event(
        id="ev-1", event="CONSULT", actor=usa, recipient=ecu, mode="phone",
        context=("diplomatic",), date="2021-04-16", date_precision="day", date_source="text",
        aux=(), quad_code=1, event_scale=1.0,
        cameo=CameoView("041", "04", 1.0, 1, "USAGOV", "ECUGOV"),
        location=Place("Quito", "ECU", -0.22, -78.5, "city", (5, 10)),
        event_text="spoke", sentence=(0, 40), confidence=0.9, mentions=((15, 20), (50, 55)),
    )
    return Extraction(
        article=Article("a1", "text", "t", "2021-04-17", "http://x", "src", "en"),
        events=(event,),
        mentions=(Mention("m1", "Blinken", "PERSON", (0, 7), "e1", "Antony Blinken"),),
        places=(Place("Ecuador", "ECU", -1.0, -78.0, "country"),),
        counts=(Count(430000, "AFFECT", "Venezuelan immigrants", (1, 2), "more than"),),
        quotes=(Quote("We are strong", (3, 4), usa, "said", True),),
        dates=(DateRef("Friday", "2021-04-16", "day", (5, 11)),),
        themes=(Theme("MIGRATION", ("migration",), ((1, 2),)),),
        tone=Tone(1.0, 2.0, 1.0, 3.0, 20.0, 1.0, 100),
    )


def test_extraction_round_trips_through_json():
    original = full_extraction()
    text = original.to_json()
    again = Extraction.from_dict(json.loads(text))
    assert again == original
    assert again.to_json() == text


def test_json_uses_contract_field_names():
    data = full_extraction().to_dict()
    assert set(data) == {"article", "events", "mentions", "places", "counts", "quotes",
                         "dates", "themes", "tone", "amounts"}
    event = data["events"][0]
    for key in ("id", "event", "mode", "context", "actor", "recipient", "date",
                "date_precision", "date_source", "aux", "quad_code", "event_scale", "cameo",
                "location", "event_text", "sentence", "confidence", "mentions"):
        assert key in event
    assert event["actor"]["country"] == "USA" and event["actor"]["sector"] == "GOV"
    assert event["cameo"]["actor_code"] == "USAGOV"


def test_records_are_frozen():
    import dataclasses

    import pytest

    article = Article("a", "b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.text = "c"  # type: ignore[misc]


def test_unknown_fields_are_rejected():
    import pytest

    with pytest.raises(ValueError, match="unknown fields"):
        Article.from_dict({"id": "a", "text": "b", "bogus": 1})
