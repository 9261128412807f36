#!/usr/bin/env bash
# Regenerates server/src/deployment/flinkKeys/<version>.json: every ConfigOption key (and deprecated fallback key)
# of each Flink release the deployment config supports, listed by tools/flink-config-keys from that release's
# real jars (core, runtime, clients, streaming, table, rocksdb, sql-gateway, kubernetes).
# Usage: bash scripts/flink-config-keys.sh [list|check <dir> <version>]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TOOL="$ROOT/tools/flink-config-keys"
declare -A RELEASE=([2.3]=2.3.0 [1.20]=1.20.1)

build() { # $1 = release; the tool's classes are version-neutral, the dependency folder is per release
  local release="$1"
  if [ ! -f "$TOOL/target/flink-config-keys.jar" ] || [ ! -d "$TOOL/target/lib-$release" ]; then
    (cd "$TOOL" && mvn -q -B package -Dflink.version="$release" >&2)
  fi
}

classpath() { echo "$TOOL/target/flink-config-keys.jar:$TOOL/target/lib-$1/*"; }

case "${1:-list}" in
  list)
    for v in "${!RELEASE[@]}"; do
      release="${RELEASE[$v]}"
      build "$release"
      java -cp "$(classpath "$release")" dev.flinksql.configkeys.Main list 2>/dev/null \
        | node -e '
          const raw = JSON.parse(require("fs").readFileSync(0, "utf8"));
          const keep = (k) => k.includes(".") && !k.startsWith("$internal.") && !k.includes("<");
          const keys = raw.keys.filter(keep);
          const deprecated = Object.fromEntries(Object.entries(raw.deprecated).filter(([k]) => keep(k)));
          const out = { source: `ConfigOption fields of Flink ${raw.version} jars, listed by tools/flink-config-keys (scripts/flink-config-keys.sh)`, version: raw.version, keys, deprecated };
          process.stdout.write(JSON.stringify(out, null, 0).replace(/","/g, "\",\n\"") + "\n");
        ' > "$ROOT/server/src/deployment/flinkKeys/$v.json"
      echo "flinkKeys/$v.json: Flink $release" >&2
    done
    ;;
  check)
    release="${RELEASE[$3]}"
    build "$release"
    java -cp "$(classpath "$release")" dev.flinksql.configkeys.Main check "$2" 2>/dev/null
    ;;
  *) echo "usage: $0 [list|check <dir> <2.3|1.20>]" >&2; exit 2 ;;
esac
