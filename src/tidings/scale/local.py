"""The local engine: annotate and extract on every core of one machine, one writer.

Why it is shaped this way:

- spaCy's parse is CPU-bound Python/Cython that holds the GIL, so the only way to use more
  than one core is more processes. Each worker process loads the model once (in its
  initializer) and keeps it for the whole run.
- The spaCy ``Doc`` never leaves its worker: a worker receives plain ``Article`` records
  and returns plain ``Extraction`` records (frozen dataclasses that pickle cheaply).
- One store batch (``batch_size`` articles) is split into one task per worker, so all
  cores work on it at once. About ``2 × workers`` tasks are in flight, so memory stays
  bounded however long the input is, and the parent (the only process that touches
  DuckDB) writes each batch in one transaction, in input order. Results are therefore
  identical to a one-worker run.
- Workers use the ``spawn`` start method (no fork of a parent holding a DuckDB connection
  and threads) and ignore SIGINT: Ctrl-C reaches the parent, which stops handing out work
  and lets the store keep only whole batches.
- ``concurrent.futures`` rather than ``multiprocessing.Pool``: when a worker dies (killed,
  out of memory) the executor fails the pending work with ``BrokenProcessPool`` instead of
  waiting forever, and the run stops with a clear message.
"""

from __future__ import annotations

import itertools
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..errors import InputError, Skipped, TidingsError
from ..extract.pipeline import Pipeline
from ..extract.registry import ActorRegistry
from ..records import Article, Extraction
from ..settings import Settings


class WorkerError(TidingsError):
    """A worker process died; batches written before it are complete and a re-run resumes."""


@dataclass
class BatchResult:
    """What one batch yields: its extractions (in input order) and its extraction skips."""

    extractions: list[Extraction]
    skipped: list[Skipped] = field(default_factory=list)
    peak_rss_mb: float = 0.0


def effective_workers(requested: int) -> int:
    """Return the number of worker processes: ``requested``, or every usable core for 0."""
    if requested < 0:
        raise InputError(f"workers must be 0 (every core) or a positive number, not {requested}")
    if requested > 0:
        return requested
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def peak_rss_mb() -> float:
    """Return this process's peak resident memory in MiB.

    Linux: VmHWM of /proc/self/status, which restarts at exec. ``ru_maxrss`` does not: a
    spawned worker (fork + exec) would report its parent's size at the fork.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def extract_batches(batches: Iterable[list[Article]], settings: Settings,
                    make_pipeline: Callable[[], Pipeline], registry: ActorRegistry,
                    engine_stats: dict | None = None) -> Iterator[BatchResult]:
    """Yield one BatchResult per batch, in order, on ``settings.workers`` processes.

    One worker, or an input that fits in one batch, runs in this process: starting workers
    (each loads the model, a second or two) would cost more than it saves. Only then is
    ``make_pipeline`` called: with workers, building it here (the gazetteer takes most of
    a second) would only delay their start.
    ``engine_stats`` (when given) receives ``workers`` and ``worker_peak_rss_mb``.
    """
    stats = engine_stats if engine_stats is not None else {}
    batches = iter(batches)
    head = list(itertools.islice(batches, 2))
    workers = effective_workers(settings.workers)
    if workers == 1 or len(head) < 2:
        stats["workers"] = 1
        pipeline = make_pipeline()
        for batch in itertools.chain(head, batches):
            yield extract_batch(batch, settings, pipeline)
        stats["worker_peak_rss_mb"] = peak_rss_mb()
        return
    engine = LocalEngine(settings, registry, workers)
    stats["workers"] = workers
    try:
        yield from engine.map(itertools.chain(head, batches))
    finally:
        stats["worker_peak_rss_mb"] = engine.worker_peak_rss_mb


def extract_batch(articles: list[Article], settings: Settings, pipeline: Pipeline) -> BatchResult:
    """Annotate and extract one batch in this process; failures become skips."""
    from ..pipeline import extract_many

    skipped: list[Skipped] = []
    extractions = list(extract_many(articles, settings, pipeline, skipped))
    return BatchResult(extractions, skipped)


# -- worker side -----------------------------------------------------------------------------
_WORKER: tuple[Settings, Pipeline] | Exception | None = None


def _init_worker(settings: Settings, registry: ActorRegistry) -> None:
    """Load the model and build the pipeline once per worker process."""
    global _WORKER
    from ..annotate import load_model
    from ..pipeline import default_pipeline

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    try:
        load_model(settings.model)
        _WORKER = (settings, default_pipeline(settings, registry=registry))
    except Exception as exc:  # e.g. no model: report it with the first batch, not as a crash
        _WORKER = exc


def _exit_when_orphaned(parent: int) -> None:
    """End this worker when its parent is gone (kill -9): nobody will read its results."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(articles: list[Article]) -> BatchResult:
    assert _WORKER is not None, "worker used before its initializer ran"
    if isinstance(_WORKER, Exception):
        raise _WORKER
    settings, pipeline = _WORKER
    result = extract_batch(articles, settings, pipeline)
    result.peak_rss_mb = peak_rss_mb()
    return result


# -- parent side -----------------------------------------------------------------------------
@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start workers without re-running the caller's script in them.

    ``spawn`` re-imports the parent's ``__main__`` file in each child, which re-runs a
    script that calls ``tidings.run`` without an ``if __name__ == "__main__":`` guard. The
    workers need nothing from that script (all they run lives in tidings), so the file is
    hidden while a submit may start a process (processes start inside ``submit``).
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or path is None or getattr(main, "__spec__", None) is not None:
        yield
        return
    del main.__file__
    try:
        yield
    finally:
        main.__file__ = path


class LocalEngine:
    """Run batches through ``workers`` processes and yield their results in input order.

    ``worker_peak_rss_mb`` holds the highest peak memory any worker reported (for benches).
    """

    def __init__(self, settings: Settings, registry: ActorRegistry, workers: int) -> None:
        self.settings = settings
        self.registry = registry
        self.workers = workers
        self.worker_peak_rss_mb = 0.0

    def map(self, batches: Iterable[list[Article]]) -> Iterator[BatchResult]:
        """Yield one BatchResult per batch, in order, with a bounded number in flight.

        Each batch is split into up to ``workers`` chunks (of at least ``MIN_CHUNK``
        articles) that run at once: the first batch is stored sooner, every core is busy
        until the last one, and the parent still writes whole batches in input order.
        About ``2 × workers`` chunks are in flight, so workers keep parsing while the
        parent writes.
        """
        import multiprocessing

        window = 2 * self.workers
        executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_init_worker,
                                       initargs=(self.settings, self.registry))
        pending: deque[list[Future[BatchResult]]] = deque()
        in_flight = 0
        try:
            for batch in batches:
                with _main_module_hidden():
                    pending.append([executor.submit(_work, chunk)
                                    for chunk in split_batch(batch, self.workers)])
                in_flight += len(pending[-1])
                while in_flight >= window:
                    in_flight -= len(pending[0])
                    yield self._next(pending)
            while pending:
                yield self._next(pending)
        except BrokenProcessPool:
            raise WorkerError(
                "a worker process died (killed, or out of memory?); every batch stored before "
                "it is complete, and running the same command again resumes") from None
        finally:
            # Also on Ctrl-C or the consumer stopping early: drop the work not yet started.
            for futures in pending:
                for future in futures:
                    future.cancel()
            executor.shutdown(wait=True, cancel_futures=True)

    def _next(self, pending: deque[list[Future[BatchResult]]]) -> BatchResult:
        parts = [future.result() for future in pending.popleft()]
        result = BatchResult([e for p in parts for e in p.extractions],
                             [s for p in parts for s in p.skipped],
                             max((p.peak_rss_mb for p in parts), default=0.0))
        self.worker_peak_rss_mb = max(self.worker_peak_rss_mb, result.peak_rss_mb)
        return result


#: A worker task holds at least this many articles: smaller ones cost more in hand-offs
#: than they gain in balance.
MIN_CHUNK = 8


def split_batch(batch: list[Article], workers: int) -> list[list[Article]]:
    """Split a batch into at most ``workers`` contiguous chunks of near-equal size."""
    parts = max(1, min(workers, len(batch) // MIN_CHUNK))
    size, extra = divmod(len(batch), parts)
    chunks, start = [], 0
    for i in range(parts):
        end = start + size + (i < extra)
        chunks.append(batch[start:end])
        start = end
    return chunks
