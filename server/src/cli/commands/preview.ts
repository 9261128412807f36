// `flink-sql preview`: runs a draft with every sink captured (nothing is written to any sink's system) and prints
// what each sink would receive. Mocks come from --mock and from `<name>.mocks.yaml` beside the draft.
// The JSON Lines (one object per sink) use the shapes of `execute --format json`: keep them stable.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GatewayError } from '../../flink/flinkErrors';
import { formatCell, formatTextTable, MaterializedTable, ROW_KIND_SHORT, type ChangelogRow } from '../../flink/results';
import type { ResultColumn } from '../../flink/execute';
import { FLINK_VERSIONS, isFlinkVersion } from '../../connectors/connectorCatalog';
import { formatOf, type MockSource } from '../../preview/fixtures';
import { preview, type PreviewEvent } from '../../preview/preview';
import { besideDraft, parseMocksFile } from '../../preview/testFile';
import { parseCommandArgs, UsageError, type CliCommand, type CliIo } from '../command';
import { resolveGatewayTarget } from '../gatewayTarget';
import { draftFlinkVersion, readSource } from './lint';

export const previewCommand: CliCommand = {
  name: 'preview',
  summary: 'Run a draft with its sinks captured (nothing written) and print what each sink would receive',
  usage: `Usage: flink-sql preview <draft> [--mock table=file …] [--limit N] [--timeout S] [--format text|json]
                          [--gateway URL] [--flink-version 2.3|1.20]

Runs the draft on the SQL Gateway (by default the local cluster of its Flink version) with every sink
captured: each INSERT INTO t … (also inside a statement set) delivers its rows here instead of to t, one
result per sink, as a changelog (+I -U +U -D) and as the final table. SET, CREATE and views run as written;
UPDATE, DELETE and job statements are skipped. Nothing is written to any sink's system.

A mocked source reads a fixture file instead of its connector, keeping its schema, computed columns and
WATERMARK: CSV (a header naming the columns, or the schema's column order) or JSON Lines (.jsonl). Metadata
columns become plain columns of the fixture. The fixture must be readable by the cluster (a local one).
Mocks come from <name>.mocks.yaml beside the draft ("mocks: { orders: fixtures/orders.csv }") and --mock.
When every source is mocked (bounded), the preview ends on its own with the final results.

Options:
  --mock table=file  Feed source table from file (repeatable; overrides <name>.mocks.yaml)
  --no-mocks-file    Ignore <name>.mocks.yaml
  --limit N          Rows per sink before it is stopped (default 100)
  --timeout S        Stop every sink still running after S seconds (default 30)
  --format text      A changelog table and the final table per sink. Default.
  --format json      JSON Lines, one object per sink, as execute --format json:
                       { "statement": i, "sink": name|null, "line": n, "columns": [names],
                         "rows": [{ "kind": "INSERT"|"UPDATE_BEFORE"|"UPDATE_AFTER"|"DELETE", "fields": [...] }],
                         "truncated": bool, "timedOut": bool }
                       error:   { "statement": i, "error": message, "line": n[, "fixture": file, "fixtureLine": n] }
                       skipped: { "statement": i, "skipped": reason, "line": n }
  --gateway URL      SQL Gateway to use (default: the local cluster of the draft's Flink version)
  --flink-version V  The Flink version the draft targets (default: its deployment config's, else 2.3)
  -h, --help         Show this help

Exit status: 0 success, 1 a statement failed, 2 bad usage, unreadable draft or no gateway, 3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string', default: 'text' },
      gateway: { type: 'string' },
      'flink-version': { type: 'string' },
      limit: { type: 'string', default: '100' },
      timeout: { type: 'string', default: '30' },
      mock: { type: 'string', multiple: true, default: [] },
      'no-mocks-file': { type: 'boolean', default: false },
    });
    const format = values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format '${format}' (expected text or json)`);
    if (positionals.length !== 1) throw new UsageError('give exactly one draft');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, got '${values.limit}'`);
    const timeout = Number(values.timeout);
    if (!(timeout > 0)) throw new UsageError(`--timeout must be a positive number of seconds, got '${values.timeout}'`);
    const flag = values['flink-version'];
    if (flag !== undefined && !isFlinkVersion(flag)) throw new UsageError(`unknown --flink-version '${flag}' (expected ${FLINK_VERSIONS.join(' or ')})`);
    const draft = positionals[0];
    const mocks: Record<string, MockSource> = {};
    const mocksFile = besideDraft(path.resolve(draft), 'mocks');
    if (!values['no-mocks-file'] && fs.existsSync(mocksFile)) {
      const parsed = parseMocksFile(mocksFile, fs.readFileSync(mocksFile, 'utf8'));
      if (!parsed.mocks) {
        for (const p of parsed.problems) io.stderr(`${p.file}:${p.line}: error: ${p.message}\n`);
        return 2;
      }
      Object.assign(mocks, parsed.mocks);
    }
    for (const m of values.mock as string[]) {
      const eq = m.indexOf('=');
      if (eq <= 0 || eq === m.length - 1) throw new UsageError(`--mock takes table=file, got '${m}'`);
      const file = path.resolve(m.slice(eq + 1));
      if (!formatOf(file)) throw new UsageError(`--mock ${m}: the fixture must be .csv, .jsonl or .json`);
      mocks[m.slice(0, eq)] = { file };
    }
    const flinkVersion = draftFlinkVersion(draft, flag);
    const target = await resolveGatewayTarget(values.gateway, process.cwd(), process.env, flinkVersion);
    if ('error' in target) {
      io.stderr(`flink-sql preview: ${target.error}\n`);
      return 2;
    }
    const source = await readSource(draft);
    if ('error' in source) {
      io.stderr(`flink-sql preview: ${source.error}\n`);
      return 2;
    }
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    const printer = new ResultPrinter(io, format === 'json', draft);
    try {
      for await (const event of preview(source.text, target, {
        mocks, baseDir: path.dirname(path.resolve(draft)), limit, timeoutMs: timeout * 1000, signal: abort.signal, flinkVersion,
      })) {
        printer.event(event);
        if (event.type === 'error') return 1;
      }
      return 0;
    } catch (e) {
      if (!(e instanceof GatewayError)) throw e;
      io.stderr(`error: ${e.message}\n`);
      return e.kind === 'cancelled' ? 130 : 1;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },
};

interface Result {
  statement: number;
  sink?: string;
  line: number;
  columns: ResultColumn[];
  rows: ChangelogRow[];
}

/** Collects each sink's rows and prints them when the sink ends (results of a statement set interleave). */
class ResultPrinter {
  private readonly results = new Map<number, Result>();
  constructor(private readonly io: CliIo, private readonly json: boolean, private readonly draft: string) {}

  event(e: PreviewEvent): void {
    switch (e.type) {
      case 'sink': this.results.set(e.result, { statement: e.statement, sink: e.sink, line: e.line, columns: [], rows: [] }); break;
      case 'columns': this.results.get(e.result)!.columns = e.columns; break;
      case 'rows': this.results.get(e.result)!.rows.push(...e.rows); break;
      case 'end': this.end(this.results.get(e.result)!, e); break;
      case 'skipped':
        if (this.json) this.line({ statement: e.statement, skipped: e.reason, line: e.line });
        else this.io.stderr(`${this.draft}:${e.line}: skipped: ${e.reason}\n`);
        break;
      case 'error':
        if (this.json) this.line({ statement: e.statement, error: e.message, line: e.line, ...(e.fixture && { fixture: e.fixture.file, fixtureLine: e.fixture.line ?? null }) });
        else {
          const where = e.fixture ? `${e.fixture.file}:${e.fixture.line ?? 0}` : `${this.draft}:${e.line}`;
          this.io.stderr(`${where}: error: ${e.message}\n`);
        }
        break;
      default: break;
    }
  }

  private end(r: Result, e: Extract<PreviewEvent, { type: 'end' }>): void {
    if (this.json) {
      this.line({ statement: r.statement, sink: r.sink ?? null, line: r.line, columns: r.columns.map((c) => c.name), rows: r.rows, truncated: e.truncated, timedOut: e.timedOut });
      return;
    }
    const what = r.sink ? `INSERT INTO ${r.sink}` : 'SELECT';
    const why = e.truncated ? ' (stopped at --limit)' : e.timedOut ? ' (stopped at --timeout; the source may be unbounded)' : '';
    const names = r.columns.map((c) => c.name);
    let out = `== ${what} (line ${r.line}): ${e.rowCount} change${e.rowCount === 1 ? '' : 's'} in ${e.elapsedMs} ms${why}\n`;
    out += formatTextTable(['op', ...names], r.rows.map((row) => [ROW_KIND_SHORT[row.kind], ...row.fields.map(formatCell)])) + '\n';
    if (r.rows.some((row) => row.kind !== 'INSERT')) {
      const table = new MaterializedTable();
      table.applyAll(r.rows);
      out += `final table (${table.size} row${table.size === 1 ? '' : 's'}):\n${formatTextTable(names, table.rows().map((f) => f.map(formatCell)))}\n`;
    }
    this.io.stdout(out);
  }

  private line(o: unknown) { this.io.stdout(`${JSON.stringify(o)}\n`); }
}
