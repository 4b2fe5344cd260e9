#!/usr/bin/env bash
# The main job on a fresh clone: install, start the local Neo4j (unless NEO4J_URI is set), create the schema,
# ingest the sample corpus (already ingested articles are skipped) and open the explorer.
# Extra arguments go to `newsgraph app`, e.g. scripts/run.sh --port 8600 --no-browser
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
newsgraph=.venv/bin/newsgraph
if [ -z "${NEO4J_URI:-}" ]; then
  "$newsgraph" neo4j start
fi
"$newsgraph" schema
"$newsgraph" ingest samples/*.txt samples/wikinews/
exec "$newsgraph" app "$@"
