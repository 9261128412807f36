// Entry of out/cli.js, the `flink-sql` command: top-level --help/--version, then dispatch to a subcommand.
import { VERSION } from '../util/version';
import { registerCliProvisioner } from './cliProvisioner';
import { UsageError, type CliIo } from './command';
import { COMMANDS } from './commands';
import { printable, printableIo } from './termText';

/** Commands whose standard output is data to redirect (formatted SQL, a diff): not escaped. (lsp writes its own.) */
const RAW_STDOUT = new Set(['format', 'lsp']);

const io: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: flink-sql <command> [options]

Flink SQL Studio on the command line.

Commands:
${lines.join('\n')}

Options:
  -h, --help     Show this help (or a command's help: flink-sql <command> --help)
  -v, --version  Print the version
`;
}

/** Whether a help flag appears before a `--` (after which everything is an operand). */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

async function main(argv: string[]): Promise<number | undefined> {
  const [name, ...args] = argv;
  // A command that needs a Flink that is not installed yet installs it first (progress on stderr).
  registerCliProvisioner(io.stderr);
  if (name === undefined) {
    io.stderr(topLevelHelp());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(topLevelHelp());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`flink-sql: unknown command '${printable(name)}'\n\n${topLevelHelp()}`);
    return 2;
  }
  if (wantsHelp(args)) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  // Draft, config and Flink values reach the terminal escaped; format's standard output is the draft itself.
  const out = printableIo(io, RAW_STDOUT.has(command.name));
  try {
    return await command.run(args, out);
  } catch (error) {
    if (error instanceof UsageError) {
      out.stderr(`flink-sql ${command.name}: ${error.message}\nRun 'flink-sql ${command.name} --help' for usage.\n`);
      return 2;
    }
    out.stderr(`flink-sql ${command.name}: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 3;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    io.stderr(`flink-sql: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
