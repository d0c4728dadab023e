"""Themes (ontology/data/themes.tsv) found in an article, and PLOVER contexts for events.

Themes are matched on lemmas, not raw strings: each term word matches a token whose lemma or
lower-case form equals it, so "elections", "voted" and "human rights" find ELECTION and
HUMAN_RIGHTS; hyphens in the text are skipped ("cease-fire"). Every hit keeps its character
span. The ``event_contexts`` step then gives each event the PLOVER contexts of the themes
found in its own sentence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from ..ontology.tables import ontology_rows, split_cell
from ..records import Event, Span, Theme
from .pipeline import Known, register

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True, slots=True)
class ThemeEntry:
    """One row of themes.tsv."""

    theme: str
    contexts: tuple[str, ...]
    terms: tuple[tuple[str, ...], ...]
    description: str


@cache
def theme_table() -> tuple[ThemeEntry, ...]:
    """Return the theme taxonomy (read once)."""
    return tuple(
        ThemeEntry(row["theme"], tuple(split_cell(row["contexts"])),
                   tuple(tuple(t.replace("-", " ").split()) for t in split_cell(row["terms"])),
                   row["description"])
        for row in ontology_rows("themes.tsv"))


@cache
def _index() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First term word → [(term words, theme)], longest terms first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for entry in theme_table():
        for words in entry.terms:
            index[words[0]].append((words, entry.theme))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return dict(index)


def _forms(tok: Token) -> tuple[str, str]:
    return tok.lemma_.lower(), tok.lower_


@register("themes", assigns="themes")
def extract_themes(doc: Doc, known: Known) -> list[Theme]:
    """Return the themes the article touches, each with the spans that show it."""
    return find_themes(doc)


def find_themes(doc: Doc) -> list[Theme]:
    """Match the taxonomy's terms over the Doc's lemmas (longest match wins at a token)."""
    index = _index()
    tokens = [t for t in doc if t.text not in ("-", "–") and not t.is_space]
    spans: dict[str, list[Span]] = defaultdict(list)
    i = 0
    while i < len(tokens):
        matched = 0
        for form in dict.fromkeys(_forms(tokens[i])):
            for words, theme in index.get(form, ()):
                k = len(words)
                if k <= matched or i + k > len(tokens):
                    continue
                if all(w in _forms(tokens[i + j]) for j, w in enumerate(words)):
                    first, last = tokens[i], tokens[i + k - 1]
                    spans[theme].append((first.idx, last.idx + len(last.text)))
                    matched = k
        i += max(matched, 1)
    contexts = {e.theme: e.contexts for e in theme_table()}
    order = {e.theme: n for n, e in enumerate(theme_table())}
    return [Theme(theme=name, contexts=contexts[name], spans=tuple(sorted(set(found))))
            for name, found in sorted(spans.items(), key=lambda kv: order[kv[0]])]


@register("event_contexts", requires=("events", "themes"), assigns="events")
def assign_event_contexts(doc: Doc, known: Known) -> list[Event]:
    """Give each event the PLOVER contexts of the themes found in its sentence(s)."""
    themes: list[Theme] = known["themes"]
    events: list[Event] = known["events"]
    return [event_with_contexts(event, themes, doc) for event in events]


def event_with_contexts(event: Event, themes: list[Theme], doc: Doc) -> Event:
    """Return the event with the contexts of themes inside any sentence it is told in."""
    sentences = {event.sentence}
    for start, _ in event.mentions:
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is not None:
            sentences.add((span.sent.start_char, span.sent.end_char))
    found = set(event.context)
    for theme in themes:
        if any(s <= a < e for a, _ in theme.spans for s, e in sentences):
            found.update(theme.contexts)
    return replace(event, context=tuple(sorted(found))) if found != set(event.context) else event
