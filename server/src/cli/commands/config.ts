// `flink-sql config schema|resolve`: the deployment config's JSON Schema, and a draft's config resolved to
// Flink configuration keys. The JSON output and the exit codes are an interface other tools rely on.
import * as fs from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { deploymentJsonSchemaText, deploymentPathOf, parseDeployment, presentPaths, readDeploymentFile, resolveConfig } from '../../deployment';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { formatText } from './lint';

export const configCommand: CliCommand = {
  name: 'config',
  summary: 'Print the deployment config schema, or resolve a draft\'s config to Flink configuration',
  usage: `Usage: flink-sql config schema
       flink-sql config resolve <draft> [--format text|json]

schema    Prints the JSON Schema of <name>.deployment.yaml (the one the editor validates with).
resolve   Reads the deployment config beside <draft> (<name>.flink.sql, <name>.sql, or the .deployment.yaml
          itself), validates it and prints what Flink gets:
          text: the Flink configuration as key: value lines, then dependencies, resources and logging; warnings
                (unknown keys, parameters the target ignores) on stderr as file:line:col: warning: message.
          json: { "target", "flinkVersion", "flinkConfiguration": { key: string }, "dependencies": [...],
                  "logging": {...} | null, "resources": {...} | null, "imageTag", "behavior",
                  "ignored": [{ "parameter", "reason" }], "overridden": [...], "diagnostics": [LSP Diagnostic] }

Options:
  --format text|json  Output format (default text)
  -h, --help          Show this help

Exit status: 0 valid (warnings allowed); 1 invalid config: one file:line:col: error: message per problem (text) or
[{ "file", "diagnostics" }] as lint --format json prints it (json); 2 bad usage or no readable config; 3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: 'string', default: 'text' } });
    const format = values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format '${format}' (expected text or json)`);
    const [action, draft, ...extra] = positionals;
    if (action === 'schema') {
      if (draft !== undefined) throw new UsageError('config schema takes no operands');
      io.stdout(deploymentJsonSchemaText());
      return 0;
    }
    if (action !== 'resolve') throw new UsageError(action === undefined ? 'expected schema or resolve' : `unknown action '${action}' (expected schema or resolve)`);
    if (draft === undefined || extra.length) throw new UsageError('config resolve takes exactly one draft');

    const file = deploymentPathOf(draft);
    const source = await readDeploymentFile(file);
    if ('error' in source) {
      io.stderr(`flink-sql config: ${source.error}\n`);
      return 2;
    }
    const parsed = parseDeployment(source.text, { file, exists: (p) => fs.existsSync(p) });
    const errors = parsed.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    if (!parsed.config || errors.length) {
      const results = [{ file, diagnostics: parsed.diagnostics }];
      io.stdout(format === 'json' ? `${JSON.stringify(results, null, 2)}\n` : formatText(results));
      return 1;
    }
    const resolved = resolveConfig(parsed.config, presentPaths(parsed.document));
    if (format === 'json') {
      io.stdout(`${JSON.stringify({ ...resolved, diagnostics: parsed.diagnostics }, null, 2)}\n`);
      return 0;
    }
    io.stderr(formatText([{ file, diagnostics: parsed.diagnostics }]));
    io.stdout(formatResolved(resolved));
    return 0;
  },
};

function formatResolved(r: ReturnType<typeof resolveConfig>): string {
  const lines = [`# ${r.target}${r.session ? ` on session cluster "${r.session}"` : ''}, Flink ${r.flinkVersion}`];
  for (const [k, v] of Object.entries(r.flinkConfiguration)) lines.push(`${k}: ${v}`);
  if (r.dependencies.length) lines.push(`# dependencies: ${r.dependencies.join(', ')}`);
  if (r.resources) {
    const { taskManagers, jobManager: jm, taskManager: tm } = r.resources;
    lines.push(`# resources: JobManager ${jm.cpu} CPU ${jm.memory}; ${taskManagers} × TaskManager ${tm.cpu} CPU ${tm.memory}, ${tm.slots} slot(s)`);
  }
  if (r.logging) lines.push(`# logging (${r.logging.profile}): ${r.logging.log4jProperties.trim().split('\n').join('; ')}`);
  for (const i of r.ignored) lines.push(`# ignored: ${i.parameter}: ${i.reason}`);
  return `${lines.join('\n')}\n`;
}
