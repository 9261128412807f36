// Memory sizes and durations in the forms Flink's MemorySize and TimeUtils accept, plus the binary-unit
// spellings people write (`1.5 GiB`), parsed to bytes / milliseconds and rendered in one normalised form.

const MEMORY_UNITS: Record<string, number> = {};
const addMemory = (factor: number, ...names: string[]) => { for (const n of names) MEMORY_UNITS[n] = factor; };
addMemory(1, '', 'b', 'bytes');
addMemory(1024, 'k', 'kb', 'kib', 'kibibytes');
addMemory(1024 ** 2, 'm', 'mb', 'mib', 'mebibytes');
addMemory(1024 ** 3, 'g', 'gb', 'gib', 'gibibytes');
addMemory(1024 ** 4, 't', 'tb', 'tib', 'tebibytes');

const DURATION_UNITS: Record<string, number> = {};
const addDuration = (factor: number, ...names: string[]) => { for (const n of names) DURATION_UNITS[n] = factor; };
addDuration(1, '', 'ms', 'milli', 'millis', 'millisecond', 'milliseconds');
addDuration(1000, 's', 'sec', 'secs', 'second', 'seconds');
addDuration(60_000, 'min', 'm', 'minute', 'minutes');
addDuration(3_600_000, 'h', 'hour', 'hours');
addDuration(86_400_000, 'd', 'day', 'days');

const NUMBER_UNIT = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/;

function parseWithUnits(value: string | number, units: Record<string, number>): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = NUMBER_UNIT.exec(value);
  if (!m) return undefined;
  const factor = units[m[2]!.toLowerCase()];
  if (factor === undefined) return undefined;
  return Math.round(Number(m[1]) * factor);
}

/** Bytes, or undefined when the text is not a memory size. A bare number is bytes, as in Flink. */
export function parseMemory(value: string | number): number | undefined {
  return parseWithUnits(value, MEMORY_UNITS);
}

/** Milliseconds, or undefined when the text is not a duration. A bare number is milliseconds, as in Flink. */
export function parseDuration(value: string | number): number | undefined {
  return parseWithUnits(value, DURATION_UNITS);
}

const MEMORY_RENDER: Array<[number, string, string]> = [
  [1024 ** 4, 'TiB', 't'], [1024 ** 3, 'GiB', 'g'], [1024 ** 2, 'MiB', 'm'], [1024, 'KiB', 'k'], [1, 'B', 'b'],
];
const DURATION_RENDER: Array<[number, string]> = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'min'], [1000, 's'], [1, 'ms']];

/** `1536 MiB` for 1.5 GiB: the largest binary unit that divides the size exactly. */
export function formatMemory(bytes: number): string {
  const [factor, unit] = MEMORY_RENDER.find(([f]) => bytes % f === 0 && bytes > 0) ?? [1, 'B'];
  return `${bytes / factor} ${unit}`;
}

/** The same size in Flink's MemorySize syntax (`1536m`), which has no fractions. */
export function flinkMemory(bytes: number): string {
  const [factor, , unit] = MEMORY_RENDER.find(([f]) => bytes % f === 0 && bytes > 0) ?? [1, 'B', 'b'];
  return `${bytes / factor}${unit}`;
}

/** `10 s`, `1 min`, `500 ms`: the largest unit that divides the duration exactly (also what TimeUtils reads). */
export function formatDuration(ms: number): string {
  const [factor, unit] = DURATION_RENDER.find(([f]) => ms % f === 0 && ms > 0) ?? [1, 'ms'];
  return `${ms / factor} ${unit}`;
}

export const MIB = 1024 ** 2;
export const GIB = 1024 ** 3;
