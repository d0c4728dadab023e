"""Print evaluation reports for a terminal."""

from __future__ import annotations

from typing import Any

from .knowledge import format_knowledge
from .meantime import format_meantime


def _fmt(x: Any) -> str:
    return "—" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def format_report(reports: dict[str, dict[str, Any]]) -> str:
    """Return the headline figures, per-type scores and confusions of each report."""
    lines: list[str] = []
    if "articles" in reports:
        r = reports["articles"]
        lines += [f"article gold: {r['gold']}",
                  f"  events predicted {r['events_predicted']}, required gold {r['gold_required']}",
                  f"  precision {_fmt(r['precision'])}  recall(required) "
                  f"{_fmt(r['recall_required'])}  F1 {_fmt(r['f1'])}  macro-F1 {_fmt(r['macro_f1'])}",
                  f"  date accuracy {_fmt(r['date_accuracy'])} (of {r['dated_pairs']} matched, dated)"
                  f"  actor sector {_fmt(r['actor_sector_accuracy'])}  recipient sector "
                  f"{_fmt(r['recipient_sector_accuracy'])}",
                  "  type        pred  gold     P      R      F1"]
        for kind, s in r["by_type"].items():
            lines.append(f"  {kind:<10} {s['predicted']:>5} {s['gold_required']:>5}  "
                         f"{_fmt(s['precision']):>6} {_fmt(s['recall']):>6} {_fmt(s['f1']):>6}")
        if r["confusions"]:
            lines.append("  confusions (gold → predicted): " + ", ".join(
                f"{c['gold']}→{c['predicted']} ×{c['count']}" for c in r["confusions"]))
        if "counts" in r:
            from .facts import format_counts

            lines += format_counts(r["counts"])
        if r.get("knowledge"):
            lines += ["  knowledge (recall of gold items):", *format_knowledge(r["knowledge"])]
    for key, title in (("sentences", "sentence gold"), ("plover_gsr", "PLOVER GSR")):
        if key in reports:
            r = reports[key]
            lines += [f"{title}: {r['gold']}",
                      f"  sentences {r['sentences']}  accuracy {_fmt(r['accuracy'])}  macro-F1 "
                      f"{_fmt(r['macro_f1'])}  source span found {_fmt(r['source_found'])}  "
                      f"no event {r['no_event']}"]
            for label, s in r["by_label"].items():
                lines.append(f"  {label:<10} gold {s['gold']:>4} pred {s['predicted']:>4}  "
                             f"P {_fmt(s['precision'])} R {_fmt(s['recall'])} F1 {_fmt(s['f1'])}")
            lines.append("  confusions (gold → predicted): " + ", ".join(
                f"{c['gold']}→{c['predicted']} ×{c['count']}" for c in r["confusions"][:10]))
            if r.get("skipped"):
                lines.append(f"  skipped {len(r['skipped'])} records: " + "; ".join(
                    f"#{s['index']} {s['id']}: {s['reason']}" for s in r["skipped"][:5]))
    if "cameo_examples" in reports:
        r = reports["cameo_examples"]
        lines += [f"CAMEO examples: {r['gold']}",
                  f"  sentences {r['sentences']}  root accuracy {_fmt(r['root_accuracy'])}"]
    if "meantime" in reports:
        lines += format_meantime(reports["meantime"])
    return "\n".join(lines)
