"""Clause-level reading of the parse: who is the subject, is the verb negated, future,
hypothetical, and which date belongs to which clause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import DateRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
#: Verbs whose xcomp is a plan, not a fact ("plans to visit"): the inner event is future.
FUTURE_HEADS = frozenset({"plan", "intend", "want", "hope", "seek", "prepare", "expect",
                          "aim", "wish", "schedule", "set", "decide", "try", "attempt",
                          "consider", "propose", "need", "would", "like", "be", "work"})
#: Nouns for statements whose participle speaks for the author ("a statement urging").
STATEMENT_NOUNS = frozenset({"statement", "letter", "communique", "communiqué", "declaration",
                             "resolution", "message", "speech", "address", "note", "release",
                             "report", "appeal", "op-ed", "editorial"})
#: Adjectives whose "to" + gerund is a commitment ("remain committed to supporting").
COMMITTED = frozenset({"committed", "dedicated", "devoted"})
#: Verbs whose xcomp happened ("began to withdraw").
ASPECT_HEADS = frozenset({"begin", "start", "continue", "resume", "keep", "manage", "go"})
#: Verbs whose object is the subject of their xcomp ("urged Iran to release").
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "press", "persuade", "order", "force",
                            "encourage", "invite", "help", "allow", "tell", "request"})
MODALS_HYPOTHETICAL = frozenset({"could", "might", "may", "would", "should", "can", "must"})
#: Verbs that report speech or announce: "would" under them is the future of the past
#: ("NATO said it would tighten the blockade"), not a hypothesis.
REPORTING_VERBS = frozenset({"say", "announce", "confirm", "declare", "state", "tell", "add",
                             "report", "insist", "indicate", "signal", "reiterate",
                             "stress", "warn", "vow", "pledge", "promise", "decide"})
#: Adjectives whose infinitive is an intention ("is ready to talk", "willing to provide").
INTENT_ADJECTIVES = frozenset({"willing", "ready", "prepared", "eager", "determined", "keen",
                               "poised", "set"})
MODALS_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "ccomp", "pcomp"})


def subject_of(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """Return (subject token, passive?) for a verb, borrowing a governing verb's subject
    for participial clauses, conjoined verbs and xcomps ("..., congratulating him")."""
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            return child, child.dep_ == "nsubjpass"
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.dep_ == "ROOT" \
            and verb.head.pos_ in ("PROPN", "NOUN"):
        # A past-tense verb hung on a root noun is a misparsed main clause ("the X
        # Alliance, an underground group, called for ..."): the noun is its subject.
        return verb.head, False
    if depth < 3 and verb.dep_ == "acl" and verb.tag_ == "VBG" \
            and verb.head.lemma_.lower() in STATEMENT_NOUNS \
            and verb.head.head.pos_ in ("VERB", "AUX"):
        # "issued a statement urging the Council": the statement's author urges.
        subject, passive = subject_of(verb.head.head, depth + 1)
        return subject, False
    if depth < 3 and verb.dep_ in ("pobj", "pcomp") and verb.tag_ == "VBG" \
            and verb.head.lower_ == "in":
        # "Thousands joined the monks in marching": who joins does what is joined in
        # (the parser may hang the "in" phrase on the object).
        holder = verb.head.head
        if holder.dep_ in ("dobj", "obj") and holder.head is not holder:
            holder = holder.head
        if holder.lemma_ == "join":
            return subject_of(holder, depth + 1)
    if depth >= 3 or verb.dep_ not in _CLIMB_DEPS and verb.dep_ != "acomp" \
            or verb.head is verb:
        return None, False
    head = verb.head
    if head.dep_ == "acomp" and head.head is not head:  # "is ready to talk"
        head = head.head
    if head.dep_ == "prep" and head.head is not head:  # "for helping", "by receiving"
        prep = head
        head = head.head
        if prep.lower_ == "for":  # "praised Ecuador for welcoming": Ecuador welcomed
            for child in head.children:
                if child.dep_ in ("dobj", "obj"):
                    return child, False
    if verb.dep_ == "xcomp" and head.lemma_ in OBJECT_CONTROL:
        for child in head.children:
            if child.dep_ in ("dobj", "obj"):
                return child, False
    if verb.dep_ == "ccomp":
        return None, False
    subject, passive = subject_of(head, depth + 1)
    return subject, passive and verb.dep_ == "conj"


def joined_party(verb: Token) -> Token | None:
    """Return the other party of a joined act, who does it too.

    "Students joined the monks in marching": the monks march as well as the students
    (``subject_of`` gives the students). "The monks have been joined by civilians,
    marching": the civilians march as well as the monks.
    """
    if verb.tag_ != "VBG" or verb.head is verb:
        return None
    head = verb.head
    if verb.dep_ in ("pobj", "pcomp") and head.lower_ == "in" and head.head is not head:
        holder = head.head
        if holder.dep_ in ("dobj", "obj") and holder.head.lemma_ == "join":
            return holder  # the parser hung "in marching" on the object
        if holder.lemma_ == "join":
            return next((c for c in holder.children if c.dep_ in ("dobj", "obj")), None)
        return None
    if verb.dep_ in ("advcl", "xcomp") and head.lemma_ == "join" \
            and any(c.dep_ == "nsubjpass" for c in head.children):
        return agent_of(head)
    return None


def _reported(verb: Token) -> bool:
    """Tell whether a clause is the content of a report ("said it would ...") with no
    condition of its own ("if", "unless")."""
    if any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
           for c in verb.children):
        return False
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS


def agent_of(verb: Token) -> Token | None:
    """Return the object of a passive verb's "by" phrase."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def aux_flags(verb: Token) -> set[str]:
    """Return PLOVER auxiliary flags for a verb: negated, future, hypothetical."""
    flags: set[str] = set()
    chain = [verb]
    # A conjoined verb shares its head's modal only in the base form ("will meet X and sign
    # Y"); a finite one has its own ("would start X and called on Y").
    if verb.head is not verb and (verb.dep_ == "xcomp" or verb.dep_ == "conj" and verb.tag_ == "VB"):
        chain.append(verb.head)
    for tok in chain:
        for child in tok.children:
            low = child.lower_
            if child.dep_ == "neg" or low in ("never", "not", "n't"):
                if tok is verb or verb.dep_ == "xcomp":
                    flags.add("negated")
            if child.dep_ == "aux" or child.tag_ == "MD":
                if low in MODALS_FUTURE or low == "would" and _reported(tok):
                    flags.add("future")
                elif low in MODALS_HYPOTHETICAL:
                    flags.add("hypothetical")
                elif low == "going" or low == "to" and tok.head.lower_ == "going":
                    flags.add("future")
            if child.dep_ == "mark" and low in ("if", "unless", "whether"):
                flags.add("hypothetical")
    infinitive = verb.dep_ == "xcomp" or verb.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)  # "working to craft"
    if infinitive and verb.head.lemma_ in FUTURE_HEADS:
        flags.add("future")
    if verb.dep_ == "ccomp" and verb.head.lemma_ in FUTURE_HEADS and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        flags.add("hypothetical")  # "analysts expect OPEC to meet": a wish, not a promise
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT_ADJECTIVES:
        flags.add("future")
    if verb.dep_ == "pcomp" and verb.head.lower_ == "to" and verb.head.head.lower_ in COMMITTED:
        flags.add("future")
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "fail":  # "failed to reach a deal"
        flags.update(("negated", "failed"))
    return flags


def date_attachments(doc: Doc, dates: list[DateRef]) -> dict[int, DateRef]:
    """Map verb token index → the date of that clause.

    A date counts for a clause when it is a temporal adverbial of the verb ("met on
    Friday", "said Friday"), not a noun modifier ("the April 11 ballot"). A participial
    clause passes its date up ("In a statement issued Friday, ... noted").
    """
    by_start = {d.span[0]: d for d in dates if d.value}
    out: dict[int, DateRef] = {}
    for ent in doc.ents:
        ref = by_start.get(ent.start_char)
        if ref is None:
            continue
        verb = _adverbial_head(ent.root)
        while verb is not None:
            out.setdefault(verb.i, ref)
            verb = _participle_parent(verb)
    return out


def _adverbial_head(root: Token) -> Token | None:
    if root.dep_ in ("npadvmod", "tmod", "advmod", "obl") and root.head.pos_ in ("VERB", "AUX"):
        return root.head
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        holder = root.head.head
        if holder.pos_ in ("VERB", "AUX"):
            return holder
    return None


def _participle_parent(verb: Token) -> Token | None:
    """For "a statement issued Friday" inside a verb's adjunct, return that verb."""
    if verb.dep_ != "acl":
        return None
    tok = verb.head
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def clause_date(verb: Token, attached: dict[int, DateRef]) -> DateRef | None:
    """Return the verb's own date, else the nearest governing clause's date."""
    tok = verb
    for _ in range(5):
        if tok.i in attached:
            return attached[tok.i]
        if tok.dep_ not in _CLIMB_DEPS and tok.dep_ not in ("prep", "acomp") \
                or tok.head is tok:
            return None
        tok = tok.head
    return None
