#!/usr/bin/env bash
# End-to-end tests in a real VS Code (code-server) driven by headless chromium:
#   package the .vsix -> fresh profile -> install the .vsix -> start code-server in its own process group
#   -> extension-host tests (test/vscode) -> UI tests (test/e2e) -> kill the group.
# Exits non-zero when any test fails. Needs scripts/install-e2e.sh once.
# Options: --exthost-only | --ui-only, --skip-package (reuse out/flink-sql-studio.vsix).
# Env: E2E_PORT (default: a free port), E2E_KEEP=1 keeps the run dir.
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
[ -f "$CS_ENTRY" ] && [ -x /usr/bin/chromium ] || { echo "code-server or chromium missing: run scripts/install-e2e.sh" >&2; exit 2; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
T_ALL=$(now)
VSIX=$ROOT/out/flink-sql-studio.vsix
ARTIFACTS=$ROOT/artifacts
mkdir -p "$ARTIFACTS" "$ROOT/.cache/e2e"
RUN=$(mktemp -d "$ROOT/.cache/e2e/run-XXXX")
CS_PGID=

cleanup() {
  local rc=$?
  if [ -n "$CS_PGID" ]; then
    # code-server's extension hosts and language servers outlive it: end the whole process group.
    kill -TERM -- "-$CS_PGID" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$CS_PGID" 2>/dev/null || break; sleep 0.3; done
    kill -KILL -- "-$CS_PGID" 2>/dev/null || true
  fi
  [ "${E2E_KEEP:-}" = 1 ] || [ $rc -ne 0 ] || rm -rf "$RUN"
  [ $rc -eq 0 ] || echo "e2e: FAILED (exit $rc); run dir kept: $RUN (code-server log: $RUN/code-server.log)" >&2
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1) Package: what is tested is what users install.
if [ $PACKAGE = 1 ] || [ ! -f "$VSIX" ]; then
  T=$(now)
  npm run -s package > "$RUN/package.log" 2>&1 || { cat "$RUN/package.log"; exit 1; }
  echo "e2e: packaged in $(since "$T") s: $(du -k "$VSIX" | cut -f1) KB vsix; out/extension.js $(du -k out/extension.js | cut -f1) KB, out/server.js $(du -k out/server.js | cut -f1) KB (minified)"
fi
# The extension-host test bundle is not part of the .vsix; make sure it is current.
[ $RUN_EXTHOST = 0 ] || [ $PACKAGE = 1 ] || node esbuild.js > /dev/null

# 2) Fresh profile + install the .vsix.
export XDG_CONFIG_HOME=$RUN/xdg-config XDG_DATA_HOME=$RUN/xdg-data   # code-server writes config.yaml there
UD=$RUN/user-data EXT=$RUN/extensions
mkdir -p "$UD/User"
cat > "$UD/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "extensions.ignoreRecommendations": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "files.autoSave": "off",
  "git.openRepositoryInParentFolders": "never"
}
JSON
T=$(now)
node "$CS_ENTRY" --user-data-dir "$UD" --extensions-dir "$EXT" --install-extension "$VSIX" > "$RUN/install.log" 2>&1 \
  || { cat "$RUN/install.log"; exit 1; }
INSTALLED=$(ls -d "$EXT"/flink-sql-studio.flink-sql-studio-*/ | head -1)
INSTALLED=${INSTALLED%/}
echo "e2e: installed the .vsix into a fresh profile in $(since "$T") s ($INSTALLED)"

# 3) Workspaces: copies of the example workspace (the web workbench saves edits).
cp -r test/fixtures/workspace "$RUN/ws-exthost"
cp -r test/fixtures/workspace "$RUN/ws-ui"

# 4) code-server in its own process group (setsid), so cleanup can end everything it spawned.
PORT=${E2E_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
export FLINK_SQL_EXTHOST_RESULTS=$RUN/exthost-results.txt
T=$(now)
setsid node "$CS_ENTRY" --bind-addr "127.0.0.1:$PORT" --auth none --user-data-dir "$UD" --extensions-dir "$EXT" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  > "$RUN/code-server.log" 2>&1 &
CS_PGID=$!
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" || { echo "code-server did not come up"; cat "$RUN/code-server.log"; exit 1; }
echo "e2e: code-server $(node "$CS_ENTRY" --version 2>/dev/null | tail -1 | cut -d' ' -f1) up on port $PORT in $(since "$T") s"

export CS_URL=http://127.0.0.1:$PORT E2E_RUN_DIR=$RUN E2E_ARTIFACTS=$ARTIFACTS
export E2E_WS_EXTHOST=$RUN/ws-exthost E2E_WS_UI=$RUN/ws-ui E2E_EXT_INSTALLED=$INSTALLED
export E2E_EXTHOST_TESTS=$ROOT/out/test/vscode/index.js
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
  echo "e2e: UI tests"
  timeout 600 npx mocha --no-config --require tsx/cjs --extension ts --timeout 90000 --reporter spec 'test/e2e/*.e2e.ts' || failed=1
  echo "e2e: UI tier took $(since "$T") s"
fi

# Activation time as the extension logged it in code-server's own extension host (the UI window).
act=$(grep -rhoE 'activated in [0-9]+ ms' "$UD/logs" 2>/dev/null | tr '\n' ';' || true)
[ -z "$act" ] || echo "e2e: extension log: ${act%;}"
echo "e2e: total $(since "$T_ALL") s; screenshots in artifacts/"
[ $failed = 0 ] || { echo "e2e: some tests FAILED" >&2; exit 1; }
echo "e2e: all tests passed"
