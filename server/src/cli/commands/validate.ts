// `flink-sql validate`: syntax check plus validation on the real Flink planner through the SQL Gateway.
// The JSON output is the same shape as `flink-sql lint` (planner findings carry "source": "flink"): keep it stable.
import { DependencyError, draftSession } from '../../udf/draftJars';
import { PythonInterpreterError } from '../../python/pyflinkEnv';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { fidelityLine } from '../../flink/fidelity';
import { validate } from '../../flink/validate';
import { GatewayError } from '../../flink/flinkErrors';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { FLINK_VERSIONS, isFlinkVersion } from '../../connectors/connectorCatalog';
import { draftFlinkVersion, formatText, readSource, type LintResult } from './lint';
import { resolveGatewayTarget } from '../gatewayTarget';
import { announceBuild, jarDraftOf, jarJobManager, validateJarDraft } from '../jarDrafts';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Validate Flink SQL drafts on the real planner (SQL Gateway)',
  usage: `Usage: flink-sql validate <draft...> [--format text|json] [--gateway URL] [--flink-version 2.3|1.20]

A JAR draft (its <name>.deployment.yaml) is built (mvn package) and its main's job graph is asked of the
JobManager (/jars/:jarid/plan) without running it; build errors and a failing main are reported on the Java
file and line.

Checks the syntax of each draft, then validates it on Flink: a throw-away SQL Gateway session applies the
draft's DDL/SET/USE statements in order and runs EXPLAIN on each INSERT, SELECT and statement set. No job runs.
Flink has the last word: a statement our checks reject is submitted too, and where Flink accepts it our error
is withdrawn and a "fidelity:" line on standard error records the case.

Options:
  --flink-version 2.3|1.20  The Flink version the drafts target (default: each draft's deployment config,
                  else 2.3); a gateway running another version is reported as a warning.
  --gateway URL   SQL Gateway to use (default: the local cluster started by 'flink-sql local start',
                  or the FLINK_SQL_GATEWAY environment variable)
  --format text   file:line:col: severity: message lines, then "Validated on Flink X.Y in N ms". Default.
  --format json   One JSON array: [{ "file": <path>, "diagnostics": [<LSP Diagnostic>] }] as 'flink-sql lint'
                  prints it; Flink's findings have "source": "flink".
  -h, --help      Show this help

Exit status: 0 no errors, 1 at least one error, 2 bad usage, unreadable file or no gateway, 3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string', default: 'text' },
      gateway: { type: 'string' },
      'flink-version': { type: 'string' },
    });
    const flag = values['flink-version'];
    if (flag !== undefined && !isFlinkVersion(flag)) throw new UsageError(`unknown --flink-version '${flag}' (expected ${FLINK_VERSIONS.join(' or ')})`);
    const format = values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format '${format}' (expected text or json)`);
    if (positionals.length === 0) throw new UsageError('no drafts given');
    // JAR drafts (their deployment config): built and planned on the JobManager; the rest are SQL drafts.
    const results: LintResult[] = [];
    const summaries: string[] = [];
    const drafts: string[] = [];
    for (const file of positionals) {
      const jar = jarDraftOf(file, io);
      if (jar === 'error') return 2;
      if (!jar) {
        drafts.push(file);
        continue;
      }
      const jm = await jarJobManager(jar, values.gateway);
      if ('error' in jm) {
        io.stderr(`flink-sql validate: ${jm.error}\n`);
        return 2;
      }
      announceBuild(jar, io);
      const r = await validateJarDraft(jar, jm);
      results.push(...r.result);
      summaries.push(r.summary);
    }
    const texts = await Promise.all(drafts.map((f) => readSource(f)));
    const unreadable = texts.filter((t): t is { error: string } => 'error' in t);
    if (unreadable.length) {
      for (const u of unreadable) io.stderr(`flink-sql validate: ${u.error}\n`);
      return 2;
    }
    // each draft on a gateway of its version (the local cluster of that version, unless --gateway names one)
    const targets = new Map<string, Awaited<ReturnType<typeof resolveGatewayTarget>>>();
    for (let i = 0; i < drafts.length; i++) {
      const flinkVersion = draftFlinkVersion(drafts[i], flag);
      if (!targets.has(flinkVersion)) targets.set(flinkVersion, await resolveGatewayTarget(values.gateway, process.cwd(), process.env, flinkVersion));
      const target = targets.get(flinkVersion)!;
      if ('error' in target) {
        io.stderr(`flink-sql validate: ${target.error}\n`);
        return 2;
      }
      try {
        // the deployment config's jar dependencies (UDFs) go to the session first, as Publish sends them
        const text = (texts[i] as { text: string }).text;
        const setup = drafts[i] === '-' ? {} : await draftSession(drafts[i], text, target, flinkVersion);
        const r = await validate(text, target, { flinkVersion, ...setup });
        for (const f of r.fidelity) io.stderr(`${drafts[i]}: ${fidelityLine(f)}\n`);
        results.push({ file: drafts[i], diagnostics: r.diagnostics });
        summaries.push(drafts.length > 1 ? `${drafts[i]}: ${r.summary}` : r.summary);
      } catch (e) {
        if (!(e instanceof GatewayError) && !(e instanceof DependencyError) && !(e instanceof PythonInterpreterError)) throw e;
        io.stderr(`flink-sql validate: ${e.message}\n`);
        return 2;
      }
    }
    if (format === 'json') io.stdout(`${JSON.stringify(results, null, 2)}\n`);
    else io.stdout(formatText(results) + summaries.map((s) => `${s}\n`).join(''));
    return results.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) ? 1 : 0;
  },
};
