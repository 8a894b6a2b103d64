#!/usr/bin/env bash
# Submission benchmark: N concurrent clients POST complete, randomly answered responses to a copy of
# the 2023 survey without its quota (so every response is a complete), next to a plain GET baseline
# of the same service in the same run. Prints one BENCH line per measurement.
#
# Usage: src/test/bench/submissions.sh [h2|postgresql] [connections] [seconds]
# Needs wrk (apt-get install wrk). Builds the jar for the chosen database first.
set -euo pipefail
cd "$(dirname "$0")/../../.."

db=${1:-h2}
connections=${2:-32}
seconds=${3:-30}
port=${BENCH_PORT:-18080}
work=$(mktemp -d)
trap '[ -n "${server:-}" ] && kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

source src/test/bench/service.sh
bench_copy_of_the_2023_survey "$work/questionnaire"
start_service "$db" "$port" "$work/questionnaire" "$work"

java -cp "target/classes:target/test-classes:target/quarkus-app/lib/main/*" io.canvass.bench.SubmissionBodies \
  "http://127.0.0.1:$port" aiia-genai-2023-bench 5000 "$work/bodies.jsonl"

echo "database=$db connections=$connections seconds=$seconds cores=$(nproc)"
# Warm-up: JIT and connection pool, not measured.
wrk -t2 -c"$connections" -d10s -s src/test/bench/submit.lua \
  "http://127.0.0.1:$port/api/surveys/aiia-genai-2023-bench/responses" -- "$work/bodies.jsonl" >/dev/null
wrk -t2 -c"$connections" -d10s "http://127.0.0.1:$port/q/health/live" >/dev/null

printf 'baseline GET /q/health/live: '
wrk -t2 -c"$connections" -d"${seconds}s" -s src/test/bench/baseline.lua "http://127.0.0.1:$port/q/health/live" | grep BENCH
printf 'GET /api/surveys/{id}:       '
wrk -t2 -c"$connections" -d"${seconds}s" -s src/test/bench/baseline.lua "http://127.0.0.1:$port/api/surveys/aiia-genai-2023-bench" | grep BENCH
printf 'POST complete responses:     '
wrk -t2 -c"$connections" -d"${seconds}s" -s src/test/bench/submit.lua \
  "http://127.0.0.1:$port/api/surveys/aiia-genai-2023-bench/responses" -- "$work/bodies.jsonl" | grep BENCH
