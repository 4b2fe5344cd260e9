"""A private local Neo4j for a benchmark: its own data folder, the user's NEO4J_* variables ignored."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from core.settings import Settings, load_settings
from graph.local_server import LocalNeo4j


@contextlib.contextmanager
def private_neo4j(folder: Path, heap: str, pagecache: str) -> Iterator[Settings]:
    """Start a managed Neo4j in ``folder`` on a free port; yield its settings; stop it on the way out."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    settings = load_settings(environ=environ).replace(
        data_dir=folder, neo4j_port=0, neo4j_heap=heap, neo4j_pagecache=pagecache, neo4j_start_timeout=300.0
    )
    server = LocalNeo4j(settings)
    server.start()
    try:
        yield settings
    finally:
        server.stop()
