// `flink-sql execute`: runs a draft's statements in order on the SQL Gateway and prints their results.
// The JSON Lines output (one object per statement) is an interface other tools rely on: keep it stable.
import { DependencyError, draftSession } from '../../udf/draftJars';
import { PythonInterpreterError } from '../../python/pyflinkEnv';
import { execute, type ExecuteEvent, type ResultColumn } from '../../flink/execute';
import { GatewayError } from '../../flink/flinkErrors';
import { formatCell, formatTextTable, ROW_KIND_SHORT, type ChangelogRow } from '../../flink/results';
import { parseCommandArgs, UsageError, type CliCommand, type CliIo } from '../command';
import { FLINK_VERSIONS, isFlinkVersion } from '../../connectors/connectorCatalog';
import { draftFlinkVersion, readSource } from './lint';
import { resolveGatewayTarget } from '../gatewayTarget';
import { executeJarDraft, jarDraftOf, jarJobManager } from '../jarDrafts';

export const executeCommand: CliCommand = {
  name: 'execute',
  summary: 'Run a Flink SQL draft on the SQL Gateway and print the results',
  usage: `Usage: flink-sql execute <draft> [--limit N] [--timeout S] [--format text|json] [--gateway URL] [--flink-version 2.3|1.20]

Runs the draft's statements in order in one SQL Gateway session. DDL and SET apply; each query returns
at most --limit rows (then it is stopped and its job cancelled); an INSERT starts a job and prints its id
(the job keeps running). Execution stops at the first failing statement.

Options:
  --gateway URL   SQL Gateway to use (default: the local cluster of the draft's Flink version started by
                  'flink-sql local start [--flink-version V]', or the FLINK_SQL_GATEWAY environment variable)
  --flink-version 2.3|1.20  The Flink version the draft targets (default: its deployment config's
                  flinkVersion, else 2.3): chooses the local cluster
  --limit N       Rows per query (default 100)
  --timeout S     Stop a query that has not produced --limit rows after S seconds (default: wait)
  --format text   Readable tables with the changelog kind of each row (+I -U +U -D). Default.
  --format json   JSON Lines, one object per statement:
                    query:  { "statement": i, "columns": [names], "rows": [{ "kind": "INSERT"|"UPDATE_BEFORE"|
                            "UPDATE_AFTER"|"DELETE", "fields": [...] }] }
                    insert: { "statement": i, "jobId": id }
                    other:  { "statement": i, "ok": true }
                    error:  { "statement": i, "error": message, "line": n }   (then exit 1)
                  i is the 0-based statement index, line the 1-based line in the draft.
  -h, --help      Show this help

Exit status: 0 all statements succeeded, 1 a statement failed, 2 bad usage, unreadable draft or no gateway,
3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string', default: 'text' },
      gateway: { type: 'string' },
      'flink-version': { type: 'string' },
      limit: { type: 'string', default: '100' },
      timeout: { type: 'string' },
    });
    const format = values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format '${format}' (expected text or json)`);
    if (positionals.length !== 1) throw new UsageError('give exactly one draft');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit must be a whole number, got '${values.limit}'`);
    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout must be a positive number of seconds, got '${values.timeout}'`);
    const flag = values['flink-version'];
    if (flag !== undefined && !isFlinkVersion(flag)) throw new UsageError(`unknown --flink-version '${flag}' (expected ${FLINK_VERSIONS.join(' or ')})`);
    // the draft runs where it would be published: the local cluster of its version, unless --gateway names one
    const jar = jarDraftOf(positionals[0], io);
    if (jar === 'error') return 2;
    if (jar) {
      // A JAR draft: built, run on the session cluster, its TaskManagers' output shown for --timeout (default 10 s).
      const jm = await jarJobManager(jar, values.gateway);
      if ('error' in jm) {
        io.stderr(`flink-sql execute: ${jm.error}\n`);
        return 2;
      }
      return executeJarDraft(jar, jm, io, { json: format === 'json', followMs: (timeout ?? 10) * 1000 });
    }
    const target = await resolveGatewayTarget(values.gateway, process.cwd(), process.env, draftFlinkVersion(positionals[0], flag));
    if ('error' in target) {
      io.stderr(`flink-sql execute: ${target.error}\n`);
      return 2;
    }
    const source = await readSource(positionals[0]);
    if ('error' in source) {
      io.stderr(`flink-sql execute: ${source.error}\n`);
      return 2;
    }
    // Ctrl-C stops the running statement (and its job) instead of leaving it behind.
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    const printer = format === 'json' ? new JsonPrinter(io) : new TextPrinter(io);
    try {
      const setup = positionals[0] === '-' ? {} : await draftSession(positionals[0], source.text, target, target.flinkVersion);
      for await (const event of execute(source.text, target, { limit, signal: abort.signal, queryTimeoutMs: timeout ? timeout * 1000 : undefined, ...setup })) {
        printer.event(event);
        if (event.type === 'error') return 1;
      }
      return 0;
    } catch (e) {
      if (e instanceof DependencyError || e instanceof PythonInterpreterError) {
        printer.fatal(e.message);
        return 2;
      }
      if (!(e instanceof GatewayError)) throw e;
      printer.fatal(e.message);
      return e.kind === 'cancelled' ? 130 : 1;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },
};

interface Printer {
  event(e: ExecuteEvent): void;
  /** A failure outside any statement (gateway gone, cancelled). */
  fatal(message: string): void;
}

/** Collects one statement's rows (bounded by --limit) and prints one JSON line when it ends. */
class JsonPrinter implements Printer {
  private columns: string[] | undefined;
  private rows: ChangelogRow[] = [];
  private current = -1;
  constructor(private readonly io: CliIo) {}

  event(e: ExecuteEvent): void {
    switch (e.type) {
      case 'start': this.columns = undefined; this.rows = []; this.current = e.statement; break;
      case 'columns': this.columns = e.columns.map((c) => c.name); break;
      case 'rows': this.rows.push(...e.rows); break;
      case 'end':
        if (this.columns) this.line({ statement: e.statement, columns: this.columns, rows: this.rows });
        else if (e.jobId) this.line({ statement: e.statement, jobId: e.jobId });
        else this.line({ statement: e.statement, ok: true });
        break;
      case 'error': this.line({ statement: e.statement, error: e.message, line: e.line }); break;
    }
  }

  fatal(message: string): void {
    this.line({ statement: Math.max(0, this.current), error: message, line: 0 });
  }

  private line(o: unknown) { this.io.stdout(`${JSON.stringify(o)}\n`); }
}

/** Prints a table per query as rows arrive in batches; the SQL client's tableau look. */
class TextPrinter implements Printer {
  private columns: ResultColumn[] = [];
  private rows: ChangelogRow[] = [];
  private line = 0;
  constructor(private readonly io: CliIo) {}

  event(e: ExecuteEvent): void {
    switch (e.type) {
      case 'start': this.columns = []; this.rows = []; this.line = e.line; break;
      case 'columns': this.columns = e.columns; break;
      case 'rows': this.rows.push(...e.rows); break;
      case 'end': {
        const head = `[${e.statement + 1}] line ${this.line}:`;
        if (this.columns.length) {
          const table = formatTextTable(['op', ...this.columns.map((c) => c.name)], this.rows.map((r) => [ROW_KIND_SHORT[r.kind], ...r.fields.map(formatCell)]));
          const more = e.truncated ? ` (stopped at the limit; job cancelled)` : '';
          this.io.stdout(`${head} ${e.rowCount} row${e.rowCount === 1 ? '' : 's'} in ${e.elapsedMs} ms${more}\n${table}\n`);
        } else if (e.jobId) this.io.stdout(`${head} job ${e.jobId} submitted (${e.elapsedMs} ms)\n`);
        else this.io.stdout(`${head} OK (${e.elapsedMs} ms)\n`);
        break;
      }
      case 'error': this.io.stderr(`[${e.statement + 1}] line ${e.line}: error: ${e.message}\n`); break;
    }
  }

  fatal(message: string): void {
    this.io.stderr(`error: ${message}\n`);
  }
}
