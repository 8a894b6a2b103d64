#!/usr/bin/env bash
# Submission benchmark: N concurrent clients POST complete, randomly answered responses to a copy of
# the 2023 survey without its quota (so every response is a complete), and in the same run, on the same
# PostgreSQL server, pgbench's single-row insert transactions with as many clients: the ratio of the
# two says how close a whole submission comes to the cheapest write the database can do. A plain GET
# baseline of the service shows what HTTP alone costs on the machine at the time.
# Prints one BENCH line per measurement, then the ratio.
#
# Usage: src/test/bench/submissions.sh [postgresql|h2] [connections] [seconds]
# Needs wrk (apt-get install wrk), and pgbench for PostgreSQL. Builds the jar first unless SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/../../.."

db=${1:-postgresql}
connections=${2:-32}
seconds=${3:-30}
port=${BENCH_PORT:-18080}
work=$(mktemp -d)
trap '[ -n "${server:-}" ] && kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

source src/test/bench/service.sh
bench_copy_of_the_2023_survey "$work/questionnaire"
start_service "$db" "$port" "$work/questionnaire" "$work"

java -cp "target/classes:target/test-classes:$service_app/lib/main/*" io.canvass.bench.SubmissionBodies \
  "http://127.0.0.1:$port" aiia-genai-2023-bench 5000 "$work/bodies.jsonl" "$work/questionnaire/aiia-genai-2023-bench.yaml"

echo "database=$db connections=$connections seconds=$seconds cores=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up: JIT, connection pool, writer threads; not measured.
wrk -t2 -c"$connections" -d15s -s src/test/bench/submit.lua \
  "http://127.0.0.1:$port/api/surveys/aiia-genai-2023-bench/responses" -- "$work/bodies.jsonl" >/dev/null
wrk -t2 -c"$connections" -d10s "$management/q/health/live" >/dev/null

printf 'baseline GET /q/health/live (management port): '
wrk -t2 -c"$connections" -d"${seconds}s" -s src/test/bench/baseline.lua "$management/q/health/live" | grep BENCH
printf 'GET /api/surveys/{id}:       '
wrk -t2 -c"$connections" -d"${seconds}s" -s src/test/bench/baseline.lua "http://127.0.0.1:$port/api/surveys/aiia-genai-2023-bench" | grep BENCH

if [ "$db" = postgresql ]; then
  # The database's own floor: one single-row INSERT per transaction (commit and all), from as many
  # clients, on a table of its own in a database of its own, while the service sits idle.
  fresh_database canvass_pgbench
  psql -h 127.0.0.1 -U postgres -d canvass_pgbench -q -c \
    "CREATE TABLE single_row (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TIMESTAMPTZ NOT NULL, payload TEXT NOT NULL)"
  echo "INSERT INTO single_row (at, payload) VALUES (now(), 'one row');" > "$work/insert.sql"
  pgbench -h 127.0.0.1 -U postgres -n -c "$connections" -j 2 -T 5 -f "$work/insert.sql" canvass_pgbench >/dev/null 2>&1
  pgbench_tps=$(pgbench -h 127.0.0.1 -U postgres -n -c "$connections" -j 2 -T "$seconds" -f "$work/insert.sql" canvass_pgbench 2>/dev/null \
    | awk '/^tps = / {printf "%.0f", $3; exit}')
  echo "pgbench single-row INSERT:   BENCH tps=$pgbench_tps clients=$connections"
fi

printf 'POST complete responses:     '
result=$(wrk -t2 -c"$connections" -d"${seconds}s" -s src/test/bench/submit.lua \
  "http://127.0.0.1:$port/api/surveys/aiia-genai-2023-bench/responses" -- "$work/bodies.jsonl" | grep BENCH)
echo "$result"
echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$db" = postgresql ]; then
  rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$result")
  awk -v rps="$rps" -v tps="$pgbench_tps" \
    'BEGIN {printf "RATIO submissions/s %.0f / pgbench tps %.0f = %.3f (goal >= 0.15)\n", rps, tps, rps / tps}'
fi
