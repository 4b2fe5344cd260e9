"""`newsgraph app`: the command line it runs (loopback only, chosen port) and its help."""

from __future__ import annotations

from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.cli_app import APP, streamlit_command


def test_streamlit_listens_on_loopback_only_on_the_chosen_port():
    command = streamlit_command(8765, open_browser=False)
    assert command[1:5] == ["-m", "streamlit", "run", str(APP)]
    assert "--server.address=127.0.0.1" in command
    assert "--server.port=8765" in command
    assert "--server.headless=true" in command
    assert "--browser.gatherUsageStats=false" in command
    assert "--server.headless=false" in streamlit_command(8501, open_browser=True)
    assert APP.name == "app.py" and APP.is_file()


def test_help_lists_the_options():
    result = CliRunner().invoke(cli, ["app", "--help"])
    assert result.exit_code == 0
    assert "--port" in result.output and "--no-browser" in result.output
    assert "127.0.0.1" in result.output


def test_a_port_outside_the_valid_range_is_one_clear_error():
    for port in ("0", "99999", "99999999999999999999", "-1", "http"):
        result = CliRunner().invoke(cli, ["app", "--port", port, "--no-browser"])
        assert result.exit_code == 2, (port, result.output)
        assert "Invalid value for '--port'" in result.output and "Traceback" not in result.output
