// `flink-sql doctor`: what running Flink locally needs (Java, Maven, the install directory, the installed versions,
// FLINK_HOME), each checked with what to do when it is not right — the same report as "Flink: Check Prerequisites".
import { checkPrerequisites, formatReport } from '../../flink/prerequisites';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Check Java, Maven and the local Flink installations',
  usage: `Usage: flink-sql doctor [--format text|json]

Checks what running drafts on a local Flink needs: Java (JAVA_HOME or java on PATH; Flink runs on 11+, 17
recommended), Maven (FLINK_SQL_STUDIO_MVN or mvn on PATH; it downloads Flink's jars the first time a version
is used, with your settings.xml), the install directory ($FLINK_SQL_STUDIO_CACHE, else ~/.cache/flink-sql-studio),
the pinned Flink versions (installed or what they download) and FLINK_HOME.

Options:
  --format text|json   json: { "ok": bool, "checks": [{ "name", "severity": "ok"|"warning"|"error", "detail", "fix"? }] }
  -h, --help           Show this help

Exit status: 0 nothing missing, 1 something needed is missing or unusable, 2 bad usage.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: 'string', default: 'text' } });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown --format '${values.format}' (expected text or json)`);
    const report = await checkPrerequisites();
    io.stdout(values.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.ok ? 0 : 1;
  },
};
