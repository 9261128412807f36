// The deployment configuration webview: the fields of the config in its sections, drawn with
// @vscode-elements/elements (VS Code's own look, theme variables, keyboard navigation). Every change goes to
// the host, which validates it with the engine's model and answers with the new state; values and messages
// from the file are set as text, never as HTML.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { DeploymentHostToWebview, DeploymentState, DeploymentWebviewToHost, FieldInfo } from './_deploymentMessages';

interface VsCodeApi { postMessage(message: DeploymentWebviewToHost): void }
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();

type Control = HTMLElement & { value?: string; checked?: boolean; disabled?: boolean };
const $ = (id: string) => document.getElementById(id)!;
const controls = new Map<string, { field: FieldInfo; control: Control; row: HTMLElement; problem: HTMLElement; reason: HTMLElement }>();
const timers = new Map<string, number>();
let built = false;

const idOf = (path: string) => `f-${path.replace(/\./g, '-')}`;

function text(tag: string, value: string, className?: string): HTMLElement {
  const e = document.createElement(tag);
  e.textContent = value;
  if (className) e.className = className;
  return e;
}

/** Map and list fields are edited as lines: `key: value` / one item per line. */
function toText(field: FieldInfo, v: unknown): string {
  if (v === undefined || v === null) return '';
  if (field.kind === 'list' && Array.isArray(v)) return v.join('\n');
  if (field.kind === 'map' && typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${String(x)}`).join('\n');
  return String(v);
}

function fromText(field: FieldInfo, raw: string): DeploymentWebviewToHost & { type: 'edit' } {
  const path = field.path;
  if (field.kind === 'list') return { type: 'edit', path, value: raw.split('\n').map((l) => l.trim()).filter(Boolean) };
  if (field.kind === 'map') {
    const entries = raw.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
      const i = l.indexOf(':');
      return i < 0 ? [l, ''] : [l.slice(0, i).trim(), l.slice(i + 1).trim()];
    });
    return { type: 'edit', path, value: Object.fromEntries(entries) as Record<string, string> };
  }
  return { type: 'edit', path, value: raw.trim() === '' ? null : raw.trim() };
}

function makeControl(field: FieldInfo): Control {
  let c: Control;
  if (field.kind === 'enum') {
    c = document.createElement('vscode-single-select') as Control;
    for (const o of field.options ?? []) {
      const opt = document.createElement('vscode-option') as HTMLElement & { value: string };
      opt.value = o;
      opt.textContent = o === '' ? '(Flink default)' : o;
      c.appendChild(opt);
    }
    c.addEventListener('change', () => vscode.postMessage({ type: 'edit', path: field.path, value: c.value ?? '' }));
  } else if (field.kind === 'bool') {
    c = document.createElement('vscode-checkbox') as Control;
    c.setAttribute('label', field.label);
    c.addEventListener('change', () => vscode.postMessage({ type: 'edit', path: field.path, value: Boolean(c.checked) }));
  } else {
    c = document.createElement(field.kind === 'list' || field.kind === 'map' ? 'vscode-textarea' : 'vscode-textfield') as Control;
    if (field.default) c.setAttribute('placeholder', field.default);
    if (field.kind === 'list' || field.kind === 'map') c.setAttribute('rows', '3');
    // Typing is validated live, after a short pause, by the host's model.
    c.addEventListener('input', () => {
      window.clearTimeout(timers.get(field.path));
      timers.set(field.path, window.setTimeout(() => {
        timers.delete(field.path);
        vscode.postMessage(fromText(field, c.value ?? ''));
      }, 250));
    });
  }
  c.id = idOf(field.path);
  c.dataset.path = field.path;
  c.setAttribute('aria-label', field.label);
  return c;
}

function build(fields: readonly FieldInfo[]): void {
  const form = $('form');
  let section: HTMLElement | undefined;
  let current = '';
  for (const field of fields) {
    if (field.section !== current) {
      current = field.section;
      section = document.createElement('section');
      section.appendChild(text('h2', current));
      form.appendChild(section);
    }
    const row = document.createElement('div');
    row.className = 'field';
    row.dataset.path = field.path;
    const label = text('label', field.label);
    label.setAttribute('for', idOf(field.path));
    const control = makeControl(field);
    const description = text('div', `${field.description}${field.default ? ` Default: ${field.default}.` : ''}`, 'description');
    const problem = text('div', '', 'problem');
    problem.setAttribute('role', 'status');
    const reason = text('div', '', 'reason');
    row.append(label, control, description, problem, reason);
    section!.appendChild(row);
    controls.set(field.path, { field, control, row, problem, reason });
  }
  built = true;
}

/** The field a problem belongs to: its own, the first field under it, or the field it is under. */
function fieldFor(path: string): string | undefined {
  if (controls.has(path)) return path;
  const keys = [...controls.keys()];
  return keys.find((k) => k.startsWith(`${path}.`)) ?? keys.filter((k) => path.startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0];
}

function render(msg: DeploymentHostToWebview): void {
  if (!built) build(msg.fields);
  const s: DeploymentState = msg.state;
  $('file').textContent = msg.fileName;
  const broken = !s.diskValid;
  const banner = $('banner');
  banner.hidden = !broken;
  $('banner-text').textContent = !s.yamlOk
    ? 'This file is not valid YAML. Fix it in the editor (the problems are listed below and in the YAML), or replace it with the defaults. The panel will not overwrite it until then.'
    : 'This file does not validate. Fix it in the editor or here, or replace it with the defaults. Saving is off until the file on disk is valid.';
  const notice = $('notice');
  notice.hidden = !msg.notice;
  notice.textContent = msg.notice?.text ?? '';
  notice.className = msg.notice?.kind === 'error' ? 'notice error' : 'notice';
  $('dirty').textContent = msg.dirty ? 'Unsaved changes' : '';

  const byField = new Map<string, string[]>();
  const general: string[] = [];
  for (const p of s.problems) {
    const f = p.path ? fieldFor(p.path) : undefined;
    const line = `${p.severity === 1 ? 'Error' : p.severity === 2 ? 'Warning' : 'Note'}: ${p.message}`;
    if (f) byField.set(f, [...(byField.get(f) ?? []), line]);
    else general.push(line);
  }
  const list = $('problems');
  list.replaceChildren(...[...general, ...(broken ? s.problems.filter((p) => p.path && fieldFor(p.path)).map((p) => `${p.path}: ${p.message}`) : [])].map((l) => text('li', l)));
  const values = s.values;
  for (const [path, { field, control, row, problem, reason }] of controls) {
    const why = s.disabled[path];
    const hidden = field.when && !field.when.values.includes(String(values[field.when.path] ?? ''));
    row.hidden = Boolean(hidden);
    control.disabled = !s.yamlOk || why !== undefined;
    row.classList.toggle('disabled', why !== undefined);
    reason.textContent = why ?? '';
    const problems = byField.get(path) ?? [];
    problem.textContent = problems.join(' ');
    row.classList.toggle('invalid', problems.some((p) => p.startsWith('Error')));
    control.toggleAttribute('invalid', problems.some((p) => p.startsWith('Error')));
    // Never overwrite what the user is typing.
    if (document.activeElement === control || control.contains(document.activeElement)) continue;
    const v = values[path];
    if (field.kind === 'bool') control.checked = v === undefined ? field.default === 'true' : v === true;
    else if (field.kind === 'enum') control.value = v === undefined ? field.default : String(v);
    else control.value = toText(field, v);
  }
  const save = $('save') as Control;
  save.disabled = broken || !s.valid || !msg.dirty;
  ($('revert') as Control).disabled = !msg.dirty;
  const cfg = $('resolved');
  cfg.textContent = s.flinkConfiguration ? Object.entries(s.flinkConfiguration).map(([k, v]) => `${k}: ${v}`).join('\n') : '(not valid yet)';
  document.body.dataset.state = broken ? 'broken' : s.valid ? 'valid' : 'invalid';
}

/** Sends what is still waiting for the typing pause, so Save includes it. */
function flush(): void {
  for (const [path, timer] of timers) {
    window.clearTimeout(timer);
    const c = controls.get(path);
    if (c) vscode.postMessage(fromText(c.field, c.control.value ?? ''));
  }
  timers.clear();
}

$('save').addEventListener('click', () => { flush(); vscode.postMessage({ type: 'save' }); });
$('revert').addEventListener('click', () => vscode.postMessage({ type: 'revert' }));
$('defaults').addEventListener('click', () => vscode.postMessage({ type: 'replaceWithDefaults' }));
$('open-yaml').addEventListener('click', () => vscode.postMessage({ type: 'openYaml' }));
window.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 's') {
    e.preventDefault();
    flush();
    vscode.postMessage({ type: 'save' });
  }
});
window.addEventListener('message', (e: MessageEvent<DeploymentHostToWebview>) => {
  if (e.data?.type === 'state') render(e.data);
});
vscode.postMessage({ type: 'ready' });
