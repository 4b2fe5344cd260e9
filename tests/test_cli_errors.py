"""The shell's promise: whatever fails inside a command, the user reads one line and gets a non-zero exit."""

from __future__ import annotations

import errno
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from core.errors import QueryError
from newsgraph.cli import cli


@pytest.fixture
def failing() -> Iterator[list[BaseException]]:
    """A hidden command that raises what the test puts in the list, as any command could."""
    raised: list[BaseException] = []

    @click.command("fail-for-test", hidden=True)
    def fail_for_test() -> None:
        raise raised[0]

    cli.add_command(fail_for_test)
    try:
        yield raised
    finally:
        cli.commands.pop("fail-for-test", None)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            ServiceUnavailable("Failed to read from defunct connection IPv4Address(('127.0.0.1', 7687))\nmore"),
            "Error: Neo4j failed during the command (ServiceUnavailable: Failed to read from defunct connection "
            "IPv4Address(('127.0.0.1', 7687))); what was done before is kept: check the server "
            "(`newsgraph neo4j status`) and run the command again",
        ),
        (
            SessionExpired("bolt://neo4j:Secret@db.example:7687 went away"),
            "Error: Neo4j failed during the command (SessionExpired: bolt://***@db.example:7687 went away); what was "
            "done before is kept: check the server (`newsgraph neo4j status`) and run the command again",
        ),
        (
            OSError(errno.ENOSPC, "No space left on device", "/data/out.csv"),
            "Error: No space left on device (/data/out.csv)",
        ),
        (QueryError("cannot read bolt://u:pw@h:1"), "Error: cannot read bolt://***@h:1"),
        (
            KeyError("boom"),
            "Error: internal error: KeyError: 'boom' (run with -vv to see where)",
        ),
    ],
)
def test_any_failure_is_one_line_and_exit_1(failing, error, expected):
    failing.append(error)
    result = CliRunner().invoke(cli, ["fail-for-test"])
    assert result.exit_code == 1
    assert result.output.strip() == expected
    assert "Traceback" not in result.output and "Secret" not in result.output


def test_usage_errors_keep_their_own_exit_code(failing):
    failing.append(click.UsageError("wrong"))
    result = CliRunner().invoke(cli, ["fail-for-test"])
    assert result.exit_code == 2 and "wrong" in result.output
