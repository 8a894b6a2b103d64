#!/usr/bin/env bash
# Results benchmark on PostgreSQL: loads N complete responses (default 1,000,000) to a copy of the
# 2023 survey straight into the database with COPY, restarts the service so that it builds its
# results index from them, then measures, next to a plain GET baseline of the same run:
#   GET /results, a filtered result and a crosstab (wrk, p50/p95/p99);
#   submit-to-stream-event latency (StreamLatency: one submission at a time, an open stream);
#   submission throughput with no stream open, and again with 4 live streams open.
#
# Usage: src/test/bench/results.sh [rows] [seconds] [connections]
# Needs wrk and PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth); uses its own database
# canvass_bench_results (dropped and recreated). SKIP_BUILD=1 reuses target/ as built with -Ppostgresql;
# REUSE_DB=1 keeps the database of an earlier run (its responses, and whatever it submitted).
set -euo pipefail
cd "$(dirname "$0")/../../.."

rows=${1:-1000000}
seconds=${2:-30}
connections=${3:-8}
port=${BENCH_PORT:-18095}
heap=${HEAP:-512m}
database=canvass_bench_results
survey=aiia-genai-2023-bench
base="http://127.0.0.1:$port"
# Health: the management interface.
management="http://127.0.0.1:$((port + 1000))"
work=$(mktemp -d)
streams=()
stop_server() {
  if [ -n "${server:-}" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  server=
}
cleanup() {
  for pid in "${streams[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

# The PostgreSQL build has its own directory (target/quarkus-app stays the H2 build).
postgresql_app=target/postgresql/quarkus-app
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -ntp package -DskipTests -Ppostgresql
  ./mvnw -B -q -ntp test-compile -Ppostgresql >/dev/null
fi
classpath="target/classes:target/test-classes:$postgresql_app/lib/main/*"

if [ "${REUSE_DB:-0}" != 1 ]; then
  psql -h 127.0.0.1 -U postgres -d postgres -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
fi
mkdir -p "$work/questionnaire"
sed -e "s/^id: aiia-genai-2023\$/id: $survey/" -e '/^quotas:/,$d' \
  questionnaire/aiia-genai-2023.yaml > "$work/questionnaire/$survey.yaml"
export CANVASS_DATA_DIR="$work/data" CANVASS_QUESTIONNAIRE_DIRS="$work/questionnaire" QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$((port + 1000)) CANVASS_RATE_LIMIT_ENABLED=false \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$database QUARKUS_DATASOURCE_USERNAME=postgres

start_server() {
  java "-Xmx$heap" -jar $postgresql_app/quarkus-run.jar > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 900); do
    curl -sf "$management/q/health/ready" >/dev/null && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 1
  done
  tail -50 "$work/server.log"
  exit 1
}

# First start: schema and survey. Then the rows, then the start that builds the index from them.
if [ "${REUSE_DB:-0}" != 1 ]; then
  start_server
  stop_server
  java -cp "$classpath" io.canvass.bench.BulkResponses "$work/questionnaire/$survey.yaml" "$rows" 2>/dev/null \
    | psql -h 127.0.0.1 -U postgres -d "$database" -q -v ON_ERROR_STOP=1 \
      -c "COPY response (id, survey_id, survey_version, status, reason, answers, started_at, submitted_at, record_key) FROM STDIN WITH (FORMAT csv)"
  # Each stored response also gets its entry in the change log the results index replays.
  psql -h 127.0.0.1 -U postgres -d "$database" -q -c "INSERT INTO response_change (response_id, survey_id, previous_status, status, created_at)
    SELECT id, survey_id, NULL, status, submitted_at FROM response ORDER BY submitted_at, id"
  psql -h 127.0.0.1 -U postgres -d "$database" -q -c "VACUUM ANALYZE"
fi
start_server
echo "rows=$rows heap=$heap connections=$connections seconds=$seconds cores=$(nproc)"
grep -o "Results index built.*" "$work/server.log"

# Analysts' reads are the ones measured (published states; filtered counts and crosstabs perturbed). The stream
# latency is a researcher's: an analyst's stream only moves every minGroupSize completes.
mint() {
  java -cp "$postgresql_app/app/*:$postgresql_app/lib/boot/*:$postgresql_app/lib/main/*" \
    io.canvass.access.TokenMinter --subject "$1" --role "$2" --expires-in 8h 2>/dev/null | tail -1
}
token=$(mint bench@example.com analyst)
researcher_token=$(mint bench-researcher@example.com researcher)
auth="Authorization: Bearer $token"
results="$base/api/surveys/$survey/results"
filtered="$results?filter=industry:it,financial&filter=hq_region:eu,us"
crosstab="$results/crosstab?rows=genai_priority_2023&columns=hq_region&filter=revenue:10b_50b,gt_50b"

java -cp "$classpath" io.canvass.bench.SubmissionBodies "$base" "$survey" 5000 "$work/bodies.jsonl" 2>/dev/null
# Warm-up, not measured.
wrk -t2 -c"$connections" -d10s -H "$auth" "$filtered" >/dev/null
wrk -t2 -c"$connections" -d10s -H "$auth" "$results" >/dev/null

measure() {
  printf '%-28s' "$1"
  wrk -t2 -c"$connections" -d"${seconds}s" -H "$auth" -s src/test/bench/baseline.lua "$2" | grep BENCH
}
measure "baseline GET /q/health/live (management port)" "$management/q/health/live"
# While 4 clients submit, so that results are computed afresh after each change (an unchanged result
# is served from the last computation).
measure_busy() {
  measure "$1" "$2" &
  local measuring=$!
  sleep 1
  wrk -t1 -c4 -d"$((seconds - 2))s" -s src/test/bench/submit.lua "$base/api/surveys/$survey/responses" \
    -- "$work/bodies.jsonl" >/dev/null
  wait "$measuring"
}
measure "GET /results, unchanged" "$results"
measure_busy "GET /results, submitting" "$results"
measure_busy "GET filtered, submitting" "$filtered"
measure "GET /results/crosstab" "$crosstab"

printf '%-28s' "submit-to-stream event"
java -cp "$classpath" io.canvass.bench.StreamLatency "$base" "$survey" "$researcher_token" 100 "$work/bodies.jsonl" | grep BENCH

submit() {
  printf '%-28s' "$1"
  wrk -t2 -c32 -d"${seconds}s" -s src/test/bench/submit.lua "$base/api/surveys/$survey/responses" -- "$work/bodies.jsonl" \
    | grep BENCH
}
wrk -t2 -c32 -d10s -s src/test/bench/submit.lua "$base/api/surveys/$survey/responses" -- "$work/bodies.jsonl" >/dev/null
submit "POST, no stream open"
for query in "" "?filter=industry:it" "?filter=hq_region:eu" "?filter=genai_priority_2023:4,5"; do
  curl -sN -H "$auth" "$results/stream$query" > /dev/null &
  streams+=($!)
done
sleep 2
submit "POST, 4 live streams open"
printf 'server after the run: RSS %s MiB\n' "$(( $(awk '$1 == "VmRSS:" {print $2}' "/proc/$server/status") / 1024 ))"
