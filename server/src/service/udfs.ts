// The draft's registered user-defined functions (CREATE [TEMPORARY] [SYSTEM] FUNCTION name AS 'class') joined with
// what is known of its artifacts (ServiceContext.udfs): their signatures for completion and hover, and the
// diagnostic for a Java class that none of the draft's jar dependencies contains.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { ParsedStatement, StringLit } from '../parser';
import { signatureLines, type UdfContext, type UdfInfo } from '../udf/types';
import type { AnalyzedDocument } from './document';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export interface DraftUdf {
  /** The name as registered (its last part), e.g. `mask_email`. */
  name: string;
  className: string;
  language: 'java' | 'python';
  statement: ParsedStatement;
  /** The class string literal, relative to the statement. */
  classSpan?: StringLit;
  /** `USING JAR …`: the statement brings its own artifact. */
  usingJar: boolean;
  info?: UdfInfo;
}

/** The CREATE FUNCTION statements of the draft (before `before`, when given), with what the artifacts say of each. */
export function draftUdfs(doc: AnalyzedDocument, udfs: UdfContext | undefined, before = Infinity): DraftUdf[] {
  const out: DraftUdf[] = [];
  for (const s of doc.script.statements) {
    if (s.start >= before) break;
    const n = s.node;
    if (n?.kind !== 'createFunction' || !n.name) continue;
    const parts = (n.name as { parts?: { value: string }[] }).parts;
    const name = parts?.length ? parts[parts.length - 1].value : (n.name as { value?: string }).value;
    const lit = n.className as StringLit | undefined;
    if (!name || !lit) continue;
    const language = typeof n.language === 'string' && n.language.toUpperCase() === 'PYTHON' ? 'python' : 'java';
    if (typeof n.language === 'string' && n.language.toUpperCase() === 'SQL') continue;
    out.push({
      name, className: lit.value, language, statement: s, classSpan: lit, usingJar: Array.isArray(n.resources) && n.resources.length > 0,
      info: udfs?.byClass.get(lit.value),
    });
  }
  return out;
}

/** The registered function called `name` (any case) before `before`: the latest registration wins. */
export function draftUdf(doc: AnalyzedDocument, udfs: UdfContext | undefined, name: string, before = Infinity): DraftUdf | undefined {
  const upper = name.toUpperCase();
  return draftUdfs(doc, udfs, before).filter((u) => u.name.toUpperCase() === upper).pop();
}

const KIND_WORDS: Record<string, string> = {
  scalar: 'scalar function', table: 'table function', aggregate: 'aggregate function', table_aggregate: 'table aggregate function',
  process_table: 'process table function',
};

/** Completion detail: the first signature, else the class. */
export function udfDetail(u: DraftUdf): string {
  return u.info ? signatureLines(u.name, u.info)[0] : `function ${u.className}`;
}

/** Hover and completion documentation: signatures as Flink infers them, the class, the kind. */
export function udfMarkdown(u: DraftUdf): string {
  const temporary = u.statement.node?.temporary === true ? 'temporary ' : '';
  const out = [`**${temporary}${u.info ? KIND_WORDS[u.info.kind] : 'function'}** \`${u.name}\``];
  if (u.info) {
    out.push('', '```flink-sql', ...signatureLines(u.name, u.info), '```');
    if (u.info.note) out.push('', `*${u.info.note}*`);
    const how = u.info.inference === 'flink' ? "signatures from Flink's type inference" : u.info.inference === 'decorator' ? 'types from the PyFlink decorator' : 'signatures read from its eval methods';
    out.push('', `implemented by \`${u.className}\`${u.language === 'python' ? ' (Python)' : ''} — ${how}`);
  } else {
    out.push('', `implemented by \`${u.className}\`${u.language === 'python' ? ' (Python)' : ''}`);
  }
  return out.join('\n');
}

/** Edit distance, for "did you mean" (class names are short enough). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

const packageOf = (cls: string) => cls.slice(0, Math.max(0, cls.lastIndexOf('.')));

/**
 * A Java class that the draft's jar dependencies do not contain, once every one of them was read. An Error only where
 * the class is in a package of those jars (a typo or a class missing from the user's own jar); elsewhere a Warning,
 * since the session cluster's own lib/ may hold it. Statements with USING JAR bring their own jar: not checked.
 */
export function udfDiagnostics(doc: AnalyzedDocument, udfs: UdfContext | undefined): Diagnostic[] {
  if (!udfs?.jarsKnown || !udfs.jars.length) return [];
  const out: Diagnostic[] = [];
  const known = [...udfs.byClass.values()].filter((f) => f.language === 'java').map((f) => f.className);
  const packages = new Set([...known, ...(udfs.failedClasses ?? [])].map(packageOf));
  for (const u of draftUdfs(doc, udfs)) {
    if (u.language !== 'java' || u.usingJar || u.info || udfs.failedClasses?.has(u.className) || !u.classSpan) continue;
    const ours = packages.has(packageOf(u.className));
    const close = known.map((k) => ({ k, d: distance(k, u.className) })).filter((x) => x.d <= Math.max(2, Math.floor(u.className.length / 5))).sort((a, b) => a.d - b.d)[0];
    const where = udfs.jars.join(', ');
    const message = ours
      ? `Class '${u.className}' is not a user-defined function in ${where}${close ? `: did you mean '${close.k}'?` : ''}`
      : `Class '${u.className}' is in none of the draft's dependencies (${where}): it must be on the cluster's classpath`;
    const start = u.statement.start + u.classSpan.start;
    out.push({
      range: doc.lines.rangeOf(start, u.statement.start + u.classSpan.end), severity: ours ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE, code: 'udf-class-not-found', message,
    });
  }
  return out;
}
