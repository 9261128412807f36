// What a case's verdict says in the Test Explorer, as plain data (no `vscode`, so plain Node tests read it): a
// failing sink's expected and received rows at its expectation in the test file, the draft statement that feeds
// it, and an error at the line it belongs to (the draft's, a fixture's or the test file's).
import type { TestLocation, TestRunEvent } from '../../../server/src/protocol';

export interface MessageSpec {
  message: string;
  /** Set together: VS Code then shows the message as a diff of the two. */
  expected?: string;
  actual?: string;
  /** `line` 1-based; 0 for the file as a whole. */
  location: TestLocation;
}

type Verdict = Exclude<TestRunEvent, { type: 'started' }>;

/** The messages of a case that did not pass (none for one that did). */
export function caseMessages(event: Verdict, testFile: string, draft: string | undefined): MessageSpec[] {
  if (event.type === 'passed') return [];
  if (event.type === 'errored') {
    const location = event.location.uri ? event.location : { uri: testFile, line: event.line };
    return [{ message: event.message, location }];
  }
  const out: MessageSpec[] = [];
  for (const s of event.sinks) {
    if (s.ok) continue;
    const why = s.problem ?? (s.diff.length ? 'the rows differ (- expected, + received)' : 'the rows differ');
    const spec: MessageSpec = { message: `${s.sink}: ${why}`, location: { uri: testFile, line: s.line } };
    if (s.diff.length) {
      spec.expected = rowsText(s.expected);
      spec.actual = rowsText(s.actual);
    }
    out.push(spec);
    if (draft && s.draftLine) out.push({ message: `${s.sink} gets its rows here`, location: { uri: draft, line: s.draftLine } });
  }
  // A failed case always says something, even if every sink was ok (the engine's verdict wins).
  if (!out.length) out.push({ message: event.timedOut ? 'the case did not finish within its time limit' : 'the case failed', location: { uri: testFile, line: event.line } });
  return out;
}

/** One row per line, as the test file writes them: a diff reads line against line. */
function rowsText(rows: readonly string[]): string {
  return rows.length ? `${rows.join('\n')}\n` : '';
}

/** The case's outcome as text for the run's output (Test Results): a line, then the diff per failing sink. */
export function caseOutput(event: Verdict): string {
  const head = `${event.type === 'passed' ? '✓' : '✗'} ${event.case} (${event.elapsedMs} ms)${event.type === 'errored' ? ' — error' : ''}`;
  const lines = [head];
  if (event.type === 'errored') lines.push(`    line ${event.location.line}: ${event.message}`);
  if (event.type === 'failed') {
    for (const s of event.sinks.filter((v) => !v.ok)) {
      lines.push(`    ${s.sink} (line ${s.line})${s.problem ? `: ${s.problem}` : ''}`);
      for (const d of s.diff) lines.push(`      ${d}`);
    }
  }
  // The output is a terminal: CRLF line ends.
  return `${lines.join('\r\n')}\r\n`;
}
