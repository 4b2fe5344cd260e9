"""The graph schema: unique constraints, range, full-text and vector indexes, applied idempotently.

Every statement uses ``IF NOT EXISTS`` so applying the schema at each start is cheap and safe, also
when two processes start at once. docs/schema.md documents the model; tests/test_graph_schema.py
keeps the document and the live database in step.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from neo4j import Driver
from neo4j.exceptions import Neo4jError

from core.errors import GraphUnavailableError

log = logging.getLogger(__name__)

EMBEDDING_DIMENSIONS = 384
ENTITY_FULLTEXT_INDEX = "entity_names"
STATEMENT_FULLTEXT_INDEX = "statement_text"
ARTICLE_FULLTEXT_INDEX = "article_text"
STATEMENT_VECTOR_INDEX = "statement_embedding"
SPEAKER_DATE_INDEX = "statement_speaker_date"

# Graphs loaded before statements carried their speaker's id get it once, when the index that needs it is created.
BACKFILL_SPEAKER_IDS = """
MATCH (speaker:Entity)-[:SAID]->(s:Statement)
WHERE s.speaker_id IS NULL
CALL (speaker, s) { SET s.speaker_id = speaker.id } IN TRANSACTIONS OF 10000 ROWS
"""

CONSTRAINTS: tuple[str, ...] = (
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (n:Statement) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT role_id IF NOT EXISTS FOR (n:Role) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT source_name IF NOT EXISTS FOR (n:Source) REQUIRE n.name IS UNIQUE",
    "CREATE CONSTRAINT merge_rejection_pair IF NOT EXISTS FOR (n:MergeRejection) REQUIRE n.pair IS UNIQUE",
    "CREATE CONSTRAINT correction_id IF NOT EXISTS FOR (n:Correction) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT quote_cluster_id IF NOT EXISTS FOR (n:QuoteCluster) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT quote_trail_id IF NOT EXISTS FOR (n:QuoteTrail) REQUIRE n.id IS UNIQUE",
)

RANGE_INDEXES: tuple[str, ...] = (
    "CREATE INDEX article_url IF NOT EXISTS FOR (n:Article) ON (n.url)",
    "CREATE INDEX article_content_hash IF NOT EXISTS FOR (n:Article) ON (n.content_hash)",
    "CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published)",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
    "CREATE INDEX statement_text_hash IF NOT EXISTS FOR (n:Statement) ON (n.text_hash)",
    "CREATE INDEX statement_date IF NOT EXISTS FOR (n:Statement) ON (n.date)",
    f"CREATE INDEX {SPEAKER_DATE_INDEX} IF NOT EXISTS FOR (n:Statement) ON (n.speaker_id, n.date)",
    "CREATE INDEX statement_article IF NOT EXISTS FOR (n:Statement) ON (n.article_id)",
    "CREATE INDEX role_person IF NOT EXISTS FOR (n:Role) ON (n.person_id)",
    "CREATE INDEX correction_target IF NOT EXISTS FOR (n:Correction) ON (n.target)",
    # what the quote-trail refresh must settle (graph/quote_trail.py): few at any time, found without a scan
    "CREATE INDEX statement_trail_pending IF NOT EXISTS FOR (n:Statement) ON (n.trail_pending)",
    "CREATE INDEX quote_cluster_pending IF NOT EXISTS FOR (n:QuoteCluster) ON (n.pending)",
    # the lists of altered quotes and attribution conflicts, newest first
    "CREATE INDEX quote_cluster_altered IF NOT EXISTS FOR (n:QuoteCluster) ON (n.altered_quotes)",
    "CREATE INDEX quote_cluster_conflict IF NOT EXISTS FOR (n:QuoteCluster) ON (n.conflict)",
    # conflicts newest first, read in index order (queries/attribution-conflicts.cypher)
    "CREATE INDEX quote_cluster_conflict_published IF NOT EXISTS "
    "FOR (n:QuoteCluster) ON (n.conflict, n.last_published)",
    # altered renderings newest first (queries/altered-quotes.cypher): only altered appearances have the property
    "CREATE INDEX in_cluster_altered_on IF NOT EXISTS FOR ()-[r:IN_CLUSTER]-() ON (r.altered_on)",
)
# Indexes an earlier schema created that no query uses any more: dropped so they cost no writes.
RETIRED_INDEXES: tuple[str, ...] = ("quote_cluster_last_published",)

# Accent folding lets "Stefanovic" find "Stefanović" (names from the region are written both ways).
_FOLDING = "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}"

SEARCH_INDEXES: tuple[str, ...] = (
    f"CREATE FULLTEXT INDEX {ENTITY_FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases] "
    + _FOLDING,
    f"CREATE FULLTEXT INDEX {STATEMENT_FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Statement) ON EACH [n.text] " + _FOLDING,
    f"CREATE FULLTEXT INDEX {ARTICLE_FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Article) ON EACH [n.title, n.text] "
    + _FOLDING,
    f"CREATE VECTOR INDEX {STATEMENT_VECTOR_INDEX} IF NOT EXISTS FOR (n:Statement) ON (n.embedding) "
    f"OPTIONS {{indexConfig: {{`vector.dimensions`: {EMBEDDING_DIMENSIONS}, "
    "`vector.similarity_function`: 'cosine'}}",
)

SCHEMA_STATEMENTS: tuple[str, ...] = CONSTRAINTS + RANGE_INDEXES + SEARCH_INDEXES


@dataclass(frozen=True, slots=True)
class SchemaItem:
    """One constraint or index as the server reports it."""

    kind: str  # "constraint" or the index type (RANGE, FULLTEXT, VECTOR, LOOKUP)
    name: str
    entity: str  # labels or relationship types
    properties: str
    state: str


def apply_schema(driver: Driver, database: str, wait_seconds: float = 300.0) -> None:
    """Create every constraint and index that is missing, then wait until all are online."""
    try:
        existing, _, _ = driver.execute_query(
            "SHOW INDEXES YIELD name RETURN collect(name) AS names", database_=database
        )
        for statement in SCHEMA_STATEMENTS:
            driver.execute_query(statement, database_=database)
        for name in RETIRED_INDEXES:
            driver.execute_query(f"DROP INDEX {name} IF EXISTS", database_=database)
        if SPEAKER_DATE_INDEX not in existing[0]["names"]:
            with driver.session(database=database) as session:  # CALL … IN TRANSACTIONS needs an implicit transaction
                session.run(BACKFILL_SPEAKER_IDS).consume()
        driver.execute_query("CALL db.awaitIndexes($seconds)", seconds=int(wait_seconds), database_=database)
    except Neo4jError as e:
        raise GraphUnavailableError(f"cannot apply the graph schema: {e.message or e}") from e
    log.info("schema applied: %d constraints and indexes", len(SCHEMA_STATEMENTS))


def show_schema(driver: Driver, database: str) -> list[SchemaItem]:
    """The constraints and indexes the server has, constraints first."""
    constraints, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties RETURN name, labelsOrTypes, properties ORDER BY name",
        database_=database,
    )
    indexes, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state, owningConstraint "
        "WHERE owningConstraint IS NULL RETURN name, type, labelsOrTypes, properties, state ORDER BY type, name",
        database_=database,
    )
    items = [
        SchemaItem("constraint", r["name"], _join(r["labelsOrTypes"]), _join(r["properties"]), "ONLINE")
        for r in constraints
    ]
    items += [
        SchemaItem(r["type"], r["name"], _join(r["labelsOrTypes"]), _join(r["properties"]), r["state"]) for r in indexes
    ]
    return items


def _join(values: list[str] | None) -> str:
    return ", ".join(values or [])
