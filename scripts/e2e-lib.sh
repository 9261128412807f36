# Shared by the end-to-end scripts (e2e.sh, e2e-installed.sh): a fresh code-server profile's settings, a free
# port, and waiting for code-server to answer. Source it; it defines functions only.

# profile_settings USER_DATA_DIR: no welcome page, walkthrough or tips over the editor the tests drive.
profile_settings() {
  mkdir -p "$1/User"
  cat > "$1/User/settings.json" <<'JSON'
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
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# wait_code_server PORT LOG: up to 30 s for /healthz; prints the log and fails when it never answers.
wait_code_server() {
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$1/healthz" && return 0; sleep 0.1; done
  echo "code-server did not come up"; cat "$2"; return 1
}
