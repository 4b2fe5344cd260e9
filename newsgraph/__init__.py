"""newsgraph: a news and statement knowledge graph with provenance, stored in Neo4j."""

__version__ = "0.1.0"
