// Builds the benchmark draft: the corpus's valid statements (test/fixtures/corpus/*.jsonl), `;`-separated,
// until the draft reaches the target line count. Statements the Flink oracle rejected are left out.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CorpusCase { id: string; sql?: string; valid?: boolean }

export interface Draft {
  text: string;
  lines: number;
  statements: number;
}

function readJsonl(file: string): CorpusCase[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as CorpusCase);
}

export function buildDraft(corpusDir: string, targetLines: number): Draft {
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl')).sort();
  const records = files.flatMap((f) => readJsonl(join(corpusDir, f)));
  // Oracle verdicts (records without `sql`) override the labels from test annotations and docs.
  const oracle = new Map(records.filter((r) => r.sql === undefined && typeof r.valid === 'boolean').map((r) => [r.id, r.valid]));
  const valid = records.filter((r) => typeof r.sql === 'string' && r.valid === true && oracle.get(r.id) !== false);
  if (!valid.length) throw new Error(`no valid statements in ${corpusDir}`);

  const parts: string[] = [];
  let lines = 0;
  for (let i = 0; lines < targetLines; i++) {
    const sql = valid[i % valid.length].sql!.trim().replace(/;\s*$/, '');
    // A statement may end in a `--` comment, which would swallow a `;` written on the same line.
    const lastLine = sql.slice(sql.lastIndexOf('\n') + 1);
    const terminated = lastLine.includes('--') ? `${sql}\n;` : `${sql};`;
    parts.push(`${terminated}\n`);
    lines += terminated.split('\n').length + 1;
  }
  const text = parts.join('\n');
  return { text, lines: text.split('\n').length, statements: parts.length };
}
