"""Money and measured quantities: "$100 million in assistance", "€2bn", "5,000 tonnes of
wheat", "10 percent".

A number phrase (numbers.py) is an amount when a currency (symbol, ISO 4217 code or
currency word) or a unit of measure comes with it. The value is the normalised number in
that currency or unit (no exchange rates, no unit conversion: those depend on a date and a
purpose the text does not give). ``what`` is the thing measured or paid for, from an
"of"/"in"/"worth of" phrase. Bare "dollars" are US dollars unless a nationality says
otherwise ("Australian dollars"); "pounds of rice" is a weight, "40 pounds" money.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Amount
from .doctext import doc_text
from .numbers import NumberPhrase, number_phrases, qualifier_before
from .pipeline import Known, register

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Currency symbols (as spaCy tokenises them) and their ISO 4217 codes.
SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
           "a$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD",
           "r$": "BRL", "₽": "RUB", "₩": "KRW", "₪": "ILS", "₺": "TRY", "₦": "NGN",
           "rs": "INR", "rs.": "INR"}
#: ISO 4217 codes commonly written beside amounts.
_CODES_WORDS = """USD EUR GBP JPY CNY RMB INR AUD CAD CHF HKD NZD SGD BRL RUB KRW ILS TRY
NGN ZAR MXN ARS PKR EGP SAR AED UAH PHP IDR THB VND KES GHS ETB IRR IQD BDT LKR MYR PLN SEK
NOK DKK CZK HUF COP CLP PEN VES"""
CODES = frozenset(_CODES_WORDS.split())
#: Currency words (lemmas) and their ISO codes; "dollar" is refined by a nationality word.
CURRENCY_WORDS = {
    "dollar": "USD", "dlr": "USD", "dlrs": "USD", "lire": "ITL", "euro": "EUR", "pound": "GBP",
    "sterling": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rouble": "RUB", "ruble": "RUB",
    "franc": "CHF", "shekel": "ILS", "lira": "TRY", "peso": "MXN", "won": "KRW",
    "naira": "NGN", "rand": "ZAR", "real": "BRL", "reais": "BRL", "dirham": "AED",
    "riyal": "SAR", "hryvnia": "UAH", "hryvnias": "UAH", "shilling": "KES", "cedi": "GHS",
    "birr": "ETB", "rial": "IRR", "dinar": "IQD", "taka": "BDT", "ringgit": "MYR",
    "zloty": "PLN", "krona": "SEK", "krone": "NOK", "baht": "THB", "dong": "VND",
    "rupiah": "IDR", "bolivar": "VES",
}
#: Currency names that are also ordinary words.
_WORD_LIKE_CURRENCIES = frozenset({"won", "real", "rand", "dong", "pound", "pounds"})
#: Nationality words that pick the currency of a shared currency name.
NATIONAL_CURRENCY = {
    ("australian", "dollar"): "AUD", ("canadian", "dollar"): "CAD", ("us", "dollar"): "USD",
    ("u.s.", "dollar"): "USD", ("american", "dollar"): "USD", ("hong", "dollar"): "HKD",
    ("kong", "dollar"): "HKD", ("singapore", "dollar"): "SGD", ("taiwan", "dollar"): "TWD",
    ("zealand", "dollar"): "NZD", ("zimbabwean", "dollar"): "ZWL", ("swiss", "franc"): "CHF",
    ("cfa", "franc"): "XOF", ("pakistani", "rupee"): "PKR", ("indian", "rupee"): "INR",
    ("sri", "rupee"): "LKR", ("lankan", "rupee"): "LKR", ("nepali", "rupee"): "NPR",
    ("argentine", "peso"): "ARS", ("mexican", "peso"): "MXN", ("philippine", "peso"): "PHP",
    ("colombian", "peso"): "COP", ("chilean", "peso"): "CLP", ("egyptian", "pound"): "EGP",
    ("lebanese", "pound"): "LBP", ("sudanese", "pound"): "SDG", ("syrian", "pound"): "SYP",
    ("british", "pound"): "GBP", ("iraqi", "dinar"): "IQD", ("jordanian", "dinar"): "JOD",
    ("kuwaiti", "dinar"): "KWD", ("iranian", "rial"): "IRR", ("saudi", "riyal"): "SAR",
    ("qatari", "riyal"): "QAR", ("south", "won"): "KRW", ("north", "won"): "KPW",
    ("kenyan", "shilling"): "KES", ("ugandan", "shilling"): "UGX",
    ("tanzanian", "shilling"): "TZS", ("brazilian", "real"): "BRL",
    ("swedish", "krona"): "SEK", ("norwegian", "krone"): "NOK", ("danish", "krone"): "DKK",
}
#: Units of measure (lower-case word forms) and the canonical unit name.
UNITS = {
    "percent": "percent", "%": "percent", "pct": "percent", "per": "percent",
    "percentage": "percentage point",
    "tonne": "tonne", "tonnes": "tonne", "ton": "ton", "tons": "ton", "t": "tonne",
    "kilogram": "kilogram", "kilograms": "kilogram", "kg": "kilogram", "kilo": "kilogram",
    "kilos": "kilogram", "gram": "gram", "grams": "gram", "g": "gram",
    "pound": "pound", "pounds": "pound", "lb": "pound", "lbs": "pound", "ounce": "ounce",
    "ounces": "ounce", "oz": "ounce",
    "kilometre": "kilometre", "kilometres": "kilometre", "kilometer": "kilometre",
    "kilometers": "kilometre", "km": "kilometre", "mile": "mile", "miles": "mile",
    "metre": "metre", "metres": "metre", "meter": "metre", "meters": "metre",
    "foot": "foot", "feet": "foot", "ft": "foot", "inch": "inch", "inches": "inch",
    "hectare": "hectare", "hectares": "hectare", "ha": "hectare", "acre": "acre",
    "acres": "acre", "km2": "square kilometre", "sq": "square",
    "litre": "litre", "litres": "litre", "liter": "litre", "liters": "litre",
    "gallon": "gallon", "gallons": "gallon", "barrel": "barrel", "barrels": "barrel",
    "bpd": "barrel per day", "megawatt": "megawatt", "megawatts": "megawatt", "mw": "megawatt",
    "gigawatt": "gigawatt", "gigawatts": "gigawatt", "gw": "gigawatt", "kwh": "kilowatt-hour",
    "degree": "degree", "degrees": "degree", "cubic": "cubic",
}
#: One-letter and partial unit words that are units only inside a longer form.
_NOT_UNIT_ALONE = frozenset({"t", "g", "per", "ha", "sq", "cubic"})


@register("amounts", assigns="amounts")
def extract_amounts(doc: Doc, known: Known) -> list[Amount]:
    """Return every amount of money or measured quantity in the article."""
    out = []
    for phrase in number_phrases(doc):
        amount = read_amount(doc, phrase)
        if amount is not None:
            out.append(amount)
    return out


def read_amount(doc: Doc, phrase: NumberPhrase) -> Amount | None:
    """Return the amount a number phrase states, or None when no currency or unit comes
    with it."""
    first, last = phrase.qualifier_start, phrase.end - 1
    qualifier = phrase.qualifier
    currency = _currency_before(doc, phrase.qualifier_start, phrase.start)
    unit = None
    if currency is not None:
        first = min(first, _symbol_start(doc, phrase))
        if qualifier is None:  # "about £40m": the qualifier stands before the symbol
            qualifier, first = qualifier_before(doc, first)
    after = _after(doc, phrase.end)
    if currency is None and after is not None:
        currency, unit, last = after
    if currency is None and unit is None:
        return None
    head = doc[last] if last >= phrase.end else phrase.anchor(doc)
    what = _what(head)
    end_char = doc[last].idx + len(doc[last].text.rstrip("."))  # "£40m." ends a sentence
    span = (doc[first].idx, end_char)
    return Amount(text=doc_text(doc)[span[0]:span[1]], value=phrase.value, span=span,
                  currency=currency, unit=unit, what=what, qualifier=qualifier,
                  vague=phrase.vague)


def _currency_before(doc: Doc, q_start: int, start: int) -> str | None:
    for i in (start - 1, q_start - 1):
        if i < 0:
            continue
        tok = doc[i]
        code = SYMBOLS.get(tok.lower_) or (tok.text if tok.text in CODES else None)
        if code is None and tok.text.endswith("$") and len(tok.text) <= 4:
            code = "USD"
        if code:
            return code
    return None


def _symbol_start(doc: Doc, phrase: NumberPhrase) -> int:
    for i in (phrase.start - 1, phrase.qualifier_start - 1):
        if i >= 0 and (doc[i].lower_ in SYMBOLS or doc[i].text in CODES
                       or doc[i].text.endswith("$")):
            return i
    return phrase.qualifier_start


def _after(doc: Doc, end: int) -> tuple[str | None, str | None, int] | None:
    """Return (currency, unit, last token) for the words after a number."""
    n = len(doc)
    i = end
    if i < n and doc[i].lower_ == "of" and i + 1 < n:
        i += 1  # "millions of dollars"
    if i >= n:
        return None
    tok = doc[i]
    low = tok.lower_
    if tok.text in CODES:
        return tok.text, None, i
    nationality = low
    if tok.pos_ in ("ADJ", "PROPN") and i + 1 < n:
        for j in (i + 1, i + 2):
            if j < n and doc[j].lemma_.lower() in CURRENCY_WORDS:
                key = (nationality, doc[j].lemma_.lower())
                if key in NATIONAL_CURRENCY:
                    return NATIONAL_CURRENCY[key], None, j
                if doc[j - 1].lower_ != "of":
                    break
    lemma = tok.lemma_.lower()
    if lemma == "pound" and i + 1 < n and doc[i + 1].lower_ == "of":
        return None, "pound", i  # "20 pounds of rice"
    code = CURRENCY_WORDS.get(low) or CURRENCY_WORDS.get(lemma)
    if code and (tok.pos_ in ("NOUN", "PROPN") or low not in _WORD_LIKE_CURRENCIES):
        return code, None, i  # "won", "real", "rand" only as nouns
    if low in ("per", "pc") and i + 1 < n and doc[i + 1].lower_ == "cent":
        return None, "percent", i + 1
    if low in ("square", "sq", "cubic") and i + 1 < n and doc[i + 1].lower_ in UNITS:
        return None, f"{'cubic' if low == 'cubic' else 'square'} {UNITS[doc[i + 1].lower_]}", i + 1
    if low == "percentage" and i + 1 < n and doc[i + 1].lemma_.lower() == "point":
        return None, "percentage point", i + 1
    if low in UNITS and low not in _NOT_UNIT_ALONE and i == end:
        return None, UNITS[low], i
    return None


def _what(head: Token) -> str:
    """Return what an amount measures or pays for: "of wheat", "in assistance"."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "worth"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    words = [t for t in pobj.subtree if t.dep_ in ("amod", "compound")
                             and t.head == pobj] + [pobj]
                    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    return ""
