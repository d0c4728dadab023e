"""The ``actors`` step: an article-level resolver that later steps ask about noun phrases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .actors import ActorResolver
from .pipeline import Known, register

if TYPE_CHECKING:
    from spacy.tokens import Doc


@register("actors", requires=("mentions",), assigns="actors")
def build_resolver(doc: Doc, known: Known) -> ActorResolver:
    """Return the resolver for this article, seeded with the store's actor registry."""
    return ActorResolver(doc, known.get("options", {}).get("registry"),
                         known["article"].published)
