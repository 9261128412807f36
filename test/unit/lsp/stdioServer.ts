// The language server as an editor starts it, for the tests that speak LSP to it: the bundled `flink-sql lsp
// --stdio` spawned, a JSON-RPC connection on its pipes, and (unless asked not to) the initialize handshake.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createProtocolConnection, InitializedNotification, InitializeRequest, StreamMessageReader, StreamMessageWriter,
  type ClientCapabilities, type InitializeResult, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { buildCli } from '../cli/buildCli';

export interface StdioServer {
  child: ChildProcessWithoutNullStreams;
  connection: ProtocolConnection;
  /** The server's answer to initialize (undefined with `initialize: false`). */
  initialized?: InitializeResult;
}

export interface StdioServerOptions {
  /** Handlers to register before the connection listens (notifications sent during initialize included). */
  register?: (connection: ProtocolConnection) => void;
  capabilities?: ClientCapabilities;
  /** Send initialize/initialized (default true); a test of the handshake itself does it on its own. */
  initialize?: boolean;
  /** The editor's workspace folders (InitializeParams.workspaceFolders). */
  workspaceFolders?: Array<{ uri: string; name: string }>;
}

export async function startStdioServer(o: StdioServerOptions = {}): Promise<StdioServer> {
  const child = spawn(process.execPath, [await buildCli(), 'lsp', '--stdio']);
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  o.register?.(connection);
  connection.listen();
  if (o.initialize === false) return { child, connection };
  const initialized = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: o.capabilities ?? {}, ...(o.workspaceFolders && { workspaceFolders: o.workspaceFolders }) });
  await connection.sendNotification(InitializedNotification.type, {});
  return { child, connection, initialized };
}

/** Drops the connection and kills the server if it is still running (an `after` hook; safe when start failed). */
export function stopStdioServer(server: Partial<StdioServer> | undefined): void {
  server?.connection?.dispose();
  if (server?.child && server.child.exitCode === null) server.child.kill();
}
