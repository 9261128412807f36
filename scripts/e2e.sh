#!/usr/bin/env bash
# End-to-end tests in a real VS Code (code-server) driven by headless chromium:
#   package the .vsix -> fresh profile -> install the .vsix -> start code-server in its own process group
#   -> extension-host tests (test/vscode) -> UI tests (test/e2e) -> kill the group.
# Exits non-zero when any test fails. Runs scripts/install-e2e.sh first (a no-op once installed).
# Options: --exthost-only | --ui-only, --skip-package (reuse out/flink-sql-studio.vsix).
# Env: E2E_KEEP=1 keeps the run dir (.cache/e2e/run-*; kept anyway on failure);
#      E2E_UPDATE_SCREENSHOT=1 rewrites media/screenshot.png from the UI run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUN_EXTHOST=1 RUN_UI=1 PACKAGE=1
for a in "$@"; do
  case $a in
    --exthost-only) RUN_UI=0 ;;
    --ui-only) RUN_EXTHOST=0 ;;
    --skip-package) PACKAGE=0 ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done

CS_ENTRY=$ROOT/.cache/code-server/node_modules/code-server/out/node/entry.js
source scripts/e2e-lib.sh
bash scripts/install-e2e.sh   # idempotent: about a second when everything is there

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
T_ALL=$(now)
VSIX=$ROOT/out/flink-sql-studio.vsix
ARTIFACTS=$ROOT/artifacts
mkdir -p "$ARTIFACTS" "$ROOT/.cache/e2e"
RUN=$(mktemp -d "$ROOT/.cache/e2e/run-XXXX")
CS_PGIDS=()
FLINK_WS=         # the UI workspace whose local Flink this run started (stopped in cleanup)

cleanup() {
  local rc=$?
  # The local Flink of the UI tests must not outlive the run (its JVMs are not in code-server's group).
  [ -z "$FLINK_WS" ] || node "$ROOT/out/cli.js" local stop --dir "$FLINK_WS" > /dev/null 2>&1 || true
  for pgid in "${CS_PGIDS[@]}"; do
    # code-server's extension hosts and language servers outlive it: end the whole process group.
    kill -TERM -- "-$pgid" 2>/dev/null || true
  done
  for pgid in "${CS_PGIDS[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.3; done
    kill -KILL -- "-$pgid" 2>/dev/null || true
  done
  [ "${E2E_KEEP:-}" = 1 ] || [ $rc -ne 0 ] || rm -rf "$RUN"
  [ $rc -eq 0 ] || echo "e2e: FAILED (exit $rc); run dir kept: $RUN (code-server logs: $RUN/*/code-server.log)" >&2
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1) Package: what is tested is what users install.
if [ $PACKAGE = 1 ] || [ ! -f "$VSIX" ]; then
  T=$(now)
  npm run -s package > "$RUN/package.log" 2>&1 || { cat "$RUN/package.log"; exit 1; }
  # Sizes read from inside the .vsix: out/ may be rebuilt meanwhile by a watch or dev build.
  sizes=$(python3 - "$VSIX" <<'PY'
import sys, zipfile
files = zipfile.ZipFile(sys.argv[1]).infolist()
print(", ".join("%s %d KB" % (i.filename[len("extension/"):], i.file_size // 1024) for i in files if i.filename.endswith(".js")))
PY
)
  echo "e2e: packaged in $(since "$T") s: $(( $(stat -c %s "$VSIX") / 1024 )) KB .vsix ($sizes)"
fi
# The extension-host test bundle is not part of the .vsix; make sure it is current.
[ $RUN_EXTHOST = 0 ] || [ $PACKAGE = 1 ] || node esbuild.js > /dev/null

# 2) A code-server per trust mode: fresh profile, the .vsix installed, started in its own process group
#    (setsid) so cleanup can end everything it spawned. Sets CS_URL and INSTALLED.
export XDG_CONFIG_HOME=$RUN/xdg-config XDG_DATA_HOME=$RUN/xdg-data   # code-server writes config.yaml there
export FLINK_SQL_EXTHOST_RESULTS=$RUN/exthost-results.txt
start_code_server() { # name, extra flags...
  local name=$1; shift
  local ud=$RUN/$name/user-data ext=$RUN/$name/extensions port T
  profile_settings "$ud"
  T=$(now)
  node "$CS_ENTRY" --user-data-dir "$ud" --extensions-dir "$ext" --install-extension "$VSIX" > "$RUN/$name/install.log" 2>&1 \
    || { cat "$RUN/$name/install.log"; exit 1; }
  INSTALLED=$(ls -d "$ext"/flink-sql-studio.flink-sql-studio-*/ | head -1)
  INSTALLED=${INSTALLED%/}
  echo "e2e: [$name] installed the .vsix into a fresh profile in $(since "$T") s"
  port=$(free_port)
  T=$(now)
  setsid node "$CS_ENTRY" --bind-addr "127.0.0.1:$port" --auth none --user-data-dir "$ud" --extensions-dir "$ext" \
    --disable-telemetry --disable-update-check --disable-getting-started-override "$@" > "$RUN/$name/code-server.log" 2>&1 &
  CS_PGIDS+=($!)
  wait_code_server "$port" "$RUN/$name/code-server.log" || exit 1
  echo "e2e: [$name] code-server $CS_VERSION up on port $port in $(since "$T") s"
  CS_URL=http://127.0.0.1:$port
}
CS_VERSION=$(node "$CS_ENTRY" --version 2>/dev/null | tail -1 | cut -d' ' -f1)

# 3) Workspaces: copies of the example workspace (the web workbench saves edits).
# One copy per tier, each named like a user's project (the name shows in the window title).
# The workspace fixture plus the README's sample draft (kept once, in examples/).
for tier in exthost ui restricted; do
  mkdir -p "$RUN/ws-$tier" && cp -r test/fixtures/workspace "$RUN/ws-$tier/flink-jobs"
  cp examples/datagen-to-blackhole.flink.sql "$RUN/ws-$tier/flink-jobs/"
done
export E2E_RUN_DIR=$RUN E2E_ARTIFACTS=$ARTIFACTS E2E_EXTHOST_TESTS=$ROOT/out/test/vscode/index.js
export E2E_WS_EXTHOST=$RUN/ws-exthost/flink-jobs E2E_WS_UI=$RUN/ws-ui/flink-jobs E2E_WS_RESTRICTED=$RUN/ws-restricted/flink-jobs

# A real local Flink for the UI tests (test/e2e/execute.e2e.ts runs queries on it), started in the UI workspace's
# .flink/ while code-server starts and the extension-host tests run; the extension finds it there.
if [ $RUN_UI = 1 ]; then
  FLINK_WS=$E2E_WS_UI
  node out/cli.js local install > "$RUN/flink-install.log" 2>&1 || { cat "$RUN/flink-install.log"; exit 1; }
  T_FLINK=$(now)
  node out/cli.js local start --dir "$FLINK_WS" > "$RUN/flink-start.log" 2>&1 &
  FLINK_START_PID=$!
fi

# 4) The trusted instance runs everything; a second one with workspace trust on (UI tests only)
#    shows that language features work in restricted mode.
start_code_server trusted --disable-workspace-trust
TRUSTED_URL=$CS_URL
export E2E_EXT_INSTALLED=$INSTALLED
if [ $RUN_UI = 1 ]; then
  start_code_server restricted
  export CS_URL_RESTRICTED=$CS_URL
fi
export CS_URL=$TRUSTED_URL
failed=0

# 5) Extension-host tests (mocha inside VS Code's extension host).
if [ $RUN_EXTHOST = 1 ]; then
  T=$(now)
  echo "e2e: extension-host tests"
  timeout 300 npx tsx test/e2e/extHostRunner.ts || failed=1
  echo "e2e: extension-host tier took $(since "$T") s"
fi

# 6) UI tests (playwright-core against the workbench).
if [ $RUN_UI = 1 ]; then
  T=$(now)
  if [ -n "$FLINK_WS" ]; then
    if wait "$FLINK_START_PID"; then echo "e2e: local Flink for the UI tests up after $(since "$T_FLINK") s"
    else echo "e2e: the local Flink did not start:"; cat "$RUN/flink-start.log"; failed=1; fi
  fi
  echo "e2e: UI tests"
  # A bound for a hung browser, not a budget: the tier takes about 5 min (failures wait out their own timeouts).
  timeout 1200 npx mocha --no-config --require tsx/cjs --extension ts --timeout 90000 --reporter spec 'test/e2e/*.e2e.ts' || failed=1
  echo "e2e: UI tier took $(since "$T") s"
fi

# Activation time as the extension logged it in code-server's own extension host (the UI window).
act=$(grep -rhoE 'activated in [0-9]+ ms' "$RUN"/*/user-data/logs 2>/dev/null | tr '\n' ';' || true)
[ -z "$act" ] || echo "e2e: extension log: ${act%;}"
echo "e2e: total $(since "$T_ALL") s; screenshots in artifacts/"
[ $failed = 0 ] || { echo "e2e: some tests FAILED" >&2; exit 1; }
echo "e2e: all tests passed"
