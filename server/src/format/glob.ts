// EditorConfig globs (`*`, `**`, `?`, `[abc]`, `[!a-z]`, `{a,b}`, `{1..3}`, `\` escapes) matched in time linear in
// the name: the glob compiles to a small automaton that is run over the name with a set of states (Thompson/Pike),
// never backtracking. picomatch 4 and minimatch 10 compile globs to backtracking regular expressions: both took
// minutes on `*a*a…*b` against a 40-character name, which is why this is not one of them.

type Instr =
  | { op: 'char'; test: (c: string) => boolean }
  | { op: 'split'; to: number[] }
  | { op: 'jmp'; to: number }
  | { op: 'match' };

/** Longer globs are not matched at all (no real .editorconfig section comes near). */
export const MAX_GLOB_LENGTH = 4096;
/** A `{n..m}` range with more numbers than this is taken literally. */
const MAX_RANGE = 1000;

class Compiler {
  readonly code: Instr[] = [];

  constructor(private readonly glob: string) {}

  /** Emits glob[from, to). */
  seq(from: number, to: number): void {
    const g = this.glob;
    for (let i = from; i < to; i++) {
      const c = g[i]!;
      if (c === '\\' && i + 1 < to) { this.literal(g[++i]!); continue; }
      if (c === '*') {
        const any = g[i + 1] === '*';
        if (any) i++;
        const loop = this.code.length;
        const split: Instr = { op: 'split', to: [] };
        this.code.push(split);
        const body = this.code.length;
        this.code.push({ op: 'char', test: any ? () => true : (ch) => ch !== '/' }, { op: 'jmp', to: loop });
        split.to.push(body, this.code.length);
        continue;
      }
      if (c === '?') { this.code.push({ op: 'char', test: (ch) => ch !== '/' }); continue; }
      if (c === '[') {
        const end = this.classEnd(i, to);
        if (end > 0) { this.code.push({ op: 'char', test: this.charClass(i + 1, end) }); i = end; continue; }
      }
      if (c === '{') {
        const end = this.braceEnd(i, to);
        if (end > 0 && this.braces(i + 1, end)) { i = end; continue; }
      }
      this.literal(c);
    }
  }

  private literal(c: string): void {
    this.code.push({ op: 'char', test: (ch) => ch === c });
  }

  /** Index of the `]` closing the class at `start`, or -1. */
  private classEnd(start: number, to: number): number {
    let i = start + 1;
    if (this.glob[i] === '!' || this.glob[i] === '^') i++;
    if (this.glob[i] === ']') i++; // a leading ] is a member
    for (; i < to; i++) {
      if (this.glob[i] === '\\') i++;
      else if (this.glob[i] === ']') return i;
      else if (this.glob[i] === '/') return -1; // a class never spans a path separator
    }
    return -1;
  }

  private charClass(from: number, to: number): (c: string) => boolean {
    let i = from;
    const negate = this.glob[i] === '!' || this.glob[i] === '^';
    if (negate) i++;
    const ranges: Array<[string, string]> = [];
    for (; i < to; i++) {
      let lo = this.glob[i]!;
      if (lo === '\\' && i + 1 < to) lo = this.glob[++i]!;
      if (this.glob[i + 1] === '-' && i + 2 < to) {
        let hi = this.glob[i + 2]!;
        i += 2;
        if (hi === '\\' && i + 1 < to) hi = this.glob[++i]!;
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    return (c) => c !== '/' && ranges.some(([lo, hi]) => c >= lo && c <= hi) !== negate;
  }

  /** Index of the `}` closing the brace at `start` (nesting and escapes respected), or -1. */
  private braceEnd(start: number, to: number): number {
    let depth = 0;
    for (let i = start; i < to; i++) {
      const c = this.glob[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return i;
    }
    return -1;
  }

  /** Emits `{…}` between from and to (exclusive); false: not a set or range, so the caller takes `{` literally. */
  private braces(from: number, to: number): boolean {
    const inner = this.glob.slice(from, to);
    const range = /^([+-]?\d+)\.\.([+-]?\d+)$/.exec(inner);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (Math.abs(a - b) >= MAX_RANGE) return false;
      const numbers: string[] = [];
      for (let n = Math.min(a, b); n <= Math.max(a, b); n++) numbers.push(String(n));
      this.alternatives(numbers.map((n) => () => { for (const ch of n) this.literal(ch); }));
      return true;
    }
    const parts: Array<[number, number]> = [];
    let depth = 0;
    let partStart = from;
    for (let i = from; i < to; i++) {
      const c = this.glob[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === ',' && depth === 0) { parts.push([partStart, i]); partStart = i + 1; }
    }
    parts.push([partStart, to]);
    if (parts.length < 2) return false;
    this.alternatives(parts.map(([s, e]) => () => this.seq(s, e)));
    return true;
  }

  private alternatives(emitters: Array<() => void>): void {
    const split: Instr = { op: 'split', to: [] };
    this.code.push(split);
    const jumps: Array<{ op: 'jmp'; to: number }> = [];
    for (const emit of emitters) {
      split.to.push(this.code.length);
      emit();
      const jmp = { op: 'jmp' as const, to: -1 };
      jumps.push(jmp);
      this.code.push(jmp);
    }
    for (const j of jumps) j.to = this.code.length;
  }
}

/** A matcher of whole names (`/`-separated) for `glob`; O(name length × glob length) per call. */
export function compileGlob(glob: string): (name: string) => boolean {
  if (glob.length > MAX_GLOB_LENGTH) return () => false;
  const compiler = new Compiler(glob);
  compiler.seq(0, glob.length);
  const code = compiler.code;
  code.push({ op: 'match' });
  const seen = new Int32Array(code.length);
  let generation = 0;

  const add = (list: number[], pc: number): void => {
    // Iterative closure over jumps and splits (a deep brace nesting must not overflow the stack).
    const stack = [pc];
    while (stack.length) {
      const p = stack.pop()!;
      if (seen[p] === generation) continue;
      seen[p] = generation;
      const ins = code[p]!;
      if (ins.op === 'jmp') stack.push(ins.to);
      else if (ins.op === 'split') for (let k = ins.to.length - 1; k >= 0; k--) stack.push(ins.to[k]!);
      else list.push(p);
    }
  };

  return (name) => {
    let current: number[] = [];
    generation++;
    add(current, 0);
    for (const c of name) {
      if (!current.length) return false;
      const next: number[] = [];
      generation++;
      for (const pc of current) {
        const ins = code[pc]!;
        if (ins.op === 'char' && ins.test(c)) add(next, pc + 1);
      }
      current = next;
    }
    return current.some((pc) => code[pc]!.op === 'match');
  };
}
