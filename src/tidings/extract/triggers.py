"""The event-trigger lexicon: which verbs (and verb + object frames) code which events."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..ontology.tables import read_tsv, split_cell

if TYPE_CHECKING:
    from spacy.tokens import Token

_OBJECT_DEPS = ("dobj", "obj")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of event_triggers.tsv: a verb frame and the event it codes."""

    lemma: str
    objects: frozenset[str]
    object_rule: str  # "" any/none, "none", "any", "in", "not_in"
    requires_prep: str
    recipient_preps: tuple[str, ...]
    event: str
    mode: str | None
    cameo: str
    needs_recipient: bool
    symmetric: bool
    recipient_person: bool
    recipient_sectors: frozenset[str]
    actor_sectors: frozenset[str]
    negated_event: str | None
    negated_cameo: str | None
    implicit_actor: str | None
    implicit_recipient: str | None

    def frame_holds(self, verb: Token) -> bool:
        """Tell whether the verb's object and prepositions fit this frame."""
        obj = direct_object(verb)
        if self.object_rule == "none" and obj is not None:
            return False
        if self.object_rule == "any" and obj is None:
            return False
        if self.object_rule == "in" and (obj is None or obj.lemma_.lower() not in self.objects
                                         and obj.lower_ not in self.objects):
            return False
        if self.object_rule == "not_in" and obj is not None and (
                obj.lemma_.lower() in self.objects or obj.lower_ in self.objects):
            return False
        if self.requires_prep:
            preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "prt", "agent")}
            if self.requires_prep not in preps:
                return False
        return True


def direct_object(verb: Token) -> Token | None:
    """Return the verb's direct object (or the object of its particle verb), if any."""
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            return child
    return None


def _parse(row: dict[str, str]) -> Trigger:
    raw = row["object"]
    if raw == "-":
        rule, objects = "none", frozenset()
    elif raw == "*":
        rule, objects = "any", frozenset()
    elif raw.startswith("!"):
        rule, objects = "not_in", frozenset(split_cell(raw[1:]))
    elif raw:
        rule, objects = "in", frozenset(split_cell(raw))
    else:
        rule, objects = "", frozenset()
    flags: dict[str, str] = {}
    for flag in row["flags"].split():
        key, _, value = flag.partition("=")
        flags[key] = value
    negated_event = negated_cameo = None
    if "negated" in flags:
        negated_event, _, negated_cameo = flags["negated"].partition(":")
    return Trigger(
        lemma=row["lemma"], objects=objects, object_rule=rule,
        requires_prep=row["requires_prep"], recipient_preps=tuple(split_cell(row["recipient_preps"])),
        event=row["event"], mode=row["mode"] or None, cameo=row["cameo"],
        needs_recipient="needs_recipient" in flags, symmetric="symmetric" in flags,
        recipient_person="recipient_person" in flags,
        recipient_sectors=frozenset(split_cell(flags.get("recipient_sector", ""))),
        actor_sectors=frozenset(split_cell(flags.get("actor_sector", ""))),
        negated_event=negated_event, negated_cameo=negated_cameo or None,
        implicit_actor=flags.get("implicit_actor") or None,
        implicit_recipient=flags.get("implicit_recipient") or None,
    )


@cache
def triggers() -> dict[str, tuple[Trigger, ...]]:
    """Return the trigger rows grouped by verb lemma, in file order."""
    table: dict[str, list[Trigger]] = {}
    for row in read_tsv("tidings.extract.data", "event_triggers.tsv"):
        trigger = _parse(row)
        table.setdefault(trigger.lemma, []).append(trigger)
    return {lemma: tuple(rows) for lemma, rows in table.items()}


def candidate_triggers(verb: Token) -> tuple[Trigger, ...]:
    """Return the rows for this verb whose frame holds, best first."""
    rows = triggers().get(verb.lemma_.lower()) or triggers().get(verb.lower_) or ()
    return tuple(t for t in rows if t.frame_holds(verb))
