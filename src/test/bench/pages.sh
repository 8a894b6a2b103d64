#!/usr/bin/env bash
# Respondent page benchmark: N concurrent clients GET a survey page and POST a page (valid
# answers, saved as a partial response, answered with a 303), next to the plain GET baseline of
# the same service in the same run. Each client cycles over its own respondents' sessions.
#
# Usage: src/test/bench/pages.sh [h2|postgresql] [connections] [seconds]
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
wrk -t2 -c"$connections" -d10s -s src/test/bench/pages.lua "$base" -- "$work/pages.txt" GET >/dev/null
wrk -t2 -c"$connections" -d10s -s src/test/bench/pages.lua "$base" -- "$work/pages.txt" POST "$cookie" "$form" >/dev/null

printf 'baseline GET /q/health/live: '
wrk -t2 -c"$connections" -d"${seconds}s" -s src/test/bench/baseline.lua "$base/q/health/live" | grep BENCH
printf 'GET survey page 1:           '
wrk -t2 -c"$connections" -d"${seconds}s" -s src/test/bench/pages.lua "$base" -- "$work/pages.txt" GET | grep BENCH
printf 'POST page 1 (saved, 303):    '
wrk -t2 -c"$connections" -d"${seconds}s" -s src/test/bench/pages.lua "$base" -- "$work/pages.txt" POST "$cookie" "$form" | grep BENCH
