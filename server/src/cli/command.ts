// What a `flink-sql` subcommand is: a name, its help, and a run function returning the exit code.
// Subcommands live one per file in ./commands and are listed in ./commands/index.ts.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliCommand {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** The full `flink-sql <name> --help` text. */
  usage: string;
  /** Exit code, or undefined for a command that keeps serving (the process ends when it is done). */
  run(args: string[], io: CliIo): Promise<number | undefined>;
}

/** Bad command-line usage: reported with a hint to --help, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, its errors turned into UsageErrors. */
export function parseCommandArgs<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
