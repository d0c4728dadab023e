"""Quotes: direct quotes in quotation marks and reported speech, with their speakers.

Direct quotes are found in the raw text (straight "…" and curly “…” marks, «…»), including
quotes split around their attribution (“…,” he said, “…”) and quotes running over several
sentences or paragraphs (a paragraph that ends inside a quote and a next one that opens
with a mark continue it, as news style writes them). Each quote's speaker is the subject of
the nearest speech verb outside the marks in the quote's own sentences ("said", "told",
"warned", "according to"); a quote with no attribution of its own continues the quote just
before it when nothing else was attributed between them; one introduced by a sentence that
ends in a colon takes that sentence's speaker. Reported speech is a speech verb with a
clausal complement ("X said that …") or an "according to X" phrase, outside direct quotes.

Speakers are resolved with the article's ActorResolver, so "he", "Blinken" and "the
Secretary" become the full actor. A noun phrase the resolver cannot place ("a witness")
stays as written; a quote with no speaker is kept with speaker None.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..records import Actor, Quote
from .actors import ActorResolver, np_tokens
from .clauses import subject_of
from .doctext import doc_text
from .pipeline import Known, register

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Verbs (lemmas) that introduce speech or writing.
_SPEECH_VERBS_WORDS = """
say tell add state declare announce explain insist warn note claim argue write tweet post ask
reply respond continue conclude stress emphasize emphasise remark recall acknowledge admit deny
complain urge suggest report confirm vow promise predict describe comment observe exclaim shout
whisper testify quip caution assert maintain contend concede lament allege agree disclose
reveal reiterate underline proclaim pledge boast joke muse recount inform assure told
"""
SPEECH_VERBS = frozenset(_SPEECH_VERBS_WORDS.split())
#: Speech verbs that are reported speech only with a clause ("warned that ..."), never alone.
_CLAUSE_ONLY = frozenset({"agree", "promise", "pledge", "vow", "ask", "urge", "suggest",
                          "describe", "continue", "recall", "post"})
#: Objects of "tell" that are an audience, not a message ("told reporters that …").
AUDIENCES = frozenset({"reporter", "journalist", "briefing", "conference", "meeting", "session",
                       "interview", "parliament", "assembly", "lawmaker", "crowd", "audience",
                       "supporter", "people", "nation", "senator", "legislator", "court",
                       "council", "committee", "press", "media", "radio", "television"})
#: A quote shorter than this many words with no attribution is a scare quote, not speech.
MIN_UNATTRIBUTED_WORDS = 4
#: A partial quote inside someone's clause needs this many words ("a “betrayal”" is a label).
MIN_PARTIAL_WORDS = 2
_OPENERS = {"“": "”", "«": "»", "„": "“"}
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you", "him", "her", "them"})


@dataclass(slots=True)
class _Segment:
    start: int  # first character inside the marks
    end: int  # first character after the quoted text (the closing mark)
    speaker: Actor | None = None
    verb: str | None = None
    attributed: bool = False


_SEGMENTS_KEY = "tidings.quote_segments"


@register("quotes", requires=("actors",), assigns="quotes")
def extract_quotes(doc: Doc, known: Known) -> list[Quote]:
    """Return the article's direct quotes and reported speech, in text order."""
    resolver: ActorResolver = known["actors"]
    segments = _doc_segments(doc)
    quotes = _direct_quotes(doc, segments, resolver)
    quotes.extend(_reported_speech(doc, segments, resolver))
    return sorted(quotes, key=lambda q: q.span)


def speaker_tokens(doc: Doc) -> dict[int, Token]:
    """Return, for each token inside an attributed direct quote, the token of its speaker.

    In news English the speaker of a quote is the "we" and "I" inside it ("'We will
    respond,' the army chief said"): the event coder reads those pronouns as the speaker.
    Only a quote with its own speech verb and a speaker outside its marks counts; a quote
    without one (a title, a slogan, a scare quote) maps nothing.
    """
    text = doc_text(doc)
    segments = _doc_segments(doc)
    inside = _inside_mask(doc, segments)
    out: dict[int, Token] = {}
    for seg in segments:
        verb, speaker = _attribution(doc, seg, inside)
        if verb is None or speaker is None or speaker.i in inside:
            continue
        span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
        if span is None or not _set_off(text, seg):
            continue
        out.update((i, speaker) for i in range(span.start, span.end))
    return out


def _doc_segments(doc: Doc) -> list[_Segment]:
    """The article's quote segments, scanned for once per Doc (the event coder reads them,
    for quotes' speakers, before the quotes step does). Each call gets fresh segments,
    since the quotes step fills in their speakers."""
    bounds = doc.user_data.get(_SEGMENTS_KEY)
    if bounds is None:
        bounds = doc.user_data[_SEGMENTS_KEY] = tuple(
            (seg.start, seg.end) for seg in quote_segments(doc_text(doc)))
    return [_Segment(start, end) for start, end in bounds]


def _set_off(text: str, seg: _Segment) -> bool:
    """Tell whether a quote is set off as speech, as print does it: it opens a sentence or
    follows a comma, colon or dash ("he said: “…”"), or it ends in the punctuation of a
    finished utterance (“…,” he said). A title or slogan inside a phrase ("his memoir “We
    Fought Iraq” tells") is neither."""
    before = text[max(0, seg.start - 80):max(0, seg.start - 1)].rstrip()
    inner = text[seg.start:seg.end].rstrip()
    return not before or before[-1] in ".!?:,;—–-\n\"”" or inner[-1:] in (",", ".", "?", "!")


# -- finding the marks ------------------------------------------------------------------
def paragraph_breaks(text: str) -> list[int]:
    """Return the offsets of the newlines that end paragraphs.

    Blank lines separate paragraphs when the text has any; a hard-wrapped text without them
    (wire copy: short lines, paragraphs indented) breaks only before an indented line;
    otherwise every newline ends a paragraph.
    """
    if re.search(r"\n[ \t]*\n", text):
        return [m.start() for m in re.finditer(r"\n(?=[ \t]*\n)", text)]
    lines = text.split("\n")
    if len(lines) > 3 and sum(len(line) for line in lines) / len(lines) < 90:
        return [m.start() for m in re.finditer(r"\n(?=[ \t])", text)]
    return [m.start() for m in re.finditer(r"\n", text)]


def quote_segments(text: str) -> list[_Segment]:
    """Return the spans inside quotation marks, in order.

    A straight mark opens after a space, a line start or an opening bracket or dash, and
    closes otherwise. A paragraph that ends inside a quote closes it there; if the next
    paragraph opens with a mark, that quote continues (it becomes a separate segment that
    ``_direct_quotes`` joins to the speaker of the first).
    """
    out: list[_Segment] = []
    breaks = set(paragraph_breaks(text))
    open_at: int | None = None
    closer = ""
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None and i in breaks:
            if i > open_at and text[open_at:i].strip():
                out.append(_Segment(open_at, _rstrip(text, open_at, i)))
            open_at = None
            continue
        if open_at is None:
            if ch in _OPENERS or ch == '"' and _opens(text, i):
                open_at, closer = i + 1, _OPENERS.get(ch, '"')
        elif ch == closer or ch == "”" or ch == '"' and closer in ('"', "”"):
            if text[open_at:i].strip():
                out.append(_Segment(open_at, i))
            open_at = None
    if open_at is not None and text[open_at:].strip():
        out.append(_Segment(open_at, _rstrip(text, open_at, len(text))))
    return out


def _breaks(doc: Doc) -> list[int]:
    """Return the Doc's paragraph breaks, found once."""
    cached = doc.user_data.get("tidings_paragraph_breaks")
    if not isinstance(cached, list):
        cached = doc.user_data["tidings_paragraph_breaks"] = paragraph_breaks(doc_text(doc))
    return cached


def _paragraph(breaks: list[int], start: int, end: int, size: int) -> tuple[int, int]:
    """Return the (start, end) offsets of the paragraph holding [start, end)."""
    before = bisect_left(breaks, start) - 1
    after = bisect_right(breaks, end - 1)
    return (breaks[before] + 1 if before >= 0 else 0,
            breaks[after] if after < len(breaks) else size)


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:") and not after.isspace()


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# -- direct quotes -------------------------------------------------------------------------
def _direct_quotes(doc: Doc, segments: list[_Segment], resolver: ActorResolver) -> list[Quote]:
    out: list[Quote] = []
    inside = _inside_mask(doc, segments)
    previous: _Segment | None = None
    for seg in segments:
        verb, speaker_tok = _attribution(doc, seg, inside)
        if verb is not None:
            seg.verb = verb.lemma_.lower() if verb.lower_ != "according" else "according to"
            seg.attributed = True
            if speaker_tok is not None:
                seg.speaker = _speaker(speaker_tok, resolver)
        elif previous is not None and previous.attributed and _continues(doc, previous, seg):
            seg.speaker, seg.verb, seg.attributed = previous.speaker, previous.verb, True
        else:
            found = _colon_intro(doc, seg, inside)
            if found is None and len(doc_text(doc)[seg.start:seg.end].split()) >= MIN_PARTIAL_WORDS:
                found = _embedding_clause(doc, seg)  # one quoted word is a label, not speech
            if found is not None:
                seg.verb, seg.speaker = found[0], _speaker(found[1], resolver)
                seg.attributed = True
        words = len(doc_text(doc)[seg.start:seg.end].split())
        if not seg.attributed and words < MIN_UNATTRIBUTED_WORDS:
            continue
        if seg.attributed and words < MIN_UNATTRIBUTED_WORDS and seg.verb is None:
            continue
        text = doc_text(doc)[seg.start:seg.end].strip()
        out.append(Quote(text=text, span=(seg.start, seg.start + len(text)),
                         speaker=seg.speaker, verb=seg.verb, direct=True))
        previous = seg
    return out


def _inside_mask(doc: Doc, segments: list[_Segment]) -> set[int]:
    """Return the indices of tokens inside quotation marks (or the marks themselves)."""
    out: set[int] = set()
    for seg in segments:
        span = doc.char_span(max(0, seg.start - 1), min(len(doc_text(doc)), seg.end + 1),
                             alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


class _Sentences:
    """The Doc's sentences with their start offsets, listed once (Token.sent rescans)."""

    def __init__(self, doc: Doc) -> None:
        self.spans = list(doc.sents)
        self.starts = [s.start_char for s in self.spans]

    def covering(self, start: int, end: int) -> list[Span]:
        """Return the sentences overlapping the characters [start, end)."""
        first = max(0, bisect_right(self.starts, start) - 1)
        last = max(first, bisect_left(self.starts, end))
        return self.spans[first:last]


def _quote_sentences(doc: Doc, seg: _Segment) -> list[Span]:
    """Return the sentences the quote (with its marks) overlaps."""
    return _sentences(doc).covering(max(0, seg.start - 1), seg.end + 1)


def _sentences(doc: Doc) -> _Sentences:
    cached = doc.user_data.get("tidings_sentences")
    if not isinstance(cached, _Sentences):
        cached = doc.user_data["tidings_sentences"] = _Sentences(doc)
    return cached


def _attribution(doc: Doc, seg: _Segment, inside: set[int]) -> tuple[Token | None, Token | None]:
    """Return (speech verb, speaker token) for a quote from the words around its marks.

    Only the quote's own sentences within its paragraph are searched, outside any
    quotation marks; the verb
    nearest the quote wins, and one after the quote beats one before at equal distance.
    """
    best: tuple[int, Token, Token | None] | None = None
    para_start, para_end = _paragraph(_breaks(doc), seg.start, seg.end, len(doc_text(doc)))
    for sent in _quote_sentences(doc, seg):
        for tok in sent:
            if tok.i in inside or tok.lemma_.lower() in _CLAUSE_ONLY \
                    or not para_start <= tok.idx < para_end:
                continue
            speaker = _speech_subject(tok)
            if speaker is _NOT_SPEECH:
                continue
            if tok.idx >= seg.end:
                distance = len(doc_text(doc)[seg.end:tok.idx].split())
            else:
                distance = len(doc_text(doc)[tok.idx:seg.start].split()) + 1
            if _crosses_other_quote(doc, tok, seg, inside):
                continue
            if best is None or distance < best[0]:
                best = (distance, tok, speaker)  # type: ignore[assignment]
    if best is None:
        return None, None
    return best[1], best[2]


def _crosses_other_quote(doc: Doc, tok: Token, seg: _Segment, inside: set[int]) -> bool:
    """Tell whether another quote lies between a verb and this quote (then it is that
    quote's verb)."""
    own = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    if own is None:
        return False
    lo, hi = (tok.i + 1, own.start - 1) if tok.i < own.start else (own.end + 1, tok.i)
    return any(i in inside for i in range(lo, hi))


_NOT_SPEECH = object()


def _speech_subject(tok: Token) -> Token | None | object:
    """Return the speaker token of a speech verb (None when it has none), or _NOT_SPEECH."""
    if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
        for prep in tok.children:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
        return None
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in SPEECH_VERBS:
        return _NOT_SPEECH
    if tok.dep_ in ("amod", "compound") or tok.tag_ == "VBN" and tok.dep_ == "acl":
        return _NOT_SPEECH  # "the announced plan", "a statement issued"
    subject, passive = subject_of(tok)
    if passive:
        return None
    if subject is None and tok.dep_ in ("pcomp", "advcl", "xcomp"):
        # "was quoted as saying": the quoted person is the passive subject above.
        head = tok.head.head if tok.head.dep_ == "prep" else tok.head
        for child in head.children:
            if child.dep_ in ("nsubjpass", "nsubj"):
                return child
    return subject


def _continues(doc: Doc, previous: _Segment, seg: _Segment) -> bool:
    """Tell whether a quote continues the one before: at most its attribution ("he said")
    and one paragraph break lie between them, and nobody else is named there."""
    between = doc_text(doc)[previous.end:seg.start]
    crossed = [b for b in _breaks(doc) if previous.end <= b < seg.start]
    if len(crossed) > 1 or len(between.split()) > 12:
        return False
    if len(doc_text(doc)[seg.start:seg.end].split()) < MIN_PARTIAL_WORDS:
        return False
    known = " ".join(filter(None, (previous.speaker.entity_name, previous.speaker.entity_text))) \
        if previous.speaker else ""
    return not any(ent.label_ in ("PERSON", "ORG") and ent.text not in known
                   for ent in doc.ents if previous.end <= ent.start_char < seg.start)


def _colon_intro(doc: Doc, seg: _Segment, inside: set[int]) -> tuple[str, Token] | None:
    """"The minister said on Friday: “…”": a sentence ending in a colon before the quote."""
    text = doc_text(doc)
    end = seg.start - 1
    while end > 0 and text[end - 1].isspace():
        end -= 1
    before = text[:end]  # a view up to the mark, without copying past it
    if not before.endswith(":"):
        return None
    sentences = _sentences(doc).covering(len(before) - 1, len(before))
    if not sentences:
        return None
    for tok in reversed(list(sentences[-1])):
        if tok.i in inside:
            continue
        speaker = _speech_subject(tok)
        if speaker is not _NOT_SPEECH and speaker is not None:
            return tok.lemma_.lower(), speaker  # type: ignore[return-value]
    return None


def _embedding_clause(doc: Doc, seg: _Segment) -> tuple[str, Token] | None:
    """A short quote inside someone's clause ("promised to act for “humanitarian
    reasons”"): the subject of the nearest governing verb speaks it."""
    span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    if span is None or len(span) > 12:
        return None
    tok = span.root
    for _ in range(8):
        if tok.head == tok:
            break
        tok = tok.head
        if tok.idx >= seg.start and tok.idx < seg.end:
            continue
        if tok.pos_ in ("VERB", "AUX"):
            subject, passive = subject_of(tok)
            if subject is not None and not passive and subject.pos_ in ("PROPN", "PRON") \
                    and subject.lower_ != "it":
                return tok.lemma_.lower(), subject
    return None


def _speaker(token: Token, resolver: ActorResolver) -> Actor | None:
    """Resolve a speaker token to an actor; an unplaceable noun phrase stays as written."""
    actor = resolver.resolve(token)
    if actor is not None:
        if actor.id and actor.id.startswith("p-"):
            return actor
        holder = _title_holder(actor, resolver)
        if holder is not None:  # "the US Secretary of State said" → Antony Blinken
            return replace(holder, entity_text=actor.entity_text, span=actor.span)
        return replace(actor, entity_name=_without_article(actor.entity_name))
    full = resolver.by_surname.get(token.text) if token.pos_ == "PROPN" else None
    if full in resolver.people:  # a surname the tagger did not mark as a person
        return replace(resolver.people[full], entity_text=token.text,
                       span=(token.idx, token.idx + len(token.text)))
    if token.lower_ in _PRONOUNS or token.pos_ == "PRON":
        return None
    tokens = [t for t in np_tokens(token) if not t.is_space]
    span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    text = doc_text(token.doc)[span[0]:span[1]]
    return Actor(entity_text=text, entity_name=_without_article(text), span=span)


def _title_holder(actor: Actor, resolver: ActorResolver) -> Actor | None:
    """Return the one person of the article whose title shares a word with the actor's
    title (and whose country does not contradict it), or None."""
    if not actor.title:
        return None
    words = set(actor.title.lower().split()) - {"of", "the", "for", "and"}
    fits = [p for p in resolver.people.values() if p.title
            and words & set(p.title.lower().split())
            and (actor.country is None or p.country in (None, actor.country))]
    return fits[0] if len(fits) == 1 else None


def _without_article(name: str) -> str:
    """"The Philippine coast guard" → "Philippine coast guard"; "a witness" → "witness"."""
    name = " ".join(name.split())  # wire copy puts tabs and line breaks inside phrases
    for article in ("the ", "a ", "an "):
        if name.lower().startswith(article) and len(name) > len(article):
            return name[len(article):]
    return name


# -- reported speech ----------------------------------------------------------------------
def _reported_speech(doc: Doc, segments: list[_Segment],
                     resolver: ActorResolver) -> list[Quote]:
    out = []
    covered = [(s.start - 1, s.end + 1) for s in segments]
    for tok in doc:
        if tok.lower_ == "according":
            found = _according(tok)
        elif tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS:
            found = _said_that(tok)
        else:
            continue
        if found is None:
            continue
        start, end, speaker_tok = found
        if any(min(end, e) - max(start, s) > (end - start) / 2 or s <= start < e
               for s, e in covered):
            continue  # a direct quote (and its attribution): reported there already
        text = doc_text(doc)[start:end].strip().rstrip(",.;:")
        if len(text.split()) < 3:
            continue
        speaker = _speaker(speaker_tok, resolver) if speaker_tok is not None else None
        verb = "according to" if tok.lower_ == "according" else tok.lemma_.lower()
        out.append(Quote(text=text, span=(start, start + len(text)), speaker=speaker,
                         verb=verb, direct=False))
    return out


def _said_that(verb: Token) -> tuple[int, int, Token | None] | None:
    """"X said (that) …": the clausal complement is what was said."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        clause = _misparsed_that_clause(verb)
    if clause is None:
        return None
    subject = _speech_subject(verb)
    if subject is _NOT_SPEECH:
        return None
    tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause
                                                and t.lower_ == "that")]
    if tokens and tokens[0].lower_ == "that":
        tokens = tokens[1:]  # the complementiser, however the parser labelled it
    if not tokens:
        return None
    tokens = [t for t in tokens if not t.is_punct or t.i not in (tokens[0].i, tokens[-1].i)]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return start, end, subject  # type: ignore[return-value]


def _misparsed_that_clause(verb: Token) -> Token | None:
    """"told a regular briefing that the boat had intruded": the parser often hangs the
    that-clause on the audience as a relative clause; after "tell" and an audience it is
    what was told."""
    if verb.lemma_.lower() not in ("tell", "inform", "assure", "remind", "brief"):
        return None
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in AUDIENCES:
            continue
        for clause in obj.children:
            if clause.dep_ == "relcl" and clause.left_edge.lower_ == "that" \
                    and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that"
                            for c in clause.children):
                return clause
    return None


def _according(tok: Token) -> tuple[int, int, Token | None] | None:
    """"According to X, …": the rest of the sentence is X's report."""
    speaker = _speech_subject(tok)
    if speaker is _NOT_SPEECH or speaker is None:
        return None
    phrase = sorted(tok.subtree, key=lambda t: t.i)
    if phrase and phrase[0].i > tok.i:
        phrase = [tok, *phrase]
    sent = tok.sent
    lo, hi = phrase[0].i, phrase[-1].i
    rest = [t for t in sent if (t.i < lo or t.i > hi) and not t.is_space and not (
        t.is_punct and t.i in (hi + 1, sent.end - 1, lo - 1))]
    if not rest:
        return None
    return rest[0].idx, rest[-1].idx + len(rest[-1].text), speaker  # type: ignore[return-value]
