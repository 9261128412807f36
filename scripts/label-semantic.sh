#!/usr/bin/env bash
# Regenerates test/fixtures/semantic/planner-labels-<line>.jsonl: the verdict of Flink's real planner on every draft
# of the semantic corpus (tools/planner-oracle: a streaming TableEnvironment per draft runs its DDL and EXPLAINs its
# queries and INSERTs; no job runs), for each pinned Flink line. Idempotent: same drafts + same pinned jars ->
# byte-identical files; a failed run leaves the committed files as they were.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$root/tools/planner-oracle"
corpus="$root/test/fixtures/semantic"
source "$root/tools/common/generator.sh"

gen_init label-semantic
for line in 2.3 1.20; do
  # The default profile builds 2.3 into target/, -P flink-1.20 builds 1.20 into target-1.20/.
  if [ "$line" = 2.3 ]; then profile=(); build="$tool/target"; else profile=(-P "flink-$line"); build="$tool/target-$line"; fi
  gen_build -pl planner-oracle -am "${profile[@]}"
  out="$corpus/planner-labels-$line.jsonl"
  tmp="$corpus/.planner-labels-$line.jsonl.tmp"
  rm -f "$tmp"
  if ! java -jar "$build/planner-oracle.jar" --flink "$line" --out "$tmp" "$corpus/drafts.jsonl"; then
    rm -f "$tmp"; gen_fail "planner-oracle failed for Flink $line"
  fi
  [ "$(wc -l <"$tmp")" -eq "$(grep -c . "$corpus/drafts.jsonl")" ] || { rm -f "$tmp"; gen_fail "one verdict per draft expected"; }
  if cmp -s "$tmp" "$out"; then rm -f "$tmp"; echo "label-semantic: $(basename "$out") unchanged" >&2
  else mv -f "$tmp" "$out"; echo "label-semantic: $(basename "$out") rewritten" >&2; fi
done
