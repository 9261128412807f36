#!/usr/bin/env bash
# The product as installed on a machine that never saw this repository: the packaged .vsix installed into a fresh
# code-server profile under an EMPTY home (no FLINK_SQL_STUDIO_CACHE, FLINK_SQL_RUNNER_JAR, FLINK_HOME, XDG_CACHE_HOME;
# PATH without the repository's folders), a folder holding two drafts, and the journey in the browser
# (test/e2e-installed/journey.e2e.ts): Start Local Cluster -> consent -> progress -> running -> Validate -> Execute ->
# Publish (session) -> Stop with Savepoint -> Publish (per-job) -> stop. Only code-server itself (the editor, not the
# product) comes from the repository's .cache; Java and Maven come from the machine (Maven keeps its own ~/.m2).
# Afterwards: Flink landed in <home>/.cache/flink-sql-studio/flink/2.3.0 and the repository's .cache/flink and
# .cache/connectors were not touched.
# Options: --package (re-package even when out/flink-sql-studio.vsix exists; scripts/e2e.sh packages it otherwise);
#          -- ARGS... are handed to mocha (e.g. -- --grep Stop --invert).
# Env: E2E_KEEP=1 keeps the run dir (kept anyway on failure).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source scripts/e2e-lib.sh
PACKAGE=0 MOCHA_ARGS=()
while [ $# -gt 0 ]; do
  case $1 in
    --package) PACKAGE=1 ;;
    --) shift; MOCHA_ARGS=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
T_ALL=$(now)
CS_ENTRY=$ROOT/.cache/code-server/node_modules/code-server/out/node/entry.js
VSIX=$ROOT/out/flink-sql-studio.vsix
ARTIFACTS=$ROOT/artifacts
bash scripts/install-e2e.sh   # idempotent: about a second when everything is there
mkdir -p "$ARTIFACTS"

# Outside the repository, so no path of the product's run is below it.
RUN=$(mktemp -d "${TMPDIR:-/tmp}/flink-sql-installed-XXXX")
FRESH=$RUN/home
WS=$FRESH/projects/flink-jobs
INSTALL_ROOT=$FRESH/.cache/flink-sql-studio
mkdir -p "$FRESH" "$WS"
touch "$RUN/started"   # the reference time for "the repository's .cache was not touched"
CS_PGID= MOCHA_PGID=

# What a user's shell would have: the machine's tools, none of the repository's (npm run puts node_modules/.bin first).
USER_PATH=$(tr ':' '\n' <<< "$PATH" | grep -v -e "^$ROOT\(/\|$\)" -e '^\.\?$' | paste -sd: -)
# as_user CMD...: runs CMD the way the installed product runs, with the fresh home and none of our variables.
as_user() {
  env -u FLINK_SQL_STUDIO_CACHE -u FLINK_SQL_RUNNER_JAR -u FLINK_HOME -u FLINK_SQL_STUDIO_FLINK_HOME -u XDG_CACHE_HOME \
    -u FLINK_SQL_EXTHOST_RESULTS -u E2E_RUN_DIR -u E2E_ARTIFACTS -u CS_URL -u NODE_OPTIONS \
    HOME="$FRESH" XDG_CONFIG_HOME="$FRESH/.config" XDG_DATA_HOME="$FRESH/.local/share" PATH="$USER_PATH" "$@"
}

# PIDs of live processes (other than code-server's group) whose command line names the run dir: the local cluster's
# and per-job clusters' JVMs (their classpath is in the fresh home), per-job watchers, Maven during an install.
run_processes() {
  local p pid pgid
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    [ "$pid" != $$ ] || continue
    tr '\0' ' ' < "$p/cmdline" 2>/dev/null | grep -qF "$RUN" || continue
    pgid=$(awk '{print $5}' "$p/stat" 2>/dev/null) || continue
    [ -n "$CS_PGID" ] && [ "$pgid" = "$CS_PGID" ] && continue
    echo "$pid"
  done
}

cleanup() {
  local rc=$?
  trap - EXIT
  trap '' INT TERM   # a second signal must not cut the cleanup short (the local Flink would outlive the run)
  [ -z "$MOCHA_PGID" ] || kill -TERM -- "-$MOCHA_PGID" 2>/dev/null || true   # interrupted mid-journey
  # The editor first, so the product starts nothing more (a publish in flight would start a per-job cluster).
  if [ -n "$CS_PGID" ]; then
    # code-server's extension hosts and language servers outlive it: end the whole process group.
    kill -TERM -- "-$CS_PGID" 2>/dev/null || true
    for _ in $(seq 1 10); do kill -0 -- "-$CS_PGID" 2>/dev/null || break; sleep 0.3; done
    kill -KILL -- "-$CS_PGID" 2>/dev/null || true
  fi
  # Then deployments (a failed test may leave one running; a stopped one just errors), then the local cluster,
  # with the same fresh home as the product so they find what it started; the repository's CLI is only the tool.
  if [ -d "$WS/.flink" ]; then
    for d in orders orders_perjob; do
      as_user timeout 60 node "$ROOT/out/cli.js" stop "$d" --dir "$WS" > /dev/null 2>&1 || true
    done
    as_user timeout 90 node "$ROOT/out/cli.js" local stop --dir "$WS" > /dev/null 2>&1 || true
  fi
  # Whatever of the run still lives (per-job JVMs, watchers, Maven), by PID.
  local left; left=$(CS_PGID= run_processes | tr '\n' ' ')
  if [ -n "$left" ]; then
    echo "e2e-installed: cleanup: ending leftover processes $left" >&2
    kill -TERM $left 2>/dev/null || true; sleep 2; kill -KILL $left 2>/dev/null || true
  fi
  if [ $rc -ne 0 ]; then
    echo "e2e-installed: FAILED (exit $rc); run dir kept: $RUN (code-server log: $RUN/code-server.log;" \
      "extension logs: $FRESH/.local/share/code-server/logs/*/exthost*/flink-sql-studio.flink-sql-studio/)" >&2
  elif [ "${E2E_KEEP:-}" = 1 ]; then echo "e2e-installed: run dir kept: $RUN"
  else rm -rf "$RUN"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1) The .vsix that scripts/e2e.sh built (packaged here when missing).
if [ $PACKAGE = 1 ] || [ ! -f "$VSIX" ]; then
  T=$(now)
  npm run -s package > "$RUN/package.log" 2>&1 || { cat "$RUN/package.log"; exit 1; }
  echo "e2e-installed: packaged in $(since "$T") s"
fi
echo "e2e-installed: $(basename "$VSIX") $(( $(stat -c %s "$VSIX") / 1024 )) KB, built $(date -r "$VSIX" '+%F %T'); fresh home $FRESH"

# Snapshot of the repository's caches this run must not touch.
repo_cache_state() {
  local d
  for d in "$ROOT/.cache/flink" "$ROOT/.cache/connectors"; do
    if [ -e "$d" ]; then echo "$d: exists, mtime $(stat -c %Y "$d")"; else echo "$d: absent"; fi
  done
}
CACHE_BEFORE=$(repo_cache_state)

# 2) The user's folder: the README's sample as a session deployment, and a copy as a per-job one.
cp examples/datagen-to-blackhole.flink.sql "$WS/orders.flink.sql"
cp examples/datagen-to-blackhole.flink.sql "$WS/orders_perjob.flink.sql"
cat > "$WS/orders.deployment.yaml" <<'YAML'
name: orders
type: SQL
target: session
parallelism: 1
checkpointing: { interval: 5 s }
YAML
cat > "$WS/orders_perjob.deployment.yaml" <<'YAML'
name: orders_perjob
type: SQL
target: per-job
parallelism: 1
checkpointing: { interval: 5 s }
YAML

# 3) A fresh profile with the .vsix installed, code-server in its own process group (setsid), started from the home.
UD=$FRESH/.local/share/code-server EXT=$FRESH/.local/share/code-server/extensions
profile_settings "$UD"
T=$(now)
(cd "$FRESH" && as_user node "$CS_ENTRY" --user-data-dir "$UD" --extensions-dir "$EXT" --install-extension "$VSIX") > "$RUN/install.log" 2>&1 \
  || { cat "$RUN/install.log"; exit 1; }
INSTALLED=$(ls -d "$EXT"/flink-sql-studio.flink-sql-studio-*/ | head -1)
echo "e2e-installed: installed the .vsix into a fresh profile in $(since "$T") s: ${INSTALLED%/}"
port=$(free_port)
T=$(now)
(cd "$FRESH" && exec setsid env -u FLINK_SQL_STUDIO_CACHE -u FLINK_SQL_RUNNER_JAR -u FLINK_HOME -u FLINK_SQL_STUDIO_FLINK_HOME -u XDG_CACHE_HOME \
  -u FLINK_SQL_EXTHOST_RESULTS -u E2E_RUN_DIR -u E2E_ARTIFACTS -u CS_URL -u NODE_OPTIONS \
  HOME="$FRESH" XDG_CONFIG_HOME="$FRESH/.config" XDG_DATA_HOME="$FRESH/.local/share" PATH="$USER_PATH" \
  node "$CS_ENTRY" --bind-addr "127.0.0.1:$port" --auth none --user-data-dir "$UD" --extensions-dir "$EXT" \
    --disable-telemetry --disable-update-check --disable-getting-started-override --disable-workspace-trust) > "$RUN/code-server.log" 2>&1 &
CS_PGID=$!   # setsid in an exec'd subshell: its PID is the new group's id
wait_code_server "$port" "$RUN/code-server.log" || exit 1
echo "e2e-installed: code-server $(node "$CS_ENTRY" --version 2>/dev/null | tail -1 | cut -d' ' -f1) up on port $port in $(since "$T") s"

# 4) The journey in the browser. The test driver runs from the repository (it is not the product).
export CS_URL=http://127.0.0.1:$port E2E_RUN_DIR=$RUN E2E_ARTIFACTS=$ARTIFACTS E2E_INSTALLED_HOME=$FRESH E2E_INSTALLED_WS=$WS
failed=0
T=$(now)
# In the background, so an INT or TERM to this script runs the cleanup at once (bash defers traps until a
# foreground command returns, and `timeout` keeps its command in a process group of its own).
timeout 1500 npx mocha --no-config --require tsx/cjs --extension ts --timeout 300000 --reporter spec "${MOCHA_ARGS[@]}" 'test/e2e-installed/*.e2e.ts' &
MOCHA_PGID=$!
wait $MOCHA_PGID || failed=1
MOCHA_PGID=
echo "e2e-installed: journey took $(since "$T") s"

# 5) What the run left: Flink in the fresh home's per-user directory, nothing in the repository's caches.
if [ -f "$INSTALL_ROOT/flink/2.3.0/installed.json" ]; then
  echo "e2e-installed: Flink 2.3.0 installed in $INSTALL_ROOT/flink/2.3.0 ($(du -sm "$INSTALL_ROOT/flink/2.3.0" | cut -f1) MB)"
else
  echo "e2e-installed: FAIL: no $INSTALL_ROOT/flink/2.3.0/installed.json" >&2; failed=1
fi
CACHE_AFTER=$(repo_cache_state)
touched=$(find "$ROOT/.cache/flink" "$ROOT/.cache/connectors" -newer "$RUN/started" 2>/dev/null | head -5 || true)
if [ "$CACHE_BEFORE" != "$CACHE_AFTER" ] || [ -n "$touched" ]; then
  echo "e2e-installed: FAIL: the run touched the repository's .cache:" >&2
  diff <(echo "$CACHE_BEFORE") <(echo "$CACHE_AFTER") >&2 || true
  [ -z "$touched" ] || echo "$touched" >&2
  failed=1
else
  echo "e2e-installed: the repository's .cache/flink and .cache/connectors untouched ($(echo "$CACHE_AFTER" | sed "s|$ROOT/||g" | paste -sd';' -))"
fi

# No file the product wrote (configs, logs, records, install markers) names a path of the repository; only
# code-server's own files may (it runs from the repository's .cache, and is the editor, not the product).
leaks=$(grep -rIoh --exclude='*.jar' "$ROOT/[^\"' :,)]*" "$FRESH" 2>/dev/null | grep -v "^$ROOT/.cache/code-server" | sort -u | head -5 || true)
if [ -n "$leaks" ]; then
  echo "e2e-installed: FAIL: files of the run name the repository:" >&2
  echo "$leaks" >&2
  grep -rIl --exclude='*.jar' -F "$(echo "$leaks" | head -1)" "$FRESH" 2>/dev/null | head -5 | sed 's/^/  in /' >&2 || true
  failed=1
else
  echo "e2e-installed: no file of the run names the repository (code-server's own aside)"
fi

echo "e2e-installed: total $(since "$T_ALL") s; screenshots artifacts/installed-*.png"
[ $failed = 0 ] || { echo "e2e-installed: FAILED" >&2; exit 1; }
echo "e2e-installed: passed"
