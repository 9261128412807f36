// Flink's built-in functions indexed by name (from sqlFunctionData.ts), for completion and hover.
import { FUNCTION_ENTRIES } from './sqlFunctionData';

export interface FunctionSignature {
  signature: string;
  description: string;
}

export interface SqlFunction {
  name: string;
  category: string;
  signatures: FunctionSignature[];
  /** Called without parentheses (CURRENT_TIMESTAMP, LOCALTIME…). */
  niladic: boolean;
}

function build(): Map<string, SqlFunction> {
  const map = new Map<string, SqlFunction>();
  for (const [category, signature, description] of FUNCTION_ENTRIES) {
    const name = /^[A-Z_][A-Z0-9_]*/.exec(signature)?.[0];
    if (!name) continue;
    const existing = map.get(name);
    if (existing) {
      existing.signatures.push({ signature, description });
      continue;
    }
    map.set(name, { name, category, signatures: [{ signature, description }], niladic: signature === name });
  }
  return map;
}

const FUNCTIONS = build();

/** All built-in functions, in the data file's order (grouped by category). */
export function builtinFunctions(): Iterable<SqlFunction> {
  return FUNCTIONS.values();
}

/** The built-in function called `name` (any case), if any. */
export function builtinFunction(name: string): SqlFunction | undefined {
  return FUNCTIONS.get(name.toUpperCase());
}

/** Markdown for hover and completion documentation: every signature, then its description. */
export function functionMarkdown(fn: SqlFunction): string {
  const sigs = fn.signatures.map((s) => s.signature).join('\n');
  const descriptions = [...new Set(fn.signatures.map((s) => s.description))];
  return ['```flink-sql', sigs, '```', descriptions.join('\n\n'), '', `*Flink built-in ${fn.category} function*`].join('\n');
}
