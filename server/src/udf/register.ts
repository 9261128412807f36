// Registering UDFs in a draft: the CREATE TEMPORARY FUNCTION statements to insert and where (after the draft's
// leading SET / ADD JAR / CREATE FUNCTION statements, else before its first statement), and the artifact added to the
// deployment config's dependencies without losing its comments. Pure: the caller reads and writes the files.
import * as path from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { parseScript, type FlinkVersion } from '../parser';
import { statementSpan } from '../flink/errorRanges';
import { classifyStatement } from '../flink/statementKinds';
import { applyEdits } from '../deployment/edit';
import { quoteIdentifier } from '../service/rename';

export interface Registration {
  /** The SQL name, e.g. `mask_email`. */
  name: string;
  /** The Java class, or `module.function` of a Python UDF. */
  className: string;
  language: 'java' | 'python';
  /** `USING JAR '<path>'`: for a draft without a deployment config to list the jar in. */
  usingJar?: string;
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function registrationStatement(r: Registration): string {
  return `CREATE TEMPORARY FUNCTION ${quoteIdentifier(r.name)} AS ${sqlString(r.className)}${r.language === 'python' ? ' LANGUAGE PYTHON' : ''}`
    + `${r.usingJar ? ` USING JAR ${sqlString(r.usingJar)}` : ''};`;
}

export interface RegistrationEdit {
  /** Offset in the draft where `text` goes (nothing is replaced). */
  offset: number;
  text: string;
  /** Registrations left out: the draft already registers a function of that name. */
  skipped: Registration[];
  added: Registration[];
}

/** Where the statements go and what exactly is inserted; `undefined` text when nothing is left to add. */
export function registrationEdit(draft: string, regs: readonly Registration[], flinkVersion?: FlinkVersion): RegistrationEdit {
  const { statements } = parseScript(draft, undefined, { flinkVersion });
  const existing = new Set<string>();
  for (const s of statements) {
    const n = s.node;
    if (n?.kind !== 'createFunction' || !n.name) continue;
    const parts = (n.name as { parts?: { value: string }[] }).parts;
    const last = parts?.length ? parts[parts.length - 1].value : (n.name as { value?: string }).value;
    if (last) existing.add(last.toUpperCase());
  }
  const added: Registration[] = [];
  const skipped: Registration[] = [];
  for (const r of regs) {
    if (existing.has(r.name.toUpperCase())) skipped.push(r);
    else {
      added.push(r);
      existing.add(r.name.toUpperCase());
    }
  }
  const lines = added.map(registrationStatement).join('\n');
  // The leading run of statements that set the session up: the functions go right after it.
  let after: (typeof statements)[number] | undefined;
  for (const s of statements) {
    const cls = classifyStatement(s.text, s.node?.kind);
    if (cls === 'set' || cls === 'jar' || s.node?.kind === 'createFunction') after = s;
    else break;
  }
  if (!added.length) return { offset: 0, text: '', skipped, added };
  if (after) {
    let offset = statementSpan(draft, after).end;
    const semi = /^[ \t]*;/.exec(draft.slice(offset));
    if (semi) offset += semi[0].length;
    // past a comment that ends the line, so it stays with its statement
    const rest = /^[ \t]*(?:--[^\n]*)?(?=\r?\n|$)/.exec(draft.slice(offset));
    if (rest) offset += rest[0].length;
    return { offset, text: `\n${lines}`, skipped, added };
  }
  const first = statements.find((s) => s.text.trim());
  if (!first) {
    const sep = draft.length && !draft.endsWith('\n') ? '\n' : '';
    return { offset: draft.length, text: `${sep}${lines}\n`, skipped, added };
  }
  return { offset: statementSpan(draft, first).start, text: `${lines}\n\n`, skipped, added };
}

/** The draft with the edit applied (CLI, tests). */
export function applyRegistration(draft: string, edit: RegistrationEdit): string {
  return draft.slice(0, edit.offset) + edit.text + draft.slice(edit.offset);
}

/**
 * The deployment config with `artifact` in its dependencies (a path relative to the config, `/`-separated), or
 * undefined when it is there already. Throws when the config is not YAML (the caller says so; nothing is written).
 */
export function withDependency(configText: string, configPath: string, artifact: string): string | undefined {
  const rel = path.relative(path.dirname(configPath), artifact).split(path.sep).join('/');
  const doc = parseDocument(configText);
  if (doc.errors.length) throw new Error(`${path.basename(configPath)} is not valid YAML: fix it before adding the dependency`);
  const node = doc.get('dependencies');
  const list = isSeq(node) ? node.items.map((i) => String((i as { value?: unknown })?.value ?? i)) : [];
  const target = path.resolve(artifact);
  if (list.some((d) => path.resolve(path.dirname(configPath), d) === target)) return undefined;
  if (!isSeq(node)) return applyEdits(configText, [{ path: 'dependencies', value: [rel] }]);
  // Added to the list node itself, so a comment on it (`dependencies: []  # jars`) stays.
  node.add(doc.createNode(rel));
  return doc.toString({ lineWidth: 0 });
}
