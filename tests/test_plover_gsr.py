"""Reading the PLOVER gold-standard records: label mapping, header, malformed records."""

from __future__ import annotations

import json

import pytest

from tidings.errors import EvaluationError
from tidings.evaluate.plover_gsr import GSR_LABELS, map_gsr_label, read_plover_gsr
from tidings.ontology.codes import plover_events


def test_renamed_draft_labels_map_to_current_types():
    assert map_gsr_label("DEMAND") == (frozenset({"REQUEST"}), "REQUEST")
    assert map_gsr_label("DISAPPROVE") == (frozenset({"ACCUSE"}), "ACCUSE")
    assert map_gsr_label("INVESTIGATE") == (frozenset({"ACCUSE"}), "ACCUSE")
    assert map_gsr_label("fight") == (frozenset({"ASSAULT"}), "ASSAULT")
    assert map_gsr_label("YIELD") == (frozenset({"CONCEDE", "RETREAT"}), "YIELD")
    assert map_gsr_label("AGREE") == (frozenset({"AGREE"}), "AGREE")
    assert map_gsr_label("NEGOTIATE") is None


def test_every_mapped_type_is_a_tidings_type():
    assert set().union(*GSR_LABELS.values()) <= set(plover_events())


def record(rid, event, text="Iran accused Iraq of shelling.", **extra):
    return {"id": rid, "event": event, "text": text, **extra}


def test_reader_skips_header_and_reports_malformed_records(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([
        {"id": "DOC-1", "event": "DOCUMENT", "eventText": "documentation"},
        record("r1", "DISAPPROVE", source=[{"actorText": "Iran", "code": "IRN"}],
               target=[{"actorText": "Iraq", "code": "IRQ"}]),
        record("r2", "FIGHT", source=[{"actorText": "Iraqi", "code": "IRQ"},
                                      {"actorText": "Syrian troops", "code": "SYR"}], target=""),
        record("r3", "NEGOTIATE"),
        record("r4", "AGREE", target="diplomatic"),
        {"id": "r5", "event": "AGREE"},
        ["not", "a", "record"],
    ]))
    sentences, skips = read_plover_gsr(path)
    assert [(s.label, s.labels, s.source, s.target) for s in sentences] == [
        ("ACCUSE", frozenset({"ACCUSE"}), "Iran", "Iraq"),
        ("ASSAULT", frozenset({"ASSAULT"}), "Iraqi Syrian troops", ""),
    ]
    assert [(s.index, s.id) for s in skips] == [(3, "r3"), (4, "r4"), (5, "r5"), (6, "")]
    assert "NEGOTIATE" in skips[0].reason
    assert "source/target" in skips[1].reason
    assert "text" in skips[2].reason
    assert "JSON object" in skips[3].reason


@pytest.mark.parametrize("content, message", [("{not json", "not JSON"),
                                              ('{"event": "AGREE"}', "JSON array")])
def test_reader_names_the_file_when_it_is_not_a_gsr_array(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(EvaluationError, match=message) as info:
        read_plover_gsr(path)
    assert str(path) in str(info.value)


def test_evaluate_plover_gsr_scores_mapped_labels_and_lists_skips(tmp_path):
    from tidings.evaluate import evaluate_plover_gsr

    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([
        {"id": "DOC-1", "event": "DOCUMENT"},
        record("r1", "DEMAND", text="The opposition demanded that the government resign.",
               source=[{"actorText": "opposition", "code": "OPP"}]),
        record("r2", "BOGUS"),
    ]))
    report = evaluate_plover_gsr(path)
    assert report["sentences"] == 1
    assert list(report["by_label"]) == ["REQUEST"]
    assert report["skipped"] == [{"index": 2, "id": "r2", "reason": "unknown PLOVER label 'BOGUS'"}]


def test_cli_prints_the_gsr_report_and_writes_json_with_skips(tmp_path):
    from click.testing import CliRunner

    from tidings.cli import main

    path, out = tmp_path / "gsr.json", tmp_path / "report.json"
    path.write_text(json.dumps([
        {"id": "DOC-1", "event": "DOCUMENT"},
        record("r1", "FIGHT", text="Rebels attacked an army post in the north on Monday.",
               source=[{"actorText": "Rebels", "code": "REB"}]),
        record("r2", "AGREE", text="", source=[]),
    ]))
    result = CliRunner().invoke(main, ["evaluate", "--plover-gsr", str(path), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "PLOVER GSR" in result.output and "skipped 1 records" in result.output
    report = json.loads(out.read_text())["plover_gsr"]
    assert report["sentences"] == 1 and list(report["by_label"]) == ["ASSAULT"]
    assert report["skipped"][0]["id"] == "r2"
