#!/usr/bin/env bash
# Formats every Flink-valid statement of the conformance corpus and of the grammar tour, runs Flink's real SQL
# parser (tools/parser-oracle) on them as written and formatted, and writes the verdicts with the hash of the
# formatted text to test/fixtures/format/oracle-labels.jsonl (test/unit/format/oracle.test.ts checks them).
# Rerun after any change to the formatter's output.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
oracle="$root/tools/parser-oracle"
command -v java >/dev/null || { echo "format-oracle: java (17+) is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "format-oracle: maven is required" >&2; exit 1; }

build_log="$(mktemp)"
if ! (cd "$oracle" && mvn -q -B package) >"$build_log" 2>&1; then
  cat "$build_log" >&2; rm -f "$build_log"; exit 1
fi
rm -f "$build_log"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$root"
npx tsx scripts/format-oracle.ts emit "$tmp/statements.jsonl"
java -jar "$oracle/target/parser-oracle.jar" "$tmp/statements.jsonl" >"$tmp/verdicts.jsonl"
npx tsx scripts/format-oracle.ts label "$tmp/verdicts.jsonl"
