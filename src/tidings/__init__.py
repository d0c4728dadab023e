"""tidings: turn news into event data (PLOVER/CAMEO events, actors, dates, places, counts,
quotes and tone), stored in DuckDB.

Three lines to try it::

    import tidings
    ex = tidings.extract("Kenya's president met Ethiopia's prime minister on Monday.",
                         published="2024-03-06")
    print([(e.event, e.actor.country, e.recipient.country, e.date) for e in ex.events])
"""

from .errors import (
    EvaluationError,
    InputError,
    ModelNotFoundError,
    NoArticlesError,
    PipelineError,
    Skipped,
    StoreError,
    TidingsError,
)
from .extract.pipeline import Extractor, Pipeline
from .ingest import ReadOptions, read_articles
from .pipeline import RunReport, extract, extract_article, extract_many, run
from .query import EventFilter, find_events, summarize
from .records import (
    Actor,
    Amount,
    Article,
    CameoView,
    Count,
    DateRef,
    Event,
    Extraction,
    Mention,
    Place,
    Quote,
    Theme,
    Tone,
)
from .settings import SETTINGS, Settings
from .store import Store, open_store

__version__ = "0.1.0"

__all__ = [
    "SETTINGS",
    "Actor",
    "Amount",
    "Article",
    "CameoView",
    "Count",
    "DateRef",
    "EvaluationError",
    "Event",
    "EventFilter",
    "Extraction",
    "Extractor",
    "InputError",
    "Mention",
    "ModelNotFoundError",
    "NoArticlesError",
    "Pipeline",
    "PipelineError",
    "Place",
    "Quote",
    "ReadOptions",
    "RunReport",
    "Settings",
    "Skipped",
    "Store",
    "StoreError",
    "Theme",
    "TidingsError",
    "Tone",
    "extract",
    "extract_article",
    "extract_many",
    "find_events",
    "open_store",
    "read_articles",
    "run",
    "summarize",
]
