#!/usr/bin/env bash
# Regenerates server/src/connectors/catalogs/flink-<line>.json: the connector catalog of each Flink line,
# read from the connector and format jars by tools/connector-catalog (one Maven module per line) and
# merged with the entries transcribed from docs (tools/connector-catalog/docs). Development time only:
# the server reads the JSON, it never runs Java. Idempotent: same pinned jars -> byte-identical files.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$root/tools/connector-catalog"
out_dir="$root/server/src/connectors/catalogs"

command -v java >/dev/null || { echo "connector-catalog: java (17+) is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "connector-catalog: maven is required" >&2; exit 1; }
mkdir -p "$out_dir"

for line in 2.3 1.20; do
  module="$tool/flink-$line"
  build_log="$(mktemp)"
  if ! (cd "$module" && mvn -q -B package) >"$build_log" 2>&1; then
    cat "$build_log" >&2; rm -f "$build_log"; exit 1
  fi
  rm -f "$build_log"
  java -jar "$module/target/connector-catalog.jar" --flink "$line" --docs "$tool/docs" \
    --out "$out_dir/flink-$line.json"
done
