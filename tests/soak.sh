#!/usr/bin/env bash
# Flake hunt: runs every .NET test project N times and prints, per test, how often it failed.
#
#   bash tests/soak.sh N [--load K] [--filter EXPR] [--project NAME]
#
#   N           how many rounds (each round runs every selected test project once)
#   --load K    keep K busy processes (one shell loop each) running for the whole soak, to load the machine the way a
#               shared CI runner is loaded; they are stopped when the soak ends
#   --filter    a `dotnet test --filter` expression (e.g. FullyQualifiedName~RestartTests)
#   --project   only this test project (folder name under tests/, e.g. Integration.Tests)
#
# Builds once, then runs the built projects (`dotnet test --no-build`) with a TRX logger per round. The results stay in
# a temporary folder whose path is printed, with each failure's message and stack in the TRX files. Exit code: 0 when
# no test failed in any round, 1 otherwise. docs/testing.md records what the soak runs showed.
set -uo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-}
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bash tests/soak.sh N [--load K] [--filter EXPR] [--project NAME]   (N: rounds, at least 1)" >&2
  exit 2
fi
shift
load=0; filter=""; only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --load) load=${2:-}; shift 2 ;;
    --filter) filter=${2:-}; shift 2 ;;
    --project) only=${2:-}; shift 2 ;;
    *) echo "soak.sh: unknown option '$1' (known: --load K, --filter EXPR, --project NAME)" >&2; exit 2 ;;
  esac
done
if ! [[ "$load" =~ ^[0-9]+$ ]]; then echo "soak.sh: --load takes a number of busy processes, got '$load'" >&2; exit 2; fi

projects=()
for p in tests/*/*.Tests.csproj; do
  name=$(basename "$(dirname "$p")")
  if [ -z "$only" ] || [ "$only" = "$name" ]; then projects+=("$p"); fi
done
if [ ${#projects[@]} -eq 0 ]; then echo "soak.sh: no test project named '$only' under tests/" >&2; exit 2; fi

bash tests/Conformance/install.sh >/dev/null || { echo "soak.sh: npm install failed (Azurite is needed)" >&2; exit 1; }
echo "building ..."
dotnet build SentinelAwsIac.sln -nologo -v quiet >/dev/null || { echo "soak.sh: the build failed" >&2; exit 1; }

busy=()
cleanup() { for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null; done; }
trap cleanup EXIT
for _ in $(seq 1 "$load"); do
  ( while :; do :; done ) &
  busy+=("$!")
done

out=$(mktemp -d)
echo "soak: $rounds rounds of ${#projects[@]} project(s), $load busy process(es) on $(nproc) cores; results in $out"
start=$SECONDS
for round in $(seq 1 "$rounds"); do
  for p in "${projects[@]}"; do
    name=$(basename "$(dirname "$p")")
    args=(test "$p" --no-build -nologo --logger "trx;LogFileName=$name-$round.trx" --results-directory "$out")
    [ -n "$filter" ] && args+=(--filter "$filter")
    dotnet "${args[@]}" >"$out/$name-$round.log" 2>&1
    summary=$(grep -E "(Passed|Failed)! +- " "$out/$name-$round.log" | tail -1 | sed -E 's/ - [^ ]+\.dll.*//')
    echo "round $round/$rounds $name: ${summary:-no summary (see $out/$name-$round.log)} ($((SECONDS - start)) s)"
  done
done

# Each failed test of each round, by name, from the TRX files (UnitTestResult outcome="Failed").
failures=$(cat "$out"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' \
  | sed -E 's/.*testName="([^"]*)".*/\1/' | sort | uniq -c | sort -rn)
crashed=$(grep -L -E "(Passed|Failed)! +- " "$out"/*.log 2>/dev/null)
echo
echo "soak done in $((SECONDS - start)) s: $rounds rounds, load $load"
if [ -z "$failures" ] && [ -z "$crashed" ]; then
  echo "0 failures"
  exit 0
fi
if [ -n "$failures" ]; then echo "failures per test (count, test):"; echo "$failures"; fi
if [ -n "$crashed" ]; then echo "runs without a summary (crash or build problem):"; echo "$crashed"; fi
exit 1
