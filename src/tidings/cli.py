"""The ``tidings`` command line: each command parses its options and calls one library
function (see docs/cli.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .cli_knowledge import COMMANDS as KNOWLEDGE_COMMANDS
from .errors import TidingsError
from .settings import Settings


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tidings")
def main() -> None:
    """Turn news into event data: who did what to whom, when and where."""


def _read_options(published: str | None, text_column: str | None, settings: Settings):
    from .ingest import ReadOptions, normalise_published

    if published:
        try:
            published = normalise_published(published)
        except ValueError as exc:
            _fail(f"--published: {exc}")
    return ReadOptions(max_chars=settings.max_article_chars, published=published,
                       text_column=text_column)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl",
              show_default=True, help="One JSON extraction per line, or a table of events.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs without one.")
@click.option("--text-column", help="CSV column holding the article text.")
@click.option("--include-negated", is_flag=True, default=None,
              help="Keep negated/hypothetical events (flagged in aux).")
@click.option("--db", help="Read the actor registry from this store (nothing is written).")
def extract(paths: tuple[str, ...], fmt: str, published: str | None, text_column: str | None,
            include_negated: bool | None, db: str | None) -> None:
    """Print the extractions of the articles in PATHS without storing them."""
    from .errors import Skipped, Warning_
    from .ingest import read_articles
    from .output import render
    from .pipeline import default_pipeline, extract_many

    settings = Settings.load(include_negated=include_negated)
    pipeline = default_pipeline(settings, registry=_registry_from(db))
    articles, skipped = [], []
    for item in read_articles(paths, _read_options(published, text_column, settings)):
        if isinstance(item, Skipped | Warning_):
            click.echo(f"{'skipped' if isinstance(item, Skipped) else 'warning'}: {item}",
                       err=True)
            if isinstance(item, Skipped):
                skipped.append(item)
        else:
            articles.append(item)
    read_skips = len(skipped)
    extracted = 0
    try:
        for extraction in extract_many(articles, settings, pipeline, skipped=skipped):
            extracted += 1
            if fmt == "jsonl":
                click.echo(extraction.to_json())
            else:
                rows = [{"article": extraction.article.id, "date": e.date, "event": e.event,
                         "actor": _who(e.actor), "recipient": _who(e.recipient),
                         "cameo": e.cameo.code if e.cameo else None, "text": e.event_text}
                        for e in extraction.events]
                click.echo(render(rows, "table", ["article", "date", "event", "actor",
                                                  "recipient", "cameo", "text"]) + "\n")
    except TidingsError as exc:
        _fail(str(exc))
    for item in skipped[read_skips:]:  # articles read but not extracted (timeouts, failures)
        click.echo(f"skipped: {item}", err=True)
    if not articles:
        _fail("no articles could be read")
    if not extracted:
        _fail("no article could be extracted")


def _registry_from(db: str | None):
    """Return the actor registry of an existing store, or None without --db."""
    if not db:
        return None
    from .store import open_store

    try:
        with open_store(db, read_only=True) as store:
            return store.registry()
    except TidingsError as exc:
        _fail(str(exc))


def _who(actor) -> str:
    if actor is None:
        return ""
    code = actor.code or "?"
    return f"{actor.entity_text} ({code})"


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", help="Store file [default: tidings.duckdb, or $TIDINGS_DB].")
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs without one.")
@click.option("--text-column", help="CSV column holding the article text.")
@click.option("--batch-size", type=int, help="Articles per stored batch (transaction).")
@click.option("--strict", is_flag=True, default=None, help="Exit 1 if anything was skipped.")
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
@click.option("--workers", type=int, help="Worker processes [default: every core, or $TIDINGS_WORKERS].")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: processes on this machine, into --db. spark: a Parquet dataset at --out "
              "(see docs/scaling.md; needs tidings[spark]).")
@click.option("--master", help="Spark master, e.g. local[2] [default: spark-submit's].")
@click.option("--out", type=click.Path(), help="Spark engine: Parquet dataset to write.")
@click.option("--chunk-size", type=int, default=20_000, show_default=True,
              help="Spark engine: articles the driver hands Spark per job.")
def ingest(paths: tuple[str, ...], db: str | None, published: str | None,
           text_column: str | None, batch_size: int | None, strict: bool | None,
           no_progress: bool, workers: int | None, engine: str, master: str | None,
           out: str | None, chunk_size: int) -> None:
    """Extract the articles in PATHS and store them in the DuckDB store."""
    settings = Settings.load(db=db, batch_size=batch_size, strict=strict, workers=workers,
                             progress=False if no_progress else None)
    if engine == "spark":
        from .cli_scale import ingest_spark

        ingest_spark(paths, settings, _read_options(published, text_column, settings),
                     master, out, chunk_size, db)
        return
    _finish_ingest(_ingest(paths, settings, _read_options(published, text_column, settings)),
                   settings)


def _finish_ingest(report, settings: Settings) -> None:
    """Print a run's report; fail when nothing was read, or anything skipped under --strict."""
    for line in report.summary_lines():
        click.echo(line, err=True)
    if report.read == 0:
        _fail("no articles could be read")
    if settings.strict and report.skipped:
        _fail(f"--strict: {len(report.skipped)} items were skipped")


def _ingest(paths, settings: Settings, options):
    from .ingest import estimate_articles
    from .pipeline import run
    from .progress import ProgressBar
    from .store import open_store

    try:
        with open_store(settings.db) as store:
            bar = ProgressBar(estimate_articles(paths), enabled=settings.progress)
            try:
                return run(paths, store, settings, read_options=options, progress=bar.advance)
            finally:
                bar.close()
    except TidingsError as exc:
        _fail(str(exc))
        raise  # unreachable; keeps type checkers content


@main.command()
@click.option("--db", help="Store file [default: tidings.duckdb, or $TIDINGS_DB].")
@click.option("--actor", help="Acting country (ISO alpha-3 or PLOVER code, e.g. USA).")
@click.option("--recipient", help="Recipient country.")
@click.option("--country", help="Either side.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. CONSULT.")
@click.option("--since", help="First date (YYYY-MM-DD).")
@click.option("--until", help="Last date (YYYY-MM-DD).")
@click.option("--limit", type=int, default=1000, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--dedup", is_flag=True, help="One row per real-world event (reports merged, "
              "copies left out) with NumMentions/NumSources/NumArticles.")
def events(db: str | None, actor: str | None, recipient: str | None, country: str | None,
           event_type: str | None, since: str | None, until: str | None, limit: int,
           fmt: str, dedup: bool) -> None:
    """List stored events (reports, or deduplicated with --dedup), newest first."""
    from .output import render
    from .query import EVENT_COLUMNS, EventFilter, find_events
    from .store import open_store

    settings = Settings.load(db=db)
    try:
        with open_store(settings.db, read_only=True) as store:
            rows = find_events(store, EventFilter(actor=actor, recipient=recipient,
                                                  country=country, type=event_type,
                                                  since=since, until=until), limit=limit,
                               dedup=dedup)
    except TidingsError as exc:
        _fail(str(exc))
    columns = EVENT_COLUMNS if fmt != "table" else (
        "date", "event", "actor_text", "actor_country", "recipient_text",
        "recipient_country", "cameo_code", "event_text", "article_id")
    if dedup:
        from .query.events import DEDUP_COLUMNS

        columns = (*columns, *DEDUP_COLUMNS)
    click.echo(render(rows, fmt, columns))


@main.command()
@click.option("--db", help="Store file [default: tidings.duckdb, or $TIDINGS_DB].")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def summary(db: str | None, fmt: str) -> None:
    """Print a store's overview: articles, events by type, top dyads."""
    from .demo import format_summary
    from .query import summarize
    from .store import open_store

    settings = Settings.load(db=db)
    try:
        with open_store(settings.db, read_only=True) as store:
            data = summarize(store)
    except TidingsError as exc:
        _fail(str(exc))
    click.echo(json.dumps(data, indent=1) if fmt == "json" else format_summary(data))


@main.command()
@click.option("--db", default="demo.duckdb", show_default=True, help="Store file to build.")
def demo(db: str) -> None:
    """Ingest the bundled demo corpus into a store and print its summary."""
    from .demo import demo_corpus_path, format_summary
    from .query import summarize
    from .store import open_store

    settings = Settings.load(db=db, progress=False)
    report = _ingest([str(demo_corpus_path())], settings,
                     _read_options(None, None, settings))
    for line in report.summary_lines():
        click.echo(line)
    with open_store(settings.db, read_only=True) as store:
        click.echo("\n" + format_summary(summarize(store)))
    db_arg = "" if db == "demo.duckdb" else f" --db {db}"
    click.echo(f"""
Try next:
  .venv/bin/tidings events --db {Path(db)} --actor IND --format table
  .venv/bin/tidings events --db {Path(db)} --type ASSAULT --format csv
  .venv/bin/tidings summary --db {Path(db)} --format json
  .venv/bin/tidings extract ../shared/gold/seed-article.jsonl --format table{db_arg}

Browse it (web UI and JSON API on http://127.0.0.1:8000/):
  .venv/bin/tidings serve --db {Path(db)}""")


@main.command()
@click.option("--gold", "gold", type=click.Path(exists=True),
              help="Article-level gold (JSON lines, the codebook's format).")
@click.option("--articles", type=click.Path(exists=True),
              help="The articles the --gold file codes (JSON lines with matching ids).")
@click.option("--sentences", type=click.Path(exists=True),
              help="Sentence-level gold: CSV with text,label[,source,target] (PLV format).")
@click.option("--plover-gsr", type=click.Path(exists=True),
              help="PLOVER gold-standard records (JSON array; older labels mapped).")
@click.option("--cameo-examples", type=click.Path(exists=True),
              help="CAMEO codebook CSV with example sentences (ICEWS format, cp1252).")
@click.option("--meantime", type=click.Path(exists=True, file_okay=False),
              help="MEANTIME corpus directory (CAT XML): date normalisation, entity F1.")
@click.option("--json", "json_out", type=click.Path(), help="Also write the full report here.")
@click.option("--db", help="Use the actor registry of this store for article gold.")
def evaluate(gold: str | None, articles: str | None, sentences: str | None,
             plover_gsr: str | None, cameo_examples: str | None, meantime: str | None, json_out: str | None,
             db: str | None) -> None:
    """Score extractions against gold data and print precision, recall and F1."""
    from .evaluate import (
        evaluate_articles,
        evaluate_cameo_examples,
        evaluate_meantime,
        evaluate_plover_gsr,
        evaluate_sentences,
    )
    from .evaluate.report import format_report

    reports = {}
    try:
        if gold:
            if not articles:
                _fail("--gold needs --articles (the texts the gold codes)")
            reports["articles"] = evaluate_articles(gold, articles,
                                                    registry=_registry_from(db))
        if sentences:
            reports["sentences"] = evaluate_sentences(sentences)
        if plover_gsr:
            reports["plover_gsr"] = evaluate_plover_gsr(plover_gsr)
        if cameo_examples:
            reports["cameo_examples"] = evaluate_cameo_examples(cameo_examples)
        if meantime:
            reports["meantime"] = evaluate_meantime(meantime)
    except TidingsError as exc:
        _fail(str(exc))
    if not reports:
        _fail("give --gold with --articles, --sentences, --plover-gsr, --cameo-examples, "
              "or --meantime")
    click.echo(format_report(reports))
    if json_out:
        Path(json_out).write_text(json.dumps(reports, indent=1, ensure_ascii=False))


@main.group()
def actors() -> None:
    """Manage the actor registry: import dictionaries, load overrides, list entries."""


@actors.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", help="Store file [default: tidings.duckdb, or $TIDINGS_DB].")
def actors_import(paths: tuple[str, ...], db: str | None) -> None:
    """Import CAMEO/Phoenix (TABARI-format) actor dictionaries into the registry."""
    from .ontology.dictionaries import read_actor_dictionary
    from .store import open_store

    settings = Settings.load(db=db)
    try:
        with open_store(settings.db) as store:
            for path in paths:
                n = store.add_registry_entries(read_actor_dictionary(path), source=path)
                click.echo(f"{path}: {n} name-role entries imported")
    except TidingsError as exc:
        _fail(str(exc))


@actors.command("load")
@click.argument("path", type=click.Path(exists=True))
@click.option("--db", help="Store file [default: tidings.duckdb, or $TIDINGS_DB].")
def actors_load(path: str, db: str | None) -> None:
    """Load user overrides (YAML list of name/aliases/country/sector/title); they win."""
    from .store import open_store
    from .store.overrides import read_overrides

    settings = Settings.load(db=db)
    try:
        entries = read_overrides(path)
        with open_store(settings.db) as store:
            n = store.add_registry_entries(entries, source=path)
    except TidingsError as exc:
        _fail(str(exc))
    click.echo(f"{path}: {n} override entries loaded (re-ingest articles to apply them)")


@actors.command("list")
@click.option("--db", help="Store file [default: tidings.duckdb, or $TIDINGS_DB].")
@click.option("--name", help="Only names containing this text.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
def actors_list(db: str | None, name: str | None, fmt: str) -> None:
    """List registry entries: learned from articles, overrides and dictionaries."""
    from .output import render
    from .store import open_store

    settings = Settings.load(db=db)
    sql = ("SELECT name, country, sector, title, 'extracted' AS origin, NULL AS valid_from, "
           "NULL AS valid_to FROM actors UNION ALL SELECT name, country, sector, title, origin, "
           "CAST(valid_from AS VARCHAR), CAST(valid_to AS VARCHAR) FROM actor_dictionary")
    try:
        with open_store(settings.db, read_only=True) as store:
            rows = store.query(f"SELECT * FROM ({sql}) WHERE ? IS NULL OR name ILIKE ? "
                               "ORDER BY name LIMIT 10000", [name, f"%{name}%"])
    except TidingsError as exc:
        _fail(str(exc))
    click.echo(render(rows, fmt))


from .cli_serve import serve  # noqa: E402  (commands kept in their own modules)

main.add_command(serve)

from .cli_corpus import COMMANDS as _CORPUS_COMMANDS  # noqa: E402  (after main is defined)

for _command in _CORPUS_COMMANDS:
    main.add_command(_command)

from .cli_facts import COMMANDS as _FACT_COMMANDS  # noqa: E402  (counts, quotes, ...)

for _command in _FACT_COMMANDS:
    main.add_command(_command)

for _command in KNOWLEDGE_COMMANDS:  # tidings show, tidings mentions (cli_knowledge.py)
    main.add_command(_command)

from .cli_scale import load  # noqa: E402  (registers `tidings load` on the group)

main.add_command(load)

if __name__ == "__main__":  # pragma: no cover
    main()
