"""The shell's promise: whatever fails inside a command, the user reads one line and gets a non-zero exit."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from core.errors import QueryError
from newsgraph.cli import READER_GONE, cli


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


def test_output_piped_to_a_reader_that_stopped_reading_ends_quietly(tmp_path):
    """`newsgraph config | head -1`: the reader closed the pipe before the command wrote; the command stops as a
    program stopped by SIGPIPE does, with no error line."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    env |= {"NEWSGRAPH_DATA_DIR": str(tmp_path / "data")}
    try:
        done = subprocess.run(
            [str(Path(sys.executable).parent / "newsgraph"), "config"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.returncode == READER_GONE, done.stderr
    assert done.stderr == b"", done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "csv", "--out", ""],
        ["load", ""],
        ["bulk-import", "", "--print-command"],
        ["bulk-import", "--csv", " ", "--print-command"],
        ["corrections", "export", ""],
        ["corrections", "import", ""],
        ["ingest", "--no-graph", "--out", "", "a.txt"],
        ["ingest", "--no-graph", "--report", "", "a.txt"],
    ],
    ids=[
        "export --out",
        "load",
        "bulk-import",
        "bulk-import --csv",
        "corrections export",
        "corrections import",
        "ingest --out",
        "ingest --report",
    ],
)
def test_an_empty_file_or_folder_name_is_refused_not_read_as_the_working_folder(tmp_path, monkeypatch, args):
    """An unset "$OUT" passes an empty name: it must not become the working folder, whose files would be read or
    written over."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nodes_Person.csv").write_text("kept\n")
    (tmp_path / "a.txt").write_text("The minister said on Monday that the road would open.\n")
    result = CliRunner().invoke(cli, args, env={"NEWSGRAPH_DATA_DIR": str(tmp_path / "data"), "NEWSGRAPH_CONFIG": ""})
    assert result.exit_code == 2, result.output
    assert "is empty; give a file or folder name" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "nodes_Person.csv"]
    assert (tmp_path / "nodes_Person.csv").read_text() == "kept\n"
