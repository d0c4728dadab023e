"""A pipeline of extractors over one spaCy Doc, checked when it is built.

Each extractor is a pure function from (Doc, what is known so far) to its own records. It
declares the keys it ``requires`` and the one it ``assigns``; :class:`Pipeline` refuses an
order where an extractor needs something no earlier step sets (the spaCy idea of
``requires=``/``assigns=``), so a mistake shows when the pipeline is built, not deep in a run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..budget import NO_DEADLINE, Deadline
from ..errors import PipelineError
from ..records import Article, Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Keys present before any extractor runs.
BASE_KEYS = frozenset({"article", "doc", "deadline"})
#: Keys an Extraction holds (besides the article): what a pipeline may assign.
EXTRACTION_KEYS = ("events", "mentions", "places", "counts", "quotes", "dates", "themes", "tone",
                   "amounts")

Known = dict[str, Any]
ExtractFn = Callable[["Doc", Known], Any]


@dataclass(frozen=True, slots=True)
class Extractor:
    """One step: ``func(doc, known)`` returns the value stored under ``assigns``."""

    name: str
    func: ExtractFn
    requires: tuple[str, ...] = ()
    assigns: str = ""


_REGISTRY: dict[str, Extractor] = {}


def register(name: str, requires: Iterable[str] = (), assigns: str = "") -> Callable[[ExtractFn], ExtractFn]:
    """Register an extractor function under a name (decorator)."""

    def wrap(func: ExtractFn) -> ExtractFn:
        _REGISTRY[name] = Extractor(name, func, tuple(requires), assigns or name)
        return func

    return wrap


def registered() -> dict[str, Extractor]:
    """Return the registered extractors by name (importing the built-in ones)."""
    from . import (  # noqa: F401  (registers them)
        actors_step,
        amounts,
        coreference,
        counts,
        dates,
        events,
        geocode,
        mentions,
        quotes,
        themes,
        tone,
    )

    return dict(_REGISTRY)


#: The default order: later steps read what earlier ones set.
DEFAULT_STEPS = ("mentions", "dates", "actors", "events", "coreference", "places", "locations",
                 # facts: after events, so counts join their event and quotes their speaker
                 "counts", "amounts", "quotes", "themes", "event_contexts", "tone")


class Pipeline:
    """An ordered, validated list of extractors."""

    def __init__(self, steps: Sequence[str | Extractor] = DEFAULT_STEPS,
                 options: dict[str, Any] | None = None) -> None:
        available = registered()
        resolved: list[Extractor] = []
        for step in steps:
            if isinstance(step, Extractor):
                resolved.append(step)
            elif step in available:
                resolved.append(available[step])
            else:
                raise PipelineError(f"unknown extractor {step!r}; known: {sorted(available)}")
        have = set(BASE_KEYS)
        for extractor in resolved:
            missing = [key for key in extractor.requires if key not in have]
            if missing:
                raise PipelineError(
                    f"extractor {extractor.name!r} requires {missing}, which no earlier step "
                    f"assigns (order: {[e.name for e in resolved]})"
                )
            have.add(extractor.assigns)
        self.extractors = tuple(resolved)
        self.options = dict(options or {})

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.extractors)

    def run(self, doc: Doc, article: Article, deadline: Deadline = NO_DEADLINE) -> Extraction:
        """Run every step over one parsed article and return its Extraction.

        The deadline is checked before each step (and by steps with long loops, which find
        it under ``known["deadline"]``); an article over budget raises ArticleTimeout.
        """
        known: Known = {"article": article, "doc": doc, "options": self.options,
                        "deadline": deadline}
        for extractor in self.extractors:
            deadline.check(f"step {extractor.name!r}")
            known[extractor.assigns] = extractor.func(doc, known)
        fields = {key: known[key] for key in EXTRACTION_KEYS if key in known}
        for key in EXTRACTION_KEYS:
            if key != "tone" and key in fields:
                fields[key] = tuple(fields[key])
        return Extraction(article=article, **fields)
