// What the formatter asks of the statement's tree, gathered in one walk: identifiers (kept as written),
// built-in function names (cased), calls and data types (a `(` right after their name is glued), data type
// spans (their `<` `>` are brackets), unary signs, and MATCH_RECOGNIZE bodies (the tree keeps no identifiers there).
import type { StatementNode } from '../parser';
import { builtinFunction } from '../service/sqlFunctions';

export interface TreeFacts {
  identifiers: Set<number>;
  functionNames: Set<number>;
  callStarts: Set<number>;
  typeStarts: Set<number>;
  typeSpans: { start: number; end: number }[];
  unaryStarts: Set<number>;
  opaque: { start: number; end: number }[];
}

const WORD_FUNCTIONS = new Set(['TUMBLE', 'HOP', 'CUMULATE', 'SESSION', 'DESCRIPTOR']);

interface Part { value: string; quoted: boolean; start: number }

export function treeFacts(node: StatementNode | undefined): TreeFacts {
  const f: TreeFacts = {
    identifiers: new Set(), functionNames: new Set(), callStarts: new Set(), typeStarts: new Set(), typeSpans: [], unaryStarts: new Set(), opaque: [],
  };
  const stack: unknown[] = [node];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      continue;
    }
    const o = v as Record<string, unknown>;
    const start = o.start;
    if (typeof start === 'number') {
      if (typeof o.quoted === 'boolean' && typeof o.value === 'string') f.identifiers.add(start);
      switch (o.kind) {
        case 'call': {
          f.callStarts.add(start);
          const parts = (o.callee as { parts?: Part[] } | undefined)?.parts;
          if (parts?.length === 1 && !parts[0].quoted && (builtinFunction(parts[0].value) || WORD_FUNCTIONS.has(parts[0].value.toUpperCase()))) {
            f.functionNames.add(parts[0].start);
          }
          break;
        }
        case 'descriptor':
          f.callStarts.add(start);
          break;
        case 'dataType':
          f.typeStarts.add(start);
          f.typeSpans.push({ start, end: o.end as number });
          break;
        case 'unary':
          if (o.op === '-' || o.op === '+') f.unaryStarts.add(start);
          break;
        case 'matchRecognize':
          f.opaque.push({ start: (o.input as { end?: number } | undefined)?.end ?? start, end: o.end as number });
          break;
      }
    }
    for (const k in o) {
      const c = o[k];
      if (typeof c === 'object' && c !== null) stack.push(c);
    }
  }
  return f;
}
