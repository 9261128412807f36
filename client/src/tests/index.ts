// Wires draft tests into VS Code's Test Explorer: the `flinkSql.tests` controller, discovery of the test files, the
// Run profile, the test events of every language client the server starts, and "Flink: Run Draft Tests".
import * as vscode from 'vscode';
import { FlinkTestEventNotification, type FlinkTestEventParams } from '../../../server/src/protocol';
import type { CommandModule } from '../commandRegistry';
import { runTestsCommand } from '../commands/runTests';
import { FlinkClient } from '../flink/flinkClient';
import type { LanguageServer } from '../languageServer';
import { isTestFile, TestDiscovery } from './testDiscovery';
import { runTests, type TestRunServices } from './testRun';

export interface DraftTests {
  /** Runs the test files of `uri` (a draft or a test file), else every test file; false when there are none. */
  runFor(uri: vscode.Uri | undefined): Promise<boolean>;
}

/** Call before the server starts, so the first client's test events are heard too. */
export function registerTestFeatures(context: vscode.ExtensionContext, server: LanguageServer): { commands: CommandModule[]; disposables: vscode.Disposable[]; serverStarting(ready: Promise<void>): void } {
  const controller = vscode.tests.createTestController('flinkSql.tests', 'Flink SQL');
  const flink = new FlinkClient(server);
  const discovery = new TestDiscovery(controller, flink);
  const events = new vscode.EventEmitter<FlinkTestEventParams>();
  const perClient: vscode.Disposable[] = [];
  const created = server.onDidCreateClient((client) => {
    perClient.splice(0).forEach((d) => d.dispose());
    perClient.push(client.onNotification(FlinkTestEventNotification, (p) => events.fire(p)));
  });
  const s: TestRunServices = { controller, discovery, flink, secrets: context.secrets, onTestEvent: events.event };
  const profile = controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => runTests(s, request, token), true);
  // The Testing view asks for the top level when it opens; the server may still be starting then.
  controller.resolveHandler = async (item) => { if (!item) await discovery.discoverAll(); };
  controller.refreshHandler = async () => {
    await Promise.all(discovery.entries().map((e) => discovery.refresh(e.item.uri!)));
  };

  const tests: DraftTests = {
    async runFor(uri) {
      await discovery.discoverAll();
      const entry = uri && isTestFile(uri) ? discovery.entry(uri) : undefined;
      const files = entry ? [entry] : uri && discovery.forDraft(uri).length ? discovery.forDraft(uri) : discovery.entries();
      if (!files.length) return false;
      // Where the run shows; a build without the view still runs the tests.
      await vscode.commands.executeCommand('workbench.view.testing.focus').then(undefined, () => undefined);
      const cts = new vscode.CancellationTokenSource();
      try {
        await runTests(s, new vscode.TestRunRequest(files.map((f) => f.item), undefined, profile), cts.token);
      } finally {
        cts.dispose();
      }
      return true;
    },
  };
  return {
    commands: [runTestsCommand(tests)],
    disposables: [controller, discovery, events, created, { dispose: () => perClient.splice(0).forEach((d) => d.dispose()) }, flink],
    serverStarting: (ready) => { ready.then(() => discovery.discoverAll(), () => undefined); },
  };
}
