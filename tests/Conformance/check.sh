#!/usr/bin/env bash
# The conformance gate: renders every stack fixture in tests/Conformance/stacks with the infra compiler, translates
# each program to TypeScript and type-checks all of them with one `tsc --strict --noEmit` against the official
# @pulumi/aws, @pulumi/azure-native and @pulumi/random declarations. Exit 0 only with 0 errors.
# Options are passed to check.mjs (--stacks <dir>, --compiler "<command>", --out <dir>).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/install.sh"
exec node "$here/check.mjs" "$@"
