"""Article tone: the seven GDELT V2Tone values, from the VADER lexicon (MIT licence).

GDELT's GKG defines them as: Tone = Positive Score − Negative Score (−100…+100); Positive
and Negative Score = the percentage of all words with a positive / negative emotional
connotation; Polarity = the percentage of words with any emotional connotation (positive
plus negative: high polarity with neutral tone means a charged text on both sides);
Activity Reference Density = the percentage of words that are active words; Self/Group
Reference Density = the percentage of words that are pronouns; Word Count = the number of
words. GDELT's own dictionaries are not public, so tidings scores words with the lexicon of
VADER (Hutto & Gilbert 2014; vaderSentiment package, MIT licence): a word is positive or
negative by the sign of its mean valence, and a negator ("not", "no", "never", "n't")
within the three words before it flips that sign. "Active words" are content verbs (spaCy
VERB, auxiliaries excluded) — tidings' proxy for GDELT's unpublished activity list.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from ..records import Tone
from .pipeline import Known, register

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Words that flip the valence of the next few words.
NEGATORS = frozenset({"not", "no", "never", "n't", "nor", "without", "neither", "nobody",
                      "nothing", "none", "cannot"})
NEGATION_WINDOW = 3
#: Valence below this magnitude is noise in VADER's crowd ratings, not connotation.
MIN_VALENCE = 0.5
#: Pronouns counted for self/group reference (personal and possessive).
_PRONOUN_TAGS = frozenset({"PRP", "PRP$"})


@cache
def valence_lexicon() -> dict[str, float]:
    """Return VADER's word → mean valence (−4…+4), read from the installed package."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(
        encoding="utf-8")
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return out


@register("tone", assigns="tone")
def extract_tone(doc: Doc, known: Known) -> Tone:
    """Return the article's V2Tone-style values."""
    return tone_of(doc)


def tone_of(doc: Doc) -> Tone:
    """Compute the seven tone values over the Doc's words."""
    lexicon = valence_lexicon()
    words = [t for t in doc if t.is_alpha or t.like_num or t.lower_ == "n't"]
    n = len(words)
    if n == 0:
        return Tone(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0)
    positive = negative = active = pronouns = 0
    for k, tok in enumerate(words):
        if tok.pos_ == "VERB":
            active += 1
        if tok.tag_ in _PRONOUN_TAGS:
            pronouns += 1
        valence = lexicon.get(tok.lower_)
        if valence is None and tok.lemma_.lower() != tok.lower_:
            valence = lexicon.get(tok.lemma_.lower())
        if valence is None or abs(valence) < MIN_VALENCE:
            continue
        if any(w.lower_ in NEGATORS for w in words[max(0, k - NEGATION_WINDOW):k]):
            valence = -valence
        if valence > 0:
            positive += 1
        else:
            negative += 1
    pos, neg = 100.0 * positive / n, 100.0 * negative / n
    return Tone(tone=round(pos - neg, 4), positive=round(pos, 4), negative=round(neg, 4),
                polarity=round(pos + neg, 4), activity_density=round(100.0 * active / n, 4),
                self_group_density=round(100.0 * pronouns / n, 4), word_count=n)
