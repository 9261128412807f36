// `flink-sql lint`: syntax diagnostics of Flink SQL files, as text for people or JSON for tools.
// Both output formats and the exit codes are an interface other tools rely on: keep them stable.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_FLINK_VERSION, FLINK_VERSIONS, isFlinkVersion, type FlinkVersion } from '../../connectors/connectorCatalog';
import { flinkVersionOf } from '../../deployment';
import { diagnose } from '../../service';
import { FileReadError, MAX_DRAFT_BYTES, readErrorReason, readTextFile, sizeText } from '../../util/boundedRead';
import { messageText } from '../../util/text';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';

export interface LintResult {
  file: string;
  diagnostics: Diagnostic[];
}

const SEVERITY_NAMES: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export const lint: CliCommand = {
  name: 'lint',
  summary: 'Check Flink SQL files: syntax, connector options and the draft\'s tables',
  usage: `Usage: flink-sql lint <file...> [--format text|json] [--flink-version 2.3|1.20]

Parses each file (a script of ;-separated Flink SQL statements) and reports syntax problems, connector options
Flink would refuse (checked against the connector catalog of the Flink version) and inconsistencies between
the draft's statements. Use - to read standard input.

Options:
  --flink-version The Flink version whose grammar, connectors and options to check against: ${FLINK_VERSIONS.join(' or ')}
                  (default: each draft's flinkVersion in its <name>.deployment.yaml, else ${DEFAULT_FLINK_VERSION}).
  --format text   One line per problem: file:line:col: severity: message (1-based line and column). Default.
  --format json   One JSON array: [{ "file": <path>, "diagnostics": [<LSP Diagnostic>] }] in the order given,
                  with 0-based ranges, severity 1 (error) to 4 (hint), message, source and code.
  -h, --help      Show this help

Exit status: 0 no errors (warnings allowed), 1 at least one error, 2 bad usage or a file that cannot be read
(nothing is reported then), 3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string', default: 'text' },
      'flink-version': { type: 'string' },
    });
    const format = values.format;
    const flinkVersion = values['flink-version'];
    if (flinkVersion !== undefined && !isFlinkVersion(flinkVersion)) throw new UsageError(`unknown --flink-version '${flinkVersion}' (expected ${FLINK_VERSIONS.join(' or ')})`);
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format '${format}' (expected text or json)`);
    if (positionals.length === 0) throw new UsageError('no files given');

    const texts = await Promise.all(positionals.map((f) => readSource(f)));
    const unreadable = texts.filter((t): t is { error: string } => 'error' in t);
    if (unreadable.length) {
      for (const u of unreadable) io.stderr(`flink-sql lint: ${u.error}\n`);
      return 2;
    }
    const results: LintResult[] = positionals.map((file, i) => ({ file, diagnostics: diagnose((texts[i] as { text: string }).text, undefined, { flinkVersion: draftFlinkVersion(file, flinkVersion) }) }));
    io.stdout(format === 'json' ? `${JSON.stringify(results, null, 2)}\n` : formatText(results));
    return results.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) ? 1 : 0;
  },
};

export function formatText(results: LintResult[]): string {
  let out = '';
  for (const { file, diagnostics } of results) {
    for (const d of diagnostics) {
      const severity = SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error] ?? 'error';
      out += `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severity}: ${messageText(d).replace(/\s*\n\s*/g, ' ')}\n`;
    }
  }
  return out;
}


/**
 * A draft's text (or standard input's): a regular file under `maxBytes` only, so a FIFO, a symlink to /dev/zero
 * or a huge file is a `cannot read` error rather than a hang. `strictUtf8`: refuse bytes that are not UTF-8
 * (format --write would otherwise rewrite them as U+FFFD).
 */
export async function readSource(file: string, options: { maxBytes?: number; strictUtf8?: boolean } = {}): Promise<{ text: string } | { error: string }> {
  const read = { maxBytes: options.maxBytes ?? MAX_DRAFT_BYTES, strictUtf8: options.strictUtf8 };
  try {
    const text = file === '-' ? await readStdin(read) : await readTextFile(file, read);
    // Editors do not count a byte-order mark as a column, so neither do we.
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return { error: `cannot read ${file}: ${readErrorReason(error)}` };
  }
}

async function readStdin(options: { maxBytes: number; strictUtf8?: boolean }): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length > options.maxBytes) throw new FileReadError('-', 'too-large', `- is more than the ${sizeText(options.maxBytes)} a draft may have`);
  }
  const bytes = Buffer.concat(chunks);
  if (!options.strictUtf8) return bytes.toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new FileReadError('-', 'not-utf8', '- is not UTF-8 text');
  }
}

/** The version a draft is checked in: the flag, else its deployment config's, else the default. */
export function draftFlinkVersion(file: string, flag: FlinkVersion | undefined): FlinkVersion {
  if (flag) return flag;
  if (file === '-') return DEFAULT_FLINK_VERSION;
  return flinkVersionOf(file) ?? DEFAULT_FLINK_VERSION;
}
