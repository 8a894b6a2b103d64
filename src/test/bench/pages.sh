#!/usr/bin/env bash
# Respondent page benchmark: N concurrent clients GET a survey page and POST a page (valid
# answers, saved as a partial response, answered with a 303), next to the plain GET baseline of
# the same service in the same run. Each client cycles over its own respondents' sessions.
#
# Usage: src/test/bench/pages.sh [h2|postgresql] [connections] [seconds]
# PROFILE=1 runs the service with JFR from its start (JDK default settings, execution samples every
# 5 ms; a recording started mid-run costs far more while the JIT recovers) and prints where the
# request threads' time went in the page GET phase (io.canvass.bench.RequestProfile). The recording
# costs the service CPU in every phase, so such a run's figures are not the headline ones; it is
# kept as target/pages.jfr.
set -euo pipefail
cd "$(dirname "$0")/../../.."

db=${1:-h2}
connections=${2:-32}
seconds=${3:-30}
port=${BENCH_PORT:-18080}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
trap '[ -n "${server:-}" ] && kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

source src/test/bench/service.sh
bench_copy_of_the_2023_survey "$work/questionnaire"
if [ "${PROFILE:-0}" = 1 ]; then
  jfr configure --input default --output "$work/pages.jfc" 'jdk.ExecutionSample#period=5ms' >/dev/null
  export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:StartFlightRecording=name=pages,settings=$work/pages.jfc"
fi
start_service "$db" "$port" "$work/questionnaire" "$work"

# One CSRF cookie and field (not bound to a respondent), then 256 respondents who have started.
curl -s -c "$work/jar" "$base/s/aiia-genai-2023-bench" > "$work/start.html"
csrf=$(grep -o 'name="csrf-token" value="[^"]*"' "$work/start.html" | sed 's/.*value="//;s/"$//')
cookie=$(awk '$6 == "csrf-token" { print $7 }' "$work/jar")
for _ in $(seq 1 256); do
  curl -s -o /dev/null -w '%{redirect_url}\n' -b "csrf-token=$cookie" --data "csrf-token=$csrf&action=start" \
    "$base/s/aiia-genai-2023-bench/start" | sed "s|^$base||"
done > "$work/pages.txt"
form="csrf-token=$csrf&revenue=10b_50b&employees=20k_50k&title=cio&management_level=c_suite&age=45_54&industry=it&hq_region=eu&action=continue"

echo "database=$db connections=$connections seconds=$seconds cores=$(nproc) sessions=$(wc -l < "$work/pages.txt")"
# Warm-up, not measured.
wrk -t2 -c"$connections" -d10s -s src/test/bench/pages.lua "$base" -- "$work/pages.txt" GET "$cookie" >/dev/null
wrk -t2 -c"$connections" -d10s -s src/test/bench/pages.lua "$base" -- "$work/pages.txt" POST "$cookie" "$form" >/dev/null

# Server CPU per request: the service's own user+system time (from /proc) over a phase, divided by
# the requests wrk completed in it; wrk's own CPU is not counted.
ticks_per_second=$(getconf CLK_TCK)
server_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
measure() { # label, then wrk arguments; prints wrk's summary line and the server's CPU per request
  local label=$1; shift
  local before after line requests
  before=$(server_ticks)
  line=$(wrk -t2 -c"$connections" -d"${seconds}s" "$@" | grep BENCH)
  after=$(server_ticks)
  requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<< "$line")
  printf '%-30s %s server_cpu_ms_per_request=%s\n' "$label" "$line" \
    "$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="$requests" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')"
  rps=$(sed 's/.*rps=\([0-9]*\).*/\1/' <<< "$line")
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure 'baseline GET /q/health/live (management port):' -s src/test/bench/baseline.lua "$management/q/health/live"
baseline_rps=$rps
get_from=$(date +%s%3N)
measure 'GET survey page 1:' -s src/test/bench/pages.lua "$base" -- "$work/pages.txt" GET "$cookie"
page_rps=$rps
get_to=$(date +%s%3N)
measure 'POST page 1 (saved, 303):' -s src/test/bench/pages.lua "$base" -- "$work/pages.txt" POST "$cookie" "$form"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v p="$page_rps" -v b="$baseline_rps" 'BEGIN { printf "ratio page GET/s : health GET/s = %.3f (goal >= 0.15)\n", p / b }'
if [ "${PROFILE:-0}" = 1 ]; then
  jcmd "$server" JFR.dump name=pages filename="$PWD/target/pages.jfr" >/dev/null
  echo "where the page GET phase's request-thread time went (JFR, target/pages.jfr):"
  java -cp target/test-classes io.canvass.bench.RequestProfile target/pages.jfr "$get_from" "$get_to"
fi
