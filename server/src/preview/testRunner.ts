// Runs a test file's cases: each case previews the draft with its sources mocked (bounded fixtures, so the
// job ends with a final watermark), in streaming mode plus the case's SET overrides, and compares every
// expected sink with what it received. One fresh gateway session per case; nothing reaches a real sink.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResultColumn } from '../flink/execute';
import type { GatewayTarget } from '../flink/gatewayClient';
import type { ChangelogRow } from '../flink/results';
import type { FlinkVersion } from '../parser';
import { compareSink } from './compare';
import { preview } from './preview';
import type { FileProblem, TestCase, TestFile } from './testFile';

export interface SinkVerdict {
  sink: string;
  ok: boolean;
  /** The expectation's line in the test file. */
  line: number;
  /** The 1-based draft line of the statement that writes the sink (absent when the draft writes none). */
  draftLine?: number;
  diff: string[];
  problem?: string;
}

export interface CaseResult {
  name: string;
  /** Its line in the test file. */
  line: number;
  status: 'passed' | 'failed' | 'error';
  elapsedMs: number;
  /** The case's time limit passed before every capture ended: verdicts are on what had arrived. */
  timedOut: boolean;
  sinks: SinkVerdict[];
  /** Why the case could not run to a verdict (Flink's error, a fixture Flink could not read), where it belongs. */
  error?: FileProblem;
}

export interface TestFileResult {
  file: string;
  draft: string;
  cases: CaseResult[];
}

export interface RunTestOptions {
  signal?: AbortSignal;
  flinkVersion?: FlinkVersion;
  /** Only the cases named here. */
  only?: string[];
  onCase?: (result: CaseResult) => void;
}

/** What a case captured per result. */
interface Captured {
  sink?: string;
  /** The draft line of the statement that writes it. */
  line: number;
  columns: ResultColumn[];
  changelog: ChangelogRow[];
  timedOut: boolean;
}

/** Rows a case keeps per sink: far more than a test file spells out, few enough to bound memory. */
const CASE_ROW_LIMIT = 100_000;

export async function runTestFile(test: TestFile, target: GatewayTarget, options: RunTestOptions = {}): Promise<TestFileResult> {
  let script: string;
  try {
    script = fs.readFileSync(test.draft, 'utf8');
  } catch (e) {
    const error = { file: test.file, line: 1, message: `cannot read the draft ${test.draft}: ${(e as Error).message}` };
    return { file: test.file, draft: test.draft, cases: test.cases.map((c) => ({ name: c.name, line: c.line, status: 'error', elapsedMs: 0, timedOut: false, sinks: [], error })) };
  }
  const cases: CaseResult[] = [];
  for (const c of test.cases) {
    if (options.only && !options.only.includes(c.name)) continue;
    const r = await runCase(test, c, script, target, options);
    cases.push(r);
    options.onCase?.(r);
  }
  return { file: test.file, draft: test.draft, cases };
}

export async function runCase(test: TestFile, c: TestCase, script: string, target: GatewayTarget, options: RunTestOptions = {}): Promise<CaseResult> {
  const started = performance.now();
  const captured = new Map<number, Captured>();
  let error: FileProblem | undefined;
  const events = preview(script, target, {
    mocks: c.sources, baseDir: path.dirname(test.file), timeoutMs: c.timeoutMs, limit: CASE_ROW_LIMIT, signal: options.signal,
    flinkVersion: options.flinkVersion, executionConfig: { 'execution.runtime-mode': 'streaming', ...c.set },
  });
  for await (const e of events) {
    switch (e.type) {
      case 'sink': captured.set(e.result, { sink: e.sink, line: e.line, columns: [], changelog: [], timedOut: false }); break;
      case 'columns': captured.get(e.result)!.columns = e.columns; break;
      case 'rows': captured.get(e.result)!.changelog.push(...e.rows); break;
      case 'end': captured.get(e.result)!.timedOut = e.timedOut; break;
      case 'error':
        if (e.fixture) error = { file: e.fixture.file, line: e.fixture.line ?? 0, message: e.message };
        else if (e.statement < 0) {
          // A mock the draft cannot take: the test file's source is where to look.
          const table = Object.keys(c.sourceLines).find((t) => e.message.includes(` ${t} `));
          error = { file: test.file, line: table ? c.sourceLines[table] : c.line, message: e.message };
        } else error = { file: test.draft, line: e.line, message: e.message };
        break;
      default: break;
    }
  }
  const elapsedMs = Math.round(performance.now() - started);
  const timedOut = [...captured.values()].some((r) => r.timedOut);
  if (error) return { name: c.name, line: c.line, status: 'error', elapsedMs, timedOut, sinks: [], error };
  const sinks: SinkVerdict[] = [];
  const written = [...captured.values()].filter((r) => r.sink !== undefined);
  for (const [sink, expected] of Object.entries(c.expect)) {
    const got = findSink(written, sink);
    if (!got) {
      const names = [...new Set(written.map((r) => r.sink))];
      sinks.push({ sink, ok: false, line: expected.line, diff: [], problem: `the draft writes no sink ${sink}${names.length ? ` (it writes ${names.join(', ')})` : ' (it has no INSERT)'}` });
      continue;
    }
    const cmp = compareSink(expected, got.columns, got.changelog);
    const late = got.timedOut ? `did not finish within ${c.timeoutMs / 1000} s (a source without a mock, or one that never ends?); compared with what had arrived` : undefined;
    sinks.push({ sink, ok: cmp.ok && !got.timedOut, line: expected.line, draftLine: got.line, diff: cmp.diff, problem: cmp.problem ?? late });
  }
  const status = sinks.every((s) => s.ok) ? 'passed' : 'failed';
  return { name: c.name, line: c.line, status, elapsedMs, timedOut, sinks };
}

function findSink(written: Captured[], sink: string): Captured | undefined {
  const want = sink.replace(/`/g, '').toLowerCase();
  return written.find((r) => r.sink!.toLowerCase() === want)
    ?? written.find((r) => r.sink!.toLowerCase().endsWith(`.${want}`) || want.endsWith(`.${r.sink!.toLowerCase()}`));
}
