// The results webview: renders the ResultsModel as a virtualized grid (only the visible rows are in the DOM),
// in table (materialized) or changelog mode, with pause/stop, copy and CSV/JSON export. Every value from Flink
// is set as textContent, never as HTML.
import type { HostToWebview, RenderedState, WebviewToHost } from './_resultsMessages';
import { formatCell, ResultsModel, ROW_KIND_SHORT, toCsv, toJson, toTsv, viewRows, type StatementResult, type ViewMode } from './_resultsModel';

interface VsCodeApi { postMessage(message: WebviewToHost): void }
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const ROW_HEIGHT = 22;
const OVERSCAN = 10;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const el = {
  title: $('title'), statement: $<HTMLSelectElement>('statement'), modeTable: $<HTMLButtonElement>('mode-table'),
  modeChangelog: $<HTMLButtonElement>('mode-changelog'), pause: $<HTMLButtonElement>('pause'), stop: $<HTMLButtonElement>('stop'),
  copy: $<HTMLButtonElement>('copy'), csv: $<HTMLButtonElement>('export-csv'), json: $<HTMLButtonElement>('export-json'),
  status: $('status'), notice: $('notice'), scroller: $('scroller'), thead: $('grid-head'), tbody: $('grid-body'), messages: $('messages'),
};

let model = new ResultsModel(10_000);
let executionId = '';
let mode: ViewMode = 'table';
let selected: string | undefined;
/** A preview: sinks are captured and nothing is written (the status says so). */
let isPreview = false;
let userSelected = false;
let paused = false;
let pausedRows = 0;
let renderTimer: number | undefined;

function current(): StatementResult | undefined {
  return selected === undefined ? undefined : model.statements.get(selected);
}

function text(tag: string, value: string, className?: string): HTMLElement {
  const e = document.createElement(tag);
  e.textContent = value;
  if (className) e.className = className;
  return e;
}

function scheduleRender(): void {
  // A timer rather than requestAnimationFrame: rAF does not fire while the panel is in the background.
  renderTimer ??= window.setTimeout(() => {
    renderTimer = undefined;
    render();
  }, 50);
}

/** "Sink orders_out (line 12)" for a captured sink, else "Statement 3 (line 12)". */
function entryName(s: StatementResult): string {
  if (s.sink !== undefined) return `Sink ${s.sink} (line ${s.line})`;
  return `${s.result !== undefined ? 'Query' : 'Statement'} ${s.index + 1} (line ${s.line})`;
}

function statementLabel(s: StatementResult): string {
  if (s.sink !== undefined) return entryName(s);
  const head = s.text.replace(/\s+/g, ' ').slice(0, 60);
  return `#${s.index + 1} · line ${s.line} · ${head}`;
}

function renderStatements(): void {
  if (!userSelected) selected = model.defaultStatement();
  const wanted = [...model.statements.values()];
  if (el.statement.options.length !== wanted.length) {
    el.statement.replaceChildren(...wanted.map((s) => {
      const o = text('option', statementLabel(s)) as HTMLOptionElement;
      o.value = s.key;
      return o;
    }));
  }
  if (selected !== undefined) el.statement.value = selected;
  el.statement.disabled = wanted.length < 2;
}

function statusText(s: StatementResult | undefined): string {
  const sum = model.summary;
  const parts: string[] = [];
  if (s) {
    const count = mode === 'table' ? `${s.table.size} row${s.table.size === 1 ? '' : 's'}` : `${s.changelog.total} change${s.changelog.total === 1 ? '' : 's'}`;
    parts.push(entryName(s), count);
    if (s.elapsedMs !== undefined) parts.push(`${s.elapsedMs} ms`);
    if (s.truncated) parts.push('stopped at the row limit');
    if (s.timedOut) parts.push('stopped at the time limit');
    if (s.jobId) parts.push(`job ${s.jobId}`);
  }
  if (!sum.done) parts.push(paused ? `paused (${pausedRows} new rows not shown)` : 'running…');
  else if (sum.cancelled) parts.push('stopped');
  else parts.push(sum.ok ? `done in ${sum.elapsedMs} ms` : 'failed');
  if (isPreview) parts.push('preview: nothing written');
  if (sum.flinkVersion) parts.push(`Flink ${sum.flinkVersion}`);
  return parts.join(' · ');
}

function renderNotice(s: StatementResult | undefined): void {
  const notes: string[] = [];
  if (s && mode === 'changelog' && s.changelog.dropped > 0) notes.push(`Showing the last ${model.maxRows.toLocaleString()} of ${s.changelog.total.toLocaleString()} changes: older ones were dropped to keep memory bounded.`);
  if (s && mode === 'table' && s.table.evicted > 0) notes.push(`Keeping at most ${model.maxRows.toLocaleString()} rows: ${s.table.evicted.toLocaleString()} older rows were dropped.`);
  if (s && s.table.unmatched > 0 && mode === 'table') notes.push(`${s.table.unmatched} retraction(s) matched no row shown.`);
  el.notice.textContent = notes.join(' ');
  // Execute of an INSERT: its rows went to the real sinks; say which, and offer the preview that shows them.
  if (s?.writesTo?.length && !isPreview) {
    const where = s.writesTo.join(', ');
    el.notice.append(text('span', `${notes.length ? ' ' : ''}This statement writes its rows into ${where} (the real sink${s.writesTo.length === 1 ? '' : 's'}); they are not shown here. `));
    const button = text('button', 'Preview instead', 'preview-instead') as HTMLButtonElement;
    button.title = 'Run it again with the sinks captured: their rows show here, nothing is written';
    button.addEventListener('click', () => vscode.postMessage({ type: 'preview', statement: s.index }));
    el.notice.append(button);
    notes.push(where);
  }
  el.notice.hidden = notes.length === 0;
}

function renderMessages(): void {
  el.messages.replaceChildren(...[...model.statements.values()].map((s) => {
    const li = text('li', '', `msg ${s.state}`);
    li.append(text('span', `line ${s.line}`, 'where'), text('span', ` ${s.sink !== undefined ? `sink ${s.sink}` : s.kind} `, 'kind'));
    let what: string;
    if (s.state === 'error' || s.state === 'skipped') what = s.message ?? s.state;
    else if (s.jobId && s.writesTo?.length) what = `job ${s.jobId} submitted, writing into ${s.writesTo.join(', ')}`;
    else if (s.jobId) what = `job ${s.jobId} submitted`;
    else if (s.columns) what = `${s.rowCount} row${s.rowCount === 1 ? '' : 's'}${s.truncated ? ' (row limit reached; query stopped)' : ''}`;
    else what = s.state === 'running' ? 'running…' : 'OK';
    li.append(text('span', what, 'what'));
    return li;
  }));
  if (model.summary.done && model.summary.message && ![...model.statements.values()].some((s) => s.state === 'error')) {
    el.messages.append(text('li', model.summary.message, `msg ${model.summary.cancelled ? 'done' : 'error'}`));
  }
}

function renderGrid(s: StatementResult | undefined): RenderedState['domRows'] {
  const { header, rows } = s ? viewRows(s, mode) : { header: [], rows: [] };
  const types = s?.columns?.map((c) => c.type) ?? [];
  const headRow = document.createElement('tr');
  header.forEach((h, i) => {
    const th = document.createElement('th');
    th.append(text('span', h, 'col-name'));
    const type = mode === 'changelog' ? (i === 0 ? '' : types[i - 1]) : types[i];
    if (type) th.append(text('span', type, 'col-type'));
    headRow.append(th);
  });
  el.thead.replaceChildren(headRow);

  const viewport = el.scroller.clientHeight || 400;
  const first = Math.max(0, Math.floor(el.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, first + Math.ceil(viewport / ROW_HEIGHT) + 2 * OVERSCAN);
  const spacer = (height: number) => {
    const tr = document.createElement('tr');
    tr.className = 'spacer';
    tr.style.height = `${height}px`;
    return tr;
  };
  const out: HTMLElement[] = [spacer(first * ROW_HEIGHT)];
  const domRows: string[][] = [];
  for (let i = first; i < last; i++) {
    const r = rows[i];
    const tr = document.createElement('tr');
    const cells: string[] = [];
    if (mode === 'changelog' && r.kind) {
      const op = ROW_KIND_SHORT[r.kind];
      tr.append(text('td', op, `op op-${op[0] === '+' ? 'add' : 'retract'}`));
      cells.push(op);
    }
    for (const v of r.fields) {
      const t = formatCell(v);
      tr.append(text('td', t, v === null || v === undefined ? 'null' : undefined));
      cells.push(t);
    }
    out.push(tr);
    domRows.push(cells);
  }
  out.push(spacer((rows.length - last) * ROW_HEIGHT));
  el.tbody.replaceChildren(...out);
  return domRows;
}

function render(): void {
  renderStatements();
  const s = current();
  const status = statusText(s);
  el.status.textContent = status;
  el.stop.disabled = model.summary.done;
  el.pause.disabled = model.summary.done;
  el.pause.textContent = paused ? 'Resume' : 'Pause';
  el.modeTable.setAttribute('aria-pressed', String(mode === 'table'));
  el.modeChangelog.setAttribute('aria-pressed', String(mode === 'changelog'));
  const hasRows = !!s?.columns;
  for (const b of [el.copy, el.csv, el.json]) b.disabled = !hasRows;
  renderNotice(s);
  renderMessages();
  if (paused) return;
  const domRows = renderGrid(s);
  vscode.postMessage({
    type: 'rendered',
    state: {
      statement: s?.index, entry: s ? entryName(s) : undefined, mode, columns: (s?.columns ?? []).map((c) => c.name),
      totalRows: s ? (mode === 'table' ? s.table.size : s.changelog.list().length) : 0, domRows, status, paused,
    },
  });
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const msg = event.data;
  if (msg.type === 'reset') {
    model = new ResultsModel(msg.maxRows);
    executionId = msg.executionId;
    el.title.textContent = msg.title;
    isPreview = msg.preview === true;
    selected = undefined;
    userSelected = false;
    paused = false;
    pausedRows = 0;
    el.scroller.scrollTop = 0;
    scheduleRender();
  } else if (msg.type === 'events' && msg.executionId === executionId) {
    model.apply(msg.events);
    const added = model.takeNewRows();
    if (paused) pausedRows += added;
    scheduleRender();
  }
});

el.statement.addEventListener('change', () => {
  selected = el.statement.value;
  userSelected = true;
  el.scroller.scrollTop = 0;
  scheduleRender();
});
el.modeTable.addEventListener('click', () => { mode = 'table'; scheduleRender(); });
el.modeChangelog.addEventListener('click', () => { mode = 'changelog'; scheduleRender(); });
el.pause.addEventListener('click', () => {
  paused = !paused;
  pausedRows = 0;
  render();
});
el.stop.addEventListener('click', () => vscode.postMessage({ type: 'stop' }));
el.copy.addEventListener('click', () => {
  const s = current();
  if (s) vscode.postMessage({ type: 'copy', text: toTsv(s, mode) });
});
for (const [button, format] of [[el.csv, 'csv'], [el.json, 'json']] as const) {
  button.addEventListener('click', () => {
    const s = current();
    if (!s) return;
    const content = format === 'csv' ? toCsv(s, mode) : toJson(s, mode);
    const name = s.sink !== undefined ? `preview-${s.sink.replace(/[^\w.-]+/g, '_')}` : `results-line${s.line}`;
    vscode.postMessage({ type: 'export', format, content, suggestedName: `${name}-${mode}.${format}` });
  });
}
el.scroller.addEventListener('scroll', () => { if (!paused) renderGrid(current()); }, { passive: true });
window.addEventListener('resize', () => scheduleRender());

vscode.postMessage({ type: 'ready' });
