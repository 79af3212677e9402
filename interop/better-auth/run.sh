#!/usr/bin/env bash
# Better Auth interop check: bash interop/better-auth/run.sh [--better-auth-only]
# TASKPILOT_BIN names the TaskPilot binary (default: target/release/taskpilot
# under the repository root).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
export TASKPILOT_BIN="${TASKPILOT_BIN:-$repo_root/target/release/taskpilot}"

# better-sqlite3 builds from source (its prebuilt binaries are not reachable
# here); node-gyp must find Node's headers locally instead of downloading them.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi

if [ ! -d "$here/node_modules" ]; then
  echo "# npm ci in $here (better-sqlite3 may compile from source: a minute or two)" >&2
  (cd "$here" && npm ci --loglevel=error --no-audit --no-fund >/dev/null)
fi

exec node "$here/check.mjs" "$@"
