"""The Spark engine (``pip install 'tidings[spark]'``): annotate + extract on a cluster.

How a run goes, and why:

- The driver reads the inputs with tidings' own readers, so every format, article id and
  skip reason is exactly what ``tidings ingest`` gives. It hands Spark the articles in
  chunks of ``chunk_size`` (one Spark job per chunk, appended to the output), so the
  driver's memory stays bounded however large the input.
- Executors run ``mapPartitions`` over article batches. The model and the extractor
  pipeline are loaded once per Python worker and kept in a module global (Spark reuses its
  Python workers between tasks), so a task pays only for parsing. The spaCy Doc never
  leaves the executor: it returns plain rows.
- The output is one Parquet dataset (see docs/scaling.md), written in one Spark job per
  chunk: a row per article with its input order ``seq``, the extraction JSON, and its
  events nested with the store's ``events`` columns, which DuckDB or Spark query directly
  (``unnest(events)``). ``tidings load OUT`` writes the extractions into a store in input
  order: the same rows a local ingest of the same input makes.
- PySpark's RDD API needs no pandas; ``mapInArrow`` would.
"""

from __future__ import annotations

import json
import os
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Skipped, TidingsError, Warning_
from ..extract.registry import ActorRegistry
from ..ingest import ReadOptions, read_articles
from ..records import Article, Extraction
from ..settings import Settings
from ..store.schema import TABLES

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from ..pipeline import RunReport
    from ..store import Store

#: Spark SQL type of each DuckDB column type used in the store schema.
_SPARK_TYPES = {"VARCHAR": "string", "INTEGER": "int", "BIGINT": "bigint", "DOUBLE": "double",
                "BOOLEAN": "boolean", "DATE": "date", "TIMESTAMP": "timestamp",
                "VARCHAR[]": "array<string>"}


def output_schema() -> str:
    """The dataset's Spark schema: one row per article, its events nested as the store's
    ``events`` columns (same names and types)."""
    event = ", ".join(f"`{name}`: {_SPARK_TYPES[kind.replace(' PRIMARY KEY', '')]}"
                      for name, kind in TABLES["events"])
    return ("seq bigint, article_id string, title string, published string, source string, "
            f"n_events int, extraction string, events array<struct<{event}>>")


class SparkUnavailableError(TidingsError):
    """PySpark (or Java) is missing: the Spark engine is an optional extra."""


@dataclass
class SparkReport:
    """What a Spark run read, wrote and skipped."""

    read: int = 0
    written: int = 0
    events: int = 0
    chunks: int = 0
    skipped: list[Skipped] | None = None
    warnings: list[Warning_] | None = None
    seconds: float = 0.0
    out: str = ""

    def summary_lines(self) -> list[str]:
        from ..pipeline import skipped_lines

        return [f"read {self.read} articles in {self.seconds:.1f}s "
                f"({self.read / self.seconds if self.seconds else 0:.1f} articles/s, Spark)",
                f"wrote {self.written} extractions with {self.events} events to {self.out} "
                f"in {self.chunks} chunks"] + skipped_lines(self.skipped or [])


# -- session ---------------------------------------------------------------------------------
def spark_session(master: str | None = None, conf: dict[str, str] | None = None) -> SparkSession:
    """Return a Spark session (reusing an active one) set up for tidings.

    A ``local[...]`` master binds to 127.0.0.1 and needs no network; the UI is off. Under
    ``spark-submit`` leave ``master`` unset: the submit command's settings win.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailableError("the Spark engine needs PySpark: pip install "
                                    "'tidings[spark]' (and Java 17 or newer)") from None
    # Executors on this machine must use this interpreter, which has tidings and the model.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("tidings").config("spark.ui.enabled", "false")
    builder = builder.config("spark.sql.shuffle.partitions", "4").config(
        "spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            builder = builder.config("spark.driver.host", "127.0.0.1").config(
                "spark.driver.bindAddress", "127.0.0.1")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # Java missing or too old, most often
        raise SparkUnavailableError(f"cannot start Spark: {exc}") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


# -- executor side ---------------------------------------------------------------------------
#: (settings, run token) -> pipeline, kept for the life of the Python worker.
_EXECUTOR_CACHE: dict[Any, Any] = {}


def _executor_pipeline(settings: Settings, registry_bc: Any, token: str) -> Any:
    key = (settings, token)
    if key not in _EXECUTOR_CACHE:
        from ..annotate import load_model
        from ..pipeline import default_pipeline

        load_model(settings.model)
        _EXECUTOR_CACHE.clear()
        _EXECUTOR_CACHE[key] = default_pipeline(settings, registry=registry_bc.value)
    return _EXECUTOR_CACHE[key]


def extract_partition(rows: Iterable[tuple[int, str]], settings: Settings, registry_bc: Any,
                      token: str, skips: Any) -> Iterator[tuple]:
    """Extract one partition of ``(seq, article JSON)``; yield one output row per article.

    Articles whose extraction fails go to the ``skips`` accumulator as (id, reason).
    """
    from datetime import UTC, datetime

    from ..scale.local import extract_batch
    from ..store.rows import extraction_rows

    pipeline = _executor_pipeline(settings, registry_bc, token)
    now = datetime.now(UTC).replace(tzinfo=None)
    names = [name for name, _ in TABLES["events"]]
    batch: list[tuple[int, Article]] = []

    def flush() -> Iterator[tuple]:
        seq_of = {article.id: seq for seq, article in batch}
        result = extract_batch([a for _, a in batch], settings, pipeline)
        if result.skipped:
            skips.add([(skip.source, skip.reason) for skip in result.skipped])
        for extraction in result.extractions:
            art = extraction.article
            events = [tuple(row[name] for name in names)
                      for row in extraction_rows(extraction, now)["events"]]
            yield (seq_of[art.id], art.id, art.title, art.published, art.source,
                   len(extraction.events), extraction.to_json(), events)
        batch.clear()

    for seq, text in rows:
        batch.append((seq, Article.from_dict(json.loads(text))))
        if len(batch) >= settings.batch_size:
            yield from flush()
    if batch:
        yield from flush()


# -- driver side -----------------------------------------------------------------------------
class _ListParam:
    """Accumulate lists (of extraction skips) from executors."""

    def zero(self, value: list) -> list:
        return []

    def addInPlace(self, a: list, b: list) -> list:  # noqa: N802  (PySpark's name)
        a.extend(b)
        return a


def _chunks(items: Iterable[Any], size: int, report: SparkReport) -> Iterator[list[tuple[int, str]]]:
    """Group the readers' articles into (seq, JSON) chunks; record skips and warnings.

    An id repeated within a chunk is extracted once (``tidings load`` also keeps only the
    first of an id repeated across chunks, as a local ingest does).
    """
    chunk: list[tuple[int, str]] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append(item)  # type: ignore[union-attr]
        elif isinstance(item, Warning_):
            report.warnings.append(item)  # type: ignore[union-attr]
        else:
            report.read += 1
            if item.id in seen:
                continue
            seen.add(item.id)
            chunk.append((report.read, item.to_json()))
            if len(chunk) >= size:
                yield chunk
                chunk, seen = [], set()
    if chunk:
        yield chunk


def run_spark(paths: Iterable[str | os.PathLike[str]], out: str | os.PathLike[str],
              settings: Settings | None = None, read_options: ReadOptions | None = None,
              master: str | None = None, chunk_size: int = 20_000,
              registry: ActorRegistry | None = None,
              session: SparkSession | None = None) -> SparkReport:
    """Extract the articles in ``paths`` on Spark and write the Parquet dataset ``out``."""
    settings = settings or Settings.load()
    if chunk_size < 1:
        raise InputError(f"chunk size must be at least 1, not {chunk_size}")
    out_path = str(out)
    if "://" not in out_path and Path(out_path).exists():
        raise InputError(f"{out_path}: already exists; choose a new --out or remove it")
    spark = session or spark_session(master)
    sc = spark.sparkContext
    options = read_options or ReadOptions(max_chars=settings.max_article_chars)
    report = SparkReport(skipped=[], warnings=[], out=out_path)
    started = time.perf_counter()
    registry_bc = sc.broadcast(registry or ActorRegistry())
    token = uuid.uuid4().hex  # tells executors a new run (and registry) from a cached one
    slices = max(2, sc.defaultParallelism)
    skips = sc.accumulator([], _ListParam())
    for chunk in _chunks(read_articles(paths, options), chunk_size, report):
        rows = sc.parallelize(chunk, min(slices, len(chunk))).mapPartitions(
            lambda part: extract_partition(part, settings, registry_bc, token, skips))
        frame = spark.createDataFrame(rows, output_schema())
        frame.write.mode("append" if report.chunks else "errorifexists").parquet(out_path)
        report.chunks += 1
    # Counted from what was written, not from accumulators (a retried task adds twice).
    if report.chunks:
        written = spark.read.parquet(out_path).selectExpr("count(*)", "sum(n_events)").first()
        report.written, report.events = written[0], written[1] or 0
    report.skipped.extend(Skipped(source, reason)  # type: ignore[union-attr]
                          for source, reason in dict.fromkeys(skips.value))
    registry_bc.unpersist()
    report.seconds = time.perf_counter() - started
    return report


def load_parquet(out: str | os.PathLike[str], store: Store,
                 settings: Settings | None = None) -> RunReport:
    """Write a Spark run's extractions into the store, in input order, batch by batch.

    Gives the same rows a local ingest of the same input gives; articles already in the
    store are counted and left alone, so loading twice changes nothing.
    """
    import duckdb

    from ..pipeline import RunReport, store_batch

    settings = settings or Settings.load()
    pattern = Path(out) / "*.parquet"
    if not list(pattern.parent.glob(pattern.name)):
        raise InputError(f"{out}: no Parquet files; expected the --out dataset of "
                         "`tidings ingest --engine spark`")
    report = RunReport()
    started = time.perf_counter()
    reader = duckdb.connect()  # reads the Parquet; the store's connection only writes
    try:
        cursor = reader.execute("SELECT article_id, extraction FROM read_parquet(?) ORDER BY seq",
                                [str(pattern)])
        while rows := cursor.fetchmany(settings.batch_size):
            report.read += len(rows)
            unique: dict[str, str] = {}
            for article_id, text in rows:
                unique.setdefault(article_id, text)
            report.already_present += len(rows) - len(unique)
            store_batch([Extraction.from_dict(json.loads(t)) for t in unique.values()],
                        store, report)
    except duckdb.Error as exc:
        raise InputError(f"{out}: cannot read the Parquet dataset: {exc}") from None
    finally:
        reader.close()
    report.seconds = time.perf_counter() - started
    return report
