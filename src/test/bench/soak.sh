#!/usr/bin/env bash
# Soak: mixed load for SECONDS (default 600) against two instances of the packaged service on one
# PostgreSQL: respondents paging through the survey in HTML, API submissions, analysts polling
# results and holding live streams (io.canvass.bench.Soak). Prints throughput, p50/p99 per kind and
# per minute, errors, each instance's memory at the end, and checks the stored data against what
# was acknowledged (exit 1 when it differs). The machine's 2 cores run both instances, PostgreSQL and
# the load generator.
#
# Usage: src/test/bench/soak.sh [seconds]   (SKIP_BUILD=1 reuses target/)
set -euo pipefail
cd "$(dirname "$0")/../../.."

seconds=${1:-600}
heap=${HEAP:-512m}
database=canvass_soak
survey=aiia-genai-2023-bench
ports=(18081 18082)
# Health and metrics are on each instance's management port (QUARKUS_MANAGEMENT_PORT), not the public one.
management_ports=(19081 19082)
work=$(mktemp -d)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

source src/test/bench/service.sh
build_for_postgresql
classpath="target/classes:target/test-classes:$postgresql_app/lib/main/*"
fresh_database "$database"
bench_copy_of_the_2023_survey "$work/questionnaire"
# JSON logs: the WARN and ERROR lines are counted below by their "level" field.
export QUARKUS_LOG_CONSOLE_JSON_ENABLED=true CANVASS_DATA_DIR="$work/data" CANVASS_QUESTIONNAIRE_DIRS="$work/questionnaire" CANVASS_RATE_LIMIT_ENABLED=false \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$database QUARKUS_DATASOURCE_USERNAME=postgres

# One after the other: the first migrates the schema and imports the survey.
instances=()
for i in 0 1; do
  QUARKUS_HTTP_PORT=${ports[$i]} QUARKUS_MANAGEMENT_PORT=${management_ports[$i]} java "-Xmx$heap" -jar $postgresql_app/quarkus-run.jar > "$work/server-$i.log" 2>&1 &
  servers+=($!)
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:${management_ports[$i]}/q/health/ready" >/dev/null && break
    sleep 1
  done
  curl -sf "http://127.0.0.1:${management_ports[$i]}/q/health/ready" >/dev/null || { tail -50 "$work/server-$i.log"; exit 1; }
  instances+=("http://127.0.0.1:${ports[$i]}@${servers[$i]}@http://127.0.0.1:${management_ports[$i]}")
done

# A researcher's token: the data check at the end compares live results with the database, exactly, and an
# analyst's results move only in published states.
token=$(java -cp "$postgresql_app/app/*:$postgresql_app/lib/boot/*:$postgresql_app/lib/main/*" \
  io.canvass.access.TokenMinter --subject soak@example.com --role researcher --expires-in 8h 2>/dev/null | tail -1)
echo "seconds=$seconds instances=2 heap=$heap cores=$(nproc) started=$(date -u +%FT%TZ)"
status=0
java -cp "$classpath" io.canvass.bench.Soak "$seconds" "$survey" "$token" \
  "jdbc:postgresql://127.0.0.1:5432/$database" "${instances[@]}" || status=$?
for i in 0 1; do
  echo "instance $((i + 1)) log: $(grep -c '"level":"WARN"' "$work/server-$i.log" || true) WARN, $(grep -c '"level":"ERROR"' "$work/server-$i.log" || true) ERROR lines"
  { grep '"level":"ERROR"' "$work/server-$i.log" || true; } | head -3 | cut -c1-400
done
exit $status
