#!/usr/bin/env bash
# The README's main command: installs and builds the project, provisions the pinned Flink, starts a local
# session cluster (JobManager + TaskManager + SQL Gateway), and takes the sample draft through
# lint → validate (real planner) → execute (its INSERT becomes a running job) → jobs list → stop with drain.
# The cluster is stopped at the end unless KEEP_CLUSTER=1.
set -euo pipefail
cd "$(dirname "$0")/.."
DRAFT=${1:-examples/datagen-to-blackhole.flink.sql}
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
cli() { node out/cli.js "$@"; }

say "Installing npm packages and building"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund; fi
npm run --silent build >/dev/null
say "Provisioning Flink (cached after the first run)"
npm run --silent flink:install

say "Starting the local Flink cluster"
cli local start
if [ "${KEEP_CLUSTER:-0}" != 1 ]; then trap 'say "Stopping the local Flink cluster"; cli local stop' EXIT; fi

say "Lint: $DRAFT"
cli lint "$DRAFT" && echo "no syntax errors"
say "Validate on the real Flink planner"
cli validate "$DRAFT"
say "Execute"
out=$(cli execute "$DRAFT" --format json)
echo "$out"
job=$(printf '%s\n' "$out" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=s.trim().split("\n").map(l=>JSON.parse(l)).find(o=>o.jobId);console.log(j?j.jobId:"")})')
say "Jobs on the cluster"
sleep 3
cli jobs list
if [ -n "$job" ]; then
  say "Stopping job $job with drain and a savepoint"
  cli jobs stop "$job" --drain
fi
