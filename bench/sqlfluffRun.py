# Benchmark helper (not a test, not a dependency): parses each {"id","sql"} line of a JSONL file with sqlfluff's
# `flink` dialect and prints one JSON summary: how many it parses without unparsable sections, and the time.
# Run by bench/formatBench.ts with bench/.venv/bin/python (python3 -m venv bench/.venv && bench/.venv/bin/pip install sqlfluff).
import json
import sys
import time

import sqlfluff
from sqlfluff.core import FluffConfig, Linter

config = FluffConfig(overrides={"dialect": "flink"})
linter = Linter(config=config)
cases = [json.loads(l) for l in open(sys.argv[1], encoding="utf8") if l.strip()]
parsed = 0
failed = []
start = time.perf_counter()
for c in cases:
    try:
        result = linter.parse_string(c["sql"])
        tree = result.tree
        ok = tree is not None and not result.violations and "unparsable" not in [s.type for s in tree.recursive_crawl("unparsable")]
    except Exception:  # noqa: BLE001 - a crash counts as not parsed
        ok = False
    if ok:
        parsed += 1
    else:
        failed.append(c["id"])
elapsed = time.perf_counter() - start
print(json.dumps({"version": sqlfluff.__version__, "statements": len(cases), "parsed": parsed, "seconds": elapsed, "failedSample": failed[:10]}))
