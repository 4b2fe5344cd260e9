"""`newsgraph quote-trail`: settle the quote clusters that wait (or build them all again) and say what was done."""

from __future__ import annotations

import click

from newsgraph.cli import graph_driver, settings_of


@click.command("quote-trail")
@click.option(
    "--rebuild",
    is_flag=True,
    help="Drop every quote cluster and cluster every statement again (loads keep them up to date on their own).",
)
@click.pass_context
def quote_trail_command(ctx: click.Context, rebuild: bool) -> None:
    """Put every statement waiting for its quote cluster into one and check the clusters that changed.

    Loads, bulk imports and corrections do this themselves; run it after a load that was interrupted, or with
    --rebuild after a change of the clustering rules (done by itself at the next refresh) or to check the graph.
    """
    from graph.quote_trail import rebuild_quote_trail, refresh_quote_trail
    from graph.schema import apply_schema

    with graph_driver(settings_of(ctx)) as (driver, database):
        apply_schema(driver, database)
        counts = rebuild_quote_trail(driver, database) if rebuild else refresh_quote_trail(driver, database)
        records, _, _ = driver.execute_query(
            "MATCH (c:QuoteCluster) RETURN count(c) AS clusters, sum(c.appearances) AS statements, "
            "sum(CASE WHEN c.conflict THEN 1 ELSE 0 END) AS conflicts, sum(c.altered_quotes) AS altered",
            database_=database,
        )
    totals = records[0]
    click.echo(
        f"{counts.statements} statements settled ({counts.eligible} long enough to cluster), {counts.clusters} "
        f"clusters written in {counts.seconds:.1f} s; the graph holds {totals['clusters']} quote clusters of "
        f"{totals['statements'] or 0} statements, {totals['conflicts']} attribution conflicts, "
        f"{totals['altered'] or 0} altered quotes"
    )


COMMANDS = [quote_trail_command]
