#!/usr/bin/env bash
# Installs the Node packages pinned in package-lock.json (TypeScript and the @pulumi/* declarations for the
# conformance gate, Azurite for the storage tests) into tests/Conformance/node_modules.
# Idempotent and quick when node_modules already matches the lock file (hash stamp); --ignore-scripts: no
# package runs code at install time.
set -euo pipefail
cd "$(dirname "$0")"
stamp=node_modules/.lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x node_modules/.bin/tsc ]; then
  exit 0
fi
echo "installing npm packages from tests/Conformance/package-lock.json (npm ci --ignore-scripts) ..." >&2
start=$(date +%s)
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
echo "$want" > "$stamp"
echo "npm ci took $(( $(date +%s) - start )) s" >&2
