// The plan webview: each planned statement's operators as a top-to-bottom graph (SVG, layered by _planLayout.ts)
// and the same operators as a table. Stateful operators are coloured; Enter, Space or a click shows an operator's
// draft lines. An upgrade's side by side draws the running version's graph beside the draft's, each operator marked
// with its state's fate. Everything from Flink is set as text (textContent / attributes), never as HTML.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { layout, NODE_WIDTH } from './_planLayout';
import type { FlinkPlanResult, FlinkUpgradePlanResult, PlanGraph, PlanHostToWebview, PlanNode, PlanWebviewToHost } from './_planMessages';

interface VsCodeApi { postMessage(message: PlanWebviewToHost): void }
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';
const $ = (id: string) => document.getElementById(id)!;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function svg(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Cut to what fits a node box (about 7 px a character at the editor's font size). */
function fit(text: string, px = NODE_WIDTH - 16): string {
  const max = Math.floor(px / 7);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function stateText(n: PlanNode): string {
  if (!n.state) return 'no state';
  return n.state.cleanup === 'time' ? 'state freed by time (watermarks)' : `state, TTL ${n.state.ttl ?? 'as the job sets'}`;
}

const firstLine = (n: PlanNode) => (n.sources[0] ? n.sources[0].range.start.line + 1 : undefined);
const titleOf = (n: PlanNode) => (n.table ? `${n.kind} ${n.table}` : n.kind);

const UPGRADE_BADGE = { restored: '✓ state carries over', dropped: '✗ state dropped', incompatible: '✗ state unreadable', fresh: '○ starts empty' } as const;

function describe(n: PlanNode): string {
  const line = firstLine(n);
  return [titleOf(n), n.upgrade?.text ?? '', stateText(n), n.changelogMode ? `emits ${n.changelogMode}` : '', `parallelism ${n.parallelism}`, line ? `draft line ${line}` : '']
    .filter(Boolean).join(', ');
}

function reveal(graph: number, node: PlanNode): void {
  vscode.postMessage({ type: 'reveal', graph, node: node.id });
}

/** `linked`: its nodes show their draft lines (in a side by side, the running version's do not). */
function drawGraph(g: PlanGraph, gi: number, side = '', linked = true): SVGElement {
  const l = layout(g);
  const root = svg('svg', { width: l.width, height: l.height, viewBox: `0 0 ${l.width} ${l.height}`, role: 'group', 'aria-label': `Operators of ${g.statement.label}` });
  const defs = svg('defs');
  const marker = svg('marker', { id: `arrow-${side}${gi}`, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' });
  marker.appendChild(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow' }));
  defs.appendChild(marker);
  root.appendChild(defs);
  for (const p of l.paths) {
    const edge = g.edges.find((e) => e.from === p.from && e.to === p.to);
    root.appendChild(svg('path', { d: p.d, class: 'edge', 'marker-end': `url(#arrow-${side}${gi})` }));
    if (edge) root.appendChild(svg('text', { x: p.mid.x + 6, y: p.mid.y + 4, class: 'ship' }, edge.shipStrategy));
  }
  // Tab order follows the flow: by layer, then left to right.
  const ordered = [...g.nodes].sort((a, b) => {
    const ba = l.boxes.get(a.id)!, bb = l.boxes.get(b.id)!;
    return ba.layer - bb.layer || ba.x - bb.x;
  });
  for (const n of ordered) {
    const b = l.boxes.get(n.id)!;
    const cls = `node${n.state ? ' stateful' : ''}${n.upgrade ? ` upgrade-${n.upgrade.mark}` : ''}`;
    const node = svg('g', linked ? { class: cls, tabindex: 0, role: 'button', 'data-node': n.id, 'aria-label': `${describe(n)}. Enter shows it in the draft.` }
      : { class: `${cls} unlinked`, tabindex: 0, role: 'img', 'data-node': n.id, 'aria-label': describe(n) });
    node.appendChild(svg('title', {}, n.upgrade ? `${n.upgrade.text}\n${n.description}` : n.description));
    node.appendChild(svg('rect', { x: b.x, y: b.y, width: b.width, height: b.height, rx: 4 }));
    node.appendChild(svg('text', { x: b.x + 8, y: b.y + 18, class: 'kind' }, fit(titleOf(n))));
    node.appendChild(svg('text', { x: b.x + 8, y: b.y + 38, class: 'desc' }, fit(n.description)));
    const facts = n.upgrade ? UPGRADE_BADGE[n.upgrade.mark]
      : [`p=${n.parallelism}`, n.changelogMode ?? '', n.state ? (n.state.cleanup === 'time' ? 'state: by time' : `state TTL ${n.state.ttl ?? '?'}`) : ''].filter(Boolean).join(' · ');
    node.appendChild(svg('text', { x: b.x + 8, y: b.y + 58, class: n.upgrade ? 'facts badge' : 'facts' }, fit(facts)));
    root.appendChild(node);
    if (!linked) continue;
    node.addEventListener('click', () => reveal(gi, n));
    node.addEventListener('keydown', (e) => {
      const k = (e as KeyboardEvent).key;
      if (k === 'Enter' || k === ' ') { e.preventDefault(); reveal(gi, n); }
    });
  }
  return root;
}

function drawTable(g: PlanGraph, gi: number, upgrade = false, linked = true): HTMLTableElement {
  const table = el('table', undefined, 'nodes');
  table.createCaption().textContent = `Operators of ${g.statement.label}`;
  const head = table.createTHead().insertRow();
  for (const h of [...(upgrade ? ['Upgrade'] : []), 'Operator', 'State', 'Changelog', 'Keys', 'Parallelism', 'Input', ...(linked ? ['Draft'] : [])]) head.appendChild(el('th', h));
  const body = table.createTBody();
  for (const n of g.nodes) {
    const r = body.insertRow();
    r.className = [n.state ? 'stateful' : '', n.upgrade ? `upgrade-${n.upgrade.mark}` : ''].filter(Boolean).join(' ');
    if (upgrade) r.insertCell().textContent = n.upgrade ? `${UPGRADE_BADGE[n.upgrade.mark]}: ${n.upgrade.text}` : '';
    const operator = r.insertCell();
    operator.appendChild(el('div', titleOf(n), 'op'));
    operator.appendChild(el('div', n.description, 'desc'));
    r.insertCell().textContent = stateText(n);
    r.insertCell().textContent = n.changelogMode ?? '';
    r.insertCell().textContent = [n.upsertKey ? `unique on ${n.upsertKey.join(', ')}` : '', n.stateKey ? `partitioned by ${n.stateKey.join(', ')}` : ''].filter(Boolean).join('; ');
    r.insertCell().textContent = String(n.parallelism);
    r.insertCell().textContent = g.edges.filter((e) => e.to === n.id).map((e) => `${titleOf(g.nodes.find((x) => x.id === e.from) ?? n)} (${e.shipStrategy})`).join(', ');
    if (!linked) continue;
    const where = r.insertCell();
    const line = firstLine(n);
    if (line) {
      const link = el('button', `line ${line}`, 'link');
      link.setAttribute('aria-label', `Show ${titleOf(n)} in the draft, line ${line}`);
      link.addEventListener('click', () => reveal(gi, n));
      where.appendChild(link);
    }
  }
  return table;
}

/** One graph as a section: its heading, the graph and its table. */
function graphSection(g: PlanGraph, gi: number, side = '', upgrade = false, linked = true): HTMLElement {
  const section = el('section', undefined, 'graph');
  section.appendChild(el('h2', g.statement.label));
  const canvas = el('div', undefined, 'canvas');
  canvas.appendChild(drawGraph(g, gi, side, linked));
  section.appendChild(canvas);
  const tableBox = el('div', undefined, 'table-box');
  tableBox.appendChild(drawTable(g, gi, upgrade, linked));
  section.appendChild(tableBox);
  return section;
}

function showLegend(upgrade: boolean): void {
  $('title').textContent = upgrade ? 'Upgrade plan' : 'Optimized plan';
  $('legend').hidden = upgrade;
  $('upgrade-legend').hidden = !upgrade;
}

function render(fileName: string, result: FlinkPlanResult): void {
  $('file').textContent = fileName;
  const stateful = result.graphs.some((g) => g.nodes.some((n) => n.state?.cleanup === 'ttl'));
  $('summary').textContent = result.summary + (stateful && result.stateTtl ? ` · state TTL: ${result.stateTtl}` : '');
  const problems = $('problems');
  problems.replaceChildren(...result.problems.map((p) => el('li', `Line ${p.range.start.line + 1}: ${p.message}`)));
  problems.hidden = result.problems.length === 0;
  showLegend(false);
  $('verdict').hidden = true;
  const graphs = $('graphs');
  graphs.classList.remove('loading');
  graphs.replaceChildren();
  if (result.ok && result.graphs.length === 0) graphs.appendChild(el('p', 'The draft has no INSERT, statement set or query to plan.', 'empty'));
  result.graphs.forEach((g, gi) => graphs.appendChild(graphSection(g, gi)));
}

/** The running version's plan (left) beside the draft's (right), with the check's verdict above them. */
function renderUpgrade(fileName: string, result: FlinkUpgradePlanResult): void {
  $('file').textContent = fileName;
  $('summary').textContent = result.summary;
  showLegend(true);
  const verdict = $('verdict');
  verdict.textContent = result.verdictText ?? '';
  verdict.className = `verdict ${result.upgrade?.verdict ?? ''}`;
  verdict.hidden = !result.verdictText;
  const problems = $('problems');
  const items = [...result.notes, ...[result.before, result.after].flatMap((p) => p?.problems.map((x) => `Line ${x.range.start.line + 1}: ${x.message}`) ?? [])];
  problems.replaceChildren(...items.map((t) => el('li', t)));
  problems.hidden = items.length === 0;
  const graphs = $('graphs');
  graphs.classList.remove('loading');
  graphs.replaceChildren();
  const sides = el('div', undefined, 'sides');
  const column = (title: string, plan: FlinkPlanResult | undefined, side: string, linked: boolean) => {
    const col = el('div', undefined, `side ${side}`);
    col.appendChild(el('h2', title, 'side-title'));
    if (plan) col.appendChild(el('p', plan.summary, 'side-summary'));
    plan?.graphs.forEach((g, gi) => col.appendChild(graphSection(g, gi, side, true, linked)));
    sides.appendChild(col);
  };
  if (result.before) column(`Version ${result.fromVersion} (running)`, result.before, 'before', false);
  column('The draft', result.after, 'after', true);
  graphs.appendChild(sides);
}

window.addEventListener('message', (event: MessageEvent<PlanHostToWebview>) => {
  const msg = event.data;
  if (msg.type === 'loading') {
    $('summary').textContent = msg.text;
    $('graphs').classList.add('loading');
  } else if (msg.type === 'plan') {
    render(msg.fileName, msg.result);
  } else if (msg.type === 'upgrade') {
    renderUpgrade(msg.fileName, msg.result);
  }
});

$('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
$('show-table').addEventListener('click', () => {
  const on = document.body.classList.toggle('table-only');
  $('show-table').textContent = on ? 'Graph and table' : 'Table only';
});
vscode.postMessage({ type: 'ready' });
