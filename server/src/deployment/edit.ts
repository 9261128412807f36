// Edits to a deployment config's YAML that keep the user's comments and key order (yaml's Document API):
// the panel's changes, applied one path at a time. Values are written in their normalised form.
import { isMap, parseDocument, type Document } from 'yaml';
import { fieldInfo } from './fields';
import { formatDuration, formatMemory, parseDuration, parseMemory } from './units';

/** `value: null` (or '') removes the key, so the default applies again. */
export interface DeploymentEdit { path: string; value: string | number | boolean | string[] | Record<string, string> | null }

/** Keys each discriminated type keeps; switching the type drops the other types' keys. */
const VARIANT_KEYS: Record<string, Record<string, string[]>> = {
  restartStrategy: { none: ['type'], 'fixed-delay': ['type', 'attempts', 'delay'], 'failure-rate': ['type', 'maxFailures', 'interval', 'delay'] },
  highAvailability: { none: ['type'], kubernetes: ['type', 'storageDir'] },
};

export function applyEdits(text: string, edits: readonly DeploymentEdit[]): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error('the file is not valid YAML; fix it (or replace it with defaults) before editing here');
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  for (const edit of edits) applyOne(doc, edit);
  return doc.toString({ lineWidth: 0 });
}

function applyOne(doc: Document, { path, value }: DeploymentEdit): void {
  const segments = path.split('.');
  const [parent, leaf] = [segments.slice(0, -1), segments[segments.length - 1]!];
  const variant = VARIANT_KEYS[parent[0] ?? ''];
  if (variant && leaf === 'type' && parent.length === 1) {
    if (value === null || value === '') {
      doc.deleteIn(parent);
      return;
    }
    const keep = variant[String(value)] ?? ['type'];
    const node = doc.getIn(parent, true);
    if (isMap(node)) {
      for (const item of [...node.items]) {
        const key = String((item.key as { value?: unknown })?.value ?? item.key);
        if (!keep.includes(key)) node.delete(key);
      }
    }
  }
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0 && fieldInfo(path)?.kind !== 'list')) {
    if (doc.hasIn(segments)) doc.deleteIn(segments);
    pruneEmpty(doc, parent);
    return;
  }
  const normalised = normalise(path, value);
  if (fieldInfo(path)?.kind === 'map' || fieldInfo(path)?.kind === 'list') {
    // Small collections stay on one line, as in the template ({ a: b }, [x, y]).
    const node = doc.createNode(normalised);
    (node as { flow?: boolean }).flow = Array.isArray(normalised) ? normalised.length <= 3 : Object.keys(normalised as object).length <= 2;
    doc.setIn(segments, node);
    return;
  }
  // Keep the style of an existing scalar (quotes, comments stay attached to the pair).
  const existing = doc.getIn(segments, true) as { value?: unknown } | undefined;
  if (existing && typeof existing === 'object' && 'value' in existing) existing.value = normalised;
  else doc.setIn(segments, normalised);
}

function normalise(path: string, value: NonNullable<DeploymentEdit['value']>): unknown {
  const kind = fieldInfo(path)?.kind;
  if (typeof value === 'string' && kind === 'memory') {
    const bytes = parseMemory(value);
    return bytes === undefined ? value : formatMemory(bytes);
  }
  if (typeof value === 'string' && kind === 'duration') {
    const ms = parseDuration(value);
    return ms === undefined ? value : formatDuration(ms);
  }
  if (typeof value === 'string' && (kind === 'int' || kind === 'number') && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (typeof value === 'string' && kind === 'bool' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** A mapping left empty by a removal goes too (but not the document itself). */
function pruneEmpty(doc: Document, parent: string[]): void {
  for (let n = parent.length; n > 0; n--) {
    const p = parent.slice(0, n);
    const node = doc.getIn(p, true);
    if (isMap(node) && node.items.length === 0) doc.deleteIn(p);
    else break;
  }
}
