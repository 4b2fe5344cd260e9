#!/usr/bin/env bash
# Sets everything up and runs the whole test suite. Tests start their own local Neo4j (or use NEO4J_URI).
# Extra arguments go to pytest, e.g. scripts/test.sh -k statements -x
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh dev

# The real-browser test drives Debian's Chromium; install it when we can (as root on Debian/Ubuntu).
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium and chromium-driver for the browser test…"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "note: chromium/chromedriver not found and cannot be installed here; the browser test will be skipped" >&2
  fi
fi

exec .venv/bin/python -m pytest "$@"
