"""`make demo` ends by telling the user how to serve the demo store."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tidings.cli import main

from .webutil import demo_articles


def test_demo_ends_with_how_to_serve_it(tmp_path, monkeypatch):
    import tidings.demo

    small = tmp_path / "two.jsonl"
    small.write_text("".join(json.dumps(a) + "\n" for a in demo_articles(2)))
    monkeypatch.setattr(tidings.demo, "demo_corpus_path", lambda: small)
    db = tmp_path / "demo.duckdb"
    result = CliRunner().invoke(main, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.rstrip().splitlines()
    assert lines[-1].strip() == f".venv/bin/tidings serve --db {db}"
    assert "127.0.0.1:8000" in lines[-2]
