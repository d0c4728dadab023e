"""Number phrases in a parsed text: "more than 430,000", "5.4 million", "two dozen", "1.2m".

Counts and amounts both start here. A number phrase is a run of number tokens (digits,
number words, multipliers, "dozens", "tens of thousands") with the qualifier words before it
("at least", "more than", "nearly", "up to"). Its value is normalised to a number; vague
phrases ("hundreds", "thousands of", "several dozen") keep ``vague=True`` and carry the
least number their words allow (plural "hundreds" means at least two hundred), never a
guessed point value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

UNITS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen"])}
TENS = {w: 10 * (i + 2) for i, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "dozen": 12,
          "lakh": 100_000, "crore": 10_000_000}  # South Asian scales: "Rs 500 crore"
#: Abbreviated multipliers written after digits: "1.2m", "€2bn", "5k".
SUFFIXES = {"m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "million": 1_000_000,
            "bn": 1_000_000_000, "b": 1_000_000_000, "billion": 1_000_000_000,
            "k": 1_000, "thousand": 1_000, "tn": 1_000_000_000_000, "trillion": 1_000_000_000_000}
#: Plural multipliers that make a phrase vague, with the least value each allows:
#: "dozens" is at least two dozen, "hundreds" at least two hundred, "scores" two score.
VAGUE = {"dozens": 24, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
         "billions": 2_000_000_000, "scores": 40, "tens": 20}
#: Vague quantifiers before a multiplier and the least count each means.
FEW = {"several": 3, "few": 2, "a few": 2, "some": 1, "many": 2}
#: Qualifier phrases (lower case, longest first when matched) and the canonical qualifier.
QUALIFIERS = {
    "more than": "more than", "over": "more than", "upwards of": "more than",
    "in excess of": "more than", "just over": "more than", "well over": "more than",
    "above": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "a minimum of": "at least", "a total of": None,
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "an estimated": "about", "estimated": "about", "an approximate": "about",
    "approx.": "about", "circa": "about", "nearly": "nearly", "almost": "nearly",
    "close to": "nearly", "just under": "nearly", "just shy of": "nearly",
    "up to": "up to", "as many as": "up to", "as much as": "up to", "at most": "up to",
    "fewer than": "fewer than", "less than": "fewer than", "under": "fewer than",
}
_QUALIFIER_WORDS = sorted(((tuple(k.split()), v) for k, v in QUALIFIERS.items()),
                          key=lambda kv: -len(kv[0]))
_LONGEST_QUALIFIER = max(len(words) for words, _ in _QUALIFIER_WORDS)
_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?([a-z]{0,3})$")
#: Entity labels whose numbers are not counts of anything here (dates, ages, ordinals).
NOT_NUMBER_ENTS = frozenset({"DATE", "TIME"})


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """A number in the text: its tokens, normalised value and qualifier."""

    start: int  # first token of the number (after any qualifier)
    end: int  # one past the last number token
    qualifier_start: int  # first token of the qualifier (== start when there is none)
    value: float | None
    vague: bool
    qualifier: str | None

    def anchor(self, doc: Doc) -> Token:
        """Return the phrase's syntactic head: its token whose head lies outside it."""
        tokens = doc[self.start:self.end]
        for tok in reversed(tokens):
            if not (self.start <= tok.head.i < self.end) or tok.head == tok:
                return tok
        return tokens[-1]


def _word_value(low: str) -> int | None:
    if low in UNITS:
        return UNITS[low]
    if low in TENS:
        return TENS[low]
    if "-" in low:
        a, _, b = low.partition("-")
        if a in TENS and b in UNITS and 0 < UNITS[b] < 10:
            return TENS[a] + UNITS[b]
    return None


def _digits_value(text: str) -> float | None:
    match = _DIGITS.match(text.lower())
    if not match:
        return None
    whole, frac, suffix = match.groups()
    if suffix and suffix not in SUFFIXES:
        return None
    value = float(whole.replace(",", "") + ("." + frac if frac else ""))
    return value * SUFFIXES.get(suffix, 1)


def _low(tok: Token) -> str:
    """Lower-case text, with the full stop of "£40m." dropped from abbreviated multipliers."""
    low = tok.lower_
    return low[:-1] if low.endswith(".") and low[:-1] in SUFFIXES else low


def is_number_token(tok: Token) -> bool:
    """Tell whether a token can be part of a number phrase."""
    low = _low(tok)
    return (_digits_value(low) is not None or _word_value(low) is not None or low in SCALES
            or low in VAGUE or low in SUFFIXES and tok.i > 0 and _digits_value(
                tok.doc[tok.i - 1].lower_) is not None)


def parse_tokens(words: list[str]) -> tuple[float | None, bool]:
    """Return (value, vague) for the words of a number phrase (lower case).

    Exact phrases give their value ("two dozen" → 24, "5.4 million" → 5,400,000); vague ones
    give the least value they allow ("tens of thousands" → 20,000) with vague True.
    """
    words = [w for w in words if w not in ("and", "of", "a", "an")]
    if not words:
        return None, False
    if any(w in VAGUE for w in words) or words[0] in FEW:
        return _least_value(words), True
    total = current = 0.0
    for word in words:
        digits = _digits_value(word)
        small = _word_value(word)
        if digits is not None:
            current += digits
        elif small is not None:
            current += small
        elif word in ("hundred", "dozen"):
            current = (current or 1) * SCALES[word]
        elif word in SCALES or word in SUFFIXES:
            total += (current or 1) * (SCALES.get(word) or SUFFIXES[word])
            current = 0
        else:
            return None, False
    return total + current, False


#: The multiplier of each plural: "hundreds of thousands" is hundreds × 1,000.
_PLURAL_SCALE = {"dozens": 12, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
                 "billions": 1_000_000_000, "scores": 20, "tens": 10}


def _least_value(words: list[str]) -> float | None:
    """Return the least number a vague phrase allows ("several hundred" → 300)."""
    least: float | None = None
    for word in words:
        digits = _digits_value(word)
        small = _word_value(word)
        if word in FEW and least is None:
            least = FEW[word]
        elif digits is not None or small is not None:
            least = digits if digits is not None else small
        elif word in _PLURAL_SCALE:
            least = 2 * _PLURAL_SCALE[word] if least is None else least * _PLURAL_SCALE[word]
        elif word in SCALES or word in SUFFIXES:
            least = (least or 1) * (SCALES.get(word) or SUFFIXES[word])
        else:
            return None
    return least


def number_phrases(doc: Doc, skip_ents: frozenset[str] = NOT_NUMBER_ENTS) -> list[NumberPhrase]:
    """Return every number phrase in the Doc, with its qualifier, in text order."""
    out: list[NumberPhrase] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if not is_number_token(tok) or tok.ent_type_ in skip_ents or _is_part_of_word(tok):
            i += 1
            continue
        start = i
        if start > 0 and doc[start - 1].lower_ in ("a", "an") and tok.lower_ in SCALES:
            start -= 1  # "a dozen", "a million"
        if start > 0 and doc[start - 1].lower_ in ("several", "few", "many") \
                and tok.lower_ in SCALES | VAGUE:
            start -= 1  # "several hundred", "a few thousand"
            if start > 0 and doc[start - 1].lower_ == "a":
                start -= 1
        end = i + 1
        while end < n:
            nxt = doc[end]
            if is_number_token(nxt) and nxt.ent_type_ not in skip_ents:
                end += 1
            elif nxt.lower_ in ("of", "and") and end + 1 < n and _joins(doc, end):
                end += 2
            else:
                break
        words = [_low(t) for t in doc[start:end]]
        if words[0] in ("a", "an") and len(words) > 1 and words[1] in ("few",):
            words = ["a few", *words[2:]]
        value, vague = parse_tokens(words)
        if value is None and not vague:
            i = end
            continue
        qualifier, q_start = qualifier_before(doc, start)
        upper = _range_end(doc, start, end, value)
        if upper is not None:  # "between 100 and 200", "100 to 200": the lower bound
            end, qualifier = upper, qualifier or "at least"
            if q_start > 0 and doc[q_start - 1].lower_ == "between":
                q_start -= 1
        if qualifier is None and end < n - 1 and doc[end].lower_ == "or" \
                and doc[end + 1].lower_ == "more":
            qualifier = "at least"  # "23 or more"
        out.append(NumberPhrase(start, end, q_start, value, vague, qualifier))
        i = end
    return out


def _range_end(doc: Doc, start: int, end: int, low: float | None) -> int | None:
    """Return the end of a range's upper number ("100 and 200" after "between", "100 to
    200", "100-200"), or None when the phrase is no range."""
    if low is None or end + 1 >= len(doc):
        return None
    joiner = doc[end].lower_
    between = start > 0 and doc[start - 1].lower_ == "between"
    if not (joiner in ("to", "-", "–") or joiner == "and" and between):
        return None
    upper_end = end + 1
    while upper_end < len(doc) and is_number_token(doc[upper_end]):
        upper_end += 1
    high, _ = parse_tokens([_low(t) for t in doc[end + 1:upper_end]])
    if high is None or high <= low:
        return None
    return upper_end


def _joins(doc: Doc, at: int) -> bool:
    """Tell whether "of"/"and" at ``at`` joins two parts of one number.

    "tens of thousands", "hundreds of thousands" (of + scale) and "one hundred and twenty"
    (scale and small number) are one number; "13 and 55" are two.
    """
    before, after = doc[at - 1].lower_, doc[at + 1].lower_
    if doc[at].lower_ == "of":
        return before in VAGUE and (after in VAGUE or after in SCALES)
    return before in SCALES and (_word_value(after) is not None or after.isdigit())


def _is_part_of_word(tok: Token) -> bool:
    """Skip numbers inside hyphenated words and times: "23-year-old", "G7", "COVID-19"."""
    doc = tok.doc
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not doc[tok.i + 1].whitespace_:
        return True
    if tok.i > 0 and doc[tok.i - 1].text in ("-", "/", ":") and not doc[tok.i - 1].whitespace_:
        return True
    return not tok.text[0].isdigit() and any(c.isdigit() for c in tok.text)


def qualifier_before(doc: Doc, start: int) -> tuple[str | None, int]:
    """Return the canonical qualifier written just before token ``start`` and its start."""
    number_start = start
    while start > 0 and doc[start - 1].is_space:
        start -= 1  # "\tAbout 15,000": layout between the qualifier and the number
    before = tuple(t.lower_ for t in doc[max(0, start - _LONGEST_QUALIFIER - 1):start])
    for words, canonical in _QUALIFIER_WORDS:
        k = len(words)
        if k > len(before) or before[len(before) - k:] != words:
            continue
        if words == ("some",) and len(before) >= 2 and before[-2] == "for":
            continue  # "for some 20 years" is no estimate of people
        return canonical, start - k
    return None, number_start
