"""The event-trigger lexicon: which verbs (and verb + object frames) code which events."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from ..ontology.tables import read_tsv, split_cell

if TYPE_CHECKING:
    from spacy.tokens import Token

_OBJECT_DEPS = ("dobj", "obj")
#: Nouns that only measure or package what follows them ("a new round of exercises", "an
#: aid package", "the outline of a charter"): frames look through them to the event noun.
CONTAINERS = frozenset({"round", "series", "wave", "string", "spate", "number", "package",
                        "outline", "set", "program", "programme", "effort", "efforts",
                        "state", "host", "batch", "shipment", "consignment", "tranche",
                        "total", "kind", "form", "part", "portion", "mission",
                        "day", "days", "week", "weeks", "month", "months", "hour", "hours",
                        "barrage", "salvo", "volley", "volleys", "flurry", "pair", "couple"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of event_triggers.tsv: a verb frame and the event it codes."""

    lemma: str
    objects: frozenset[str]
    object_rule: str  # "" any/none, "none", "any", "in", "not_in", "person"
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
        if self.object_rule == "person" and (obj is None or not _names_person(obj)):
            return False
        keys = object_keys(obj) if obj is not None else frozenset()
        if self.object_rule == "in" and not keys & self.objects:
            return False
        if self.object_rule == "not_in" and keys & self.objects:
            return False
        if self.requires_prep:
            preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "prt", "agent")
                     and not _temporal(c)}
            if not preps.intersection(self.requires_prep.split("|")):  # "at|on": either
                return False
        return True


def _names_person(obj: Token) -> bool:
    """Tell whether an object is a named person ("Abiy Ahmed", "the prime minister, Abiy
    Ahmed")."""
    return obj.ent_type_ == "PERSON" or any(c.dep_ == "appos" and c.ent_type_ == "PERSON"
                                            for c in obj.children)


def _temporal(prep: Token) -> bool:
    """Tell whether a preposition only dates the clause ("on Sunday", "at dawn")."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def direct_object(verb: Token) -> Token | None:
    """Return the verb's direct object, looking through measuring nouns ("a series of
    exercises" → exercises); None when there is none."""
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            return content_noun(child)
    return None


def content_noun(noun: Token) -> Token:
    """Return the noun a container noun stands for: its "of" complement ("a round of
    talks"), else itself. A compound modifier is read by ``object_keys``."""
    for _ in range(3):  # "part of a military aid program"
        if noun.lemma_.lower() not in CONTAINERS:
            return noun
        inner = prep_object(noun, "of")
        if inner is None:
            return noun
        noun = inner
    return noun


def prep_object(head: Token, prep_word: str) -> Token | None:
    """Return the object of the head's preposition ``prep_word`` ("round *of* talks")."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == prep_word:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def object_keys(obj: Token) -> frozenset[str]:
    """Return the words a frame may name an object by: its lemma and form, "money" for an
    amount of money ("gave $2 million"), and a compound modifier of a container noun
    ("a mediation effort", "an aid package")."""
    keys = {obj.lemma_.lower(), obj.lower_}
    if obj.ent_type_ == "MONEY" or any(c.ent_type_ == "MONEY" for c in obj.children
                                       if c.dep_ in ("nummod", "quantmod", "compound")):
        keys.add("money")
    if obj.lemma_.lower() in CONTAINERS:
        keys.update(c.lemma_.lower() for c in obj.children if c.dep_ == "compound")
    for child in obj.children:
        if child.dep_ in ("compound", "amod") and child.i < obj.i:
            # "hunger strike", "general strike"; "cease-fire" split into cease - fire.
            keys.add(f"{child.lower_} {obj.lower_}")
            if obj.i >= 2 and obj.doc[obj.i - 1].text == "-" and child.i == obj.i - 2:
                keys.add(f"{child.lower_}-{obj.lower_}")
    return frozenset(keys)


def _parse(row: dict[str, str]) -> Trigger:
    raw = row["object"]
    if raw == "-":
        rule, objects = "none", frozenset()
    elif raw == "*":
        rule, objects = "any", frozenset()
    elif raw == "@person":
        rule, objects = "person", frozenset()
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
    after = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    if after is not None and after.lower_ in _RESULT_WORDS:  # "set free", "let loose"
        rows = triggers().get(f"{verb.lemma_.lower()} {after.lower_}", ()) + tuple(rows)
    return tuple(t for t in rows if t.frame_holds(verb))


#: Result words that make a verb phrase of their own ("set free the prisoners").
_RESULT_WORDS = frozenset({"free", "loose"})


#: Verbs that carry no event of their own and lend their subject to an event noun
#: ("launched an offensive", "held talks", "announced the release of").
LIGHT_VERBS = frozenset({
    "launch", "begin", "start", "conduct", "hold", "stage", "carry", "mount", "make",
    "announce", "declare", "impose", "issue", "order", "continue", "intensify", "escalate",
    "step", "resume", "open", "initiate", "undertake", "pursue", "wage", "reach", "attend",
    "join", "express", "voice", "offer", "extend", "give", "lead", "go", "remain", "put",
    "place", "set", "complete", "finalize", "finalise", "conclude", "strike", "ink", "clinch",
    "seal", "perform", "organize", "organise", "enforce", "maintain", "tighten", "expand",
    "renew", "prolong", "unveil", "reimpose", "craft", "draft", "prepare", "approve", "adopt",
    "introduce", "slap", "levy", "lay",
    "observe", "authorize", "authorise", "finish", "raise", "increase", "ramp", "exert",
    "ratchet", "reiterate", "repeat", "press", "submit", "send", "file", "seek", "take",
    "request", "grant", "pledge", "reaffirm", "lend", "throw", "call", "deliver", "apply",
    "wrap"})
#: Light verbs whose event noun follows "on" ("went on strike", "put troops on alert").
_ON_VERBS = frozenset({"go", "remain", "put", "place", "stay", "be"})
#: Verbs of going whose event noun follows "to" ("went to a meeting with", "returned to
#: talks with"): who goes takes part.
_TO_VERBS = frozenset({"go", "come", "head", "return"})
#: Verbs whose event noun follows "in" ("engaged the gunmen in a firefight", "engaged in
#: talks with").
_IN_VERBS = frozenset({"engage"})


@dataclass(frozen=True, slots=True)
class NounFrame:
    """One row of event_nouns.tsv: an event noun, the light verbs it takes, the event."""

    trigger: Trigger
    verbs: frozenset[str]
    standalone: bool


@cache
def noun_frames() -> dict[str, tuple[NounFrame, ...]]:
    """Return the event-noun rows grouped by noun, in file order."""
    table: dict[str, list[NounFrame]] = {}
    for row in read_tsv("tidings.extract.data", "event_nouns.tsv"):
        trigger = _parse({"lemma": row["noun"], "object": "", "requires_prep": "",
                          "recipient_preps": row["recipient_preps"], "event": row["event"],
                          "mode": row["mode"], "cameo": row["cameo"], "flags": row["flags"]})
        # The event noun is the verb's object, never its recipient.
        trigger = replace(trigger, object_rule="in", objects=frozenset({row["noun"]}))
        frame = NounFrame(trigger, frozenset(split_cell(row["verbs"])),
                          "standalone" in row["flags"].split())
        table.setdefault(row["noun"], []).append(frame)
    return {noun: tuple(rows) for noun, rows in table.items()}


def event_noun_of(verb: Token) -> Token | None:
    """Return the event noun a light verb carries: its object ("held talks"), the object
    of "on" after go/remain/put ("went on strike"), of "to" after go/return ("went to a
    meeting with") or of "in" after engage ("engaged them in a firefight"); None for other
    verbs."""
    lemma = verb.lemma_.lower()
    if lemma not in LIGHT_VERBS and lemma not in _ON_VERBS and lemma not in _TO_VERBS \
            and lemma not in _IN_VERBS:
        return None
    obj = direct_object(verb)
    if obj is not None and lemma in LIGHT_VERBS:
        return obj
    noun = prep_object(verb, "on") if lemma in _ON_VERBS else None
    if noun is None and lemma in _TO_VERBS:
        noun = prep_object(verb, "to")
    if noun is None and lemma in _IN_VERBS:
        noun = prep_object(verb, "in")
    return noun


def light_verb_triggers(verb: Token) -> tuple[Trigger, ...]:
    """Return the triggers a light verb takes from its event noun, best first."""
    noun = event_noun_of(verb)
    if noun is None:
        return ()
    lemma = verb.lemma_.lower()
    out = []
    for key in sorted(object_keys(noun)):
        for frame in noun_frames().get(key, ()):
            if not frame.verbs or lemma in frame.verbs:
                out.append(frame.trigger)
    return tuple(out)


def standalone_frames(noun: Token) -> tuple[Trigger, ...]:
    """Return the triggers of an event noun that may stand alone ("Japan's visit to")."""
    frames = noun_frames().get(noun.lower_) or noun_frames().get(noun.lemma_.lower()) or ()
    return tuple(f.trigger for f in frames if f.standalone)


@cache
def obligation_trigger(modal: str) -> Trigger:
    """Return the frame for a reported obligation ("X said Y must leave"): a demand for
    "must"/"have to", an appeal for "should"."""
    cameo = "020" if modal == "should" else "100"
    return _parse({"lemma": modal, "object": "", "requires_prep": "", "recipient_preps": "",
                   "event": "REQUEST", "mode": "", "cameo": cameo, "flags": "needs_recipient"})


def command_trigger() -> Trigger:
    """Return the frame for an order told to someone ("'Release them,' X told Y"): CAMEO
    codes a demand made of a named party as a demand (100)."""
    return _parse({"lemma": "command", "object": "", "requires_prep": "", "recipient_preps": "",
                   "event": "REQUEST", "mode": "", "cameo": "100", "flags": "needs_recipient"})


def judgement_trigger() -> Trigger:
    """Return the frame for a reported judgement ("X said the test was a violation"): CAMEO
    codes calling someone's act illegal or a provocation as criticising it (111)."""
    return _parse({"lemma": "judge", "object": "", "requires_prep": "", "recipient_preps": "",
                   "event": "ACCUSE", "mode": "", "cameo": "111", "flags": "needs_recipient"})


#: Crowd-control weapons: using them on people is violent repression (CAMEO 175, which
#: PLOVER counts as ASSAULT), whatever verb tells it ("drove the crowd back with tear gas").
CROWD_WEAPONS = frozenset({"tear gas", "teargas", "pepper spray", "water cannon",
                           "water cannons", "rubber bullets", "plastic bullets", "batons",
                           "truncheons", "stun grenades", "live rounds", "live ammunition",
                           "birdshot", "gas canisters", "gas canister"})


def crowd_weapon(verb: Token) -> Token | None:
    """Return the crowd-control weapon a verb acts "with" ("pushed protesters back with
    volleys of tear gas") or fires ("fired pepper spray at the crowd"), or None."""
    obj = direct_object(verb)
    if obj is not None and object_keys(obj) & CROWD_WEAPONS:
        return obj
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "with":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    noun = content_noun(pobj)
                    if object_keys(noun) & CROWD_WEAPONS:
                        return noun
    return None


@cache
def crowd_weapon_trigger() -> Trigger:
    """Return the frame for acting on people with a crowd-control weapon: whom it is fired
    at, or else the object, is the recipient of violent repression (CAMEO 175)."""
    return _parse({"lemma": "repress", "object": "", "requires_prep": "",
                   "recipient_preps": "at|on|into|against", "event": "ASSAULT", "mode": "",
                   "cameo": "175", "flags": "needs_recipient"})


def warning_trigger() -> Trigger:
    """Return the frame for a reported warning ("X said the move will have serious
    consequences"): CAMEO codes warning of unspecified harm as a threat (130)."""
    return _parse({"lemma": "warn", "object": "", "requires_prep": "", "recipient_preps": "",
                   "event": "THREATEN", "mode": "", "cameo": "130", "flags": "needs_recipient"})
