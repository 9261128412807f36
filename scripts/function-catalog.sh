#!/usr/bin/env bash
# Regenerates server/src/service/functions/flink-<line>.json: the built-in SQL functions of each Flink line,
# read from its flink-table-common and flink-table-planner jars by tools/function-catalog (one Maven profile
# per line). Development time only: the server reads the JSON, it never runs Java. Idempotent: same pinned
# jars -> byte-identical files.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$root/tools/function-catalog"
source "$root/tools/common/generator.sh"

gen_init function-catalog
for line in 2.3 1.20; do
  # The default profile builds 2.3 into target/, -P flink-1.20 builds 1.20 into target-1.20/.
  if [ "$line" = 2.3 ]; then profile=(); build="$tool/target"; else profile=(-P "flink-$line"); build="$tool/target-$line"; fi
  gen_build -pl function-catalog -am "${profile[@]}"
  gen_run "$root/server/src/service/functions/flink-$line.json" \
    -jar "$build/function-catalog.jar" --flink "$line"
done
