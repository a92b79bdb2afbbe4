#!/usr/bin/env bash
# Measures the time the Guidepost check adds to `mvn verify` of this sample service: N alternating runs of
# `mvn -o -q verify` with and without -Dpolicy.skip=true, reporting the median of each and their difference.
# Usage: ./measure-check-time.sh [RUNS] [extra Maven arguments, e.g. -Dmaven.repo.local=...]
# MVN names the Maven command (default: the repository's wrapper).
set -euo pipefail
cd "$(dirname "$0")"
runs="${1:-7}"
shift || true
mvn="${MVN:-../../mvnw}"

"$mvn" -o -q -B verify "$@" >/dev/null   # warm-up: resolves, compiles once

time_ms() {
  local start end
  start=$(date +%s%N)
  "$mvn" -o -q -B verify "$@" >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

with=(); without=()
for ((i = 1; i <= runs; i++)); do
  without+=("$(time_ms -Dpolicy.skip=true "$@")")
  with+=("$(time_ms "$@")")
done
m_with=$(printf '%s\n' "${with[@]}" | median)
m_without=$(printf '%s\n' "${without[@]}" | median)
echo "runs: $runs"
echo "verify with check (ms):    ${with[*]}  -> median $m_with"
echo "verify, check skipped (ms): ${without[*]}  -> median $m_without"
echo "check adds (median difference): $((m_with - m_without)) ms"
