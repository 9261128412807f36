// `flink-sql udf list <jar|py>`: the user-defined functions of an artifact with their SQL signatures — a jar's as
// Flink infers them (the inspector on the chosen Flink, installed first with consent), a Python file's from its
// decorators — and the CREATE FUNCTION statement that registers each.
import * as path from 'node:path';
import { FLINK_VERSIONS, isFlinkVersion } from '../../parser';
import { listUdfs } from '../../udf/artifacts';
import { registrationStatement } from '../../udf/register';
import { signatureLines, snakeName } from '../../udf/types';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { draftFlinkVersion } from './lint';

export const udfCommand: CliCommand = {
  name: 'udf',
  summary: 'List the user-defined functions of a jar or a Python file, with their SQL signatures',
  usage: `Usage: flink-sql udf list <file.jar|file.py> [--flink-version 2.3|1.20] [--draft <draft>] [--format text|json]

list   Prints each function of the artifact: its SQL name (snake case of the class), kind, signatures and the
       CREATE TEMPORARY FUNCTION statement that registers it. A jar is read by Flink's own type inference on the
       chosen Flink version (installed first if missing; answers cached per jar SHA-256); a .py file's @udf / @udtf /
       @udaf / @udtaf functions are read from their decorators (input_types, result_type).

Options:
  --flink-version 2.3|1.20  The Flink version (default: the --draft's deployment config, else 2.3)
  --draft <draft>           The draft the functions are for: its Flink version, and Python modules relative to it
  --format text|json        Output format (default text); json: { "functions": [...], "failed": [...], "summary" }
  -h, --help                Show this help

Exit status: 0 listed (even none); 1 the artifact could not be read; 2 bad usage.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string', default: 'text' }, 'flink-version': { type: 'string' }, draft: { type: 'string' },
    });
    const [action, artifact, ...extra] = positionals;
    if (action !== 'list') throw new UsageError(action === undefined ? 'expected list' : `unknown action '${action}' (expected list)`);
    if (!artifact || extra.length) throw new UsageError('udf list takes exactly one jar or .py file');
    const format = values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format '${format}' (expected text or json)`);
    const flag = values['flink-version'];
    if (flag !== undefined && !isFlinkVersion(flag)) throw new UsageError(`unknown --flink-version '${flag}' (expected ${FLINK_VERSIONS.join(' or ')})`);
    const draft = values.draft;
    const version = draft ? draftFlinkVersion(draft, flag) : (flag ?? draftFlinkVersion('-', undefined));
    let found;
    try {
      found = await listUdfs(artifact, path.dirname(path.resolve(draft ?? artifact)), version, { install: true });
    } catch (e) {
      io.stderr(`flink-sql udf: ${(e as Error).message}\n`);
      return 1;
    }
    if (format === 'json') {
      io.stdout(`${JSON.stringify({ functions: found.functions, failed: found.failed, summary: found.summary }, null, 2)}\n`);
      return 0;
    }
    for (const f of found.functions) {
      const name = snakeName(f.className);
      io.stdout(`${name}  (${f.kind.replace('_', ' ')}, ${f.className})\n`);
      for (const line of signatureLines(name, f)) io.stdout(`  ${line}\n`);
      if (f.note) io.stdout(`  note: ${f.note}\n`);
      io.stdout(`  ${registrationStatement({ name, className: f.className, language: f.language })}\n`);
    }
    for (const f of found.failed) io.stderr(`flink-sql udf: ${f.className} (${f.kind}) could not be described: ${f.error}\n`);
    io.stderr(`${found.functions.length} function(s); ${found.summary}\n`);
    return 0;
  },
};
