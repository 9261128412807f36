// Runs what the Test Explorer asks for (all, files, cases): one server run per test file, its per-case events
// turned into the items' states and messages (diffs at the expectation, the feeding statement in the draft).
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import {
  FlinkRunTestsRequest, type FlinkTestEventParams, type TestLocation, type TestRunDone, type TestRunEvent,
} from '../../../server/src/protocol';
import type { FlinkClient } from '../flink/flinkClient';
import { connectionParams, targetLabel } from '../flink/connection';
import { log } from '../log';
import { requireTrust } from '../trust';
import { lineRange, type TestDiscovery } from './testDiscovery';
import { caseMessages, caseOutput, type MessageSpec } from './testMessages';

export interface TestRunServices {
  controller: vscode.TestController;
  discovery: TestDiscovery;
  flink: FlinkClient;
  secrets: vscode.SecretStorage;
  onTestEvent: vscode.Event<FlinkTestEventParams>;
}

/** The cases to run, per test file (a file asked for brings all its cases). */
function plan(s: TestRunServices, request: vscode.TestRunRequest): Map<vscode.TestItem, vscode.TestItem[]> {
  const out = new Map<vscode.TestItem, vscode.TestItem[]>();
  const excluded = new Set((request.exclude ?? []).map((i) => i.id));
  const files = new Map(s.discovery.entries().map((e) => [e.item.id, e.item]));
  const include = request.include ?? [...files.values()];
  for (const item of include) {
    if (excluded.has(item.id)) continue;
    const file = item.parent ?? item;
    if (!files.has(file.id) || excluded.has(file.id)) continue;
    const list = out.get(file) ?? [];
    for (const c of item.parent ? [item] : children(item)) if (!excluded.has(c.id) && !list.includes(c)) list.push(c);
    out.set(file, list);
  }
  return out;
}

function children(item: vscode.TestItem): vscode.TestItem[] {
  const all: vscode.TestItem[] = [];
  item.children.forEach((i) => all.push(i));
  return all;
}

function location(l: TestLocation): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(l.uri), lineRange(l.line));
}

function toMessage(m: MessageSpec): vscode.TestMessage {
  const message = m.expected !== undefined && m.actual !== undefined
    ? vscode.TestMessage.diff(m.message, m.expected, m.actual)
    : new vscode.TestMessage(m.message);
  message.location = location(m.location);
  return message;
}

export async function runTests(s: TestRunServices, request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
  const run = s.controller.createTestRun(request);
  // The Testing view's Stop cancels the run's own token; the profile's token is the caller's.
  const cancel = new vscode.CancellationTokenSource();
  const subs = [token.onCancellationRequested(() => cancel.cancel()), run.token.onCancellationRequested(() => cancel.cancel())];
  try {
    await s.discovery.discoverAll();
    const work = plan(s, request);
    if (!vscode.workspace.isTrusted) {
      for (const cases of work.values()) cases.forEach((c) => run.skipped(c));
      await requireTrust('Run Draft Tests', 'runs the draft on a Flink cluster');
      return;
    }
    for (const cases of work.values()) cases.forEach((c) => run.enqueued(c));
    for (const [file, cases] of work) {
      if (cancel.token.isCancellationRequested) {
        cases.forEach((c) => run.skipped(c));
        continue;
      }
      if (cases.length) await runFile(s, run, file, cases, cancel.token);
    }
  } finally {
    subs.forEach((d) => d.dispose());
    cancel.dispose();
    run.end();
  }
}

async function runFile(s: TestRunServices, run: vscode.TestRun, file: vscode.TestItem, cases: vscode.TestItem[], token: vscode.CancellationToken): Promise<void> {
  const uri = file.uri!;
  const draft = s.discovery.entry(uri)?.draft?.toString();
  const byName = new Map(cases.map((c) => [c.label, c]));
  const finished = new Set<vscode.TestItem>();
  const runId = randomUUID();
  const onEvent = (event: TestRunEvent) => {
    const item = byName.get(event.case);
    if (!item) return;
    if (event.type === 'started') {
      run.started(item);
      return;
    }
    finished.add(item);
    run.appendOutput(caseOutput(event), undefined, item);
    const messages = caseMessages(event, uri.toString(), draft).map(toMessage);
    if (event.type === 'passed') run.passed(item, event.elapsedMs);
    else if (event.type === 'failed') run.failed(item, messages, event.elapsedMs);
    else run.errored(item, messages, event.elapsedMs);
  };
  const sub = s.onTestEvent((p) => { if (p.runId === runId) onEvent(p.event); });
  let done: TestRunDone;
  try {
    const connection = await connectionParams(s.secrets);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const all = cases.length === file.children.size;
    log.info(`tests: ${vscode.workspace.asRelativePath(uri)}, ${all ? 'all cases' : cases.map((c) => c.label).join(', ')} on ${targetLabel(connection)}`);
    run.appendOutput(`${vscode.workspace.asRelativePath(uri)} on ${targetLabel(connection)}\r\n`);
    done = await s.flink.request(FlinkRunTestsRequest, {
      uri: uri.toString(), text: open?.getText(), connection, runId, ...(!all && { cases: cases.map((c) => c.label) }),
    }, token);
  } catch (err) {
    // A cancelled request rejects; anything else is the run's failure to report on its cases.
    done = { ok: false, cancelled: token.isCancellationRequested, message: err instanceof Error ? err.message : String(err), elapsedMs: 0 };
  } finally {
    sub.dispose();
  }
  if (done.message && !done.cancelled) log.warn(`tests: ${vscode.workspace.asRelativePath(uri)}: ${done.message}`);
  for (const c of cases) {
    if (finished.has(c)) continue;
    if (done.cancelled || token.isCancellationRequested) run.skipped(c);
    else {
      const m = new vscode.TestMessage(done.message ?? 'The case did not run.');
      m.location = new vscode.Location(uri, c.range ?? lineRange(1));
      run.errored(c, m);
    }
  }
}
