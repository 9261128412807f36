// TEMPORARY placeholder until the real splitter and parser land: naive split on `;`, no diagnostics.
import type { ParsedScript, ParsedStatement } from './index';

export class StatementCache {
  private readonly map = new Map<string, Omit<ParsedStatement, 'start' | 'end'>>();
  get(text: string) { return this.map.get(text); }
  set(text: string, v: Omit<ParsedStatement, 'start' | 'end'>) { this.map.set(text, v); }
}

export function parseScript(text: string, _cache?: StatementCache): ParsedScript {
  const statements: ParsedStatement[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === ';') {
      const raw = text.slice(start, i);
      if (raw.trim()) statements.push({ start, end: i, text: raw, diagnostics: [] });
      start = i + 1;
    }
  }
  return { statements, diagnostics: [] };
}
