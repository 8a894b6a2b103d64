#!/usr/bin/env bash
# Export benchmark: loads N complete responses (default 1,000,000) to a copy of the 2023 survey straight
# into PostgreSQL with COPY, starts the packaged service with -Xmx512m on that database, and times a
# full CSV export (and an NDJSON one with NDJSON=1) with curl, sampling the server's RSS and heap
# while it streams. Prints one BENCH line per export.
#
# Usage: src/test/bench/export.sh [rows]
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth); uses its own database
# canvass_bench_export (dropped and recreated). SKIP_BUILD=1 reuses target/ as built.
set -euo pipefail
cd "$(dirname "$0")/../../.."

rows=${1:-1000000}
port=${BENCH_PORT:-18090}
# Health and metrics: the management interface.
management_port=$((port + 1000))
database=canvass_bench_export
survey=aiia-genai-2023-bench
work=$(mktemp -d)
stop() {
  # Only what this script started, by pid (kill 0 would end the caller's whole process group).
  for pid in ${sampler:-} ${server:-}; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT
psql_bench() { psql -h 127.0.0.1 -U postgres -d "$database" -v ON_ERROR_STOP=1 -q "$@"; }

source src/test/bench/service.sh
build_for_postgresql
classpath="target/classes:target/test-classes:$postgresql_app/lib/main/*"
fresh_database "$database"
mkdir -p "$work/questionnaire"
# The 2023 survey under another id and without its quota (see service.sh).
sed -e "s/^id: aiia-genai-2023\$/id: $survey/" -e '/^quotas:/,$d' \
  questionnaire/aiia-genai-2023.yaml > "$work/questionnaire/$survey.yaml"

export CANVASS_DATA_DIR="$work/data" CANVASS_QUESTIONNAIRE_DIRS="$work/questionnaire" QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$management_port CANVASS_RATE_LIMIT_ENABLED=false \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$database QUARKUS_DATASOURCE_USERNAME=postgres
java -Xmx512m -jar $postgresql_app/quarkus-run.jar > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 90); do
  curl -sf "http://127.0.0.1:$management_port/q/health/ready" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$management_port/q/health/ready" >/dev/null || { tail -50 "$work/server.log"; exit 1; }

# The service created the schema and stored the survey; now the rows, as fast as PostgreSQL takes them.
load_start=$(date +%s.%N)
java -cp "$classpath" io.canvass.bench.BulkResponses "$work/questionnaire/$survey.yaml" "$rows" 2>/dev/null \
  | psql_bench -c "COPY response (id, survey_id, survey_version, status, reason, answers, started_at, submitted_at, record_key) FROM STDIN WITH (FORMAT csv)"
psql_bench -c "VACUUM ANALYZE response"
printf 'loaded %s rows in %.0f s (%s in the table)\n' "$rows" "$(echo "$(date +%s.%N) - $load_start" | bc)" \
  "$(psql_bench -Atc "SELECT pg_size_pretty(pg_total_relation_size('response'))")"

token=$(java -cp "$postgresql_app/app/*:$postgresql_app/lib/boot/*:$postgresql_app/lib/main/*" io.canvass.access.TokenMinter \
  --subject bench@example.com --role analyst --expires-in 8h 2>/dev/null | tail -1)

kib() { awk -v key="$1:" '$1 == key {print $2}' "/proc/$server/status"; }
heap_used() {
  curl -sf "http://127.0.0.1:$management_port/q/metrics" \
    | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {sum += $NF} END {printf "%d", sum / 1048576}'
}
sample() {
  local peak_rss=0 peak_heap=0 rss heap
  while kill -0 "$server" 2>/dev/null; do
    rss=$(kib VmRSS); heap=$(heap_used || echo 0)
    [ "${rss:-0}" -gt "$peak_rss" ] && peak_rss=$rss
    [ "${heap:-0}" -gt "$peak_heap" ] && peak_heap=$heap
    echo "$((peak_rss / 1024)) $peak_heap" > "$work/peaks"
    sleep 0.5
  done
}

export_once() {
  local accept=$1 name=$2 result status bytes seconds lines
  echo "0 0" > "$work/peaks"
  local rss_before heap_before
  rss_before=$(( $(kib VmRSS) / 1024 )); heap_before=$(heap_used)
  sample & sampler=$!
  result=$(curl -sS -o "$work/export.$name" -w '%{http_code} %{size_download} %{time_total}' \
    -H "Authorization: Bearer $token" -H "Accept: $accept" \
    "http://127.0.0.1:$port/api/surveys/$survey/responses")
  sleep 1; kill "$sampler"; wait "$sampler" 2>/dev/null || true
  read -r status bytes seconds <<< "$result"
  lines=$(wc -l < "$work/export.$name")
  [ "$name" = csv ] && lines=$((lines - 1))
  read -r peak_rss peak_heap < "$work/peaks"
  echo "BENCH export=$name status=$status rows=$lines bytes=$bytes seconds=$seconds" \
    "rows_per_s=$(echo "$lines / $seconds" | bc) rss_mib_before=$rss_before peak_rss_mib=$peak_rss" \
    "heap_used_mib_before=$heap_before peak_heap_used_mib=$peak_heap xmx=512m" \
    "vm_hwm_mib=$(( $(kib VmHWM) / 1024 ))"
  rm -f "$work/export.$name"
}

echo "rows=$rows cores=$(nproc) database=postgresql"
export_once text/csv csv
if [ "${NDJSON:-0}" = 1 ]; then
  export_once application/x-ndjson ndjson
fi
if grep -q ERROR "$work/server.log"; then grep ERROR "$work/server.log" | head -5; fi
