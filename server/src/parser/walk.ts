// Generic tree walk over statement and expression nodes (anything with a string `kind`), for analyses
// such as completion, outline and option checks that need "all table references" or "all calls".

export interface WalkNode {
  kind: string;
  start: number;
  end: number;
}

function isNode(v: unknown): v is WalkNode {
  return typeof v === 'object' && v !== null && typeof (v as WalkNode).kind === 'string' && typeof (v as WalkNode).start === 'number';
}

/**
 * Visits `root` and every node below it, depth first, in source order of the fields.
 * Return `false` from `visit` to skip a node's children.
 */
export function walk(root: unknown, visit: (node: WalkNode, parent: WalkNode | undefined) => boolean | void): void {
  const stack: { value: unknown; parent: WalkNode | undefined }[] = [{ value: root, parent: undefined }];
  const seen = new Set<object>();
  while (stack.length) {
    const { value, parent } = stack.pop()!;
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) continue;
      seen.add(value);
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], parent });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    let next = parent;
    if (isNode(value)) {
      if (visit(value, parent) === false) continue;
      next = value;
    }
    const children = Object.values(value as Record<string, unknown>).filter((v) => typeof v === 'object' && v !== null);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ value: children[i], parent: next });
  }
}

/** All nodes of one kind below `root`, in walk order. */
export function collect<T extends WalkNode = WalkNode>(root: unknown, kind: string): T[] {
  const out: T[] = [];
  walk(root, (n) => {
    if (n.kind === kind) out.push(n as T);
  });
  return out;
}
