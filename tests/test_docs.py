"""Documentation stays true to the code: every command documented, README names the two commands."""

from __future__ import annotations

from pathlib import Path

import click

from newsgraph.cli import cli

REPO = Path(__file__).resolve().parents[1]


def _command_paths(group: click.Group, prefix: str = "newsgraph") -> list[str]:
    paths = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        paths.append(path)
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, path))
    return paths


def test_every_command_is_documented_in_cli_reference():
    reference = (REPO / "docs" / "cli.md").read_text()
    missing = [path for path in _command_paths(cli) if path not in reference]
    assert missing == [], f"undocumented commands in docs/cli.md: {missing}"


def test_every_command_has_help_text():
    for name, command in cli.commands.items():
        assert (command.help or "").strip(), f"`newsgraph {name}` has no help text"


def test_readme_gives_the_two_commands_and_they_exist():
    readme = (REPO / "README.md").read_text()
    for script in ("scripts/run.sh", "scripts/test.sh"):
        assert f"./{script}" in readme
        assert (REPO / script).stat().st_mode & 0o111, f"{script} is not executable"
    ci = (REPO / ".ci" / "run").read_text()
    assert "scripts/test.sh" in ci
