#!/usr/bin/env bash
# Regenerates server/src/connectors/catalogs/flink-<line>.json: the connector catalog of each Flink line,
# read from the connector and format jars by tools/connector-catalog (one Maven module per line) and
# merged with the entries transcribed from docs (tools/connector-catalog/docs). Development time only:
# the server reads the JSON, it never runs Java. Idempotent: same pinned jars -> byte-identical files.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$root/tools/connector-catalog"
source "$root/tools/common/generator.sh"

gen_init connector-catalog
gen_build -pl connector-catalog/flink-2.3,connector-catalog/flink-1.20 -am
for line in 2.3 1.20; do
  gen_run "$root/server/src/connectors/catalogs/flink-$line.json" \
    -jar "$tool/flink-$line/target/connector-catalog.jar" --flink "$line" --docs "$tool/docs"
done
