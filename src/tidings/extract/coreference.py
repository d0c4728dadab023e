"""Group an article's mentions by entity: names, titles and pronouns under one canonical name.

The ``mentions`` step lists what the tagger found; this step, run after the actor resolver,
regroups it with what the resolver knows about the article's people. "Antony Blinken",
"Blinken", "Secretary Blinken", "the US Secretary of State" and "he" become mentions of one
entity whose id is the resolver's person id, so the same person gets the same id in every
article (``p-`` + a hash of the full name, or the registry's id when the registry knows him).

What the small spaCy model gets wrong is repaired with two checks that hold for the
language, not for one text: a known surname is a person whatever label the tagger gave it
("Blinken" tagged GPE), and a multi-word name the tagger called an organisation or a place
is re-read out of context — "Nicolás Maduro's mandate" is tagged ORG in its sentence but
PERSON alone, while "General Motors" stays ORG either way.

Places and organisations are grouped by what the gazetteer says they are: "US", "the United
States" and "United States'" are one entity (country USA); "UN" and "United Nations" too.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..ontology import gazetteer
from ..ontology.gazetteer import tokens_of
from ..ontology.places import city_candidates, lookup_place
from ..records import Actor, Mention
from .actors import ActorResolver, np_tokens, phrase_facts
from .geocode import country_named
from .mentions import clean_name, stable_id
from .pipeline import Known, register

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Pronouns that refer to one person.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
#: Tagger labels a mistagged person name hides under.
_RELABELLED = frozenset({"ORG", "FAC", "GPE", "LOC", "NORP", "PRODUCT", "WORK_OF_ART"})
#: Dependency roles of a noun that heads its own phrase (a nominal mention may start there).
_PHRASE_HEADS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "pobj", "appos", "conj",
                           "attr", "ROOT", "dative", "npadvmod"})
#: A city this large is meant when the tagger calls its name a group or organisation.
_CITY_NOT_ORG = 300_000
#: Mention kinds: a proper name, a title or description, a pronoun.
KINDS = ("name", "nominal", "pronoun")


def _reads_as_person(texts: list[str], frames: tuple[str, ...] = ("{}",)) -> set[str]:
    """Return which names the tagger calls a person when they stand alone (or in one of
    ``frames``)."""
    if not texts:
        return set()
    from ..annotate import load_model

    nlp = load_model()
    out = set()
    for frame in frames:
        framed = [frame.format(t) for t in texts]
        for text, doc in zip(texts, nlp.pipe(framed), strict=True):
            if any(e.label_ == "PERSON" and e.text == text for e in doc.ents):
                out.add(text)
    return out


class _Grouper:
    """Assign entity ids and canonical names, reading the resolver's article memory."""

    def __init__(self, doc: Doc, resolver: ActorResolver, article_id: str) -> None:
        self.doc = doc
        self.resolver = resolver
        self.article_id = article_id
        #: person ids by canonical name (the resolver's people plus names found here).
        self.persons: dict[str, Actor] = dict(resolver.people)
        #: full names by surname; a copy, so the resolver the events used stays as it was.
        self.surnames: dict[str, str] = dict(resolver.by_surname)

    def person(self, name: str) -> Actor:
        """Return the person a name stands for, learning a full name the resolver missed."""
        if name in self.persons:
            return self.persons[name]
        parts = name.split()
        if len(parts) == 1 and name in self.surnames:
            full = self.surnames[name]
            if full in self.persons:
                return self.persons[full]
        surname = next((p for p in self.persons.values()
                        if len(parts) == 1 and p.entity_name.split()[-1] == name), None)
        if surname is not None:
            return surname
        registered, _ = self.resolver.registry.lookup(name, self.resolver.published)
        actor = Actor(name, name, id=(registered.id if registered and registered.id
                                      else "p-" + stable_id(name.lower())))
        if registered is not None:
            actor = replace(actor, country=registered.country, sector=registered.sector,
                            title=registered.title)
        if len(parts) > 1:
            self.surnames.setdefault(parts[-1], name)
        self.persons[name] = actor
        return actor

    def is_person_name(self, name: str, label: str, reread: set[str]) -> bool:
        if label == "PERSON":
            # The small model tags places as persons ("Burma", "Tal Afar"): a name that
            # is a place and that the article never uses with a title is the place.
            known = self.persons.get(name)
            if country_named(name) is not None:
                return False
            return not (city_candidates(name.lower()) and (known is None or not known.title)
                        and name not in self.surnames)
        if name in self.persons or name in reread:
            return True
        if len(name.split()) == 1 and name in self.surnames:
            # A surname of this article's people ("Blinken" tagged GPE), unless it is
            # also a place the article may mean ("Washington" beside George Washington).
            return label not in ("GPE", "LOC") or lookup_place(name) is None
        return False

    def mention(self, start: int, end: int, text: str, label: str, entity_id: str,
                canonical: str, kind: str) -> Mention:
        return Mention(id="m-" + stable_id(self.article_id, start, end), text=text,
                       label=label, span=(start, end), entity_id=entity_id,
                       canonical=canonical, kind=kind)


def _entity_key(label: str, name: str) -> tuple[str, str, str]:
    """Return (label, canonical, key) for a non-person name, normalised by the gazetteer:
    countries by code, organisations by name, nationalities by country; a name tagged as a
    group or organisation that only a city bears ("Mombasa") is a place."""
    country = country_named(name) if label in ("GPE", "LOC", "ORG", "NORP") else None
    if country is not None:
        return "GPE", country[1], f"GPE|{country[0]}"
    info = gazetteer().lookup(tokens_of(name))
    if info is not None and info.kind == "org":
        return "ORG", info.name, f"ORG|{info.name.lower()}"
    if info is not None and info.kind == "demonym" and label in ("NORP", "ORG", "GPE"):
        return "NORP", name, f"NORP|{info.country}"
    if (info is None or info.kind == "state") and label in ("NORP", "ORG") and _city_name(name):
        return "GPE", name, f"GPE|{name.lower()}"
    return label, name, f"{label}|{name.lower()}"


def _city_name(name: str) -> bool:
    """Tell whether a name is a city large enough not to be a company or group's name."""
    cities = city_candidates(name.lower())
    return bool(cities) and cities[0].population >= _CITY_NOT_ORG


@register("coreference", requires=("mentions", "actors"), assigns="mentions")
def group_mentions(doc: Doc, known: Known) -> list[Mention]:
    """Return the article's mentions grouped by entity: names, then titles and pronouns."""
    resolver: ActorResolver = known["actors"]
    grouper = _Grouper(doc, resolver, known["article"].id)
    found = [_extend_name(doc, m) for m in known["mentions"]]
    found += _untagged_names(doc, found)
    names = [_plain_case(clean_name(m.text)) for m in found]
    reread = _reads_as_person([n for m, n in zip(found, names, strict=True)
                               if m.label in _RELABELLED and len(n.split()) > 1
                               and n[:1].isupper() and gazetteer().lookup(tokens_of(n)) is None])
    out: list[Mention] = []
    person_spans: list[tuple[int, int, Actor]] = []
    for m, name in zip(found, names, strict=True):
        if not name:
            continue
        start, end = m.span
        if grouper.is_person_name(name, m.label, reread):
            person = grouper.person(name)
            out.append(grouper.mention(start, end, m.text, "PERSON", person.id or "",
                                       person.entity_name, "name"))
            person_spans.append((start, end, person))
            continue
        label, canonical, key = _entity_key("GPE" if m.label == "PERSON" else m.label, name)
        out.append(grouper.mention(start, end, m.text, label, "e-" + stable_id(key),
                                   canonical, "name"))
    taken = [(m.span[0], m.span[1]) for m in out]
    out.extend(_nominal_mentions(doc, grouper, person_spans, taken))
    out.extend(_pronoun_mentions(doc, grouper))
    return sorted(out, key=lambda m: m.span)


def _plain_case(name: str) -> str:
    """Return an all-capital name as a name is written ("RICE" → "Rice")."""
    return name.title() if name.isupper() and len(name) > 3 else name


def _name_token(tok: Token) -> bool:
    """Tell whether a token can continue a name: capitalised, untagged, not a common word."""
    return (tok.text[:1].isupper() and not tok.ent_type_ and not tok.is_stop
            and not tok.is_sent_start and tok.pos_ in ("PROPN", "NUM", "X", "NOUN"))


def _extend_name(doc: Doc, m: Mention) -> Mention:
    """Extend a person's name over the name words the tagger left out ("Aung San| Suu Kyi")."""
    if m.label != "PERSON":
        return m
    span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
    if span is None:
        return m
    end = span.end
    while end < len(doc) and _name_token(doc[end]) and doc[end].pos_ != "NOUN":
        end += 1
    if end == span.end:
        return m
    stop = doc[end - 1].idx + len(doc[end - 1].text)
    return replace(m, text=doc.text[m.span[0]:stop], span=(m.span[0], stop))


def _untagged_names(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Return runs of two or more capitalised proper nouns the tagger gave no label that
    read as a person's name on their own ("AAPP's Bo Kyi, who serves…")."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and _name_token(doc[j]):
            j += 1
        if j - i >= 2:
            runs.append((doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)))
        i = max(j, i + 1)
    taken = [m.span for m in found]
    runs = [r for r in runs if not any(s < r[1] and r[0] < e for s, e in taken)]
    # Untagged words get a second reading as a speaker ("Bo Kyi said."): either will do.
    people = _reads_as_person([doc.text[s:e] for s, e in runs], ("{}", "{} said."))
    return [Mention(id="", text=doc.text[s:e], label="PERSON", span=(s, e))
            for s, e in runs if doc.text[s:e] in people]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _nominal_mentions(doc: Doc, grouper: _Grouper, person_spans: list[tuple[int, int, Actor]],
                      taken: list[tuple[int, int]]) -> list[Mention]:
    """Return title mentions of the article's people ("the Secretary", "the head of X, Y").

    A noun phrase refers to a person when it stands in apposition to the person's name, or
    when its title is held by exactly one person of the article.
    """
    out = []
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in _PHRASE_HEADS:
            continue
        if tok.i < grouper.resolver.dateline_end or _inside(tok.idx, tok.idx + 1, taken):
            continue
        tokens = [t for t in np_tokens(tok) if t.pos_ not in ("PUNCT",)]
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if any(s < end and start < e for s, e, _ in person_spans):
            continue  # the phrase holds a name ("Secretary Blinken"): the name is the mention
        person = _apposed_person(tok, person_spans) or _title_holder(tokens, tok, grouper)
        if person is None:
            continue
        out.append(grouper.mention(start, end, doc.text[start:end], "PERSON", person.id or "",
                                   person.entity_name, "nominal"))
        taken.append((start, end))
    return out


def _apposed_person(tok: Token, person_spans: list[tuple[int, int, Actor]]) -> Actor | None:
    others = [c for c in tok.children if c.dep_ == "appos"]
    if tok.dep_ == "appos":
        others.append(tok.head)
    for other in others:
        for start, end, person in person_spans:
            if start <= other.idx < end:
                return person
    return None


def _title_holder(tokens: list[Token], head: Token, grouper: _Grouper) -> Actor | None:
    facts = phrase_facts(tokens, head)
    if not facts.title or facts.title.lower() != head.lower_ and head.lower_ not in \
            facts.title.lower().split():
        return None  # the title must be the phrase's head, not a modifier ("the President's plan")
    return grouper.resolver._holder_of_title(facts)  # noqa: SLF001 (the resolver's own rule)


def _pronoun_mentions(doc: Doc, grouper: _Grouper) -> list[Mention]:
    """Return he/she/him/her/his mentions resolved by the actor resolver's pronoun rule."""
    out = []
    for tok in doc:
        if tok.lower_ not in PERSON_PRONOUNS or tok.pos_ != "PRON":
            continue
        person = grouper.resolver.resolve(tok)
        if person is None or not (person.id or "").startswith("p-"):
            continue
        out.append(grouper.mention(tok.idx, tok.idx + len(tok.text), tok.text, "PERSON",
                                   person.id or "", person.entity_name, "pronoun"))
    return out
