# Shared by the benchmark scripts: build the jar for a database and run it on a port.
# Usage (sourced): start_service h2|postgresql PORT QUESTIONNAIRE_DIR WORK_DIR
# Sets $server (the pid); the caller's EXIT trap stops it.

start_service() {
  local db=$1 port=$2 questionnaires=$3 work=$4
  local profile=()
  if [ "$db" = postgresql ]; then
    profile=(-Ppostgresql)
    psql -h 127.0.0.1 -U postgres -d postgres -q -c "DROP DATABASE IF EXISTS canvass_bench" -c "CREATE DATABASE canvass_bench"
    export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/canvass_bench QUARKUS_DATASOURCE_USERNAME=postgres
  fi
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    ./mvnw -B -q -ntp package -DskipTests "${profile[@]}"
    ./mvnw -B -q -ntp test-compile "${profile[@]}" >/dev/null
  fi
  CANVASS_DATA_DIR="$work/data" CANVASS_QUESTIONNAIRE_DIRS="$questionnaires" QUARKUS_HTTP_PORT=$port CANVASS_RATE_LIMIT_ENABLED=false \
    java -Xmx1g ${BENCH_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && return 0
    sleep 1
  done
  tail -50 "$work/server.log"
  return 1
}

# The 2023 survey under another id and without its quota, so that every response is a complete.
bench_copy_of_the_2023_survey() {
  mkdir -p "$1"
  sed -e 's/^id: aiia-genai-2023$/id: aiia-genai-2023-bench/' -e '/^quotas:/,$d' \
    questionnaire/aiia-genai-2023.yaml > "$1/aiia-genai-2023-bench.yaml"
}

# Builds the jar and the test classes for PostgreSQL, unless SKIP_BUILD=1 (reuse target/).
build_for_postgresql() {
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    ./mvnw -B -q -ntp package -DskipTests -Ppostgresql
    ./mvnw -B -q -ntp test-compile -Ppostgresql >/dev/null
  fi
}

# An empty database of that name on the local PostgreSQL.
fresh_database() {
  psql -h 127.0.0.1 -U postgres -d postgres -q -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
}
