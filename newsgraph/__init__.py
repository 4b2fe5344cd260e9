"""newsgraph: a news and statement knowledge graph with provenance, stored in Neo4j.

This package is the shell: the `newsgraph` command line and the pipeline that drives the stages
(``ingest → nlp → graph``). The stages never import it; what they share lives in ``core``.
"""
