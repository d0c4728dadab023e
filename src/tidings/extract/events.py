"""The rule-based PLOVER event coder over the dependency parse.

For each verb with a trigger frame (event_triggers.tsv): the actor comes from its subject
(or a passive's "by" agent, or the governing verb's subject for participles and
xcomps), the recipient from the trigger's prepositions or the direct object. Negated and
hypothetical events are dropped unless asked for; promised cooperation becomes AGREE and
promised harm THREATEN, as PLOVER codes them. Repeated descriptions of one event in an
article (same type, dyad and date) merge into one event with several mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ..budget import NO_DEADLINE, Deadline
from ..ontology import cameo_code, plover_event
from ..records import Actor, CameoView, DateRef, Event, Span
from . import quotes
from .actors import FIRST_PERSON, ActorResolver, np_tokens, phrase_facts, place_country
from .clauses import (
    ASPECT_HEADS,
    FUTURE_HEADS,
    REPORTING_VERBS,
    agent_of,
    aux_flags,
    clause_date,
    date_attachments,
    joined_party,
    subject_of,
)
from .mentions import stable_id
from .pipeline import Known, register
from .triggers import (
    Trigger,
    candidate_triggers,
    command_trigger,
    crowd_weapon,
    crowd_weapon_trigger,
    direct_object,
    judgement_trigger,
    light_verb_triggers,
    object_keys,
    obligation_trigger,
    prep_object,
    standalone_frames,
    warning_trigger,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Token

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID",
                         "RETREAT"})
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"})
#: Nouns whose complement is wished for, not done ("calls for X to resign"); an
#: "attempt to assassinate" is not here: CAMEO codes attempts as the act.
COVERING_NOUNS = frozenset({"call", "demand", "appeal", "plea", "request", "plan", "proposal",
                            "threat", "promise", "pledge", "offer", "pressure", "ultimatum",
                            "deadline", "willingness", "readiness", "intention", "commitment",
                            "refusal"})
#: Verbal reactions whose recipient may be the author of an event named as their object.
_REACTIONS = frozenset({"ACCUSE", "REJECT", "THREATEN", "SANCTION", "SUPPORT", "REQUEST"})
#: Event nouns and the event types they name ("condemned the strike" → an ASSAULT).
EVENT_NOUNS: dict[str, frozenset[str]] = {
    noun: frozenset(kinds.split()) for noun, kinds in {
        "attack": "ASSAULT", "strike": "ASSAULT", "airstrike": "ASSAULT", "bombing": "ASSAULT",
        "shelling": "ASSAULT", "killing": "ASSAULT", "invasion": "ASSAULT", "assault": "ASSAULT",
        "offensive": "ASSAULT", "raid": "ASSAULT", "massacre": "ASSAULT",
        "test": "MOBILIZE", "launch": "MOBILIZE", "deployment": "MOBILIZE",
        "arrest": "COERCE", "arrests": "COERCE", "detention": "COERCE", "crackdown": "COERCE",
        "ban": "COERCE", "expulsion": "COERCE SANCTION", "sanctions": "SANCTION",
        "decision": "SANCTION COERCE REJECT", "move": "SANCTION COERCE MOBILIZE",
        "threat": "THREATEN", "threats": "THREATEN", "release": "RETREAT",
        "withdrawal": "RETREAT", "ceasefire": "CONCEDE", "pardon": "CONCEDE",
    }.items()
}
#: Nouns that name someone's deed without saying which ("welcomed the news"): the deed is
#: the last one the article reported by another party.
DEED_NOUNS = frozenset({"news", "announcement", "decision", "move", "step", "gesture",
                        "development", "action", "actions"})
#: Objects of a reaction that the state runs: the reaction targets the government.
STATE_RUN = frozenset({"vote", "election", "elections", "poll", "polls", "referendum",
                       "ballot", "count", "recount"})
#: Head verbs that themselves code an event and so cover their xcomp ("urged X to leave").
_COVERING = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE"})
#: Clauses and roles a recipient search does not enter.
_NOT_ENTERED = frozenset({"nsubj", "nsubjpass", "csubj", "ccomp", "advcl", "relcl", "conj",
                          "parataxis", "punct", "cc", "mark", "appos"})
#: Prepositions of time and circumstance: "pledged during a visit to London" does not
#: pledge to London.
_CIRCUMSTANTIAL = frozenset({"during", "after", "before", "amid", "despite", "since", "until",
                             "following", "throughout", "ahead"})
_RECIPIENT_DEPTH = 4
_COVER_DEPTH = 4
#: An event noun may sit deeper under what covers it ("called for a resumption of the
#: stalled round of WTO talks").
_NOUN_COVER_DEPTH = 6
#: CAMEO "fight" codes kept only for state forces; others' violence is "assault" (18).
_CONVENTIONAL = frozenset({"190", "193"})
_STATE_FORCE = frozenset({"MIL", "COP", "GOV"})
#: Groups a state represses at home.
_REPRESSED = frozenset({"CVL", "OPP", "JRN", "LAB", "REL", "EDU", "MED"})
_OBLIGATION_MODALS = frozenset({"must", "should"})
#: Modifiers that make an event noun a plan ("a planned visit") or a possibility.
_FUTURE_MODIFIERS = frozenset({"planned", "upcoming", "proposed", "scheduled", "expected",
                               "future", "forthcoming", "impending"})
_HYPOTHETICAL_MODIFIERS = frozenset({"possible", "potential", "hypothetical"})
_PHONE_WORDS = frozenset({"telephone", "phone", "call", "videoconference", "video"})
#: Nouns and adjectives that condemn what they are said of ("said the test was a clear
#: violation", "described the elections as flawed").
CONDEMNING = frozenset({
    "violation", "breach", "provocation", "crime", "aggression", "outrage", "affront",
    "insult", "disgrace", "travesty", "sham", "farce", "fraud", "atrocity", "mistake",
    "blunder", "threat", "menace", "danger", "illegal", "illegitimate", "unlawful",
    "unacceptable", "fraudulent", "flawed", "rigged", "provocative", "reckless",
    "irresponsible", "unjustified", "unjustifiable", "outrageous", "deplorable",
    "criminal", "destabilizing", "destabilising", "unconstitutional", "invalid"})
#: Verbs that name wrongdoing and code no event themselves: saying someone does it accuses.
WRONGDOING = frozenset({"lie", "cheat", "deceive", "mislead", "betray", "steal", "loot",
                        "plunder", "rig", "oppress", "persecute", "sabotage", "obstruct",
                        "flout", "terrorize", "terrorise", "embezzle", "bully", "blackmail"})
#: Harm a warning promises without saying which ("serious consequences").
HARM_NOUNS = frozenset({"consequence", "repercussion", "retaliation", "reprisal",
                        "retribution"})
#: Verbs that state what something is: "the test constitutes a violation".
_COPULAS = frozenset({"be", "constitute", "pose", "represent", "amount"})
#: Verbs that label their object ("described the vote as flawed", "called it a sham").
_LABELLING = frozenset({"describe", "call", "brand", "label", "term", "characterize",
                        "characterise", "deem", "declare", "dub"})
#: Names for a recipient the trigger implies: protests target the government, an
#: amnesty frees the state's own people.
_IMPLICIT_NAMES = {"GOV": "government", "CVL": "citizens"}
#: Codes of bodies of several states: their meetings need no partner named (the members
#: meet one another); a person of such a body, or one speaking, meets no one so.
MULTILATERAL = frozenset({"IGO", "EUR", "UNO"})
_SPEAKING = frozenset({"speak", "talk", "converse", "phone", "telephone", "call"})
#: Words for people held by captors, whom no state releases.
_CAPTIVE_WORDS = frozenset({"hostage", "hostages", "captive", "captives", "abductee",
                            "abductees", "kidnapped", "abducted"})
#: Nouns for protests, which stand for their participants when repressed.
PROTEST_NOUNS = frozenset({"protest", "march", "rally", "demonstration", "gathering",
                           "sit-in", "vigil", "procession"})
#: People aid is given for, whoever hands it out.
_AIDED = frozenset({"CVL", "REF", "MED", "EDU"})
#: Events a quote performs by being said, coded with its speaker as the actor.
_QUOTED_SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "AGREE"})
#: Acts of force: promising them is a threat even without a condition.
_FORCE = frozenset({"ASSAULT", "MOBILIZE"})
#: Days before publication after which a dated event is flagged historical.
HISTORICAL_DAYS = 60


@dataclass(slots=True)
class _Draft:
    trigger: Trigger
    event: str
    cameo: str
    mode: str | None
    actor: Actor
    recipient: Actor | None
    date: DateRef | None
    aux: set[str]
    verb: Token


@register("events", requires=("mentions", "dates", "actors"), assigns="events")
def extract_events(doc: Doc, known: Known) -> list[Event]:
    """Return the article's events, merged across sentences."""
    article = known["article"]
    resolver: ActorResolver = known["actors"]
    options = known.get("options", {})
    include_flagged = bool(options.get("include_negated"))
    resolver.keep_unknown = bool(options.get("keep_unknown_actors"))
    resolver.quote_speakers = quotes.speaker_tokens(doc)
    attached = date_attachments(doc, known["dates"])
    deadline: Deadline = known.get("deadline", NO_DEADLINE)
    drafts: list[_Draft] = []
    for sent in doc.sents:
        for verb in sent:
            deadline.check("step 'events'")
            if verb.pos_ not in ("VERB", "AUX") and verb.tag_ not in ("VB", "VBD", "VBZ", "VBP",
                                                                    "VBG", "VBN"):
                continue
            if verb.dep_ in ("amod", "compound"):  # "detained fishermen", "proposed change"
                continue
            drafts.extend(_code_verb(verb, resolver, attached, drafts))
            drafts.extend(_code_obligation(verb, resolver, attached, drafts))
            drafts.extend(_code_judgement(verb, resolver, attached, drafts))
            drafts.extend(_code_warning(verb, resolver, attached, drafts))
            drafts.extend(_code_command(verb, resolver, attached, drafts))
        for noun in sent:
            if noun.pos_ == "NOUN":
                drafts.extend(_code_noun(noun, resolver, attached, drafts))
    events: list[Event] = []
    for draft in drafts:
        if _quoted_deed(draft, resolver):
            continue
        flagged = draft.aux & {"negated", "hypothetical"}
        if flagged and not include_flagged:
            continue
        events.append(_finish(draft, article.id, article.published))
    return merge_events(events)


def _quoted_deed(draft: _Draft, resolver: ActorResolver) -> bool:
    """Tell whether a draft is a deed its doer tells of in a quote ("'We will expel four
    diplomats,' he said", "'I met the ambassador'"), not a speech act the quote performs.

    A quote's "we"/"I" is its speaker, but what the speaker did or decided is told in the
    story's own words too, so only the quote's speech acts are coded from it: accusing,
    demanding, refusing, promising ("we will send aid to") and threatening. A promised act
    of force, or a promised act with a condition ("if they cross the border"), is a threat;
    other announced measures are not.
    """
    subject, _ = subject_of(draft.verb) if draft.verb.pos_ != "NOUN" else (None, False)
    if subject is None or subject.lower_ not in FIRST_PERSON \
            or subject.i not in resolver.quote_speakers:
        return False
    if draft.event not in _QUOTED_SPEECH_ACTS:
        return True
    if draft.event == "THREATEN" and draft.trigger.event != "THREATEN":
        return draft.trigger.event not in _FORCE and next(_conditions(draft.verb), None) is None
    return False


def _conditions(verb: Token) -> Iterator[Token]:
    """Yield a clause's "if"/"unless" conditions ("... if they cross the border")."""
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                          for m in clause.children):
            yield clause


def merge_events(events: list[Event]) -> list[Event]:
    """Merge repeated descriptions of one event (same type and dyad, same date).

    A mention dated only by the publication date joins a same-type, same-dyad event whose
    date the text gives: in news, the undated retelling is of the dated event.
    """
    merged: dict[tuple, Event] = {}
    ordered = sorted(events, key=lambda e: (e.date_source != "text", e.recipient is None))
    for event in ordered:
        dyad = (event.event, _who(event.actor), _who(event.recipient), _kind(event.actor))
        key = (*dyad, event.date)
        if event.date_source != "text":
            key = next((k for k in merged if k[:4] == dyad), key)
        if event.recipient is None:
            # "continue to target IS, conducting airstrikes": a same-type, same-actor event in
            # the same sentence already says whom; this one only elaborates it.
            key = next((k for k, e in merged.items() if k[:2] == dyad[:2]
                        and e.recipient is not None and e.sentence == event.sentence), key)
        if key in merged:
            old = merged[key]
            merged[key] = replace(old, mentions=tuple(sorted(set(old.mentions + event.mentions))),
                                  confidence=max(old.confidence, event.confidence))
        else:
            merged[key] = event
    return sorted(merged.values(), key=lambda e: e.mentions[0] if e.mentions else (0, 0))


def _who(actor: Actor | None) -> str | None:
    return actor.country if actor else None


def _kind(actor: Actor | None) -> str | None:
    """Return the sector of an actor inside its country: within one state, the army calling
    on soldiers to defect and the opposition calling on the army are two events."""
    return actor.sector if actor else None


def _code_verb(verb: Token, resolver: ActorResolver, attached: dict[int, DateRef],
               earlier: list[_Draft]) -> list[_Draft]:
    rows = candidate_triggers(verb) or light_verb_triggers(verb)
    if (not rows or rows[0].event == "COERCE" or rows[0].mode == "firearms") \
            and direct_object(verb) is not None and crowd_weapon(verb) is not None:
        rows = (crowd_weapon_trigger(),)  # "drove the crowd back with tear gas"
    if not rows:
        return []
    if _covered(verb):
        return []
    aux = aux_flags(verb)
    subject, passive = subject_of(verb)
    actors: list[Actor] = []
    recipients: list[Actor] = []
    if passive:
        agent = agent_of(verb)
        actors = resolver.resolve_all(agent) if agent is not None else []
        recipients = resolver.resolve_all(subject) if subject is not None else []
        if not recipients and subject is not None and rows[0].event == "COERCE":
            recipients = _participants(subject, verb, resolver)  # "marches are banned"
    elif subject is not None:
        actors = resolver.resolve_all(subject)
    fellow = joined_party(verb)
    if fellow is not None and not passive:  # "joined the monks in marching": they march too
        actors += [a for a in resolver.resolve_all(fellow) if a not in actors]
    for trigger in rows:
        drafts = _apply(trigger, verb, resolver, attached, aux, passive, actors, recipients,
                        earlier)
        if drafts is not None:
            return drafts
    return []


def _code_obligation(verb: Token, resolver: ActorResolver, attached: dict[int, DateRef],
                     earlier: list[_Draft]) -> list[_Draft]:
    """Code "X said Y must do Z" as X demanding of Y (CAMEO codes such statements as
    demands); the obliged act itself is not an event (it is hypothetical)."""
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return []
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        modal = next((c.lower_ for c in clause.children if c.dep_ == "aux"
                      and c.lower_ in _OBLIGATION_MODALS), None)
        subject, _ = subject_of(clause)
        speaker, _ = subject_of(verb)
        if modal is None or subject is None or speaker is None:
            continue
        if subject.lower_ in ("we", "i", "you", "it", "this", "that"):
            continue  # a speaker's own duty, or a thing's: not a demand on someone
        actors = resolver.resolve_all(speaker)
        recipients = resolver.resolve_all(subject, actors[0] if actors else None)
        drafts = _apply(obligation_trigger(modal), verb, resolver, attached, aux_flags(verb),
                        False, actors, recipients, earlier, find_recipients=False)
        if drafts:
            return drafts
    return []


def _code_judgement(verb: Token, resolver: ActorResolver, attached: dict[int, DateRef],
                    earlier: list[_Draft]) -> list[_Draft]:
    """Code a condemnation said of something: "X said the test was a clear violation of
    the resolutions" or "X described the elections as flawed" is X criticising whoever is
    behind the test or the elections (CAMEO 111). The judged thing's author is the thing
    itself when it is an actor, else its owner, the state for elections, or the author of
    the same kind of event earlier in the article."""
    judged = _judged_thing(verb)
    if judged is None:
        return []
    speaker, passive = subject_of(verb)
    if speaker is None or passive:
        return []
    actors = resolver.resolve_all(speaker)
    own = actors[0] if actors else None
    lemma = judged.lemma_.lower()
    if lemma in EVENT_NOUNS or lemma in STATE_RUN or lemma in DEED_NOUNS:
        # "the missile launch": not the missile but whoever launched it.
        owner = next((c for c in judged.children if c.dep_ == "poss" and c.pos_ != "PRON"),
                     None)
        recipients = resolver.resolve_all(owner, own) if owner is not None else []
        recipients = recipients or _party_of_thing(judged, resolver, earlier, actors)
    else:
        recipients = resolver.resolve_all(judged, own)
    return _apply(judgement_trigger(), verb, resolver, attached, aux_flags(verb), False,
                  actors, recipients, earlier, find_recipients=False) or []


def _code_warning(verb: Token, resolver: ActorResolver, attached: dict[int, DateRef],
                  earlier: list[_Draft]) -> list[_Draft]:
    """Code a reported warning of harm to come: "X says the British move will lead to
    serious consequences", "X said Y would face reprisals". The warned party is the one
    the harm is "for", else the subject of the warned clause or whose deed it is, else
    the subject of its condition ("if Israel strikes")."""
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return []
    for clause in verb.children:
        if clause.dep_ != "ccomp" or "future" not in aux_flags(clause) \
                or "negated" in aux_flags(clause):
            continue
        harm = _harm_noun(clause)
        speaker, passive = subject_of(verb)
        if harm is None or speaker is None or passive:
            continue
        actors = resolver.resolve_all(speaker)
        own = actors[0] if actors else None
        warned = prep_object(harm, "for")
        recipients = resolver.resolve_all(warned, own) if warned is not None else []
        subject, _ = subject_of(clause)
        if not recipients and subject is not None:
            recipients = resolver.resolve_all(subject, own) or _party_of_thing(
                subject, resolver, earlier, actors)
        if not recipients:
            recipients = _condition_subjects(clause, resolver, own)
        drafts = _apply(warning_trigger(), verb, resolver, attached, aux_flags(verb), False,
                        actors, recipients, earlier, find_recipients=False)
        if drafts:
            return drafts
    return []


def _code_command(verb: Token, resolver: ActorResolver, attached: dict[int, DateRef],
                  earlier: list[_Draft]) -> list[_Draft]:
    """Code an order told to someone: "'Release our members now,' the union told the
    ministry", "'Do not attack Gaza,' X said to Y" is the speaker demanding of the one told.
    The order is an imperative clause (a bare verb with no subject of its own) that the
    speech verb reports; with nobody told, the order has no recipient and is not coded."""
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return []
    # the parser often hangs a quoted order on the verb as xcomp/advcl: inside marks only
    clause = next((c for c in verb.children if _imperative(c) and (
        c.dep_ in ("ccomp", "parataxis") or c.dep_ in ("xcomp", "advcl")
        and c.i in resolver.quote_speakers)), None)
    speaker, passive = subject_of(verb)
    if clause is None or speaker is None or passive:
        return []
    told = [c for c in verb.children if c.dep_ in ("dobj", "dative", "obj")]
    told += [p for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
             for p in c.children if p.dep_ == "pobj"]
    told = [t for t in told if t.lemma_.lower() not in quotes.AUDIENCES]
    if not told:
        return []
    actors = resolver.resolve_all(speaker)
    recipients = resolver.resolve_all(told[0], actors[0] if actors else None)
    return _apply(command_trigger(), verb, resolver, attached, aux_flags(verb), False,
                  actors, recipients, earlier, find_recipients=False) or []


def _imperative(clause: Token) -> bool:
    """Tell whether a clause is an order: a base-form verb that opens it ("Release them",
    "Do not attack", "Please leave") with no subject, auxiliary of tense or "that"."""
    if clause.tag_ != "VB" or clause.pos_ != "VERB":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") or c.dep_ == "aux"
           and c.lower_ not in ("do", "don't") for c in clause.children):
        return False
    first = next(t for t in clause.subtree if not t.is_punct)
    return first.i == clause.i or first.lower_ in ("please", "do", "don't", "never")


def _harm_noun(clause: Token) -> Token | None:
    """Return the harm a clause promises ("will lead to serious consequences", "would face
    reprisals"), or None."""
    for child in clause.children:
        nouns = [child] if child.dep_ in ("dobj", "obj", "attr") else [
            c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else []
        for noun in nouns:
            if noun.lemma_.lower() in HARM_NOUNS and not any(
                    c.lower_ in ("no", "not", "without") for c in noun.children):
                return noun
    return None


def _condition_subjects(verb: Token, resolver: ActorResolver,
                        exclude: Actor | None) -> list[Actor]:
    """Return who must act for a threat to be carried out: "if Israel strikes"."""
    for clause in _conditions(verb):
        subject, _ = subject_of(clause)
        if subject is not None:
            found = resolver.resolve_all(subject, exclude)
            if found:
                return found
    return []


def _judged_thing(verb: Token) -> Token | None:
    """Return what a reporting or labelling verb condemns, or None.

    "said [the test] was a violation" (a copula clause, not negated), "described [the
    elections] as flawed", "called [the vote] a sham".
    """
    lemma = verb.lemma_.lower()
    if lemma in REPORTING_VERBS:
        accused = _wrongdoer(verb)
        if accused is not None:
            return accused
        for clause in verb.children:
            if clause.dep_ != "ccomp" or clause.lemma_.lower() not in _COPULAS:
                continue
            if any(c.dep_ == "neg" for c in clause.children) or aux_flags(clause) & {
                    "hypothetical", "negated"}:
                continue
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")),
                           None)
            said = [c for c in clause.children if c.dep_ in ("attr", "acomp", "dobj", "obj")]
            if subject is not None and subject.pos_ != "PRON" and any(
                    _condemns(c) for c in said):
                return subject
    if lemma in _LABELLING:
        obj = direct_object(verb)
        if obj is None:
            return None
        labels = [c for c in verb.children if c.dep_ in ("oprd", "acomp")]
        for prep in (*verb.children, *obj.children):
            if prep.dep_ == "prep" and prep.lower_ == "as":
                labels.extend(c for c in prep.children if c.dep_ in ("pobj", "amod", "acomp"))
        if any(_condemns(c) for c in labels) or _label_after(obj):
            return obj
    return None


def _wrongdoer(verb: Token) -> Token | None:
    """Return whom a reported clause says does wrong ("“The government is lying to its
    people,” X said", "X said the junta cheated"): saying so accuses them. Only verbs that
    name wrongdoing and code no event of their own count, asserted (not negated, not
    hypothetical) of a named subject."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.lemma_.lower() not in WRONGDOING \
                or any(c.dep_ == "neg" for c in clause.children) \
                or aux_flags(clause) & {"hypothetical", "negated"}:
            continue
        subject, passive = subject_of(clause)
        if subject is not None and not passive and subject.pos_ != "PRON":
            return subject
    return None


def _label_after(obj: Token) -> bool:
    """Tell whether the words right after an object label it condemningly ("the elections
    as 'flawed'"), however the parser attached the "as" phrase."""
    doc = obj.doc
    i = obj.right_edge.i + 1
    if i >= len(doc) or doc[i].lower_ != "as":
        return False
    for tok in doc[i + 1:i + 5]:
        if tok.is_punct and tok.text not in ('"', "'", "“", "”", "‘", "’"):
            return False
        if _condemns(tok):
            return True
    return False


def _condemns(word: Token) -> bool:
    """Tell whether a predicate noun or adjective condemns ("a clear violation")."""
    return word.lemma_.lower() in CONDEMNING or word.lower_ in CONDEMNING


def _code_noun(noun: Token, resolver: ActorResolver, attached: dict[int, DateRef],
               earlier: list[_Draft]) -> list[_Draft]:
    """Code an event noun that names its author: "Japan's visit to China", "an attack by
    rebels on the town", "talks between Peru and Chile". Nouns wished for, refused or
    negated ("called for talks", "no talks") are not events."""
    rows = standalone_frames(noun)
    if not rows or _noun_covered(noun):
        return []
    author = next((c for c in noun.children if c.dep_ == "poss"), None)
    if author is not None and author.lower_ in ("its", "their"):
        author = _antecedent(author)
    elif author is not None and author.pos_ == "PRON":
        author = None
    between = None
    for prep in noun.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("by", "between"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and prep.lower_ == "by" and author is None:
                author = pobj
            elif pobj is not None and prep.lower_ == "between":
                between = pobj
    if author is None and between is None:
        author = _body_compound(noun, resolver)  # "an ASEAN ministers' meeting"
    if author is None and between is None:
        return []
    actors = resolver.resolve_all(author if author is not None else between)
    aux: set[str] = set()
    for child in noun.children:
        if child.lower_ in _FUTURE_MODIFIERS:
            aux.add("future")
        elif child.lower_ in _HYPOTHETICAL_MODIFIERS or child.lower_ == "no":
            aux.add("hypothetical" if child.lower_ != "no" else "negated")
    for trigger in rows:
        recipients = []
        if between is None or author is not None:
            recipients = _recipients(trigger, noun, resolver, actors[0] if actors else None)
        drafts = _apply(trigger, noun, resolver, attached, aux, False, actors, recipients,
                        earlier, find_recipients=False)
        if drafts:
            when = _governing_date(noun, attached)
            for draft in drafts:
                draft.date = draft.date or when
            return drafts
    return []


def _body_compound(noun: Token, resolver: ActorResolver) -> Token | None:
    """Return a compound modifier naming a body of several states that holds the meeting
    ("the ASEAN foreign ministers meeting", "a NATO summit"), or None."""
    for child in noun.children:
        if child.dep_ == "compound" and child.i < noun.i and child.pos_ in ("NOUN", "PROPN"):
            found = resolver.resolve_all(child)
            if found and all(a.country in MULTILATERAL for a in found):
                return child
    return None


def _antecedent(pronoun: Token) -> Token | None:
    """Return what "its"/"their" refers to: the nearest state or organisation named before
    it in the sentence ("sanctions against North Korea after its latest test")."""
    for ent in reversed(pronoun.doc.ents):
        if ent.end <= pronoun.i and ent.start >= pronoun.sent.start \
                and ent.label_ in ("GPE", "ORG", "NORP"):
            return ent.root
    return None


def _noun_covered(noun: Token) -> bool:
    """Tell whether an event noun is the content of a request, refusal or plan."""
    tok = noun
    for _ in range(_NOUN_COVER_DEPTH):
        if tok.head is tok:
            return False
        child, tok = tok, tok.head
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in COVERING_NOUNS:
            return True
        if tok.pos_ in ("VERB", "AUX"):
            if any(t.lower_ in ("not", "never", "n't") for t in tok.children):
                return True
            if child.dep_ in ("nsubj", "nsubjpass") or child.lower_ in _CIRCUMSTANTIAL:
                return False  # "Japan's visit ended", "sanctions after its test"
            return tok.lemma_ in FUTURE_HEADS or any(row.event in _COVERING
                                                     for row in candidate_triggers(tok))
    return False


def _governing_date(noun: Token, attached: dict[int, DateRef]) -> DateRef | None:
    tok = noun
    for _ in range(_COVER_DEPTH):
        if tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return clause_date(tok, attached)
    return None


def _apply(trigger: Trigger, verb: Token, resolver: ActorResolver,
           attached: dict[int, DateRef], aux: set[str], passive: bool,
           actors: list[Actor], recipients: list[Actor],
           earlier: list[_Draft], find_recipients: bool = True) -> list[_Draft] | None:
    if not passive and find_recipients:
        recipients = _recipients(trigger, verb, resolver, actors[0] if actors else None)
        if not recipients and trigger.event in _REACTIONS:
            recipients = _reacted_to(verb, resolver, earlier, actors)
    if trigger.recipient_sectors:
        recipients = [r for r in recipients if r.sector in trigger.recipient_sectors]
        if not recipients:
            return None
    if trigger.recipient_person and not passive:  # "charged $5" is no person; "X was charged"
        recipients = [r for r in recipients if r.id and r.id.startswith("p-")]
    acting = [a for a in actors if a.country or resolver.keep_unknown]
    if not acting and passive and trigger.implicit_actor and recipients and not any(
            _captive(r) for r in recipients):
        country = _clause_place(verb) or _announcing_state(verb, resolver)
        if country is None and not _in_relative_clause(verb):
            # "citizens who had been detained": background whose agent may be anyone's
            country = resolver.focus_country or recipients[0].country
        if country:
            acting = [Actor("authorities", "authorities", country, "GOV",
                            id="a-" + stable_id(country, "GOV", "authorities"))]
    if not acting and resolver.keep_unknown and not actors:
        acting = [Actor("", "")]  # sentence-level evaluation: the type without an actor
    if trigger.actor_sectors:
        acting = [a for a in acting if a.sector in trigger.actor_sectors]
    if trigger.mode == "arrest":  # civilians arrest no one: a misread subject
        acting = [a for a in acting if a.sector not in _REPRESSED]
    if not acting:
        return None
    if trigger.symmetric and not recipients and len(acting) > 1:
        acting, recipients = acting[:1], acting[1:]
    recipients = [r for r in recipients if r not in acting
                  and (r.country or r.sector or resolver.keep_unknown)]
    if trigger.event == "COERCE" and len(acting) == 1:
        recipients = [_compatriots(r, acting[0], verb.doc) for r in recipients]
    elif len(acting) == 1 and acting[0].sector == "GOV":
        recipients = [resolver.abroad(r, acting[0]) for r in recipients]
    if not recipients and trigger.implicit_recipient and acting[0].country:
        country, sector = acting[0].country, trigger.implicit_recipient
        name = _IMPLICIT_NAMES.get(sector, "government")
        recipients = [Actor(name, name, country, sector,
                            id="a-" + stable_id(country, sector, name))]
    mode = trigger.mode
    # "ASEAN ministers met in Singapore", "pledged to expand free trade": among the members
    # (a summit named as planned is no one's promise)
    among_members = not recipients and len(acting) == 1 and acting[0].country in MULTILATERAL \
        and not (acting[0].id or "").startswith("p-")
    promised_among = among_members and verb.pos_ != "NOUN"
    if trigger.event == "CONSULT" and trigger.symmetric and among_members \
            and trigger.lemma not in _SPEAKING:
        mode = "multilateral"
    elif trigger.needs_recipient and not recipients and not resolver.keep_unknown \
            and not (promised_among and trigger.event == "AGREE"):
        return None
    event, cameo = trigger.event, trigger.cameo
    if "negated" in aux and trigger.negated_event:
        event, cameo = trigger.negated_event, trigger.negated_cameo or cameo
        aux = aux - {"negated"}
    elif "negated" in aux and aux & {"future", "failed"} and event in COOPERATIVE:
        # "will not lift the embargo", "failed to reach a deal": a refusal, which PLOVER
        # codes as REJECT; a plain past negation ("did not meet") stays a non-event.
        event, cameo = "REJECT", "120"
        aux = aux - {"negated", "future", "failed"}
    if "future" in aux and event != "AGREE" and event != "THREATEN":
        if event in COOPERATIVE:
            if not recipients and not resolver.keep_unknown and not promised_among:
                return None  # a promise to cooperate with no one named is not coded
            event, cameo = "AGREE", "030"
        elif event in HOSTILE or event == "PROTEST":
            event, cameo = "THREATEN", "130"
    if event == "AGREE" and _inner_hostile(verb):
        event, cameo = "THREATEN", "130"
    if event == "CONSULT" and any(t.lower_ in _PHONE_WORDS for t in verb.subtree):
        mode = "phone"
    when = clause_date(verb, attached)
    drafts = []
    for actor in acting:
        code = cameo
        if event == "ASSAULT" and cameo in _CONVENTIONAL and actor.sector not in _STATE_FORCE:
            code = "180"  # CAMEO: violence by others than state forces is an assault (18)
        for recipient in recipients or [None]:
            drafts.append(_Draft(trigger, event, code, mode, actor, recipient, when,
                                 set(aux), verb))
    return drafts


def _captive(actor: Actor) -> bool:
    """Tell whether an actor is named as held by captors ("two hostages were released"):
    not the authorities but whoever holds them acted."""
    return any(word in _CAPTIVE_WORDS for word in actor.entity_text.lower().split())


def _compatriots(recipient: Actor, actor: Actor, doc: Doc) -> Actor:
    """Give an unnamed domestic group the repressing state's country ("Assad launched a
    crackdown on protesters"): repression is done to one's own people unless the phrase
    names another country."""
    if actor.sector not in _STATE_FORCE or not actor.country or recipient.country == \
            actor.country or recipient.sector not in _REPRESSED or recipient.span is None:
        return recipient
    words = doc.char_span(*recipient.span, alignment_mode="expand")
    if words is None or phrase_facts(list(words)).country:
        return recipient
    return replace(recipient, country=actor.country)


def _announcing_state(verb: Token, resolver: ActorResolver) -> str | None:
    """Return the country of the state body that reports an agentless act ("the president
    announced the prisoners would be freed", "police said marches are banned"): a state
    announcing a release or a ban announces its own."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORTING_VERBS:
        return None
    for speaker in verb.head.children:  # the parser may give the verb two subjects
        if speaker.dep_ == "nsubj":
            found = resolver.resolve_all(speaker)
            if found and found[0].sector in _STATE_FORCE | {"JUD"} and found[0].country:
                return found[0].country
    return None


def _clause_place(verb: Token) -> str | None:
    """Return the country of the clause's "in <place>" ("were charged in New York"): the
    authorities acting unnamed are that place's."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for ent in verb.doc.ents:
                if ent.label_ in ("GPE", "LOC") and prep.left_edge.i <= ent.start \
                        and ent.end <= prep.right_edge.i + 1:
                    country = place_country(ent)
                    if country:
                        return country
    return None


def _recipients(trigger: Trigger, verb: Token, resolver: ActorResolver,
                exclude: Actor | None) -> list[Actor]:
    """Find the recipient: the trigger's prepositions first, then the direct object.

    The prepositions are searched breadth-first inside the verb's own phrase, so nominal and
    infinitival frames find their partner too ("expressed interest in working with Lasso",
    "commitment to cooperate with Ecuador"); other clauses and the subject are not entered.
    """
    obj = direct_object(verb)
    if trigger.event == "AID":
        found = _beneficiaries(verb, resolver, exclude)
        if found:
            return found
    frontier = [c for c in verb.children if c.dep_ not in _NOT_ENTERED
                and c.lower_ not in _CIRCUMSTANTIAL]
    for _ in range(_RECIPIENT_DEPTH):
        following = []
        for tok in frontier:
            if tok.dep_ in ("prep", "dative") and tok.lower_ in trigger.recipient_preps:
                for pobj in tok.children:
                    if pobj.dep_ == "pobj":
                        found = resolver.resolve_all(pobj, exclude)
                        if found:
                            return found
            following.extend(c for c in tok.children if c.dep_ not in _NOT_ENTERED
                             and c.lower_ not in _CIRCUMSTANTIAL)
        frontier = following
    if trigger.event == "THREATEN":  # "warned of consequences if Israel attacks"
        found = _condition_subjects(verb, resolver, exclude)
        if found:
            return found
    if trigger.event == "REQUEST":
        for clause in verb.children:  # "pressed for his government to move faster"
            if clause.dep_ in ("advcl", "ccomp") and any(
                    m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):
                subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                found = resolver.resolve_all(subject, exclude) if subject is not None else []
                if found:
                    return found
    if obj is not None and (trigger.object_rule != "in" or not object_keys(obj)
                            & trigger.objects):  # "engaged [the gunmen] in a firefight"
        found = resolver.resolve_all(obj, exclude)
        if not found and trigger.event == "COERCE":
            found = _participants(obj, verb, resolver)  # "banned all rallies"
        if found:
            return found
    for child in verb.children:  # "vowed to attack South Korea": the promised act's object,
        if child.dep_ == "xcomp":  # else its recipient's preposition ("to retaliate against X",
            # "to impose sanctions on X")
            preps = sorted({p for row in candidate_triggers(child) for p in row.recipient_preps})
            for inner in (direct_object(child), *(prep_object(child, p) for p in preps)):
                found = resolver.resolve_all(inner, exclude) if inner is not None else []
                if found:
                    return found
    for child in verb.children:
        if child.dep_ == "dative":
            found = resolver.resolve_all(child, exclude)
            if found:
                return found
    return []


def _participants(noun: Token, verb: Token, resolver: ActorResolver) -> list[Actor]:
    """Return who takes part in a protest named by a noun ("banned marches to the palace",
    "rallies were outlawed"): repressing a protest represses its civilians, those of the
    clause's place or of the story's country."""
    if noun.lemma_.lower() not in PROTEST_NOUNS:
        return []
    country = _clause_place(verb) or resolver.focus_country
    if country is None:
        return []
    return [Actor("protesters", "protesters", country, "CVL",
                  id="a-" + stable_id(country, "CVL", "protesters"))]


def _beneficiaries(verb: Token, resolver: ActorResolver,
                   exclude: Actor | None) -> list[Actor]:
    """Return the people aid is "for" ("gave food to the WFP for refugees in Chad"): they,
    not the agency that hands it out, are the recipients of aid. The parser may hang the
    "for" phrase on the agency or on the aid."""
    holders = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "obj")),
               *(p for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                 for p in c.children if p.dep_ == "pobj")]
    for prep in (c for holder in holders for c in holder.children):
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    found = [a for a in resolver.resolve_all(pobj, exclude)
                             if a.sector in _AIDED and a.country]
                    if found:
                        return found
    return []


def _reacted_to(verb: Token, resolver: ActorResolver, earlier: list[_Draft],
                actors: list[Actor]) -> list[Actor]:
    """Find whom a reaction targets when its object is an event, not an actor.

    "Ukraine condemned the strike": the recipient is whoever carried out the strike earlier
    in the article. "expressed disappointment that the junta extended …": the subject of
    the clause the reaction is about.
    """
    obj = direct_object(verb)
    if obj is not None:
        found = _party_of_thing(obj, resolver, earlier, actors)
        if found:
            return found
    for holder in (verb, obj):
        if holder is None:
            continue
        for clause in holder.children:
            if clause.dep_ in ("ccomp", "acl") and clause.pos_ in ("VERB", "AUX"):
                subject, _ = subject_of(clause)
                if subject is not None:
                    found = resolver.resolve_all(subject, actors[0] if actors else None)
                    if found:
                        return found
    return []


def _party_of_thing(obj: Token, resolver: ActorResolver, earlier: list[_Draft],
                    actors: list[Actor]) -> list[Actor]:
    """Return whose doing a thing reacted to is: a national modifier ("the Iranian move",
    never the actor's own country: "reiterated US support"), a "by/from" phrase ("an offer
    by the King", "appeals made by the US envoy"), else the thing's author (_author_of)."""
    facts = phrase_facts(np_tokens(obj), obj)
    if facts.country and facts.country not in {a.country for a in actors}:
        text = obj.doc[obj.left_edge.i:obj.i + 1].text
        return [Actor(text, text, facts.country, facts.sector,
                      span=(obj.left_edge.idx, obj.idx + len(obj.text)),
                      id="a-" + stable_id(facts.country, facts.sector, text.lower()))]
    for holder in (obj, *[c for c in obj.children if c.dep_ == "acl"]):
        for prep in holder.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("by", "from"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found = resolver.resolve_all(pobj, actors[0] if actors else None)
                        if found:
                            return found
    return _author_of(obj, resolver, earlier, actors)


def _author_of(thing: Token, resolver: ActorResolver, earlier: list[_Draft],
               actors: list[Actor]) -> list[Actor]:
    """Return whose doing a thing named by a noun is: the state's for elections, else the
    author of the last event of that kind in the article ("condemned the strike")."""
    if thing.lemma_.lower() in STATE_RUN and resolver.focus_country \
            and (resolver.focus_country, "GOV") not in {(a.country, a.sector) for a in actors}:
        # "denounced the vote as fraudulent": elections are the state's doing.
        country = resolver.focus_country
        return [Actor("government", "government", country, "GOV",
                      id="a-" + stable_id(country, "GOV", "government"))]
    kinds = EVENT_NOUNS.get(thing.lemma_.lower())
    own = {a.country for a in actors}
    if kinds:
        for draft in reversed(earlier):
            if draft.event in kinds and draft.actor.country not in own:
                return [draft.actor]
    if thing.lemma_.lower() in DEED_NOUNS and not any(c.dep_ == "poss" for c in thing.children):
        # "The British government welcomed the news": of the last deed by another party.
        for draft in reversed(earlier):
            if draft.actor.country and draft.actor.country not in own:
                return [draft.actor]
    return []


def _covered(verb: Token) -> bool:
    """Tell whether a verb only spells out what a governing trigger codes.

    "urged Iran to release", "pledged to work with", "expressed interest in working with
    Lasso to strengthen ties": the inner verbs are the content of a request or promise, not
    events of their own. Aspect verbs ("began to withdraw") do not cover.
    """
    tok = verb
    for _ in range(_COVER_DEPTH):
        if tok.dep_ not in ("xcomp", "pcomp", "pobj", "prep", "acl", "advcl") or tok.head is tok:
            return False
        tok = tok.head
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in COVERING_NOUNS:
            return True  # "calls for Lukashenko to resign", "a plan to withdraw"
        if tok.pos_ in ("VERB", "AUX"):
            if tok.lemma_ in ASPECT_HEADS:
                return False
            if any(row.event in _COVERING for row in candidate_triggers(tok)):
                return verb.dep_ != "advcl"
    return False


def _inner_hostile(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "xcomp":
            rows = candidate_triggers(child)
            if rows and rows[0].event in HOSTILE:
                return True
    return False


def _finish(draft: _Draft, article_id: str, published: str | None) -> Event:
    sent = draft.verb.sent
    aux = set(draft.aux)
    ahead = bool(draft.date and draft.date.value and published
                 and draft.date.value[:len(published)] >= published[:len(draft.date.value)])
    if draft.date is not None and draft.date.value and not ahead:
        # A date not before publication is the promised act's ("will travel next month",
        # "free them by the end of the year"): the promise happened when it was reported.
        when, precision, source = draft.date.value, draft.date.precision, "text"
        if "/" in when:  # a range ("2007/2017"): the event is dated by its start
            when = when.split("/")[0]
        if published and precision == "day":
            days = (date.fromisoformat(published) - date.fromisoformat(when)).days
            if days > HISTORICAL_DAYS:
                aux.add("historical")
    elif published:
        when, precision, source = published, "day", "published"
    else:
        when = precision = source = None
    info = plover_event(draft.event)
    code = cameo_code(draft.cameo)
    actor, recipient = draft.actor, draft.recipient
    confidence = 0.5 + 0.2 * bool(actor.country) + 0.2 * bool(recipient and recipient.country) \
        + 0.1 * (source == "text") - 0.3 * _in_relative_clause(draft.verb) \
        - 0.2 * (draft.verb.pos_ == "NOUN")  # a named event is mostly background
    sentence: Span = (sent.start_char, sent.end_char)
    verb_span: Span = (draft.verb.idx, draft.verb.idx + len(draft.verb.text))
    event_id = "ev-" + stable_id(article_id, draft.event, actor.country, actor.entity_text,
                                 recipient.country if recipient else None, when, verb_span[0])
    return Event(
        id=event_id, event=draft.event, actor=actor, recipient=recipient, mode=draft.mode,
        date=when, date_precision=precision, date_source=source, aux=tuple(sorted(aux)),
        quad_code=info.quad_code, event_scale=info.score,
        cameo=CameoView(code=draft.cameo,
                        root=draft.cameo[:2], goldstein=code.goldstein,
                        quad_class=code.quad_class, actor_code=actor.code,
                        recipient_code=recipient.code if recipient else None),
        event_text=_event_text(draft.verb), sentence=sentence, confidence=round(confidence, 2),
        mentions=(verb_span,),
    )


def _in_relative_clause(verb: Token) -> bool:
    """Tell whether a verb tells background in a relative clause ("farmers who stormed a
    court and burnt a car"): less likely the sentence's news than its main clause."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "relcl"


def _event_text(verb: Token) -> str:
    """Return the verb with its particles, auxiliaries, negation and trigger object."""
    parts = [verb]
    for child in verb.children:
        if child.dep_ in ("prt", "neg", "aux", "auxpass") or child.dep_ in ("dobj", "obj") \
                and child.i - verb.i <= 3:
            parts.append(child)
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)
