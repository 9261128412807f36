// Which functions exist per Flink version and which operand families their Calcite checkers accept, read from the
// catalogs tools/function-catalog generates from Flink's jars (functions/flink-<line>.json). Only the signatures of
// FlinkSqlOperatorTable's family checkers are used for argument checks: the new stack's input strategies cast
// implicitly (LogicalTypeCasts), so a mismatch there is not ours to call.
import { CALLABLE_RESERVED, CONTEXT_VARIABLES, SPECIAL_FUNCTIONS } from '../../parser/functions';
import type { FlinkVersion } from '../../parser';
import catalog120 from '../functions/flink-1.20.json';
import catalog23 from '../functions/flink-2.3.json';
import { builtinFunctions } from '../sqlFunctions';
import { inFamily, type LogicalType } from './exprTypes';

interface Generated {
  functions: { name: string; kind: string; signatures: string[]; sources?: string[]; argumentCounts?: Partial<Record<string, number[]>> }[];
}

/** The argument counts a built-in accepts: per source (Calcite's operand count range, the new stack's ArgumentCount). */
export interface ArgumentCounts {
  /** FlinkSqlOperatorTable's range, when the function has one: its wording is Calcite's. */
  calcite?: { min: number; max?: number };
  /** Every source's range together: a count outside all of them is rejected whichever stack answers. */
  ranges: { min: number; max?: number }[];
}

const CATALOGS: Record<FlinkVersion, Generated> = { '1.20': catalog120, '2.3': catalog23 };

/** Names the parser turns into calls that Flink resolves outside the function catalog. */
const SYNTAX_CALLS = [
  'GROUPING SETS', 'GROUPING_SETS', 'ROLLUP', 'CUBE', 'DESCRIPTOR', 'TABLE', 'LATERAL', 'UNNEST', 'VALUES', 'INTERVAL',
  'SOURCE_WATERMARK', 'PROCTIME', 'CURRENT_WATERMARK', 'ML_PREDICT', 'ML_EVALUATE', 'VECTOR_SEARCH', 'FROM_CHANGELOG', 'TO_CHANGELOG',
];

export interface FunctionSignature {
  /** Each form's operand families, e.g. [['NUMERIC', 'INTEGER'], ['NUMERIC']]. */
  forms: string[][];
  /** The forms as Flink prints them in "Supported form(s)". */
  printed: string[];
  /** Whether a type belongs to a family: false only when it surely does not. */
  member: (t: LogicalType, family: string) => boolean | undefined;
}

interface VersionIndex {
  /** The argument counts of each built-in called with plain arguments (not the special syntax of CAST, TRIM…). */
  arities: Map<string, ArgumentCounts>;
  known: Set<string>;
  aggregates: Set<string>;
  signatures: Map<string, FunctionSignature>;
}

const indexes = new Map<FlinkVersion, VersionIndex>();

/** Variadic Calcite checkers (OperandTypes.repeat): the one printed form applies to every argument. */
const VARIADIC = new Set(['CONCAT', 'CONCAT_WS']);

function member(t: LogicalType, family: string): boolean | undefined {
  // CHARACTER operands: Flink's string functions also take BINARY in places; only a non-string type is surely wrong
  if (family === 'CHARACTER' && (t.root === 'BINARY' || t.root === 'VARBINARY')) return undefined;
  return inFamily(t, family);
}

function index(version: FlinkVersion): VersionIndex {
  let ix = indexes.get(version);
  if (ix) return ix;
  ix = { arities: new Map(), known: new Set(), aggregates: new Set(), signatures: new Map() };
  for (const n of [...SPECIAL_FUNCTIONS, ...CONTEXT_VARIABLES, ...CALLABLE_RESERVED, ...SYNTAX_CALLS]) ix.known.add(n.toUpperCase());
  for (const f of builtinFunctions(version)) {
    ix.known.add(f.name.toUpperCase());
    if (f.kind === 'aggregate') ix.aggregates.add(f.name.toUpperCase());
  }
  for (const f of CATALOGS[version].functions) {
    const name = f.name.toUpperCase();
    ix.known.add(name);
    if (f.kind === 'aggregate') ix.aggregates.add(name);
    if ((f.kind === 'scalar' || f.kind === 'aggregate') && f.argumentCounts && !SPECIAL_FUNCTIONS.has(name)) {
      const range = (r: number[]) => ({ min: r[0], ...(r.length > 1 ? { max: r[1] } : {}) });
      const calcite = f.argumentCounts.FlinkSqlOperatorTable;
      ix.arities.set(name, { ...(calcite ? { calcite: range(calcite) } : {}), ranges: Object.values(f.argumentCounts).filter((r): r is number[] => !!r).map(range) });
    }
    if ((f.kind !== 'scalar' && f.kind !== 'aggregate') || f.sources?.length !== 1 || f.sources[0] !== 'FlinkSqlOperatorTable' || !f.signatures.length) continue;
    const forms: string[][] = [];
    let ok = true;
    for (const sig of f.signatures) {
      const m = new RegExp(`^${name}\\(((?:<[A-Z_]+>)(?:, <[A-Z_]+>)*)\\)$`).exec(sig);
      const fams = m?.[1].split(', ').map((x) => x.slice(1, -1));
      if (!fams || fams.some((fam) => inFamily({ root: 'BOOLEAN', text: '', nullable: true }, fam) === undefined)) {
        ok = false;
        break;
      }
      forms.push(fams);
    }
    if (!ok) continue;
    const sig: FunctionSignature = { forms, printed: f.signatures, member };
    if (VARIADIC.has(name)) {
      if (forms.length !== 1 || forms[0].length !== 1) continue;
      const fam = forms[0][0];
      sig.forms = [];
      // arities up to a generous bound: every argument in the one family
      for (let n = 1; n <= 64; n++) sig.forms.push(Array(n).fill(fam));
    }
    ix.signatures.set(name, sig);
  }
  indexes.set(version, ix);
  return ix;
}

export function isKnownFunction(name: string, version: FlinkVersion): boolean {
  return index(version).known.has(name.toUpperCase());
}

export function isAggregate(name: string, version: FlinkVersion): boolean {
  return index(version).aggregates.has(name.toUpperCase());
}

/** The Calcite family signature of a built-in, when all its forms are family checks we model. */
export function functionSignature(name: string, version: FlinkVersion): FunctionSignature | undefined {
  return index(version).signatures.get(name.toUpperCase());
}

/** The argument counts a built-in accepts, from Flink's own type inference (see tools/function-catalog). */
export function functionArities(name: string, version: FlinkVersion): ArgumentCounts | undefined {
  return index(version).arities.get(name.toUpperCase());
}
