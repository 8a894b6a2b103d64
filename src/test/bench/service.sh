# Shared by the benchmark scripts: build the jar for a database and run it on a port.
# Usage (sourced): start_service h2|postgresql PORT QUESTIONNAIRE_DIR WORK_DIR
# Sets $server (the pid), $service_app (the application directory of that build) and $management (health and
# metrics: PORT + 1000, the management interface);
# the caller's EXIT trap stops it.

start_service() {
  local db=$1 port=$2 questionnaires=$3 work=$4
  local profile=()
  service_app=target/quarkus-app
  if [ "$db" = postgresql ]; then
    # The PostgreSQL build has its own directory (target/quarkus-app stays the H2 build).
    profile=(-Ppostgresql) service_app=target/postgresql/quarkus-app
    # BENCH_DATABASE keeps two people's runs on one server apart.
    local database=${BENCH_DATABASE:-canvass_bench}
    psql -h 127.0.0.1 -U postgres -d postgres -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
    export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$database QUARKUS_DATASOURCE_USERNAME=postgres
  fi
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    ./mvnw -B -q -ntp package -DskipTests "${profile[@]}"
    ./mvnw -B -q -ntp test-compile "${profile[@]}" >/dev/null
  fi
  management="http://127.0.0.1:$((port + 1000))"
  CANVASS_DATA_DIR="$work/data" CANVASS_QUESTIONNAIRE_DIRS="$questionnaires" QUARKUS_HTTP_PORT=$port \
    QUARKUS_MANAGEMENT_PORT=$((port + 1000)) CANVASS_RATE_LIMIT_ENABLED=false \
    java -Xmx1g ${BENCH_JAVA_OPTS:-} -jar "$service_app/quarkus-run.jar" > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 60); do
    curl -sf "$management/q/health/ready" >/dev/null && return 0
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

# Builds the jar (into $postgresql_app) and the test classes for PostgreSQL, unless SKIP_BUILD=1 (reuse target/).
postgresql_app=target/postgresql/quarkus-app
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
