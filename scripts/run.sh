#!/usr/bin/env bash
# Runs the server on the embedded default: a SQLite file ./traction.db, port 8002.
# Installs what is missing, builds a Release tractiond, then starts it. Any arguments are
# passed to tractiond (try --help).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/deps.sh"
(cd "$root" && cmake --preset release >/dev/null && cmake --build --preset release --target tractiond)
exec "$root/build/release/apps/tractiond/tractiond" "$@"
