// The formatter's options, their defaults, and the one place that turns loose input (VS Code settings,
// .editorconfig, CLI flags) into a complete, valid FormatOptions.

export type KeywordCase = 'upper' | 'lower' | 'preserve';
export type CommaPosition = 'trailing' | 'leading';

export interface FormatOptions {
  /** Spaces per indent level (also the width of a tab when `useTabs`). */
  indentWidth: number;
  /** Indent with tabs instead of spaces (.editorconfig `indent_style = tab`). */
  useTabs: boolean;
  /** Case of keywords and built-in function names; identifiers are always kept as written. */
  keywordCase: KeywordCase;
  /** Lists (select items, column definitions, arguments) break one item per line beyond this width. */
  lineWidth: number;
  commaPosition: CommaPosition;
  /** Pad `WITH ('key' = 'value')` keys so the `=` signs line up. */
  alignOptionValues: boolean;
}

export const DEFAULT_FORMAT_OPTIONS: Readonly<FormatOptions> = Object.freeze({
  indentWidth: 2,
  useTabs: false,
  keywordCase: 'upper',
  lineWidth: 100,
  commaPosition: 'trailing',
  alignOptionValues: true,
});

/** Partial, possibly malformed options (from settings or files): later sources win, bad values are ignored. */
export function resolveFormatOptions(...sources: (Partial<Record<keyof FormatOptions, unknown>> | undefined)[]): FormatOptions {
  const o: FormatOptions = { ...DEFAULT_FORMAT_OPTIONS };
  for (const s of sources) {
    if (!s) continue;
    const int = (v: unknown, min: number, max: number) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined);
    o.indentWidth = int(s.indentWidth, 0, 16) ?? o.indentWidth;
    o.lineWidth = int(s.lineWidth, 20, 1000) ?? o.lineWidth;
    if (typeof s.useTabs === 'boolean') o.useTabs = s.useTabs;
    if (s.keywordCase === 'upper' || s.keywordCase === 'lower' || s.keywordCase === 'preserve') o.keywordCase = s.keywordCase;
    if (s.commaPosition === 'trailing' || s.commaPosition === 'leading') o.commaPosition = s.commaPosition;
    if (typeof s.alignOptionValues === 'boolean') o.alignOptionValues = s.alignOptionValues;
  }
  return o;
}
