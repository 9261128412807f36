// Loads the conformance corpus and its labels (oracle verdicts from Flink's real parser win over the
// corpus annotations) and measures parseScript against them.
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_FLINK_VERSION, parseScript, type FlinkVersion } from '../../../server/src/parser';

export interface CorpusCase {
  id: string;
  sql: string;
  valid: boolean;
  errorLine?: number;
  errorColumn?: number;
}

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'corpus');
/** Flink's parser tests, its docs, and the planner's parse path (pre-parser, comments, identifiers, EOF). */
const CORPUS_FILES = ['flink-parser-tests.jsonl', 'flink-docs.jsonl', 'flink-planner-tests.jsonl'];

function readJsonl<T>(file: string): T[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

/** The oracle labels of a Flink version: oracle-labels.jsonl is the default (2.3); others carry the version. */
export function labelsFile(version: FlinkVersion = DEFAULT_FLINK_VERSION): string {
  return version === DEFAULT_FLINK_VERSION ? 'oracle-labels.jsonl' : `oracle-labels-${version}.jsonl`;
}

export function loadCorpus(version: FlinkVersion = DEFAULT_FLINK_VERSION): { cases: CorpusCase[]; labelSource: string; oracle: boolean } {
  const cases: CorpusCase[] = [];
  for (const f of CORPUS_FILES) cases.push(...readJsonl<CorpusCase>(path.join(DIR, f)));
  const oracleFile = path.join(DIR, labelsFile(version));
  if (!fs.existsSync(oracleFile)) return { cases, labelSource: 'corpus annotations', oracle: false };
  const oracle = new Map(readJsonl<CorpusCase>(oracleFile).map((o) => [o.id, o]));
  const labelled = cases.map((c) => {
    const o = oracle.get(c.id);
    return o ? { ...c, valid: o.valid, errorLine: o.errorLine, errorColumn: o.errorColumn } : c;
  });
  return { cases: labelled, labelSource: `${labelsFile(version)} (${oracle.size} verdicts)`, oracle: true };
}

export interface CaseResult {
  c: CorpusCase;
  accepted: boolean;
  firstErrorLine?: number;
  message?: string;
}

export function runCase(c: CorpusCase, version: FlinkVersion = DEFAULT_FLINK_VERSION): CaseResult {
  const r = parseScript(c.sql, undefined, { flinkVersion: version });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return { c, accepted: true };
  const first = errors.reduce((a, b) => (b.start < a.start ? b : a));
  const line = c.sql.slice(0, first.start).split('\n').length;
  return { c, accepted: false, firstErrorLine: line, message: first.message };
}

export interface Metrics {
  valid: number;
  validAccepted: number;
  invalid: number;
  invalidRejected: number;
  withLine: number;
  lineMatched: number;
  results: CaseResult[];
}

export function measure(cases: CorpusCase[], version: FlinkVersion = DEFAULT_FLINK_VERSION): Metrics {
  const m: Metrics = { valid: 0, validAccepted: 0, invalid: 0, invalidRejected: 0, withLine: 0, lineMatched: 0, results: [] };
  for (const c of cases) {
    const r = runCase(c, version);
    m.results.push(r);
    if (c.valid) {
      m.valid++;
      if (r.accepted) m.validAccepted++;
    } else {
      m.invalid++;
      if (!r.accepted) {
        m.invalidRejected++;
        if (c.errorLine !== undefined) {
          m.withLine++;
          if (r.firstErrorLine === c.errorLine) m.lineMatched++;
        }
      }
    }
  }
  return m;
}
