#!/usr/bin/env bash
# Regenerates test/fixtures/corpus/oracle-labels.jsonl: the verdict of Flink's real SQL parser
# (tools/parser-oracle, pinned flink-sql-parser) on every statement of the conformance corpus.
# Idempotent: same corpus + same pinned Flink -> byte-identical output.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
oracle="$root/tools/parser-oracle"
corpus="$root/test/fixtures/corpus"
out="$corpus/oracle-labels.jsonl"

command -v java >/dev/null || { echo "label-corpus: java (17+) is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "label-corpus: maven is required" >&2; exit 1; }

build_log="$(mktemp)"
if ! (cd "$oracle" && mvn -q -B package) >"$build_log" 2>&1; then
  cat "$build_log" >&2; rm -f "$build_log"; exit 1
fi
rm -f "$build_log"

tmp="$(mktemp "$corpus/.oracle-labels.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
jar="$oracle/target/parser-oracle.jar"
# Docs statements are what users type, so only the planner configuration matters for them; the
# parser-test cases also get the test fixture's verdict when it differs, to explain disagreements.
java -jar "$jar" "$corpus/flink-docs.jsonl" >"$tmp"
java -jar "$jar" --compare-tests-profile "$corpus/flink-parser-tests.jsonl" >>"$tmp"
chmod 644 "$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "label-corpus: wrote $(wc -l <"$out") verdicts to ${out#"$root/"}"
