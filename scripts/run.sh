#!/usr/bin/env bash
# The main job on a fresh clone: install, start the local Neo4j (unless NEO4J_URI is set) and report its status.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
newsgraph=.venv/bin/newsgraph
if [ -z "${NEO4J_URI:-}" ]; then
  "$newsgraph" neo4j start
  "$newsgraph" neo4j status
fi
