"""Curated read queries (``*.cypher``) and the one loader that lists them for the CLI and the explorer."""

from queries.catalog import CuratedQuery, Param, bind, get_query, list_queries, run_curated

__all__ = ["CuratedQuery", "Param", "bind", "get_query", "list_queries", "run_curated"]
