// A small Wadler/Prettier-style document: text, soft line breaks that a group takes flat when it fits the
// line width, hard breaks, indentation; and its printer. The layout builders produce these; only the printer
// decides where lines end, so the same tokens always print the same way (idempotence).

export type Doc = string | Doc[] | Cmd;

type Cmd =
  /** A space, dropped at the start of a line and after another space. */
  | { t: 'sp' }
  /** A newline when its group is broken, else `flat`. */
  | { t: 'line'; flat: string }
  /** Always a newline (breaks every enclosing group). */
  | { t: 'hard' }
  /** An empty line (at most one in a row). */
  | { t: 'blank' }
  | { t: 'indent'; d: Doc }
  | { t: 'group'; d: Doc; m?: Measure }
  /** A token's same-line comments: printed in place; a group they end is closed before them (see group). */
  | { t: 'trail'; d: Doc }
  /** The own-line comments before a token: a group they start opens after them. */
  | { t: 'lead'; d: Doc };

interface Measure { width: number; hard: boolean }

export const SP: Doc = { t: 'sp' };
export const LINE: Doc = { t: 'line', flat: ' ' };
export const SOFTLINE: Doc = { t: 'line', flat: '' };
export const HARD: Doc = { t: 'hard' };
export const BLANK: Doc = { t: 'blank' };
export const indent = (d: Doc): Doc => ({ t: 'indent', d });
export const trail = (d: Doc): Doc => ({ t: 'trail', d });

/**
 * A group: flat when it fits, else broken. Comments trailing its last token are moved just outside, so a
 * `-- comment` after a closing parenthesis does not break the list it closes.
 */
export function group(d: Doc): Doc {
  const l = popEdge(d, 'lead');
  const t = popEdge(d, 'trail');
  const g: Doc = { t: 'group', d };
  return l || t ? [l ?? '', g, t ?? ''] : g;
}

export const lead = (d: Doc): Doc => ({ t: 'lead', d });
export const lineOr = (flat: string): Doc => ({ t: 'line', flat });

/** Removes and returns a `lead` at the very start or a `trail` at the very end of d. */
function popEdge(d: Doc, kind: 'lead' | 'trail'): Doc | undefined {
  if (Array.isArray(d)) {
    for (let k = 0; k < d.length; k++) {
      const i = kind === 'trail' ? d.length - 1 - k : k;
      const x = d[i];
      if (x === '' || (Array.isArray(x) && x.length === 0)) continue;
      if (typeof x === 'object' && !Array.isArray(x) && x.t === kind) return d.splice(i, 1)[0];
      return popEdge(x, kind);
    }
    return undefined;
  }
  if (typeof d === 'object' && d.t === 'indent') return popEdge(d.d, kind);
  return undefined;
}

/** Joins docs with a separator doc. */
export function join(sep: Doc, docs: Doc[]): Doc[] {
  const out: Doc[] = [];
  docs.forEach((d, i) => {
    if (i) out.push(sep);
    out.push(d);
  });
  return out;
}

const INF = 1e9;

function measure(doc: Doc): Measure {
  if (typeof doc === 'string') return doc.includes('\n') ? { width: INF, hard: true } : { width: doc.length, hard: false };
  if (Array.isArray(doc)) {
    let width = 0;
    let hard = false;
    for (const d of doc) {
      const m = measure(d);
      width += m.width;
      hard = hard || m.hard;
    }
    return { width, hard };
  }
  switch (doc.t) {
    case 'sp': return { width: 1, hard: false };
    case 'line': return { width: doc.flat.length, hard: false };
    case 'hard':
    case 'blank': return { width: INF, hard: true };
    case 'indent':
    case 'trail':
    case 'lead': return measure(doc.d);
    case 'group': return (doc.m ??= measure(doc.d));
  }
}

export interface PrintOptions {
  lineWidth: number;
  indentWidth: number;
  useTabs: boolean;
  /** Indent levels added to every line (statements inside a statement set). */
  baseLevel?: number;
}

export function printDoc(doc: Doc, o: PrintOptions): string {
  const out: string[] = [];
  let col = 0;
  let atLineStart = true;
  let lastSpace = false;
  let blankDone = true; // no blank line at the very start
  const unit = o.useTabs ? '\t' : ' '.repeat(o.indentWidth);
  const newline = () => {
    out.push('\n');
    atLineStart = true;
    lastSpace = false;
    blankDone = false;
    col = 0;
  };
  const text = (s: string, level: number) => {
    if (!s) return;
    if (atLineStart) {
      out.push(unit.repeat(level));
      col = level * o.indentWidth;
    }
    out.push(s);
    const nl = s.lastIndexOf('\n');
    col = nl >= 0 ? s.length - nl - 1 : col + s.length;
    atLineStart = false;
    lastSpace = s.endsWith(' ');
  };
  // An explicit stack instead of recursion: documents of deeply nested expressions stay within the stack.
  const stack: { d: Doc; level: number; flat: boolean }[] = [{ d: doc, level: o.baseLevel ?? 0, flat: false }];
  while (stack.length) {
    const { d, level, flat } = stack.pop()!;
    if (typeof d === 'string') {
      text(d, level);
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push({ d: d[i], level, flat });
      continue;
    }
    switch (d.t) {
      case 'sp':
        if (!atLineStart && !lastSpace) text(' ', level);
        break;
      case 'line':
        if (flat) {
          if (d.flat === ' ') { if (!atLineStart && !lastSpace) text(' ', level); } else text(d.flat, level);
        } else if (!atLineStart) newline();
        break;
      case 'hard':
        if (!atLineStart) newline();
        break;
      case 'blank':
        if (!atLineStart) newline();
        if (!blankDone) { out.push('\n'); blankDone = true; }
        break;
      case 'indent':
        stack.push({ d: d.d, level: level + 1, flat });
        break;
      case 'trail':
      case 'lead':
        stack.push({ d: d.d, level, flat });
        break;
      case 'group': {
        const m = (d.m ??= measure(d.d));
        const startCol = atLineStart ? level * o.indentWidth : col;
        stack.push({ d: d.d, level, flat: flat || (!m.hard && startCol + m.width <= o.lineWidth) });
        break;
      }
    }
  }
  return out.join('');
}
