"""Counts of people, typed as GDELT types them (KILL, WOUND, ARREST, KIDNAP, PROTEST,
AFFECT, SEIZE), read from the dependency parse.

A number phrase (numbers.py) is followed to the noun it counts ("430,000 → immigrants") and
from there to the verb that governs it ("killed 23", "23 were arrested", "900 fled",
"1.5 million driven from their homes", "left 23 dead"). The count's type comes from that verb
when count_terms.tsv lists it in the right role (the killed are objects of "kill", the
fleeing subjects of "flee"), else from the counted noun itself ("protesters", "refugees",
"deaths"). Numbers that count things (tonnes, dollars, years, houses) are not counts of
people and are left to the amounts step. A count belongs to the event whose verb governs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..ontology.tables import ontology_rows, read_tsv
from ..records import Count, Event
from .numbers import NumberPhrase, number_phrases
from .pipeline import Known, register

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Entity labels whose numbers measure money or quantities, not people.
NOT_PEOPLE_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY", "DATE", "TIME", "ORDINAL"})
#: Nouns a number can count that are not people (units, time, money, things, votes).
_NOT_PEOPLE_WORDS = """
year month week day hour minute second decade century time percent per cent % point dollar
euro pound yen yuan rupee franc ruble rouble peso shekel cent tonne ton kilogram kg gram
kilometre kilometer km mile metre meter acre hectare barrel litre liter gallon foot feet inch
house home building village town city district province state country region school hospital
vehicle car truck tank aircraft plane jet helicopter ship boat vessel drone weapon gun rifle
round rocket missile shell bomb mine device warhead bullet page word vote seat goal case test
dose vaccine bed item product share stock unit project job site facility camp base checkpoint
border crossing road bridge
"""
NOT_PEOPLE = frozenset(_NOT_PEOPLE_WORDS.split())
#: Subjects of "reach/rise to/stand at" that carry another noun's count ("the death toll").
_TALLY_NOUNS = frozenset({"toll", "number", "total", "tally", "count", "figure"})
_TALLY_VERBS = frozenset({"rise", "climb", "reach", "stand", "hit", "jump", "increase", "top",
                          "exceed", "pass", "surpass", "grow", "soar", "be", "near", "mount"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass"})
#: Categories a single person ("a soldier was killed") is counted for.
SINGULAR_CATEGORIES = frozenset({"KILL", "WOUND", "ARREST", "KIDNAP", "SEIZE"})
#: Words for a person that are not roles.
_PERSON_NOUNS_WORDS = """man woman boy girl child person teenager civilian resident
villager worker student farmer driver passenger pedestrian tourist citizen national
baby infant toddler mother father son daughter husband wife brother sister"""
PERSON_NOUNS = frozenset(_PERSON_NOUNS_WORDS.split())
#: Verbs that state a tally as their object's value ("put the toll at 23").
_ESTIMATE_VERBS = frozenset({"put", "estimate", "place", "set", "give"})
#: Objects that make their subjects protesters ("10,000 people held a rally").
GATHERINGS = frozenset({"protest", "rally", "demonstration", "march", "strike", "sit-in",
                        "vigil", "walkout"})
_PARTICIPLE_DEPS = frozenset({"acl", "amod", "relcl"})


@dataclass(frozen=True, slots=True)
class CountTerms:
    """count_terms.tsv, by kind: object verbs, subject verbs, adjectives and nouns."""

    object_verbs: dict[str, str]
    subject_verbs: dict[str, str]
    adjectives: dict[str, str]
    nouns: dict[str, str]


@cache
def count_terms() -> CountTerms:
    """Return the count lexicon (read once)."""
    kinds: dict[str, dict[str, str]] = {"object": {}, "subject": {}, "adj": {}, "noun": {}}
    for row in read_tsv("tidings.extract.data", "count_terms.tsv"):
        kinds[row["kind"]][row["term"]] = row["category"]
    return CountTerms(kinds["object"], kinds["subject"], kinds["adj"], kinds["noun"])


@register("counts", requires=("events",), assigns="counts")
def extract_counts(doc: Doc, known: Known) -> list[Count]:
    """Return the article's counts of people, each tied to its event when one governs it."""
    events: list[Event] = known.get("events") or []
    event_at = {start: event.id for event in events for start, _ in event.mentions}
    out = []
    for phrase in number_phrases(doc):
        count = read_count(doc, phrase, event_at)
        if count is not None:
            out.append(count)
    for phrase in singular_phrases(doc):
        count = read_count(doc, phrase, event_at)
        if count is not None and count.category in SINGULAR_CATEGORIES:
            out.append(count)
    return sorted(out, key=lambda c: c.span)


def singular_phrases(doc: Doc) -> list[NumberPhrase]:
    """Return "a"/"an" before a person noun as the number one ("a soldier was killed").

    Only persons count: a role word (soldier, journalist), a name-like noun (a Navy SEAL)
    or a word for a person; "a plan was executed" is not a count.
    """
    out = []
    for tok in doc:
        if tok.lower_ not in ("a", "an") or tok.dep_ != "det":
            continue
        noun = tok.head
        if noun.tag_ not in ("NN", "NNP") or noun.dep_ not in _OBJECT_DEPS:
            continue
        member = any(c.dep_ == "compound" and c.ent_type_ in ("ORG", "NORP")
                     for c in noun.children) and noun.lemma_.lower() not in NOT_PEOPLE
        if noun.lower_ in PERSON_NOUNS or noun.pos_ == "PROPN" or member \
                or is_role_word(noun.lower_):  # "a Navy SEAL": a member of a named body
            out.append(NumberPhrase(tok.i, tok.i + 1, tok.i, 1.0, False, None))
    return out


@cache
def _role_words() -> frozenset[str]:
    return frozenset(row["term"] for row in ontology_rows("role_terms.tsv"))


def is_role_word(word: str) -> bool:
    """Tell whether a word names a person by role (role_terms.tsv: soldier, minister)."""
    return word in _role_words()


def read_count(doc: Doc, phrase: NumberPhrase, event_at: dict[int, str]) -> Count | None:
    """Return the count a number phrase states, or None when it counts no typed people."""
    anchor = phrase.anchor(doc)
    if any(t.ent_type_ in NOT_PEOPLE_ENTS for t in doc[phrase.start:phrase.end]):
        return None
    if phrase.start > 0 and doc[phrase.start - 1].text in ("$", "€", "£", "¥", "#"):
        return None
    noun = anchor
    if anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod", "appos", "det") \
            and anchor.head.i >= phrase.end and anchor.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        noun = anchor.head
    counted = _of_object(noun) if noun == anchor else noun
    if counted.lemma_.lower() in NOT_PEOPLE or counted.ent_type_ in NOT_PEOPLE_ENTS:
        return None
    found = _category(noun, counted)
    if found is None:
        return None
    category, governor = found
    what_tokens = _phrase_tokens(counted, phrase) if counted != anchor else []
    what = " ".join(t.text for t in what_tokens) if what_tokens else _bare_what(governor)
    end_tok = max([phrase.end - 1, *(t.i for t in what_tokens if t.i - phrase.end < 6)])
    start_char = doc[phrase.qualifier_start].idx
    end_char = doc[end_tok].idx + len(doc[end_tok].text)
    number = None if phrase.value is None else int(round(phrase.value))
    return Count(number=number, category=category, what=what, span=(start_char, end_char),
                 qualifier=phrase.qualifier, vague=phrase.vague,
                 event_id=_event_of(noun, governor, event_at))


def _bare_what(governor: Token | None) -> str:
    """Name what a bare number counts from its governor: the tallied noun phrase ("the
    number of protesters", "the death toll") or the verb itself ("killed")."""
    if governor is None:
        return ""
    for child in governor.children:
        if child.dep_ in ("nsubj", "dobj") and child.lemma_.lower() in _TALLY_NOUNS:
            words = [t for t in child.subtree if t.pos_ != "DET"]
            return " ".join(t.text for t in words)
    return governor.text if governor.pos_ in ("VERB", "AUX", "ADJ") else ""


def _of_object(token: Token) -> Token:
    """Return the people a bare number counts: "dozens of people" → people."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN", "PRON"):
                    return pobj
    return token


def _category(noun: Token, counted: Token) -> tuple[str, Token | None] | None:
    """Return (category, governing token) for a counted noun, verb first, noun second."""
    terms = count_terms()
    for holder in (noun, counted, *counted.conjuncts):
        # "left 23 dead", "shot dead 5 protesters", "40 injured"; a participle on the last
        # conjunct speaks for the group ("15 sailors and marines, captured by ...")
        if holder.lower_ in terms.adjectives and holder.pos_ in ("ADJ", "VERB", "NOUN"):
            return terms.adjectives[holder.lower_], holder
        for child in holder.children:
            if child.dep_ in ("amod", "acomp", "oprd") and child.lower_ in terms.adjectives \
                    and child.i < holder.i:
                return terms.adjectives[child.lower_], child
            if child.dep_ in _PARTICIPLE_DEPS and child.pos_ == "VERB":
                found = _verb_category(child, _participle_role(child))
                if found is not None:
                    return found, child
    role_token = noun
    while role_token.dep_ in ("conj", "appos") and role_token.head != role_token:
        role_token = role_token.head  # "13 and injured 55": each number has its own verb
    if role_token.dep_ == "compound" and role_token.head.lemma_.lower() in terms.nouns:
        return terms.nouns[role_token.head.lemma_.lower()], role_token.head  # "12 villagers hostage"
    head = role_token.head
    if role_token.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") and head.pos_ in ("VERB", "AUX"):
        role = "object" if role_token.dep_ != "nsubj" or _is_bare_passive(head) else "subject"
        if role == "subject" and head.lower_ in terms.adjectives:
            return terms.adjectives[head.lower_], head  # "900 people are missing"
        found = _verb_category(head, role)
        if found is not None:
            return found, head
        for child in head.children:
            if role == "object" and child.dep_ == "xcomp":  # "forced 1.5 million to flee"
                found = _verb_category(child, "subject")
                if found is not None:
                    return found, child
            if role == "object" and child.dep_ == "advcl" and child.tag_ == "VBN":
                found = _verb_category(child, "object")  # "free 15 sailors, captured by ..."
                if found is not None:
                    return found, child
            if child.dep_ in ("acomp", "oprd") and child.lower_ in terms.adjectives:
                return terms.adjectives[child.lower_], child  # "900 are missing"
            if role == "subject" and child.dep_ == "prep" and child.lower_ == "among":
                for pobj in child.children:  # "10,000 monks were among the marchers"
                    category = terms.nouns.get(pobj.lemma_.lower()) or _modified_by(pobj)
                    if category:
                        return category, head  # "20 civilians were among those injured"
            if role == "subject" and child.dep_ == "advcl" and child.tag_ == "VBG":
                found = _verb_category(child, "subject")  # "Marching in the rain, 20,000 ..."
                if found is not None:
                    return found, child
            if role == "subject" and child.dep_ in ("dobj", "obj") \
                    and child.lemma_.lower() in GATHERINGS:
                return "PROTEST", head  # "10,000 people staged a protest"
        tally = _tally(head, role_token)
        if tally is not None:
            return tally, head
    if role_token.dep_ == "pobj":
        prep = role_token.head
        holder = prep.head
        if prep.lower_ in ("including", "among") and holder.pos_ in ("NOUN", "PROPN") \
                and holder != noun:
            return _category(holder, holder)  # "20,000 people, including 10,000 monks"
        if prep.lower_ == "of" and holder.lemma_.lower() in terms.nouns:
            return terms.nouns[holder.lemma_.lower()], holder  # "the killing of 23"
        if prep.lower_ in ("to", "at", "above", "over") and holder.pos_ in ("VERB", "AUX"):
            tally = _tally(holder, role_token)
            if tally is not None:
                return tally, holder
    if role_token.dep_ == "attr" and head.pos_ in ("VERB", "AUX"):
        tally = _tally(head, role_token)
        if tally is not None:
            return tally, head
    for person in (counted, *counted.conjuncts):
        category = terms.nouns.get(person.lemma_.lower()) or terms.nouns.get(person.lower_)
        if category:
            return category, None
    return None


def _verb_category(verb: Token, role: str) -> str | None:
    terms = count_terms()
    table = terms.object_verbs if role == "object" else terms.subject_verbs
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ in ("prt", "acomp", "oprd", "advmod", "amod"):
            phrase = f"{lemma} {child.lower_}"
            if phrase in table or phrase in terms.object_verbs:
                return table.get(phrase) or terms.object_verbs[phrase]
        if child.dep_ in ("dobj", "oprd", "npadvmod", "attr") and lemma == "take":
            category = terms.nouns.get(child.lemma_.lower())
            if category:
                return category  # "took 12 villagers hostage"
    return table.get(lemma)


def _modified_by(noun: Token) -> str | None:
    """Return the category a participle gives a noun ("those injured", "people detained")."""
    for child in noun.children:
        if child.dep_ in _PARTICIPLE_DEPS and child.pos_ == "VERB":
            found = _verb_category(child, _participle_role(child))
            if found:
                return found
    return None


def _participle_role(verb: Token) -> str:
    """Role of the modified noun for a participle: "people killed" object, "people who fled"
    subject."""
    if verb.dep_ == "relcl":
        return "subject" if any(c.dep_ == "nsubj" for c in verb.children) else "object"
    return "subject" if verb.tag_ == "VBG" else "object"


def _is_bare_passive(verb: Token) -> bool:
    """"dozens wounded": a past participle with a subject and no auxiliary reads passive."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _tally(verb: Token, number: Token) -> str | None:
    """Return the category of "the death toll rose to 23" / "the number of refugees reached"
    / "estimates put the number of protesters at 100,000"."""
    lemma = verb.lemma_.lower()
    if lemma not in _TALLY_VERBS and lemma not in _ESTIMATE_VERBS:
        return None
    terms = count_terms()
    holder_dep = "nsubj" if lemma in _TALLY_VERBS else "dobj"
    for subject in verb.children:
        if subject.dep_ != holder_dep or subject.i == number.i:
            continue
        if subject.lemma_.lower() not in _TALLY_NOUNS:
            category = terms.nouns.get(subject.lemma_.lower())
            return category if subject.lemma_.lower() in ("death", "fatality", "casualty") \
                else None
        for child in subject.children:
            if child.dep_ in ("compound", "amod") and child.lemma_.lower() in terms.nouns:
                return terms.nouns[child.lemma_.lower()]  # "death toll"
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    category = terms.nouns.get(pobj.lemma_.lower()) or \
                        terms.adjectives.get(pobj.lower_)
                    if category:
                        return category  # "the number of refugees"
    return None


def _phrase_tokens(noun: Token, phrase: NumberPhrase) -> list[Token]:
    """Return the counted noun phrase's words: modifiers, the noun and its conjuncts."""
    keep = {"amod", "compound", "nmod", "poss", "nummod", "quantmod", "advmod", "det"}
    out = [noun]
    for tok in (noun, *noun.conjuncts):
        if tok != noun:
            out.append(tok)
        for child in tok.children:
            if child.dep_ in keep and child.i < tok.i:
                out.extend(child.subtree)
            if child.dep_ == "cc" and tok == noun and noun.conjuncts:
                out.append(child)
    tokens = sorted({t.i: t for t in out if not (phrase.qualifier_start <= t.i < phrase.end)
                     and t.pos_ != "DET" and not t.is_punct}.values(), key=lambda t: t.i)
    # Keep the words next to each other: "5.4 million Venezuelan migrants and refugees".
    return [t for t in tokens if t.i >= phrase.end or t.i < phrase.qualifier_start]


def _event_of(noun: Token, governor: Token | None, event_at: dict[int, str]) -> str | None:
    """Return the event whose verb governs the count: the governor or a verb above it."""
    tok = governor if governor is not None else noun
    for _ in range(6):
        if tok.idx in event_at:
            return event_at[tok.idx]
        if tok.head == tok or tok.dep_ in ("ccomp", "parataxis"):
            return None
        tok = tok.head
    return None
