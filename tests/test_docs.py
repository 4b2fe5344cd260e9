"""Documentation stays true to the code: every command documented, README names the two commands."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from newsgraph.cli import COMMAND_MODULES, cli

REPO = Path(__file__).resolve().parents[1]


def _command_paths(group: click.Group, prefix: str = "newsgraph") -> list[str]:
    ctx = click.Context(group)
    paths = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, f"`{prefix} {name}` is listed but cannot be loaded"
        path = f"{prefix} {name}"
        paths.append(path)
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, path))
    return paths


def test_every_command_module_is_mapped():
    for module_file in sorted((REPO / "newsgraph").glob("cli_*.py")):
        module = importlib.import_module(f"newsgraph.{module_file.stem}")
        for command in module.COMMANDS:
            assert COMMAND_MODULES.get(command.name) == module.__name__, f"map `{command.name}` in COMMAND_MODULES"


def test_every_command_is_documented_in_cli_reference():
    reference = (REPO / "docs" / "cli.md").read_text()
    missing = [path for path in _command_paths(cli) if path not in reference]
    assert missing == [], f"undocumented commands in docs/cli.md: {missing}"


def test_every_command_has_help_text():
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None and (command.help or "").strip(), f"`newsgraph {name}` has no help text"


def test_readme_gives_the_two_commands_and_they_exist():
    readme = (REPO / "README.md").read_text()
    for script in ("scripts/run.sh", "scripts/test.sh"):
        assert f"./{script}" in readme
        assert (REPO / script).stat().st_mode & 0o111, f"{script} is not executable"
    ci = (REPO / ".ci" / "run").read_text()
    assert "scripts/test.sh" in ci


def test_the_entity_rules_are_documented_in_their_order():
    from nlp.entities.finders import rules_table

    start, end = "<!-- entity-rules:start -->\n", "<!-- entity-rules:end -->"
    text = (REPO / "docs" / "nlp.md").read_text(encoding="utf-8")
    assert start in text and end in text, "docs/nlp.md has lost the entity-rules markers"
    documented = text.split(start, 1)[1].split(end, 1)[0]
    assert documented == rules_table(), (
        "docs/nlp.md lists the entity rules otherwise than nlp.entities.finders.RULES: put the output of "
        "`.venv/bin/python bench/score_extract.py --list-rules` between its entity-rules markers"
    )
