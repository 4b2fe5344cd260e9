"""`newsgraph corrections`: editors' corrections from the command line (list, add, undo, export, import).

docs/corrections.md describes the kinds and their targets. Every name or reason shown comes from editors or
files and goes through ``shown`` (a terminal never obeys what a reason holds).
"""

from __future__ import annotations

from pathlib import Path

import click

from newsgraph.cli import NamedPath, graph_driver, settings_of, shown

EXIT_REFUSED_LINES = 2
KIND_NAMES = ("reassign-speaker", "reject-statement", "merge", "split-alias", "rename", "retype", "reject-relation")


@click.group("corrections")
def corrections_group() -> None:
    """Editors' corrections: stored in the graph, applied again after every load and re-extraction.

    A correction names what it corrects by a key that survives re-extraction: a statement id
    (ARTICLE@START-END), an entity id (person:andrej-petrovski) or a relation key
    (SUBJECT|TYPE|OBJECT|ARTICLE@START-END). See docs/corrections.md.
    """


def _editor(ctx: click.Context, given: str | None) -> str:
    editor = (given or settings_of(ctx).editor).strip()
    if not editor:
        raise click.UsageError("a correction needs an editor name: --editor NAME or the setting editor")
    return editor


@corrections_group.command("list")
@click.option("--active", is_flag=True, help="Only corrections in force (not undone).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line, as `export` writes them.")
@click.pass_context
def list_command(ctx: click.Context, active: bool, as_json: bool) -> None:
    """List corrections, newest first, with their state (applied, dangling, superseded, undone), then the entries
    of the aliases file (setting aliases_file), which the extractor applies."""
    from graph.correction_file import aliases_file_corrections, to_line
    from graph.corrections import list_corrections

    settings = settings_of(ctx)
    with graph_driver(settings) as (driver, database):
        stored = list_corrections(driver, database, include_undone=not active)
    listed = [*stored, *aliases_file_corrections(settings.aliases_file or None)]
    for correction in listed:
        if as_json:
            click.echo(shown(to_line(correction)))
            continue
        line = f"{correction.created_at[:19]}  {correction.id}  {correction.state:<10}  {correction.editor}: " \
               f"{correction.describe()}"  # fmt: skip
        if correction.reason:
            line += f" — {correction.reason}"
        if correction.undone_by:
            line += f" (undone by {correction.undone_by} at {(correction.undone_at or '')[:19]})"
        click.echo(shown(line))
    if not listed and not as_json:
        click.echo("no corrections")


@corrections_group.command("add")
@click.argument("kind", type=click.Choice(KIND_NAMES))
@click.argument("target")
@click.option("--speaker", metavar="ENTITY_ID", help="reassign-speaker: the entity that said it.")
@click.option("--new-speaker", metavar="NAME", help="reassign-speaker: a new entity of this name said it.")
@click.option("--into", metavar="ENTITY_ID", help="merge: the entity that stays.")
@click.option("--alias", help="split-alias: the alias that becomes an entity of its own.")
@click.option("--name", help="rename: the new name.")
@click.option("--type", "entity_type", help="retype: the new type; --new-speaker and split-alias: the new entity's.")
@click.option("--editor", help="Who makes the correction (default: the setting editor).")
@click.option("--reason", default="", help="Why, for the audit.")
@click.pass_context
def add_command(ctx: click.Context, kind: str, target: str, speaker: str | None, new_speaker: str | None,
                into: str | None, alias: str | None, name: str | None, entity_type: str | None, editor: str | None,
                reason: str) -> None:  # fmt: skip
    """Record a correction and apply it now. KIND is one of the kinds below; TARGET the id or key it corrects.

    \b
    reassign-speaker STATEMENT_ID --speaker ENTITY_ID | --new-speaker NAME [--type Person]
    reject-statement STATEMENT_ID            (not a statement)
    merge ENTITY_ID --into ENTITY_ID         (the first disappears into the second)
    split-alias ENTITY_ID --alias NAME [--type TYPE]
    rename ENTITY_ID --name NAME
    retype ENTITY_ID --type TYPE
    reject-relation SUBJECT|TYPE|OBJECT|ARTICLE@START-END
    """
    from graph.corrections import record_correction
    from graph.schema import apply_schema

    after: dict[str, str] = {}
    if kind == "reassign-speaker":
        if bool(speaker) == bool(new_speaker):
            raise click.UsageError("reassign-speaker needs exactly one of --speaker ENTITY_ID or --new-speaker NAME")
        after = {"speaker_id": speaker} if speaker else {"name": new_speaker or "", "type": entity_type or "Person"}
    elif kind == "merge":
        after = {"into": into or ""}
    elif kind == "split-alias":
        after = {"alias": alias or ""} | ({"type": entity_type} if entity_type else {})
    elif kind == "rename":
        after = {"name": name or ""}
    elif kind == "retype":
        after = {"type": entity_type or ""}
    who = _editor(ctx, editor)
    with graph_driver(settings_of(ctx)) as (driver, database):
        apply_schema(driver, database)
        correction = record_correction(driver, database, kind, target, after, editor=who, reason=reason)
    click.echo(shown(f"recorded {correction.id} ({correction.state}): {correction.describe()}"))


corrections_group.add_command(add_command, name="apply")  # the same command, for those who "apply" a correction


@corrections_group.command("undo")
@click.argument("correction_id")
@click.option("--editor", help="Who undoes it (default: the setting editor).")
@click.pass_context
def undo_command(ctx: click.Context, correction_id: str, editor: str | None) -> None:
    """Undo a correction: what it changed is restored; it stays listed as undone."""
    from graph.corrections import undo_correction

    who = _editor(ctx, editor)
    with graph_driver(settings_of(ctx)) as (driver, database):
        correction = undo_correction(driver, database, correction_id, editor=who)
    click.echo(shown(f"undone {correction.id}: {correction.describe()}"))


@corrections_group.command("export")
@click.argument("file", type=NamedPath(dir_okay=False, path_type=Path))
@click.pass_context
def export_command(ctx: click.Context, file: Path) -> None:
    """Write every correction of the graph (undone ones too) to FILE as JSON Lines, oldest first."""
    from graph.correction_file import write_corrections
    from graph.corrections import list_corrections

    with graph_driver(settings_of(ctx)) as (driver, database):
        count = write_corrections(list_corrections(driver, database), file)
    click.echo(shown(f"{count} corrections written to {file}"))


@corrections_group.command("import")
@click.argument("file", type=NamedPath(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_command(ctx: click.Context, file: Path) -> None:
    """Read corrections from a JSON Lines FILE (as `export` writes it) and apply the active ones.

    A line that is not a valid correction is reported with its line number and nothing of it is used, as is a
    merge that would close a circle of merges (A into B and B into A); the others are imported, and the command
    exits with code 2. A correction already in the graph (same id) is left
    as it is; one whose target is not in the graph is kept as dangling and applies when a load brings it.
    """
    from graph.correction_file import read_correction_file
    from graph.corrections import import_corrections
    from graph.schema import apply_schema

    corrections, problems = read_correction_file(file)
    for problem in problems:
        click.echo(shown(problem), err=True)
    with graph_driver(settings_of(ctx)) as (driver, database):
        apply_schema(driver, database)
        counts = import_corrections(driver, database, corrections)
    summary = ", ".join(f"{counts.get(key, 0)} {key}" for key in ("imported", "already there"))
    # Applying an imported correction applies the graph's other corrections of its target again, in order.
    refused = len(problems) + counts.get("refused", 0)  # a merge closing a circle is refused when stored
    click.echo(f"corrections: {summary}; of their targets' corrections {counts.get('applied', 0)} applied, "
               f"{counts.get('dangling', 0)} dangling; {refused} lines refused")  # fmt: skip
    if refused:
        ctx.exit(EXIT_REFUSED_LINES)


COMMANDS = [corrections_group]
