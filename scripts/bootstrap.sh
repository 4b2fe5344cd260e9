#!/usr/bin/env bash
# Creates .venv with Python 3.11+ and installs the pinned requirements (again only when they change).
# Usage: scripts/bootstrap.sh [dev]
set -euo pipefail
cd "$(dirname "$0")/.."

python_bin=""
for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python_bin=$candidate
    break
  fi
done
if [ -z "$python_bin" ]; then
  echo "newsgraph needs Python 3.11 or newer: install it (e.g. apt-get install python3.11-venv) or set PYTHON=/path/to/python3.11" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  "$python_bin" -m venv .venv || { echo "cannot create .venv: install the venv module (e.g. apt-get install python3-venv)" >&2; exit 1; }
fi

requirements=requirements.txt
[ "${1:-}" = dev ] && requirements=requirements-dev.txt
stamp=".venv/.setup-stamp-${requirements%.txt}"
wanted=$(cat requirements.txt requirements-dev.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "Installing Python packages from $requirements (the first time takes a few minutes: PyTorch is large)…"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$requirements" -e .
  echo "$wanted" > "$stamp"
fi

if [ -z "${NEO4J_URI:-}" ]; then
  for tool in java mvn; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "the local Neo4j needs Java 17+ and Maven: \`$tool\` is missing (e.g. apt-get install openjdk-17-jdk-headless maven), or set NEO4J_URI to use an existing Neo4j" >&2
      exit 1
    fi
  done
fi
