#!/usr/bin/env bash
# The README's main command: installs and builds the project, provisions the pinned Flink (per-user folder), starts a local
# session cluster (JobManager + TaskManager + SQL Gateway), and takes the sample draft through
# lint → validate (real planner) → execute → publish (a deployment version, running) → savepoint → publish again (an
# upgrade restored from the savepoint) → stop with drain, all by deployment name (records in .flink/deployments/).
# The cluster is stopped at the end unless KEEP_CLUSTER=1.
set -euo pipefail
cd "$(dirname "$0")/.."
DRAFT=${1:-examples/datagen-to-blackhole.flink.sql}
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
cli() { node out/cli.js "$@"; }

say "Installing npm packages and building"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund; fi
npm run --silent build >/dev/null
say "Provisioning Flink into the per-user install folder (once; what the extension and the CLI do on first use)"
cli local install

say "Starting the local Flink cluster"
cli local start
if [ "${KEEP_CLUSTER:-0}" != 1 ]; then trap 'say "Stopping the local Flink cluster"; cli local stop' EXIT; fi

say "Lint: $DRAFT"
cli lint "$DRAFT" && echo "no syntax errors"
say "Validate on the real Flink planner"
cli validate "$DRAFT"
say "Execute on the session cluster (its INSERT starts a job, cancelled right after: Publish is what keeps one running)"
out=$(cli execute "$DRAFT" --format json)
echo "$out"
job=$(printf '%s\n' "$out" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const l of s.trim().split("\n")){const o=JSON.parse(l);if(o.jobId)console.log(o.jobId)}})')
[ -z "$job" ] || cli jobs cancel "$job"
say "Publish: the draft becomes a deployment (version 1) running on the cluster"
cli publish "$DRAFT"
name=$(basename "$DRAFT" .flink.sql)
say "Deployments"
cli deployments
say "Savepoint of $name"
cli savepoint "$name"
say "Publish again: an upgrade (stop with a savepoint, restart restored from it)"
cli publish "$DRAFT"
cli deployments
say "Stopping $name with drain and a savepoint"
cli stop "$name" --drain
cli jobs list
