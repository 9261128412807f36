#!/usr/bin/env bash
# Regenerates server/src/service/functions/flink-<line>.json: the built-in SQL functions of each Flink line,
# read from its flink-table-common and flink-table-planner jars by tools/function-catalog (one Maven profile
# per line). Development time only: the server reads the JSON, it never runs Java. Idempotent: same pinned
# jars -> byte-identical files.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$root/tools/function-catalog"
out_dir="$root/server/src/service/functions"

command -v java >/dev/null || { echo "function-catalog: java (17+) is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "function-catalog: maven is required" >&2; exit 1; }
mkdir -p "$out_dir"

for line in 2.3 1.20; do
  if [ "$line" = 2.3 ]; then profile=(); build="$tool/target"; else profile=(-P "flink-$line"); build="$tool/target-$line"; fi
  build_log="$(mktemp)"
  if ! (cd "$tool" && mvn -q -B "${profile[@]}" package) >"$build_log" 2>&1; then
    cat "$build_log" >&2; rm -f "$build_log"; exit 1
  fi
  rm -f "$build_log"
  java -jar "$build/function-catalog.jar" --flink "$line" --out "$out_dir/flink-$line.json"
done
