// Whether Flink would parse an option's value: the same rules as Flink's own conversions, so a draft is flagged
// exactly when `Configuration#get` would throw "Could not parse value '…' for key '…'". The sources mirrored:
//  - ConfigurationUtils.convertValue / convertToBoolean, convertToInt, convertToLong, convertToFloat,
//    convertToDouble, convertToEnum, and StructuredOptionsSplitter for lists (`;`) and maps (`k1:v1,k2:v2`)
//    (flink-core/src/main/java/org/apache/flink/configuration/ConfigurationUtils.java)
//  - TimeUtils.parseDuration (flink-core/src/main/java/org/apache/flink/util/TimeUtils.java)
//  - MemorySize.parseBytes (flink-core/src/main/java/org/apache/flink/configuration/MemorySize.java)
import type { CatalogOption } from './catalogTypes';
import { closest } from './connectorCatalog';
import { refsInValue } from '../secrets/secretRefs';

export interface ValueProblem {
  /** What Flink would say, and what to write instead. */
  message: string;
  /** For an enum: the closest accepted value, for a quick fix. */
  suggestion?: string;
}

/** TimeUtils.TimeUnit labels (singular and plural); `m` for minutes too, which newer versions accept (lenient: never flag what Flink may take). */
const DURATION_UNITS = new Map<string, string>([
  ...['d', 'day', 'days'].map((l) => [l, 'DAYS'] as const),
  ...['h', 'hour', 'hours'].map((l) => [l, 'HOURS'] as const),
  ...['min', 'm', 'minute', 'minutes'].map((l) => [l, 'MINUTES'] as const),
  ...['s', 'sec', 'secs', 'second', 'seconds'].map((l) => [l, 'SECONDS'] as const),
  ...['ms', 'milli', 'millis', 'millisecond', 'milliseconds'].map((l) => [l, 'MILLISECONDS'] as const),
  ...['µs', 'micro', 'micros', 'microsecond', 'microseconds'].map((l) => [l, 'MICROSECONDS'] as const),
  ...['ns', 'nano', 'nanos', 'nanosecond', 'nanoseconds'].map((l) => [l, 'NANOSECONDS'] as const),
]);

/** MemorySize.MemoryUnit labels. */
const MEMORY_UNITS = ['b', 'bytes', 'k', 'kb', 'kibibytes', 'm', 'mb', 'mebibytes', 'g', 'gb', 'gibibytes', 't', 'tb', 'tebibytes'];

const LONG_MAX = 2n ** 63n - 1n;

/** `digits` then a unit label, as TimeUtils.parseDuration and MemorySize.parseBytes split their input. */
function numberAndUnit(text: string): { number: string; unit: string } | string {
  const trimmed = text.trim();
  if (!trimmed) return 'argument is an empty- or whitespace-only string';
  let pos = 0;
  while (pos < trimmed.length && trimmed[pos] >= '0' && trimmed[pos] <= '9') pos++;
  const number = trimmed.slice(0, pos);
  if (!number) return 'text does not start with a number';
  if (BigInt(number) > LONG_MAX) return `the value '${number}' cannot be represented as 64bit number (numeric overflow)`;
  return { number, unit: trimmed.slice(pos).trim().toLowerCase() };
}

export function durationProblem(text: string): string | undefined {
  // Java's Duration.parse (ISO-8601, `PT10S`) is accepted by newer Flink versions; never flag it.
  if (/^\s*[-+]?P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:[.,]\d+)?S)?)?\s*$/i.test(text) && /\d/.test(text)) return undefined;
  const parts = numberAndUnit(text);
  if (typeof parts === 'string') return parts;
  if (parts.unit && !DURATION_UNITS.has(parts.unit)) {
    return `time interval unit label '${parts.unit}' does not match any of the recognized units: d, h, min (m), s, ms, µs, ns (or day, hour, minute, second, milli…)`;
  }
  return undefined;
}

export function memorySizeProblem(text: string): string | undefined {
  const parts = numberAndUnit(text);
  if (typeof parts === 'string') return parts;
  if (parts.unit && !MEMORY_UNITS.includes(parts.unit)) {
    return `memory size unit '${parts.unit}' does not match any of the recognized units: (b | bytes) / (k | kb | kibibytes) / (m | mb | mebibytes) / (g | gb | gibibytes) / (t | tb | tebibytes)`;
  }
  return undefined;
}

/** Integer.parseInt / Long.parseLong: an optional sign and decimal digits, nothing else (no spaces), in range. */
function integerProblem(text: string, bits: 32 | 64): string | undefined {
  if (!/^[+-]?\d+$/.test(text)) return `'${text}' is not a whole number`;
  const v = BigInt(text);
  const max = 2n ** BigInt(bits - 1);
  if (v >= max || v < -max) return `'${text}' is out of range for a ${bits === 32 ? 'Integer' : 'Long'}`;
  return undefined;
}

/** Float.parseFloat / Double.parseDouble (FloatingDecimal): surrounding whitespace allowed, NaN, Infinity, an f/d suffix, hex floats. */
function floatProblem(text: string): string | undefined {
  const t = text.trim();
  if (/^[+-]?(NaN|Infinity)$/.test(t)) return undefined;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?$/.test(t)) return undefined;
  if (/^[+-]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+[fFdD]?$/.test(t)) return undefined;
  return `'${text}' is not a number`;
}

/**
 * StructuredOptionsSplitter.splitEscaped: splits on `delimiter` outside single- or double-quoted parts (a doubled
 * quote inside quotes is one quote); quotes are removed.
 */
export function splitEscaped(text: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new Error(`Could not split string. Quoting was not closed properly.`);
        if (text[j] === c) {
          if (text[j + 1] === c) { cur += c; j += 2; continue; }
          break;
        }
        cur += text[j++];
      }
      i = j + 1;
    } else if (c === delimiter) {
      out.push(cur);
      cur = '';
      i++;
    } else {
      cur += c;
      i++;
    }
  }
  out.push(cur);
  return out;
}

function elementProblem(option: CatalogOption, text: string): ValueProblem | undefined {
  switch (option.type) {
    case 'Boolean':
      // convertToBoolean: "TRUE"/"FALSE" after toUpperCase, nothing else (not yes/no, not 1/0).
      return /^(true|false)$/i.test(text) ? undefined
        : { message: `Unrecognized option for boolean: ${text}. Expected either true or false (case insensitive).`, suggestion: /^(yes|y|1|on)$/i.test(text) ? 'true' : /^(no|n|0|off)$/i.test(text) ? 'false' : undefined };
    case 'Integer': case 'Long': {
      const p = integerProblem(text, option.type === 'Integer' ? 32 : 64);
      return p ? { message: `${p}; expected ${option.type === 'Integer' ? 'an Integer' : 'a Long'}, e.g. '${option.default ?? '100'}'.` } : undefined;
    }
    case 'Float': case 'Double': {
      const p = floatProblem(text);
      return p ? { message: `${p}; expected a ${option.type}, e.g. '${option.default ?? '0.5'}'.` } : undefined;
    }
    case 'Duration': {
      const p = durationProblem(text);
      return p ? { message: `${capitalize(p)}; expected a duration such as '10 s', '500 ms', '1 min' or '1 h'.` } : undefined;
    }
    case 'MemorySize': {
      const p = memorySizeProblem(text);
      return p ? { message: `${capitalize(p)}; expected a memory size such as '512 kb', '64 mb' or '1 gb'.` } : undefined;
    }
    case 'Enum': {
      const values = option.enumValues ?? [];
      // convertToEnum: the constant whose toString() equals the value, both upper-cased (Locale.ROOT).
      if (!values.length || values.some((v) => v.toUpperCase() === text.toUpperCase())) return undefined;
      return {
        message: `Could not parse value for enum: '${text}'. Expected one of: [${values.join(', ')}].`,
        suggestion: closest(text, values) ?? closestByPrefix(text, values),
      };
    }
    case 'Map': {
      // convertToProperties: entries split on `,`, each split on `:` into exactly a key and a value.
      let entries: string[];
      try {
        entries = splitEscaped(text, ',');
      } catch (e) {
        return { message: `${(e as Error).message}` };
      }
      for (const e of entries) {
        if (splitEscaped(e, ':').length !== 2) return { message: `Could not parse '${e}' as a map entry: expected 'key:value' entries separated by ',' (e.g. 'k1:v1,k2:v2').` };
      }
      return undefined;
    }
    default:
      return undefined; // String, Password
  }
}

/** What is wrong with `value` for `option`, or undefined when Flink would parse it. */
export function valueProblem(option: CatalogOption, key: string, value: string): ValueProblem | undefined {
  // A `${secret:…}` / `${env:…}` reference is resolved only when the statement is sent: its value is not known here.
  if (refsInValue(value).length) return undefined;
  if (option.list) {
    if (option.type === 'String' || option.type === 'Password') return undefined;
    let items: string[];
    try {
      items = splitEscaped(value, ';');
    } catch (e) {
      return { message: `Could not parse value '${value}' for key '${key}': ${(e as Error).message}` };
    }
    for (const item of items) {
      const p = elementProblem(option, item);
      if (p) return { message: `Could not parse value '${value}' for key '${key}' (a list separated by ';'): ${p.message}` };
    }
    return undefined;
  }
  const p = elementProblem(option, value);
  return p && { ...p, message: `Could not parse value '${value}' for key '${key}'. ${p.message}` };
}

function closestByPrefix(text: string, values: readonly string[]): string | undefined {
  const t = text.toLowerCase();
  const hits = values.filter((v) => v.toLowerCase().startsWith(t) || t.startsWith(v.toLowerCase()));
  return hits.length === 1 ? hits[0] : undefined;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A value to offer for an option of this type (completion templates). */
export function valueTemplates(option: CatalogOption): string[] {
  switch (option.type) {
    case 'Boolean': return ['true', 'false'];
    case 'Enum': return option.enumValues ?? [];
    case 'Duration': return ['10 s', '500 ms', '1 min', '1 h'];
    case 'MemorySize': return ['64 mb', '128 mb', '1 gb'];
    default: return [];
  }
}
