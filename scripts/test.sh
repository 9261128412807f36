#!/usr/bin/env bash
# The README's test command: installs what the tests need (npm packages, the Flink distribution,
# code-server + Chromium) through the project's own scripts, then runs every tier:
# typecheck, unit + conformance + fuzz (mocha), grammar, integration against a real local Flink,
# extension-host and UI tests in a real VS Code, the installed .vsix under an empty home. Prints one closing "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
LOG=artifacts/test-log.txt; : > "$LOG"
passed=0; failed=0; broken=()

step() { printf '\n=== %s ===\n' "$*"; }

# run NAME CMD...: runs a tier, tees output, adds mocha's "N passing / N failing" counts.
run() {
  local name=$1; shift
  step "$name"
  local out; out=$(mktemp)
  "$@" 2>&1 | tee "$out"
  local rc=${PIPESTATUS[0]}
  local p f
  # mocha's "N passing" / "N failing", and the extension-host runner's "passes N failures N" line
  p=$( { grep -Eo '^ *[0-9]+ passing' "$out" | awk '{print $1}'; grep -Eo '^ *passes [0-9]+ failures' "$out" | awk '{print $2}'; } | awk '{s+=$1} END {print s+0}')
  f=$( { grep -Eo '^ *[0-9]+ failing' "$out" | awk '{print $1}'; grep -Eo '^ *passes [0-9]+ failures [0-9]+' "$out" | awk '{print $4}'; } | awk '{s+=$1} END {print s+0}')
  cat "$out" >> "$LOG"; rm -f "$out"
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$rc" -ne 0 ]; then
    broken+=("$name")
    [ "$f" -eq 0 ] && failed=$((failed + 1))
  fi
}

must() { step "$*"; "$@" || { echo "setup step failed: $*"; echo "0 passed, 1 failed"; exit 1; }; }

if [ -f package-lock.json ]; then must npm ci --no-audit --no-fund; else must npm install --no-audit --no-fund; fi
must npm run build

run typecheck npm run typecheck
run unit npm run test:unit
if npm run | grep -q '^  test:grammar'; then run grammar npm run test:grammar; fi

if npm run | grep -q '^  test:integration'; then
  must bash scripts/install-python.sh     # python3 with venv: PYTHON drafts' tests provision PyFlink through it
  must npm run flink:install -- --all   # every pinned Flink (2.3.0 and 1.20.0): the integration tier runs on both
  run integration npm run test:integration
fi

# The CLI package as users install it (npm pack → npm install -g into a temporary prefix, empty HOME, no repository).
if npm run | grep -q '^  test:installed'; then run installed-cli npm run test:installed; fi

if npm run | grep -q '^  test:e2e'; then
  must bash scripts/install-e2e.sh
  run e2e npm run test:e2e
  # The packaged .vsix (as e2e just built it) in a fresh profile with an empty home: first-use install and the journey.
  run e2e-installed bash scripts/e2e-installed.sh
fi

echo
if [ ${#broken[@]} -gt 0 ]; then echo "failing tiers: ${broken[*]}"; fi
echo "tests: $passed passed, $failed failed"
[ ${#broken[@]} -eq 0 ]
