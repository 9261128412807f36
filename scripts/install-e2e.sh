#!/usr/bin/env bash
# Installs what the end-to-end tests need: Debian chromium/ripgrep/build tools (only when missing) and
# code-server (a real VS Code, pinned) under .cache/code-server/. Idempotent: a second run does nothing.
#
# code-server's own postinstall refuses root and downloads ripgrep, so it is skipped and its steps are
# replayed here with Debian's ripgrep and the Node headers of the nodejs deb (npm_config_nodedir).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CS_VERSION=${CS_VERSION:-4.100.3}
DEST=$ROOT/.cache/code-server
T0=$(date +%s)
did=()

# 1) Debian packages, only the missing ones.
APT_PKGS=(chromium ripgrep libkrb5-dev pkg-config build-essential python3)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "[install-e2e] apt-get install ${missing[*]}"
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  did+=("apt: ${missing[*]}")
fi

# 2) code-server, pinned. The marker is written last, so an interrupted install is redone.
MARKER=$DEST/.installed-$CS_VERSION
if [ ! -f "$MARKER" ]; then
  echo "[install-e2e] installing code-server $CS_VERSION into $DEST"
  rm -rf "$DEST" && mkdir -p "$DEST" && cd "$DEST"
  echo '{"name":"code-server-e2e","private":true}' > package.json
  export npm_config_yes=true                       # node-pty's install runs `npx node-gyp` without a TTY
  export npm_config_nodedir=${NODE_HEADERS_DIR:-/usr}  # headers from the nodejs deb; node-gyp must not download
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION"
  npm rebuild --loglevel=error argon2
  cd node_modules/code-server/lib/vscode
  npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
  # @vscode/ripgrep's postinstall downloads a binary; it is skipped when bin/ exists.
  mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  npm rebuild --loglevel=error                     # node-pty, @vscode/spdlog, kerberos, native-watchdog, ...
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
  (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
  (cd extensions && npm install --omit=dev --no-audit --no-fund --loglevel=error)
  node -e 'require("@vscode/spdlog");require("node-pty");require("@parcel/watcher")'
  cd "$ROOT"
  touch "$MARKER"
  did+=("code-server $CS_VERSION")
fi

# Its own config dir, so asking the version writes nothing into ~/.config.
version=$(XDG_CONFIG_HOME=$DEST/.xdg "$DEST/node_modules/.bin/code-server" --version 2>/dev/null | tail -1)
if ((${#did[@]})); then what="installed: ${did[*]}"; else what="nothing to do (already installed)"; fi
echo "[install-e2e] $what; code-server $version; chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'); took $(( $(date +%s) - T0 )) s"
