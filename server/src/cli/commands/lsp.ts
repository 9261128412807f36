// `flink-sql lsp`: the language server for any LSP editor (stdio by default).
import type { CliCommand } from '../command';
import { parseCommandArgs } from '../command';
import { startServer } from '../../lsp/server';
import { connectionFromArgs } from '../../lsp/transport';

export const lsp: CliCommand = {
  name: 'lsp',
  summary: 'Run the Flink SQL language server (diagnostics, completion, hover, outline) for any LSP editor',
  usage: `Usage: flink-sql lsp [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]

Runs the language server that the VS Code extension uses, so any editor speaking the Language Server
Protocol gets the same diagnostics, completion, hover, quick fixes, outline and folding for Flink SQL (language id "flink-sql").

Options:
  --stdio              Speak LSP over stdin/stdout (the default)
  --node-ipc           Speak LSP over a Node IPC channel (when launched by a Node client)
  --socket=<port>      Connect to a client listening on this TCP port
  --pipe=<name>        Connect to a client listening on this named pipe
  --clientProcessId=<pid>  Exit when this process exits
  -h, --help           Show this help`,
  async run(args) {
    parseCommandArgs(args, {
      stdio: { type: 'boolean' },
      'node-ipc': { type: 'boolean' },
      socket: { type: 'string' },
      pipe: { type: 'string' },
      clientProcessId: { type: 'string' },
    });
    startServer(connectionFromArgs(args));
    return undefined;
  },
};
