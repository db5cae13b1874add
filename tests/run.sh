#!/usr/bin/env bash
# The whole test suite, as the README's test command runs it: installs what the tests need (npm packages for the
# conformance gate and Azurite, pinned in tests/Conformance/package-lock.json), then runs
#   1. every .NET test project (unit tests, emulator-backed integration tests, Azurite-backed store tests),
#   2. the translator's own tests (node --test test/),
#   3. the official clients from npm (@aws-sdk/client-cloudtrail, @aws-sdk/client-sts, @azure/monitor-ingestion)
#      against our emulators (node --test clients/; the emulator host was built by step 1),
#   4. the conformance gate: every stack mode rendered, translated to TypeScript, type-checked against @pulumi/*.
# Ends with one line "N passed, N failed" and a non-zero exit on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
log_dir=$(mktemp -d)
failed_steps=()
passed=0; failed=0

step() { echo; echo "== $*"; }

step "npm packages (tests/Conformance)"
if ! bash tests/Conformance/install.sh; then
  echo "npm install failed: the conformance gate and the Azurite-backed tests cannot run" >&2
  exit 1
fi

step "dotnet build (the whole solution)"
# The whole solution first: `dotnet test` builds only the test projects and what they reference, and the node steps
# below need tests/Emulators.Host, which no test project references (a fresh clone has no earlier build of it).
dotnet build SentinelAwsIac.sln -nologo 2>&1 | tee "$log_dir/build.log"
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  echo "dotnet build failed: nothing was tested" >&2
  echo; echo "0 passed, 1 failed"; echo "failed steps: dotnet build"; exit 1
fi

step "dotnet test (all .NET test projects)"
# A hung test fails the run after 10 min, naming the test, instead of holding CI until its limit.
dotnet test SentinelAwsIac.sln -nologo --no-build --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee "$log_dir/dotnet.log"
dotnet_rc=${PIPESTATUS[0]}
# Sum the per-project summaries: "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12".
read -r p f < <(grep -E "(Passed|Failed)! +- Failed: " "$log_dir/dotnet.log" \
  | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+).*/\2 \1/' | awk '{p+=$1; f+=$2} END {print p+0, f+0}')
passed=$((passed + p)); failed=$((failed + f))
if [ "$dotnet_rc" -ne 0 ]; then failed_steps+=("dotnet test"); [ "$f" -eq 0 ] && failed=$((failed + 1)); fi

# node --test in tests/Conformance: $1 the folder of test files, $2 the step's name. Counts "# pass N" / "# fail N".
node_tests() {
  local log="$log_dir/node-$1.log"
  (cd tests/Conformance && node --test "$1/" 2>&1) | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$log" | tail -1); f=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$log" | tail -1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ]; then failed_steps+=("$2"); [ "${f:-0}" -eq 0 ] && failed=$((failed + 1)); fi
}

step "translator tests (node --test test/)"
node_tests test "translator tests"

step "official clients against the emulators (node --test clients/)"
node_tests clients "official-client tests"

step "conformance gate (tsc --strict against @pulumi/* declarations)"
if bash tests/Conformance/check.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); failed_steps+=("conformance gate"); fi

echo
if [ ${#failed_steps[@]} -gt 0 ]; then echo "failed steps: ${failed_steps[*]}"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#failed_steps[@]} -eq 0 ]
