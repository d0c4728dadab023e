"""Docs stay true: every CLI command, option and setting is documented."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tidings.cli import main
from tidings.settings import SETTINGS, Settings

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = ROOT / "docs" / "cli.md"


def test_every_command_and_option_is_in_cli_doc():
    text = CLI_DOC.read_text()
    for name, cmd in main.commands.items():
        assert f"`tidings {name}`" in text, f"command {name} missing from docs/cli.md"
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in text, f"{name} {opt} missing from docs/cli.md"


def test_cli_reference_is_current():
    spec = importlib.util.spec_from_file_location("gen_cli", ROOT / "docs" / "gen_cli.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    current = CLI_DOC.read_text()
    assert gen.render(current) == current, "run: .venv/bin/python docs/gen_cli.py"


def test_every_setting_is_documented_with_its_default():
    text = CLI_DOC.read_text()
    for setting in SETTINGS:
        assert f"`{setting.name}`" in text, f"setting {setting.name} undocumented"
        assert setting.env_var in text


def test_settings_table_matches_dataclass_defaults():
    defaults = Settings()
    for setting in SETTINGS:
        assert getattr(defaults, setting.name) == setting.default


def test_settings_read_environment(monkeypatch):
    monkeypatch.setenv("TIDINGS_BATCH_SIZE", "7")
    monkeypatch.setenv("TIDINGS_STRICT", "yes")
    s = Settings.load(db="x.duckdb")
    assert (s.batch_size, s.strict, s.db) == (7, True, "x.duckdb")


def test_bad_environment_value_is_named(monkeypatch):
    import pytest

    from tidings.errors import InputError

    monkeypatch.setenv("TIDINGS_BATCH_SIZE", "many")
    with pytest.raises(InputError, match="TIDINGS_BATCH_SIZE='many'"):
        Settings.load()


def test_public_api_exports_are_complete():
    import tidings

    for name in tidings.__all__:
        assert hasattr(tidings, name), name
    for name in ("extract", "run", "open_store", "Article", "Event", "Extraction"):
        assert name in tidings.__all__
