// The benchmark's editor: spawns the bundled `flink-sql lsp --stdio` and times diagnostics round trips.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import {
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CompletionItem,
  type CompletionList,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';

/** Bundles the CLI (and so the language server) from the current sources into `dir`; returns the script. */
export async function bundleCli(dir: string): Promise<string> {
  await build({
    entryPoints: { cli: join(__dirname, '../server/src/cli/main.ts') },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir: dir, logLevel: 'silent', external: ['vscode'],
  });
  return join(dir, 'cli.js');
}

export class BenchClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly connection: ProtocolConnection;
  private readonly waiting = new Map<number, (p: PublishDiagnosticsParams) => void>();
  lastDiagnostics: PublishDiagnosticsParams | undefined;

  constructor(cliPath: string, readonly uri = 'file:///bench/draft.flink.sql') {
    this.child = spawn(process.execPath, [cliPath, 'lsp', '--stdio']);
    this.child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.uri !== this.uri) return;
      this.lastDiagnostics = p;
      for (const [version, resolve] of this.waiting) {
        if ((p.version ?? -1) >= version) {
          this.waiting.delete(version);
          resolve(p);
        }
      }
    });
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Sends didOpen and resolves when the diagnostics of version 1 arrive. */
  async open(text: string): Promise<PublishDiagnosticsParams> {
    const published = this.diagnosticsFor(1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: this.uri, languageId: 'flink-sql', version: 1, text },
    });
    return published;
  }

  /** Sends one incremental change and resolves when the diagnostics of that version (or a later one) arrive. */
  async change(version: number, range: Range, text: string, wait = true): Promise<PublishDiagnosticsParams | undefined> {
    const published = wait ? this.diagnosticsFor(version) : undefined;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: this.uri, version },
      contentChanges: [{ range, text }],
    });
    return published;
  }

  /** A completion request at `position`; resolves with the items. */
  async complete(position: Position): Promise<CompletionItem[]> {
    const r = (await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: this.uri }, position })) as CompletionList | CompletionItem[] | null;
    return Array.isArray(r) ? r : (r?.items ?? []);
  }

  diagnosticsFor(version: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiting.set(version, resolve));
  }

  /** Peak resident set size of the server process (Linux /proc), in MB. */
  peakRssMb(): number | undefined {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** CPU time (user + system) the server process has used so far (Linux /proc, 10 ms ticks), in ms. */
  cpuMs(): number | undefined {
    try {
      // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await exited;
    this.connection.dispose();
  }
}
