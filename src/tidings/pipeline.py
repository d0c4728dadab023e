"""Run articles through annotate → extract → store, and report what happened.

``run`` is what ``tidings ingest`` calls; ``extract`` is the one-article path the JSON API
and notebooks use. Readers stream, batches are bounded, and each batch is stored in one
transaction, so memory stays flat and an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .annotate import load_model
from .annotate.model import PARSE_ALONE_CHARS, parse_within
from .budget import Deadline
from .errors import ArticleTimeout, Skipped, Warning_
from .extract.pipeline import Pipeline
from .extract.registry import ActorRegistry
from .ingest import ReadItem, ReadOptions, build_article, read_articles
from .records import Article, Extraction
from .scale.local import extract_batches
from .settings import Settings
from .store import Store

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ProgressFn = Callable[[int], None]


@dataclass
class RunReport:
    """What one run read, stored, found already present, and skipped (with reasons)."""

    read: int = 0
    stored: int = 0
    already_present: int = 0
    events: int = 0
    copies: int = 0  # stored articles linked to an earlier first copy (near-duplicates)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 1
    worker_peak_rss_mb: float = 0.0

    @property
    def articles_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def summary_lines(self) -> list[str]:
        """Return the report as lines a person reads at the end of a run."""
        lines = [
            f"read {self.read} articles in {self.seconds:.1f}s "
            f"({self.articles_per_second:.1f} articles/s"
            + (f", {self.workers} workers)" if self.workers > 1 else ")"),
            f"stored {self.stored} new articles with {self.events} events; "
            f"{self.already_present} already present; {self.copies} near-duplicate copies "
            "linked to their first copy",
        ] + skipped_lines(self.skipped)
        if self.warnings:
            lines.append(f"warnings: {len(self.warnings)}")
            lines += [f"  - {w}" for w in self.warnings[:20]]
        return lines


def skipped_lines(skipped: list[Skipped], limit: int = 50) -> list[str]:
    """Return the report lines about skipped inputs (the first ``limit`` named)."""
    lines = [f"skipped {len(skipped)} items" + (":" if skipped else "")]
    lines += [f"  - {s}" for s in skipped[:limit]]
    if len(skipped) > limit:
        lines.append(f"  … and {len(skipped) - limit} more")
    return lines


def extract_article(article: Article, pipeline: Pipeline | None = None,
                    settings: Settings | None = None) -> Extraction:
    """Annotate and extract one article (nothing is stored).

    Raises ArticleTimeout when it takes longer than ``settings.article_timeout``.
    """
    settings = settings or Settings.load()
    pipeline = pipeline or default_pipeline(settings)
    deadline = Deadline(settings.article_timeout)
    doc = parse_within(load_model(settings.model), article.text, deadline)
    return pipeline.run(doc, article, deadline)


def extract(text: str, published: str | None = None, title: str | None = None,
            article_id: str | None = None, settings: Settings | None = None) -> Extraction:
    """Extract events and the rest from one text (nothing is stored).

    Raises InputError when the text cannot be an article (empty, over the size cap), and
    its subclass ArticleTimeout when extraction takes longer than ``article_timeout``.

    >>> extract("Kenya's president met Ethiopia's prime minister on Monday.", "2024-03-06")
    """
    settings = settings or Settings.load()
    article, _ = build_article({"id": article_id, "text": text, "title": title,
                                "published": published}, "<text>", None,
                               settings.max_article_chars)
    if isinstance(article, Skipped):
        from .errors import InputError

        raise InputError(article.reason)
    return extract_article(article, settings=settings)


def default_pipeline(settings: Settings, registry: ActorRegistry | None = None) -> Pipeline:
    """Return the default extractor pipeline configured from settings (with the gazetteer's
    indexes loaded, like the model, before the first article)."""
    from .ontology.places import preload

    preload()
    return Pipeline(options={"include_negated": settings.include_negated,
                             "registry": registry if registry is not None else ActorRegistry(),
                             "model": settings.model})  # re-reads in the coreference step


def extract_many(articles: Iterable[Article], settings: Settings | None = None,
                 pipeline: Pipeline | None = None,
                 skipped: list[Skipped] | None = None) -> Iterator[Extraction]:
    """Yield one Extraction per article, parsing in spaCy batches.

    An article whose extraction fails, or takes longer than ``settings.article_timeout``,
    is reported in ``skipped`` (when given) and left out.
    """
    settings = settings or Settings.load()
    pipeline = pipeline or default_pipeline(settings)
    nlp = load_model(settings.model)
    for article, parsed, deadline in _annotated(nlp, articles, settings.article_timeout):
        try:
            if isinstance(parsed, ArticleTimeout):
                raise parsed
            yield pipeline.run(parsed, article, deadline)
        except ArticleTimeout as exc:
            if skipped is None:
                raise
            skipped.append(Skipped(article.id, str(exc)))
        except Exception as exc:  # one bad article must not sink the batch
            if skipped is None:
                raise
            skipped.append(Skipped(article.id, f"extraction failed: {type(exc).__name__}: {exc}"))


def _annotated(nlp: Language, articles: Iterable[Article], timeout: float,
               ) -> Iterator[tuple[Article, Doc | ArticleTimeout, Deadline]]:
    """Yield (article, its Doc or the timeout it hit, its deadline), in input order.

    Short texts are parsed in spaCy batches (their budget starts once parsed: a batch's
    parse cannot be split per text, and a short text parses in about a second at most);
    long ones alone, against their budget, so one cannot hold up the others for long.
    """
    pending: list[Article] = []

    def flush() -> Iterator[tuple[Article, Doc | ArticleTimeout, Deadline]]:
        texts = (a.text for a in pending)
        for article, doc in zip(pending, nlp.pipe(texts), strict=True):
            yield article, doc, Deadline(timeout)
        pending.clear()

    for article in articles:
        if len(article.text) <= PARSE_ALONE_CHARS:
            pending.append(article)
            continue
        yield from flush()
        deadline = Deadline(timeout)
        try:
            yield article, parse_within(nlp, article.text, deadline), deadline
        except ArticleTimeout as exc:
            yield article, exc, deadline
    yield from flush()

def iter_batches(items: Iterable[ReadItem], size: int,
                 report: RunReport) -> Iterator[list[Article]]:
    """Group articles into batches, recording skips and warnings in the report."""
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append(item)
        elif isinstance(item, Warning_):
            report.warnings.append(item)
        else:
            report.read += 1
            batch.append(item)
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def run(paths: Iterable[str | os.PathLike[str]] | None = None, store: Store | None = None,
        settings: Settings | None = None, articles: Iterable[ReadItem] | None = None,
        read_options: ReadOptions | None = None,
        progress: ProgressFn | None = None) -> RunReport:
    """Ingest articles (from paths, or given items) into the store and return the report.

    Nothing read at all is not an error here: ``report.read == 0`` and ``report.skipped``
    say why, and the CLI turns that into a failing exit status.
    """
    settings = settings or Settings.load()
    if store is None:
        store = Store(settings.db)
    options = read_options or ReadOptions(max_chars=settings.max_article_chars)
    items = articles if articles is not None else read_articles(paths or [], options)
    report = RunReport()
    started = time.perf_counter()
    # The actor registry is what the store knew when this run began; a run resuming one
    # that was interrupted uses that run's starting point, so the rows end up the same.
    registry = store.registry(actors_before=store.begin_run())
    store.use_settings(settings)
    sizes: deque[int] = deque()  # batch sizes in flight, for progress in input order

    def fresh_batches() -> Iterator[list[Article]]:
        for batch in iter_batches(items, settings.batch_size, report):
            unique: dict[str, Article] = {}
            for article in batch:
                unique.setdefault(article.id, article)
            present = store.existing_ids(list(unique))
            report.already_present += len(batch) - len(unique) + len(present)
            sizes.append(len(batch))
            yield [a for a in unique.values() if a.id not in present]

    stats: dict = {}
    # closing(): on Ctrl-C or an error, workers are stopped before the exception leaves run().
    with closing(extract_batches(
            fresh_batches(), settings, lambda: default_pipeline(settings, registry=registry),
            registry, stats)) as results:
        for result in results:
            report.skipped.extend(result.skipped)
            store_batch(result.extractions, store, report)
            if progress is not None:
                progress(sizes.popleft())
    store.end_run()
    report.workers = stats.get("workers", 1)
    report.worker_peak_rss_mb = stats.get("worker_peak_rss_mb", 0.0)
    report.seconds = time.perf_counter() - started
    return report


def store_batch(extractions: list[Extraction], store: Store, report: RunReport) -> None:
    """Write one batch in one transaction and count what was new.

    With several workers a batch can be extracted before the previous one is written, so
    an article repeated across neighbouring batches is caught here, not when dispatched.
    """
    if not extractions:
        return
    present = store.existing_ids([e.article.id for e in extractions])
    new = [e for e in extractions if e.article.id not in present]
    report.already_present += len(extractions) - len(new)
    copies_before = store.corpus.stats.copies
    report.stored += store.write(new)
    report.copies += store.corpus.stats.copies - copies_before
    report.events += sum(len(e.events) for e in new)
