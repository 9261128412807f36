// `flink-sql test`: runs the test files beside drafts (`<name>.test.yaml`) on a local Flink of each draft's version
// (started for the run and stopped after when none runs) and reports per case: text, JSON Lines or JUnit XML.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FLINK_VERSIONS, isFlinkVersion } from '../../connectors/connectorCatalog';
import { GatewayError } from '../../flink/flinkErrors';
import type { GatewayTarget } from '../../flink/gatewayClient';
import { localClusterFor, LocalClusterStartError } from '../../flink/localCluster';
import type { FlinkVersion } from '../../parser';
import { readTestFile, type FileProblem, type TestFile } from '../../preview/testFile';
import { runTestFile, type CaseResult, type TestFileResult } from '../../preview/testRunner';
import { parseCommandArgs, UsageError, type CliCommand, type CliIo } from '../command';
import { resolveGatewayTarget } from '../gatewayTarget';
import { draftFlinkVersion } from './lint';

export const testCommand: CliCommand = {
  name: 'test',
  summary: 'Run the test files of drafts (<name>.test.yaml) on a local Flink and report per case',
  usage: `Usage: flink-sql test [files…] [--reporter text|json|junit] [--output FILE] [--case NAME]
                       [--gateway URL] [--flink-version 2.3|1.20] [--keep-cluster]

Runs each test file's cases: the draft runs with its sinks captured (nothing is written anywhere) and its
sources fed from the case's rows or fixture files, in streaming mode with bounded sources (a final
watermark at the end, so event-time windows fire); each expected sink is compared with what it received:
as the final table (order-insensitive unless ordered: true) or as the exact changelog.
Without files: every *.test.yaml under the current directory.

A test file (beside its draft, e.g. orders.test.yaml for orders.flink.sql):
  draft: orders.flink.sql
  timeout: 60s                       # per case (default 60s)
  cases:
    - name: one order per window
      set: { table.local-time-zone: UTC }        # optional SET overrides
      sources:
        orders:
          rows:
            - { id: 1, amount: 2.5, ts: "2024-01-01 00:00:01" }
        customers: { file: fixtures/customers.csv }   # or a fixture (.csv, .jsonl)
      expect:
        totals:                          # a sink the draft writes
          rows:                          # the final table
            - { window_start: "2024-01-01 00:00:00", total: 2.5 }
        alerts:
          changelog:                     # the exact changelog
            - { op: +I, id: 1 }

The cluster: --gateway (or FLINK_SQL_GATEWAY), else the local cluster of the draft's Flink version in the
current directory; when none runs, one is started for the run and stopped after (--keep-cluster keeps it).

Options:
  --reporter text    Verdicts with a diff per failing sink (- expected, + received). Default.
  --reporter json    JSON Lines, one object per case: { "file", "draft", "case", "line", "status":
                     "passed"|"failed"|"error", "elapsedMs", "timedOut", "sinks": [{ "sink", "ok", "line",
                     "draftLine"?, "diff": [lines], "problem"? }], "error"?: { "file", "line", "message" } }
  --reporter junit   JUnit XML (one testsuite per file, one testcase per case)
  --output FILE      Write the report to FILE instead of standard output
  --case NAME        Run only the cases of this name (repeatable)
  -h, --help         Show this help

Exit status: 0 every case passed, 1 a case failed or errored, 2 bad usage, an unreadable test file or no
cluster, 3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      reporter: { type: 'string', default: 'text' },
      output: { type: 'string' },
      gateway: { type: 'string' },
      'flink-version': { type: 'string' },
      case: { type: 'string', multiple: true },
      'keep-cluster': { type: 'boolean', default: false },
    });
    const reporter = values.reporter;
    if (reporter !== 'text' && reporter !== 'json' && reporter !== 'junit') throw new UsageError(`unknown --reporter '${reporter}' (expected text, json or junit)`);
    const flag = values['flink-version'];
    if (flag !== undefined && !isFlinkVersion(flag)) throw new UsageError(`unknown --flink-version '${flag}' (expected ${FLINK_VERSIONS.join(' or ')})`);
    const files = positionals.length ? positionals : findTestFiles(process.cwd());
    if (!files.length) {
      io.stderr('flink-sql test: no test files (*.test.yaml) here; name them or see --help\n');
      return 2;
    }
    const tests: TestFile[] = [];
    const problems: FileProblem[] = [];
    for (const f of files) {
      const r = readTestFile(path.resolve(f));
      if (r.test) tests.push(r.test);
      problems.push(...r.problems);
    }
    if (problems.length) {
      for (const p of problems) io.stderr(`${p.file}:${p.line}: error: ${p.message}\n`);
      return 2;
    }
    const out: string[] = [];
    const write = (s: string) => (values.output ? out.push(s) : io.stdout(s));
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    const started: { stop(): Promise<unknown> }[] = [];
    const results: TestFileResult[] = [];
    try {
      for (const test of tests) {
        const version = draftFlinkVersion(test.draft, flag as FlinkVersion | undefined);
        const target = await targetFor(values.gateway, version, io, started, values['keep-cluster']);
        if ('error' in target) {
          io.stderr(`flink-sql test: ${target.error}\n`);
          return 2;
        }
        if (reporter === 'text') write(`${path.relative(process.cwd(), test.file) || test.file}\n`);
        const result = await runTestFile(test, target, {
          signal: abort.signal, flinkVersion: version, only: values.case as string[] | undefined,
          onCase: (c) => { if (reporter === 'text') write(textCase(c)); else if (reporter === 'json') write(jsonCase(test, c)); },
        });
        results.push(result);
      }
    } catch (e) {
      if (!(e instanceof GatewayError) && !(e instanceof LocalClusterStartError)) throw e;
      io.stderr(`flink-sql test: ${e.message}\n`);
      return e instanceof GatewayError && e.kind === 'cancelled' ? 130 : 1;
    } finally {
      process.removeListener('SIGINT', onSigint);
      for (const c of started) await c.stop().catch(() => undefined);
    }
    const cases = results.flatMap((r) => r.cases);
    const failed = cases.filter((c) => c.status !== 'passed').length;
    if (reporter === 'junit') write(junit(results));
    if (reporter === 'text') write(`${cases.length - failed} passed, ${failed} failed (${cases.length} case${cases.length === 1 ? '' : 's'}, ${(cases.reduce((s, c) => s + c.elapsedMs, 0) / 1000).toFixed(1)} s)\n`);
    if (values.output) fs.writeFileSync(values.output, out.join(''));
    return failed ? 1 : 0;
  },
};

/** The gateway for a draft of `version`: explicit, a running local cluster, or one started now (stopped at the end). */
async function targetFor(flag: string | undefined, version: FlinkVersion, io: CliIo, started: { stop(): Promise<unknown> }[], keep: boolean): Promise<GatewayTarget | { error: string }> {
  const target = await resolveGatewayTarget(flag, process.cwd(), process.env, version);
  if (!('error' in target) || flag || process.env.FLINK_SQL_GATEWAY) return target;
  const cluster = localClusterFor(process.cwd(), version);
  io.stderr(`Starting a local Flink ${cluster.flinkVersion} for the tests…\n`);
  const info = await cluster.start({ onProgress: (m) => io.stderr(`${m}\n`) });
  if (!keep && !info.reused) started.push(cluster);
  return { gatewayUrl: info.gatewayUrl, restUrl: info.restUrl };
}

function findTestFiles(dir: string, depth = 0): string[] {
  if (depth > 8) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...findTestFiles(p, depth + 1));
    else if (e.isFile() && e.name.endsWith('.test.yaml')) out.push(p);
  }
  return out.sort();
}

function textCase(c: CaseResult): string {
  const mark = c.status === 'passed' ? '✓' : '✗';
  let s = `  ${mark} ${c.name} (${c.elapsedMs} ms)${c.status === 'error' ? ' — error' : ''}\n`;
  if (c.error) s += `    ${c.error.file}:${c.error.line}: ${c.error.message.replace(/\n/g, '\n    ')}\n`;
  for (const v of c.sinks) {
    if (v.ok) continue;
    s += `    ${v.sink} (line ${v.line})${v.problem ? `: ${v.problem}` : ''}\n`;
    for (const l of v.diff) s += `      ${l}\n`;
  }
  return s;
}

function jsonCase(test: TestFile, c: CaseResult): string {
  return `${JSON.stringify({ file: test.file, draft: test.draft, case: c.name, line: c.line, status: c.status, elapsedMs: c.elapsedMs, timedOut: c.timedOut, sinks: c.sinks, ...(c.error && { error: c.error }) })}\n`;
}

function xml(s: string): string {
  // Characters XML 1.0 cannot hold at all are dropped; the rest escaped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function junit(results: readonly TestFileResult[]): string {
  const all = results.flatMap((r) => r.cases);
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  let s = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="flink-sql test" tests="${all.length}" failures="${all.filter((c) => c.status === 'failed').length}" errors="${all.filter((c) => c.status === 'error').length}" time="${secs(all.reduce((t, c) => t + c.elapsedMs, 0))}">\n`;
  for (const r of results) {
    const name = path.relative(process.cwd(), r.file) || r.file;
    const failures = r.cases.filter((c) => c.status === 'failed').length;
    const errors = r.cases.filter((c) => c.status === 'error').length;
    s += `  <testsuite name="${xml(name)}" tests="${r.cases.length}" failures="${failures}" errors="${errors}" time="${secs(r.cases.reduce((t, c) => t + c.elapsedMs, 0))}">\n`;
    for (const c of r.cases) {
      s += `    <testcase name="${xml(c.name)}" classname="${xml(name)}" file="${xml(r.file)}" line="${c.line}" time="${secs(c.elapsedMs)}"`;
      if (c.status === 'passed') { s += '/>\n'; continue; }
      s += '>\n';
      if (c.error) {
        s += `      <error message="${xml(c.error.message.split('\n')[0])}">${xml(`${c.error.file}:${c.error.line}: ${c.error.message}`)}</error>\n`;
      } else {
        const bad = c.sinks.filter((v) => !v.ok);
        const body = bad.map((v) => `${v.sink} (line ${v.line})${v.problem ? `: ${v.problem}` : ''}\n${v.diff.join('\n')}`).join('\n\n');
        s += `      <failure message="${xml(`sink${bad.length > 1 ? 's' : ''} ${bad.map((v) => v.sink).join(', ')} differ`)}">${xml(body)}</failure>\n`;
      }
      s += '    </testcase>\n';
    }
    s += '  </testsuite>\n';
  }
  return `${s}</testsuites>\n`;
}
