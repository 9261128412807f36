# Shared steps of the scripts that regenerate committed JSON with a Java generator of the tools/pom.xml reactor
# (scripts/connector-catalog.sh, scripts/function-catalog.sh, scripts/label-semantic.sh). Source it, then:
#   gen_init <name>                       java 17+ and maven present (<name> prefixes every message)
#   gen_build <maven args...>             mvn -q -B -f tools/pom.xml <args> package; its log only when it fails
#   gen_run <out.json> <java args...>     java <args> --out <tmp>; the file must be written, non-empty and JSON,
#                                         then it replaces <out.json> (a failed run leaves the committed file as it was)

gen_tools="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

gen_fail() { echo "$gen_name: $*" >&2; exit 1; }

gen_init() {
  gen_name="$1"
  command -v java >/dev/null || gen_fail "java (17+) is required"
  command -v mvn >/dev/null || gen_fail "maven is required"
  local version
  version="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
  [ "${version%%.*}" -ge 17 ] 2>/dev/null || gen_fail "java 17+ is required (java on PATH is ${version:-unknown})"
}

gen_build() {
  local log
  log="$(mktemp)"
  if ! mvn -q -B -f "$gen_tools/pom.xml" "$@" package >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; gen_fail "build failed: mvn $*"
  fi
  rm -f "$log"
}

gen_run() {
  local out="$1"; shift
  local tmp
  tmp="$(dirname "$out")/.$(basename "$out").tmp"
  mkdir -p "$(dirname "$out")"
  rm -f "$tmp"
  if ! java "$@" --out "$tmp"; then
    rm -f "$tmp"; gen_fail "java $* failed"
  fi
  [ -s "$tmp" ] || { rm -f "$tmp"; gen_fail "wrote no $out"; }
  if command -v node >/dev/null && ! node -e '
    try { JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); } catch (e) { console.error(e.message); process.exit(1); }' "$tmp"; then
    rm -f "$tmp"; gen_fail "$out would not be valid JSON"
  fi
  if cmp -s "$tmp" "$out"; then
    rm -f "$tmp"; echo "$gen_name: $(basename "$out") unchanged" >&2
  else
    mv -f "$tmp" "$out"; echo "$gen_name: $(basename "$out") rewritten" >&2
  fi
}
