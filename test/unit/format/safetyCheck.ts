// Shared by the formatter's tests and scripts/format-oracle.ts: the corpus's Flink-valid statements, and the
// meaning-kept check — same tokens once whitespace and comments are set aside, keywords compared
// case-insensitively, identifiers exactly (as the parser itself reads them), same comments in the same order.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { NON_RESERVED_KEYWORDS, parseScript, RESERVED, tokenize, type Token } from '../../../server/src/parser';
import { Parser } from '../../../server/src/parser/parserBase';
import { parseStatementText } from '../../../server/src/parser/statements';
import { builtinFunction } from '../../../server/src/service/sqlFunctions';
import { loadCorpus, type CorpusCase } from '../parser/corpus';

export function tourCases(): CorpusCase[] {
  const file = path.join(__dirname, '..', 'parser', 'fixtures', 'handwritten.jsonl');
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as CorpusCase);
}

/** Every Flink-valid statement of the corpus (oracle labels) and of the grammar tour. */
export function validCases(): CorpusCase[] {
  return [...loadCorpus().cases, ...tourCases()].filter((c) => c.valid);
}

/** Offsets (into `text`) of the words the parser read as identifiers: the tree's, and those it read but did not keep. */
export function identifierOffsets(text: string): Set<number> {
  const out = new Set<number>();
  const callees = new Set<number>();
  const proto = Parser.prototype as unknown as { acceptIdent: (this: Parser) => { start: number } | undefined };
  const original = proto.acceptIdent;
  for (const st of parseScript(text).statements) {
    proto.acceptIdent = function (this: Parser) {
      const id = original.call(this);
      if (id) out.add(st.start + id.start);
      return id;
    };
    try {
      parseStatementText(st.text);
    } finally {
      proto.acceptIdent = original;
    }
    const stack: unknown[] = [st.node];
    const seen = new Set<object>();
    while (stack.length) {
      const v = stack.pop();
      if (typeof v !== 'object' || v === null || seen.has(v)) continue;
      seen.add(v);
      const o = v as { quoted?: unknown; start?: unknown; kind?: unknown; name?: unknown; callee?: { parts?: { start: number }[] } };
      if (typeof o.quoted === 'boolean' && typeof o.start === 'number') out.add(st.start + o.start);
      // a built-in function's name is not case-sensitive
      if (o.kind === 'call' && typeof o.name === 'string' && builtinFunction(o.name) && o.callee?.parts?.length === 1) callees.add(st.start + o.callee.parts[0].start);
      stack.push(...Object.values(v));
    }
  }
  for (const c of callees) out.delete(c);
  return out;
}

const isKeyword = (t: Token) => RESERVED.has(t.upper) || NON_RESERVED_KEYWORDS.has(t.upper) || builtinFunction(t.text) !== undefined;

/** The first difference between the token sequences of `before` and `after` (undefined when they agree). */
export function tokenDifference(before: string, after: string): string | undefined {
  const a = tokenize(before).tokens;
  const b = tokenize(after).tokens;
  const ids = identifierOffsets(before);
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const x = a[k];
    const y = b[k];
    if (!x || !y || x.type !== y.type) return `token ${k}: ${x?.text} vs ${y?.text}`;
    const same = x.type === 'word' && isKeyword(x) && !ids.has(x.start) ? x.upper === y.upper : x.text === y.text;
    if (!same) return `token ${k}: ${JSON.stringify(x.text)} became ${JSON.stringify(y.text)}${ids.has(x.start) ? ' (an identifier)' : ''}`;
  }
  return undefined;
}

/** The comments of a text, in order (trailing blanks aside). */
export function commentsOf(text: string): string[] {
  return tokenize(text, { comments: true }).tokens.filter((t) => t.type === 'comment').map((t) => t.text.replace(/[ \t\f\r]+$/, ''));
}

/** The hash the formatter's oracle labels carry of the formatted text they judged. */
export const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
