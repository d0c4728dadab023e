"""Resolve noun phrases to actors: country and PLOVER sector from names, titles and roles.

Within an article, everything learned about a person from one mention (a title, a
nationality, an apposition: "The head of US diplomacy, Antony Blinken") is remembered
and applied to the others ("Blinken", "Secretary Blinken", "he"). Unnamed domestic groups
("police", "protesters", "the opposition") take the article's focus country when the
phrase names none.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..ontology import gazetteer
from ..ontology.places import PlaceInfo, lookup_place
from ..records import Actor
from .doctext import doc_text
from .mentions import stable_id
from .registry import ActorRegistry, merge_known

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Dependency labels whose subtrees are not part of the noun phrase's own words.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "cc", "conj", "punct", "ccomp",
                          "parataxis", "dep"})
#: Prepositions whose object still describes the head ("head of US diplomacy").
_NP_PREPS = frozenset({"of", "for"})
#: Nouns for a state's territory, which stands for the state when acted on.
TERRITORY = frozenset({"territory", "waters", "airspace", "soil", "border", "coast",
                       "mainland", "coastline"})
#: Arabic name articles joined to a surname ("al-Assad", "el-Sisi").
_NAME_ARTICLES = frozenset({"al", "el", "ad", "as", "ash", "ar", "an", "at", "az"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
#: Pronouns a speaker uses of themself or their side: inside a quote, the quote's speaker.
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
#: A one-word name tagged as a person is read as a city when a city this large has it.
BIG_CITY_POPULATION = 1_000_000
#: Plural nouns for states or their representatives that a region adjective makes a
#: regional body ("Southeast Asian leaders", "African nations"; not "African migrants").
REGION_MEMBERS = frozenset({"leader", "minister", "head", "government", "nation", "state",
                            "country", "president", "premier", "envoy", "delegate"})
#: Sectors that are domestic by nature: with no country named, the focus country applies
#: (unidentified gunmen too: in a story about one country they are of that country).
DOMESTIC_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "CVL",
                              "BUS", "JRN", "LAB", "REL", "MED", "EDU", "AGR", "CRM", "ELI",
                              "UAF"})


@dataclass(frozen=True, slots=True)
class PhraseFacts:
    """What the words of one noun phrase say: country, sector, title, and the name used."""

    country: str | None = None
    sector: str | None = None
    title: str | None = None
    state: bool = False  # the phrase is a state or its metonym acting as a whole
    org_name: str | None = None


def np_tokens(head: Token) -> list[Token]:
    """Return the head's noun-phrase tokens, leaving out clauses, conjuncts and appositions."""
    out = [head]
    stack = list(head.children)
    while stack:
        tok = stack.pop()
        if tok.dep_ in _CLAUSE_DEPS:
            continue
        if tok.dep_ == "prep" and tok.lower_ not in _NP_PREPS:
            continue
        out.append(tok)
        stack.extend(tok.children)
    return sorted(out, key=lambda t: t.i)


def phrase_facts(tokens: list[Token], head: Token | None = None) -> PhraseFacts:
    """Read country, sector and title from the gazetteer matches in a phrase."""
    words = [t.text for t in tokens]
    matches = gazetteer().find_all(words)
    country = sector = title = org_name = region = None
    state = False
    for start, end, info in matches:
        covers_head = head is not None and any(t.i == head.i for t in tokens[start:end])
        if info.kind == "region" and head is not None and head.tag_ in ("NNS", "NNPS") \
                and head.lemma_.lower() in REGION_MEMBERS:
            region = info.country  # "Southeast Asian leaders": the region's states together
        if info.kind in ("state", "demonym", "org") and info.country:
            if country is None or covers_head:
                country = info.country
            if info.kind == "org":
                org_name = info.name
                sector = info.sector or sector
            if info.kind == "state" and covers_head:
                state = True
        if info.kind in ("title", "group") and info.sector:
            if sector is None or covers_head:
                sector = info.sector
            if info.kind == "title":
                title = " ".join(words[start:end])
    if state and sector is None:
        sector = "GOV"
    if country is None and region is not None:
        country, sector = region, sector or "GOV"
    return PhraseFacts(country, sector, title, state and sector == "GOV", org_name)


class ActorResolver:
    """Resolve subject/object tokens of one Doc to actors, with article-level memory."""

    def __init__(self, doc: Doc, registry: ActorRegistry | None = None,
                 published: str | None = None) -> None:
        self.doc = doc
        #: Doc.text is rebuilt from every token on each access; read it once per article.
        self.text = doc_text(doc)
        self.registry = registry if registry is not None else ActorRegistry()
        self.published = published
        self.people: dict[str, Actor] = {}
        self.by_surname: dict[str, str] = {}
        self.dateline_end = _dateline_end(doc)
        self.focus_counts: Counter[str] = Counter()
        self.focus_country = self._focus_country()
        #: Ids of unnamed groups that took the focus country for want of their own.
        self.by_focus: set[str] = set()
        #: Plural nouns whose own words name a country, by lemma (built when first asked).
        self._named_groups: dict[str, list[int]] | None = None
        #: Return an actor without country for unresolved noun phrases (sentence-level
        #: evaluation codes types even when the actor's country is unknown).
        self.keep_unknown = False
        #: Token index inside a direct quote -> its speaker's token ("we" is the speaker),
        #: set by the events step (quotes.speaker_tokens).
        self.quote_speakers: dict[int, Token] = {}
        self._learn_people()

    # -- article-level knowledge -------------------------------------------------------
    def _focus_country(self) -> str | None:
        """Return the country the article is most about (names, demonyms, its cities)."""
        counts = self.focus_counts
        for ent in self.doc.ents:
            if ent.label_ in ("GPE", "NORP", "LOC"):
                country = _country_of_place(ent)
                if country:
                    counts[country] += 1
        return counts.most_common(1)[0][0] if counts else None

    def abroad(self, group: Actor, actor: Actor) -> Actor:
        """Return an unnamed group acted on by a state of the story's own focus country as
        a group of the story's other main country ("the U.S. sanctioned six people" in a
        story as much about Syria as about the U.S.): states act on foreigners' groups.
        The other country must be named at least half as often as the focus country."""
        if group.id not in self.by_focus or group.country != actor.country:
            return group
        home = self.focus_counts.get(actor.country or "", 0)
        other = next((c for c, n in self.focus_counts.most_common()
                      if c != actor.country and 2 * n >= home), None)
        if other is None:
            return group
        name = (group.entity_name or group.entity_text).lower()
        return replace(group, country=other, id="a-" + stable_id(other, group.sector, name))

    def _learn_people(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            if len(ent) == 1 and _is_big_city(ent.text) or _names_state(ent):
                continue  # the small model tags some countries and cities as people
            name = self.canonical_name(ent)
            facts = self._person_facts(ent)
            known = self.people.get(name) or Actor(name, name)
            self.people[name] = replace(
                known,
                country=known.country or facts.country,
                sector=known.sector or facts.sector,
                title=known.title or facts.title,
            )
        for name, person in self.people.items():
            registered, authoritative = self.registry.lookup(name, self.published)
            person = merge_known(person, registered, authoritative)
            self.people[name] = replace(person, id=person.id or "p-" + stable_id(name.lower()))
        for name, person in self.people.items():
            if person.country is None and person.title and person.sector in DOMESTIC_SECTORS:
                # "President Kibaki" in a story about Kenya: a domestic office and no other
                # nationality anywhere in the article is taken to be the focus country's.
                self.people[name] = replace(person, country=self.focus_country)

    def canonical_name(self, ent: Span) -> str:
        """Return the full name a person mention refers to ("Blinken" → "Antony Blinken")."""
        name = ent.text
        for suffix in ("'s", "’s"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
        parts = name.split()
        if len(parts) == 1 and parts[0] in self.by_surname:
            return self.by_surname[parts[0]]
        if len(parts) > 1:
            self.by_surname.setdefault(parts[-1], name)
            article, _, bare = parts[-1].partition("-")
            if bare and article.lower() in _NAME_ARTICLES:  # "al-Assad" is also "Assad"
                self.by_surname.setdefault(bare, name)
        return name

    def _person_facts(self, ent: Span) -> PhraseFacts:
        head = ent.root
        # Walk up through compound/flat names to the head of the whole noun phrase.
        while head.dep_ in ("compound", "flat") and head.head is not head:
            head = head.head
        tokens = [t for t in np_tokens(head) if t.ent_iob_ == "O" or t.ent_type_ != "PERSON"
                  or t.i < ent.start or t.i >= ent.end]
        facts = phrase_facts(tokens, None)
        # Apposition in either direction: "X, the US envoy" / "The head of US diplomacy, X".
        neighbours = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            neighbours.append(head.head)
        for other in neighbours:
            more = phrase_facts(np_tokens(other), other)
            facts = PhraseFacts(facts.country or more.country, facts.sector or more.sector,
                                facts.title or more.title)
        if facts.country and not facts.sector and _names_office(tokens):
            facts = replace(facts, sector="GOV")
        return facts

    # -- resolving one token -------------------------------------------------------------
    def resolve(self, head: Token, exclude: Actor | None = None) -> Actor | None:
        """Return the actor a subject/object head token stands for, or None.

        ``exclude`` is the clause's other party: an object pronoun ("congratulated him")
        never refers back to the clause's own subject.
        """
        return self._resolve(head, exclude)

    def resolve_all(self, head: Token, exclude: Actor | None = None) -> list[Actor]:
        """Resolve a head and its conjuncts ("Ecuador and Peru") to a list of actors."""
        out = []
        for tok in (head, *head.conjuncts):
            actor = self.resolve(tok, exclude)
            if actor is not None and actor not in out:
                out.append(actor)
        vague = head.pos_ == "NOUN" and not phrase_facts(np_tokens(head), head).country
        if not out or vague:
            # "the West, particularly Britain and the United States", "seven men, including
            # two Omani traders": a vague group stands for the members it names (a group
            # that names no country of its own, such as "seven men", yields to them).
            members: list[Actor] = []
            for member in _named_members(head):
                for tok in (member, *member.conjuncts):
                    actor = self.resolve(tok, exclude)
                    if actor is not None and actor not in members:
                        members.append(actor)
            if not out or any(m.country for m in members):
                return [m for m in members if m.country] or members or out
        return out

    def _pronoun(self, token: Token, exclude: Actor | None) -> Actor | None:
        """Resolve he/she/him/her to a person mentioned earlier in the article.

        Subject pronouns prefer the last person who was a grammatical subject (the topic
        of the story); object pronouns take the last person other than ``exclude``.
        """
        subject_role = token.dep_ in ("nsubj", "nsubjpass")
        best: Actor | None = None
        best_subject: Actor | None = None
        for ent in self.doc.ents:
            if ent.start >= token.i:
                break
            if ent.label_ != "PERSON" and not self._known_surname(ent.root):
                continue
            person = self.people.get(self.canonical_name(ent))
            if person is None or (exclude is not None and person.id == exclude.id):
                continue
            best = person
            if _is_subject(ent.root):
                best_subject = person
        return (best_subject or best) if subject_role else best

    def _known_surname(self, token: Token) -> bool:
        return token.pos_ == "PROPN" and token.text in self.by_surname

    def _resolve(self, head: Token, exclude: Actor | None) -> Actor | None:
        if head.i < self.dateline_end:
            # "WASHINGTON, DC - The U.S. Agency ... announced": the parser may make the
            # dateline the subject and the real one its apposition.
            real = next((c for c in head.subtree if c.dep_ == "appos"
                         and c.i >= self.dateline_end), None)
            return self._resolve(real, exclude) if real is not None else None
        low = head.lower_
        if head.pos_ == "PRON":
            speaker = self.quote_speakers.get(head.i) if low in FIRST_PERSON else None
            if speaker is not None and speaker.i != head.i:
                return self._resolve(speaker, exclude)
            if low in _PERSON_PRONOUNS:
                found = self._pronoun(head, exclude)
                if found is not None:
                    return found
            if low == "who" and head.dep_ in ("nsubj", "nsubjpass") \
                    and head.head.dep_ == "relcl" and head.head.head is not head.head:
                # "the leaders, who pledged ...": the noun the relative clause is about
                return self._resolve(head.head.head, exclude)
            if low in ("it", "they") and head.dep_ in ("nsubj", "nsubjpass"):
                reporter = _reporting_subject(head) or _previous_subject(head)
                if reporter is not None:
                    return self._resolve(reporter, exclude)
            if self.keep_unknown and low not in ("it", "this", "that", "which", "what"):
                return Actor(entity_text=head.text, entity_name=head.text,
                             span=(head.idx, head.idx + len(head.text)))
            return None
        appos = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        target = appos[0] if appos and head.ent_type_ != "PERSON" else head
        ent = _entity_of(target)
        if ent is not None and (ent.label_ == "PERSON" or self._known_surname(target)):
            person = self.people.get(self.canonical_name(ent))
            if person is not None:
                return replace(person, entity_text=ent.text,
                               span=(ent.start_char, ent.end_char))
        if head.pos_ == "PROPN" and head.ent_type_ not in ("GPE", "NORP", "ORG", "LOC"):
            # A name the parser did not tag as a person may still be one the registry knows.
            name = _proper_name(head)
            registered, _ = self.registry.lookup(name, self.published)
            if registered is not None:
                start = min(t.idx for t in head.subtree if t.dep_ in ("compound", "flat")
                            or t is head)
                return replace(registered, entity_text=name,
                               span=(start, head.idx + len(head.text)))
        tokens = [t for t in np_tokens(head) if t.i >= self.dateline_end]
        facts = phrase_facts(tokens, head)
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        if facts.country is None and facts.sector is None and head.pos_ == "PROPN":
            # A city acted on ("shelled Kharkiv") stands for its country.
            place = self._place(head)
            if place is not None:
                ent = _entity_of(head) or head.doc[head.i:head.i + 1]
                return Actor(entity_text=ent.text, entity_name=place.name,
                             country=place.country, span=(ent.start_char, ent.end_char),
                             id="a-" + stable_id(place.country, None, place.name.lower()))
        text = self.text[span[0]:span[1]]
        if facts.country is None and _definite_plural(head):
            earlier = self._earlier_group(head)
            if earlier is not None:  # "the foreign ministers": those named before
                return replace(earlier, entity_text=text, span=span)
        if facts.country is None and facts.sector is None:
            owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"),
                         None) if head.pos_ == "NOUN" else None
            if owner is not None:  # "rejected Maduro's authority": the owner is the party
                found = self._resolve(owner, exclude)
                if found is not None:
                    return found
            if self.keep_unknown and head.pos_ in ("NOUN", "PROPN"):
                return Actor(entity_text=text, entity_name=text, span=span)
            return None
        if head.pos_ == "NOUN" and facts.sector is None and not facts.state \
                and facts.org_name is None and not self.keep_unknown:
            # A thing, not an actor: "Canadian wheat", "Brazil's debt position". Only a
            # possessor can act through it ("North Korea's nuclear test"), and a state's
            # territory stands for the state ("fired toward South Korean territory").
            if facts.country and head.lemma_.lower() in TERRITORY:
                return Actor(entity_text=text, entity_name=text, country=facts.country,
                             sector="GOV", span=span,
                             id="a-" + stable_id(facts.country, "GOV", text.lower()))
            owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"),
                         None)
            return self._resolve(owner, exclude) if owner is not None else None
        if facts.title and head.pos_ != "PROPN":
            person = self._holder_of_title(facts)
            if person is not None:
                return replace(person, entity_text=text, span=span)
        country = facts.country
        by_focus = False
        if country is None and facts.sector is not None:
            country = _located_in(head) or self._possessor_country(head)
        if country is None and facts.sector in DOMESTIC_SECTORS and not facts.title:
            # Unnamed groups ("police", "protesters") belong to the story's country; a bare
            # title ("the President") does not: it may be anyone's.
            country = self.focus_country
            by_focus = True
        name = facts.org_name or text
        actor = Actor(entity_text=text, entity_name=name, country=country, sector=facts.sector,
                      title=facts.title, id="a-" + stable_id(country, facts.sector, name.lower()),
                      span=span)
        if by_focus and actor.id:
            self.by_focus.add(actor.id)
        return actor


    def _earlier_group(self, head: Token) -> Actor | None:
        """Return the group a definite plural noun repeats: the last earlier mention with
        the same head noun whose own words name its country ("ASEAN foreign ministers met
        ... the foreign ministers issued a statement")."""
        if self._named_groups is None:  # once per article: plural nouns naming a country
            self._named_groups = {}
            for tok in self.doc[self.dateline_end:]:
                if tok.tag_ == "NNS" and tok.pos_ == "NOUN" \
                        and phrase_facts(np_tokens(tok), tok).country:
                    self._named_groups.setdefault(tok.lemma_, []).append(tok.i)
        places = self._named_groups.get(head.lemma_, [])
        before = bisect_left(places, head.i)
        return self._resolve(self.doc[places[before - 1]], None) if before else None

    def _place(self, head: Token) -> PlaceInfo | None:
        """Return the city a proper noun names, trusting the tagger's label for small ones.

        GPE/LOC/FAC spans are looked up as they are; a span tagged otherwise counts only
        when it is a city of a million people or more (spaCy's small model calls Kharkiv a
        person), never when it is the name of a person in this article.
        """
        ent = _entity_of(head)
        text = ent.text if ent is not None else head.text
        place = lookup_place(text, self.focus_country)
        if place is None:
            return None
        if ent is not None and ent.label_ in ("GPE", "LOC", "FAC"):
            return place
        if place.population >= BIG_CITY_POPULATION and text not in self.by_surname \
                and not any(len(p.split()) > 1 and text in p.split() for p in self.people):
            return place
        return None

    def _possessor_country(self, head: Token) -> str | None:
        """Return the country behind "its"/"their" ("Russia's ministry said its forces…").

        The possessor is taken to be the subject of the clause that reports this one.
        """
        person = next((c for c in head.children if c.dep_ == "poss"
                       and c.lower_ in ("his", "her")), None)
        if person is not None:  # "Soe Win ... his government": the person's country
            found = self._pronoun(person, None)
            return found.country if found is not None else None
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children):
            return None
        verb = head.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
            verb = verb.head
        for _ in range(3):
            if verb.dep_ not in ("ccomp", "conj", "xcomp", "advcl") or verb.head is verb:
                return None
            verb = verb.head
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.i != head.i:
                facts = phrase_facts(np_tokens(subject), subject)
                if facts.country:
                    return facts.country
        return None

    def _holder_of_title(self, facts: PhraseFacts) -> Actor | None:
        """Return the one person of the article who holds this title ("the Secretary")."""
        title = (facts.title or "").lower()
        fits = [p for p in self.people.values() if p.title
                and (facts.country is None or p.country == facts.country)]
        exact = [p for p in fits if p.title.lower() == title]
        if len(exact) == 1:
            return exact[0]
        words = set(title.split())
        same = [p for p in fits if words & set(p.title.lower().split())]
        return same[0] if len(same) == 1 else None


def _reporting_subject(pronoun: Token) -> Token | None:
    """Return X in "X said it would ...": the subject of the clause reporting this one,
    when that subject is a name or a noun (never another pronoun)."""
    clause = pronoun.head
    if clause.dep_ != "ccomp" or clause.head is clause:
        return None
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    return subject


def _previous_subject(pronoun: Token) -> Token | None:
    """Return what a sentence-opening "it"/"they" refers to: the previous sentence's main
    subject, when that is a named organisation or state ("The Alliance called for a boycott.
    A day earlier, it had urged ...")."""
    sent = pronoun.sent
    if sent.start == 0 or pronoun.head.dep_ != "ROOT" or any(
            t.dep_ in ("nsubj", "nsubjpass") for t in sent[:pronoun.i - sent.start]):
        return None
    root = pronoun.doc[sent.start - 1].sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if root.pos_ == "PROPN":  # "The X Alliance, an underground group, called for ...":
        subject = root       # the parser made the name the root, the verb its clause
    if subject is None:
        return None
    if pronoun.lower_ == "they" and pronoun.dep_ == "nsubj" and subject.pos_ == "NOUN" \
            and subject.tag_ == "NNS" and phrase_facts(np_tokens(subject), subject).sector:
        return subject  # "The Southeast Asian leaders met. They signed ..."
    if subject.ent_type_ not in ("ORG", "GPE", "NORP"):
        return None
    if pronoun.lower_ == "it" and subject.tag_ in ("NNS", "NNPS"):
        return None
    return subject
def _definite_plural(head: Token) -> bool:
    """Tell whether a noun is a definite plural that may repeat an earlier group ("the
    leaders", "these ministers")."""
    return head.pos_ == "NOUN" and head.tag_ == "NNS" and any(
        c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in head.children)


def _named_members(head: Token) -> list[Token]:
    """Return the members a group phrase names in apposition or after "including"."""
    out = [c for c in head.children if c.dep_ == "appos"]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "including" or prep.dep_ == "prep" \
                and prep.lower_ == "include":
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _dateline_end(doc: Doc) -> int:
    """Return the token index after a wire dateline ("DOHA —", "SEOUL, March 3 (Reuters) -")."""
    for tok in doc[:12]:
        if tok.text in ("—", "–", "-", "--") and tok.i > 0:
            before = doc[: tok.i]
            if all(t.is_upper or t.is_punct or t.like_num or t.ent_type_ == "DATE"
                   or t.text in ("(", ")") for t in before if not t.is_space) \
                    and any(t.is_upper for t in before):
                return tok.i + 1
            return 0
    return 0


def place_country(ent: Span) -> str | None:
    """Return the country a place entity (GPE/LOC) names: a country, demonym or city."""
    return _country_of_place(ent)


def _country_of_place(ent: Span) -> str | None:
    """Return the country a GPE/NORP/LOC entity names: a country, demonym, or city."""
    words = [t.text for t in ent if t.lower_ not in ("the", "'s", "’s")]
    info = gazetteer().lookup(words)
    if info and info.country and info.kind in ("state", "demonym"):
        return info.country
    if ent.label_ in ("GPE", "LOC"):
        place = lookup_place(" ".join(words))
        return place.country if place else None
    return None


def _located_in(head: Token) -> str | None:
    """Return the country of an "in <place>" phrase on a group ("police in Lagos"), or of
    the body a member belongs to ("a leader within Iran's Revolutionary Guard")."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "of", "within"):
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                ent = _entity_of(pobj)
                if ent is not None and ent.label_ in ("GPE", "LOC"):
                    country = _country_of_place(ent)
                    if country or prep.lower_ != "within":
                        return country
                if prep.lower_ == "within":
                    return phrase_facts(np_tokens(pobj), pobj).country
    return None


def _names_state(ent: Span) -> bool:
    """Tell whether an entity is exactly a country's name ("Togo" tagged as a person)."""
    info = gazetteer().lookup([t.text for t in ent if t.lower_ != "the"])
    return info is not None and info.kind == "state"


def _is_big_city(text: str) -> bool:
    place = lookup_place(text)
    return place is not None and place.population >= BIG_CITY_POPULATION


def _proper_name(head: Token) -> str:
    """Return "Nia Omondi" for the head "Omondi" with its compound first name."""
    parts = [t for t in head.children if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"]
    return " ".join(t.text for t in sorted([*parts, head], key=lambda t: t.i))


def _is_subject(token: Token) -> bool:
    while token.dep_ in ("compound", "flat", "appos") and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _entity_of(token: Token) -> Span | None:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


_OFFICE_WORDS = frozenset({"head", "chief", "leader", "diplomacy", "government", "official",
                           "representative", "delegate", "delegation"})


def _names_office(tokens: list[Token]) -> bool:
    return any(t.lower_ in _OFFICE_WORDS for t in tokens)
