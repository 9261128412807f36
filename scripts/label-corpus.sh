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

# One build per pinned Flink version: target/ for 2.3 (the default), target-1.20/ for the 1.20 LTS line.
build_log="$(mktemp)"
if ! { (cd "$oracle" && mvn -q -B package) && (cd "$oracle" && mvn -q -B -P flink-1.20 package); } >"$build_log" 2>&1; then
  cat "$build_log" >&2; rm -f "$build_log"; exit 1
fi
rm -f "$build_log"

tmp="$(mktemp "$corpus/.oracle-labels.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
jar="$oracle/target/parser-oracle.jar"
# Docs statements are what users type, so only the planner configuration matters for them; the
# parser-test cases also get the test fixture's verdict when it differs, to explain disagreements.
java -jar "$jar" "$corpus/flink-docs.jsonl" "$corpus/flink-planner-tests.jsonl" >"$tmp"
java -jar "$jar" --compare-tests-profile "$corpus/flink-parser-tests.jsonl" >>"$tmp"
chmod 644 "$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "label-corpus: wrote $(wc -l <"$out") verdicts to ${out#"$root/"}"

# The fuzz mutants (test/unit/fuzz/oracle-mutants.jsonl) keep their statements; only Flink's verdicts are renewed.
relabel() {
  local file="$1" verdicts
  verdicts="$(mktemp)"
  java -jar "$jar" "$file" >"$verdicts"
  node -e '
    const fs = require("fs");
    const [file, verdicts] = process.argv.slice(1);
    const v = new Map(fs.readFileSync(verdicts, "utf8").trim().split("\n").map((l) => { const o = JSON.parse(l); return [o.id, o]; }));
    const out = fs.readFileSync(file, "utf8").trim().split("\n").map((l) => {
      const c = JSON.parse(l); const o = v.get(c.id);
      const row = { id: c.id, sql: c.sql, valid: o.valid };
      if (!o.valid) { row.errorLine = o.errorLine; row.errorColumn = o.errorColumn; }
      if (o.stage !== "parser") row.stage = o.stage;
      return JSON.stringify(row);
    });
    fs.writeFileSync(file, out.join("\n") + "\n");
  ' "$file" "$verdicts"
  rm -f "$verdicts"
  echo "label-corpus: relabelled ${file#"$root/"}"
}
relabel "$root/test/unit/fuzz/oracle-mutants.jsonl"

# The real-world set (test/fixtures/realworld, harvested from Flink's own SQL client/gateway scripts).
realworld="$root/test/fixtures/realworld"
java -jar "$jar" "$realworld/statements.jsonl" >"$realworld/oracle-labels.jsonl"
echo "label-corpus: wrote $(wc -l <"$realworld/oracle-labels.jsonl") verdicts to test/fixtures/realworld/oracle-labels.jsonl"

# Flink 1.20's verdicts on the same statements (the parser's 1.20 mode is measured against them).
jar120="$oracle/target-1.20/parser-oracle.jar"
java -jar "$jar120" "$corpus/flink-docs.jsonl" "$corpus/flink-planner-tests.jsonl" "$corpus/flink-parser-tests.jsonl" >"$corpus/oracle-labels-1.20.jsonl"
java -jar "$jar120" "$realworld/statements.jsonl" >"$realworld/oracle-labels-1.20.jsonl"
echo "label-corpus: wrote Flink 1.20 verdicts to test/fixtures/corpus/oracle-labels-1.20.jsonl and test/fixtures/realworld/oracle-labels-1.20.jsonl"
