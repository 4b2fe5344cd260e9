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
# PyTorch from PyPI brings its CUDA libraries (about 7 GB installed, with the wheels unpacked in TMPDIR on the way):
# a disk that fills half way leaves a broken .venv and pip's own message, so say it before starting.
free_gib() { df -Pk "$1" | awk 'NR == 2 { print int($4 / 1048576) }'; }
check_free_space() {
  local venv_gib tmp_dir=${TMPDIR:-/tmp}
  venv_gib=$(free_gib .venv)
  if [ "$(df -P .venv | awk 'NR == 2 { print $1 }')" = "$(df -P "$tmp_dir" | awk 'NR == 2 { print $1 }')" ]; then
    [ "$venv_gib" -ge 11 ] && return
    echo "installing newsgraph's Python packages needs about 11 GB free (PyTorch and its CUDA libraries); $(pwd)/.venv has ${venv_gib} GB: free some space and run this again" >&2
  else
    [ "$venv_gib" -ge 8 ] && [ "$(free_gib "$tmp_dir")" -ge 4 ] && return
    echo "installing newsgraph's Python packages needs about 8 GB free for $(pwd)/.venv (has ${venv_gib} GB) and 4 GB in $tmp_dir (has $(free_gib "$tmp_dir") GB): free some space or set TMPDIR, and run this again" >&2
  fi
  exit 1
}

if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  [ -d .venv/lib/python*/site-packages/torch ] 2>/dev/null || check_free_space
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
