// Creates the server connection on the transport named on the command line, defaulting to stdio so that
// `flink-sql lsp` works in any LSP editor without flags.
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';

const TRANSPORT_FLAGS = /^--(node-ipc|stdio|socket|pipe)(=|$)/;

export function connectionFromArgs(argv: readonly string[]): Connection {
  // createConnection reads the transport (and --clientProcessId) from process.argv itself.
  if (!argv.some((a) => TRANSPORT_FLAGS.test(a))) process.argv.push('--stdio');
  return createConnection(ProposedFeatures.all);
}
