#!/usr/bin/env bash
# The main job on the bundled sample: discover the rules, check manifests against them, emit them for Kyverno.
# Run from the repository root after `./mvnw -B -q install -DskipTests`.
set -u
cd "$(dirname "$0")/.."
guidepost() { java -jar policy-cli/target/guidepost.jar "$@"; }
# bold only on a terminal, like the CLI's own colour
if [ -t 1 ]; then bold=$'\033[1m'; plain=$'\033[0m'; else bold=''; plain=''; fi
step() {  # the command as one would type it: arguments with spaces in double quotes
  local shown=""
  for a in "$@"; do case "$a" in *" "*) shown+=" \"$a\"" ;; *) shown+=" $a" ;; esac; done
  printf '\n%s$ guidepost%s%s\n' "$bold" "$shown" "$plain"
}

step search --pack samples/pack --limit 3 "I'm deploying a Postgres database"
guidepost search --pack samples/pack --limit 3 "I'm deploying a Postgres database"

step check --pack samples/pack samples/manifests/good
guidepost check --no-color --pack samples/pack samples/manifests/good
echo "(exit code $?)"

step check --pack samples/pack samples/manifests
guidepost check --no-color --pack samples/pack samples/manifests
echo "(exit code $?: Enforce violations and unreadable files fail the check)"

step test --pack samples/pack
guidepost test --pack samples/pack

step kyverno --pack samples/pack --out target/demo --tests
guidepost kyverno --pack samples/pack --out target/demo --tests
echo "(first emitted policy: target/demo/kyverno/allowed-registries.yaml)"
