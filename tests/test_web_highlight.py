"""Overlapping highlights become flat segments that rebuild the text exactly."""

from __future__ import annotations

from tidings.web.highlight import segments


def mark(kind, start, end, ref=None):
    return {"kind": kind, "start": start, "end": end, "label": f"{kind} {start}", "ref": ref}


def test_overlaps_split_into_segments_with_every_covering_kind():
    text = '"We will talk on Friday," the minister said.'
    def at(word):
        return text.index(word), text.index(word) + len(word)

    marks = [mark("quote", 0, text.index(",") + 2), mark("date", *at("Friday")),
             mark("event", *at("talk"), "ev-1"), mark("actor", *at("minister"))]
    out = segments(text, marks)
    assert "".join(s["text"] for s in out) == text
    by_text = {s["text"]: s for s in out}
    assert by_text["Friday"]["kinds"] == ["date", "quote"]
    assert by_text["talk"]["kinds"] == ["event", "quote"] and by_text["talk"]["refs"] == ["ev-1"]
    assert by_text["minister"]["kinds"] == ["actor"]
    assert by_text[" said."]["kinds"] == []


def test_marks_outside_the_text_or_empty_are_ignored():
    text = "short"
    out = segments(text, [mark("actor", 3, 99), mark("date", 2, 2), mark("count", -5, 1)])
    assert "".join(s["text"] for s in out) == text
    assert [s["kinds"] for s in out] == [["count"], [], ["actor"]]
    assert segments("", [mark("actor", 0, 3)]) == []
