"""Near-duplicate articles: rewritten copies are found, independent reports are not, and the
index survives across runs."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from tidings.ingest.near_duplicates import NearDuplicateIndex, from_bytes, signature, to_bytes
from tidings.records import Article, Extraction
from tidings.store import open_store

from .corpus_helpers import event, extraction
from .corpus_rewrites import hand_rewrite, rewrites

DEFAULT_THRESHOLD = 0.6


def demo_articles() -> list[dict]:
    text = resources.files("tidings.demo").joinpath("articles.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def family(article_id: str) -> str:
    """The demo article a text derives from (demo-014 is itself a wire copy of demo-010)."""
    base = article_id.split("/")[0]
    return "demo-010" if base == "demo-014" else base


def score(edit_every: int, threshold: float = DEFAULT_THRESHOLD) -> tuple[float, float]:
    """Index the demo corpus, then its rewritten copies; return (precision, recall) of the
    links found, a link being right when it leads to the article the copy derives from."""
    index = NearDuplicateIndex(threshold)
    tp = fp = fn = 0

    def judge(doc_id: str, text: str, is_copy: bool) -> None:
        nonlocal tp, fp, fn
        sig = signature(text)
        match = index.find(sig)
        if match and is_copy and family(match.article_id) == family(doc_id):
            tp += 1
        else:
            fn += is_copy
            fp += match is not None
        index.add(doc_id, sig, match.article_id if match else None)

    articles = demo_articles()
    for art in articles:  # independent articles, except the demo's own wire copy
        judge(art["id"], art["text"], art["id"] == "demo-014")
    for art in articles:
        copies = rewrites(art, edit_every) + [t for t in [hand_rewrite(art)] if t]
        for k, text in enumerate(copies):
            judge(f"{art['id']}/copy{k}", text, True)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn)
    print(f"near-duplicates, threshold {threshold}, one word in {edit_every} edited: "
          f"precision {precision:.3f} recall {recall:.3f} ({tp} found, {fp} wrong, {fn} missed)")
    return precision, recall


@pytest.mark.parametrize(("edit_every", "min_recall"), [(50, 0.95), (25, 0.9), (12, 0.4)])
def test_rewritten_copies_precision_and_recall(edit_every, min_recall):
    precision, recall = score(edit_every)
    assert precision == 1.0  # independent reports of one event share almost no 3-grams
    assert recall >= min_recall


def test_the_demo_wire_copy_and_no_other_demo_pair_is_linked():
    index = NearDuplicateIndex(DEFAULT_THRESHOLD)
    links = {}
    for art in demo_articles():
        sig = signature(art["text"])
        match = index.find(sig)
        if match:
            links[art["id"]] = match.article_id
        index.add(art["id"], sig)
    assert links == {"demo-014": "demo-010"}


def test_short_texts_are_never_near_duplicates():
    index = NearDuplicateIndex(0.5)
    a = "Qtly div 10 cts vs 10 cts prior. Pay March 31. Record March 16."
    index.add("x", signature(a))
    assert index.find(signature(a.replace("March 31", "April 13"))) is None


def test_signature_round_trips_through_bytes():
    sig = signature("the quick brown fox jumps over the lazy dog " * 5)
    again = from_bytes(to_bytes(sig))
    assert again.jaccard(sig) == 1.0
    with pytest.raises(ValueError, match="values"):
        from_bytes(b"\x00" * 12)


def _article_extraction(aid: str, text: str) -> Extraction:
    return Extraction(article=Article(aid, text, published="2024-04-13", source=aid))


def test_store_links_copies_across_runs_and_stays_idempotent(tmp_path):
    arts = {a["id"]: a for a in demo_articles()}
    original = arts["demo-025"]
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.write([_article_extraction("orig", original["text"]),
                     _article_extraction("other", arts["demo-040"]["text"])])
    copy_text = rewrites(original, 25)[1]
    with open_store(path) as store:  # a later run: the index comes back from the store
        assert store.write([_article_extraction("copy", copy_text),
                            _article_extraction("exact", original["text"])]) == 2
        assert store.corpus.stats.copies == 2
        before = store.table_counts()
        assert store.write([_article_extraction("copy", copy_text)]) == 0  # same id again
        assert store.table_counts() == before
        links = dict(store.con.execute(
            "SELECT article_id, duplicate_of FROM articles").fetchall())
        signed = store.con.execute("SELECT count(*) FROM article_signatures").fetchone()[0]
    assert links == {"orig": None, "other": None, "copy": "orig", "exact": "orig"}
    assert signed == 4


def test_a_copy_within_one_batch_is_linked_to_the_first(store):
    text = demo_articles()[30]["text"]
    store.write([_article_extraction("one", text), _article_extraction("two", text + " Ends.")])
    assert store.query("SELECT duplicate_of FROM articles WHERE article_id = 'two'") == [
        {"duplicate_of": "one"}]


def test_threshold_zero_links_exact_copies_only(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_DUPLICATE_THRESHOLD", "0")
    text = demo_articles()[20]["text"]
    with open_store(tmp_path / "s.duckdb") as store:
        store.write([_article_extraction("a", text), _article_extraction("b", text),
                     _article_extraction("c", text + " One more sentence here.")])
        links = dict(store.con.execute("SELECT article_id, duplicate_of FROM articles")
                     .fetchall())
    assert links == {"a": None, "b": "a", "c": None}


def test_bad_threshold_is_named(monkeypatch):
    from tidings.errors import InputError

    monkeypatch.setenv("TIDINGS_DUPLICATE_THRESHOLD", "1.5")
    with pytest.raises(InputError, match="duplicate_threshold"):
        open_store(":memory:")


def test_copies_are_kept_but_not_counted_as_independent_reports(store):
    """A syndicated copy's events are stored and linked, and aggregates do not count it."""
    from tidings.query.aggregate import dyad_series

    text = demo_articles()[15]["text"]
    store.write([extraction("w1", [event("e1", "AID", "DEUGOV", "UKRMIL", "2024-02-27")],
                            "2024-02-27", source="Wire", text=text)])
    store.write([extraction("w2", [event("e2", "AID", "DEUGOV", "UKRMIL", "2024-02-27")],
                            "2024-02-28", source="Reprint", text=text + " (Syndicated.)")])
    assert store.query("SELECT count(*) n FROM events")[0]["n"] == 2
    (row,) = dyad_series(store, "DEU", "UKR")
    assert (row["n_events"], row["n_reports"]) == (1, 1)


def test_the_window_keeps_only_the_most_recent_articles_in_memory():
    arts = demo_articles()
    index = NearDuplicateIndex(DEFAULT_THRESHOLD, window=2)
    for aid, art in zip(("a", "b", "c"), arts[:3], strict=True):
        index.add(aid, signature(art["text"]))
    assert len(index) == 2  # "a" left the window
    assert index.find(signature(rewrites(arts[0], 25)[1])) is None
    found = index.find(signature(rewrites(arts[2], 25)[1]))
    assert found is not None and found.article_id == "c"


def test_the_window_is_rebuilt_from_the_most_recently_stored(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_DUPLICATE_WINDOW", "1")
    arts = {a["id"]: a for a in demo_articles()}
    old, recent = arts["demo-025"], arts["demo-040"]
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.write([_article_extraction("old", old["text"])])
        store.write([_article_extraction("recent", recent["text"])])
    with open_store(path) as store:  # a later run: only "recent" is back in the index
        # each new article joins the window as it is stored, so the recent copy goes first
        store.write([_article_extraction("copy-recent", rewrites(recent, 25)[1]),
                     _article_extraction("copy-old", rewrites(old, 25)[1])])
        links = dict(store.con.execute("SELECT article_id, duplicate_of FROM articles")
                     .fetchall())
    assert links["copy-recent"] == "recent"
    assert links["copy-old"] is None
