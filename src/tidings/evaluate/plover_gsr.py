"""Read the PLOVER gold-standard records (GSR) as sentence gold (`evaluate --plover-gsr`).

The GSR (openeventdata/PLOVER, ``PLOVER_GSR_CAMEO``) is a JSON array of event records,
each with ``text``, ``event`` and ``source``/``target`` lists of
``{actorText, code, sector}``, plus one ``DOCUMENT`` record that documents the file and
codes no sentence. Each record becomes a :class:`GoldSentence`, so the sentences are scored
by the same code as PLV sentence gold (``score_sentences``): main-event type, macro-F1 over
types and source-span agreement.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from .gold import GoldSentence

#: The GSR's labels (PLOVER's 2016 draft) and the tidings (PLOVER v2) types that count as a
#: hit for each. Types whose name and meaning did not change map to themselves. Renamed ones:
#:
#: - DEMAND → REQUEST: the draft's DEMAND (CAMEO 10) became part of REQUEST, which tidings
#:   also uses for appeals (CAMEO 02); a demand is a request in the current manual.
#: - DISAPPROVE → ACCUSE: disapproval (criticise, condemn, accuse; CAMEO 11) is ACCUSE now.
#: - INVESTIGATE → ACCUSE: the draft's separate INVESTIGATE (CAMEO 09) was folded into ACCUSE
#:   ("... sues, or investigates" in tidings' plover_events.tsv).
#: - FIGHT → ASSAULT: the draft split military fighting (FIGHT, CAMEO 19–20) from
#:   non-military violence (ASSAULT, CAMEO 18); tidings has one ASSAULT for roots 18–20.
#: - YIELD → CONCEDE or RETREAT: YIELD (CAMEO 08) is split in tidings between the verbal
#:   CONCEDE and the material RETREAT; the label says only "yield", so either counts. (The
#:   stored GSR already uses CONCEDE and RETREAT; YIELD is kept for other drafts' files.)
#:
#: A label not listed here is not guessed: its record is skipped with the reason reported.
GSR_LABELS: dict[str, frozenset[str]] = {
    **{same: frozenset({same}) for same in (
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REJECT",
        "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")},
    "DEMAND": frozenset({"REQUEST"}),
    "DISAPPROVE": frozenset({"ACCUSE"}),
    "INVESTIGATE": frozenset({"ACCUSE"}),
    "FIGHT": frozenset({"ASSAULT"}),
    "YIELD": frozenset({"CONCEDE", "RETREAT"}),
}

#: The GSR's file-documentation record type: it codes no sentence and is not a skip.
_HEADER = "DOCUMENT"


@dataclass(frozen=True, slots=True)
class GsrSkip:
    """A record that could not be read as sentence gold, and why."""

    index: int
    id: str
    reason: str


def map_gsr_label(label: str) -> tuple[frozenset[str], str] | None:
    """Return (accepted tidings types, label to report under) for a GSR label, or None.

    The report label is the tidings type when the mapping names one, so per-type scores and
    macro-F1 are over tidings' types (DISAPPROVE and INVESTIGATE both count as ACCUSE); a
    label accepting two types (YIELD) is reported under its own name.
    """
    accepted = GSR_LABELS.get(label.strip().upper())
    if accepted is None:
        return None
    return accepted, (next(iter(accepted)) if len(accepted) == 1 else label.strip().upper())


def _actor_text(actors: Any) -> str:
    """Join the actors' spans: a predicted actor agrees when it shares a word with any one.

    The GSR writes "no actor" as a missing key, null or an empty string.
    """
    if not actors:
        return ""
    if not isinstance(actors, list) or not all(isinstance(a, dict) for a in actors):
        raise ValueError("source/target is not a list of {actorText, code, sector}")
    return " ".join(str(a.get("actorText") or "") for a in actors).strip()


def _sentence(record: Any) -> GoldSentence:
    if not isinstance(record, dict):
        raise ValueError(f"not a JSON object but {type(record).__name__}")
    text, label = record.get("text"), record.get("event")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no 'text'")
    if not isinstance(label, str) or not label.strip():
        raise ValueError("no 'event' label")
    mapped = map_gsr_label(label)
    if mapped is None:
        raise ValueError(f"unknown PLOVER label {label!r}")
    accepted, shown = mapped
    return GoldSentence(text, accepted, shown, _actor_text(record.get("source")),
                        _actor_text(record.get("target")))


def read_plover_gsr(path: str | Path) -> tuple[list[GoldSentence], list[GsrSkip]]:
    """Read the GSR JSON array; return the sentences and the records skipped, with reasons.

    The DOCUMENT header record is neither. A file that is not a JSON array is an error.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read gold: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: not JSON: {exc}") from None
    if not isinstance(data, list):
        raise EvaluationError(f"{path}: expected a JSON array of PLOVER records")
    sentences: list[GoldSentence] = []
    skips: list[GsrSkip] = []
    for index, record in enumerate(data):
        if isinstance(record, dict) and record.get("event") == _HEADER:
            continue
        try:
            sentences.append(_sentence(record))
        except ValueError as exc:
            rid = str(record.get("id", "")) if isinstance(record, dict) else ""
            skips.append(GsrSkip(index, rid, str(exc)))
    return sentences, skips
