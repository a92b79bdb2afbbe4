#!/usr/bin/env bash
# Measures the time the Guidepost check adds to `mvn verify` of this sample service: N alternating runs of
# `mvn -o -q verify` with and without -Dpolicy.skip=true; prints the median wall-clock time and the median CPU
# time (user + sys, less sensitive to other processes on a shared machine) of each, their differences, and the
# median of the N paired differences (each run with the check minus the run without it just before, which follows
# a shared machine's load better than the difference of the medians).
# Usage: ./measure-check-time.sh [RUNS] [extra Maven arguments, e.g. -Dmaven.repo.local=...]
# MVN names the Maven command (default: the repository's wrapper). Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")"
runs="${1:-7}"
shift || true
mvn="${MVN:-../../mvnw}"

"$mvn" -o -q -B verify "$@" >/dev/null   # warm-up: resolves and compiles once
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# prints "wall_ms cpu_ms" of one build
measure() {
  local out
  out=$( { /usr/bin/time -f "%e %U %S" "$mvn" -o -q -B verify "$@" >/dev/null; } 2>&1 | tail -1)
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$out"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

wall_with=(); cpu_with=(); wall_without=(); cpu_without=(); wall_pairs=(); cpu_pairs=()
for ((i = 1; i <= runs; i++)); do
  read -r w0 c0 < <(measure -Dpolicy.skip=true "$@"); wall_without+=("$w0"); cpu_without+=("$c0")
  read -r w c < <(measure "$@"); wall_with+=("$w"); cpu_with+=("$c")
  wall_pairs+=($((w - w0))); cpu_pairs+=($((c - c0)))
done
mw=$(printf '%s\n' "${wall_with[@]}" | median); mwo=$(printf '%s\n' "${wall_without[@]}" | median)
cw=$(printf '%s\n' "${cpu_with[@]}" | median); cwo=$(printf '%s\n' "${cpu_without[@]}" | median)
echo "runs: $runs (alternating), load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'), cores: $(nproc)"
echo "wall ms, check:   ${wall_with[*]} -> median $mw"
echo "wall ms, skipped: ${wall_without[*]} -> median $mwo"
echo "cpu ms,  check:   ${cpu_with[*]} -> median $cw"
echo "cpu ms,  skipped: ${cpu_without[*]} -> median $cwo"
echo "check adds (difference of medians): wall $((mw - mwo)) ms, cpu $((cw - cwo)) ms"
echo "check adds (median of paired differences): wall $(printf '%s\n' "${wall_pairs[@]}" | median) ms," \
  "cpu $(printf '%s\n' "${cpu_pairs[@]}" | median) ms (pairs: ${wall_pairs[*]})"
