// Offset <-> LSP position conversion for one text (UTF-16 code units, as both the parser and LSP count).
// Built once per document version; lookups are a binary search over line starts.
import type { Position, Range } from 'vscode-languageserver-types';
import type { TextEdit } from './textEdit';

export class LineIndex {
  /** Offset of the first character of each line; line breaks are \n, \r\n and a lone \r (as LSP defines them). */
  private readonly lineStarts: number[];
  /** Whether the text has a \r (else every break is a \n, and the line starts are the parser's too). */
  readonly hasCarriageReturn: boolean;

  constructor(readonly text: string, newlineStarts?: number[]) {
    const starts = [0];
    this.hasCarriageReturn = newlineStarts ? false : text.indexOf('\r') >= 0;
    if (newlineStarts) {
      this.lineStarts = newlineStarts;
      return;
    }
    if (!this.hasCarriageReturn) {
      // the usual case, found by the engine's own search: a large draft is indexed on every keystroke
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  /**
   * The index of `text`, which is `previous.text` with one edit: the line starts before the edit are kept, those
   * after it moved, only the edited part is searched. Texts with a \r are indexed afresh (rare; their breaks vary).
   */
  static edited(previous: LineIndex, text: string, edit: TextEdit): LineIndex {
    if (previous.hasCarriageReturn || text.slice(edit.start, edit.newEnd).indexOf('\r') >= 0) return new LineIndex(text);
    const old = previous.lineStarts;
    // a start s follows the \n at s - 1: kept while that \n lies before the edit, moved when after it
    const keep = upperBound(old, edit.start);
    const starts = old.slice(0, keep);
    for (let i = text.indexOf('\n', edit.start); i >= 0 && i < edit.newEnd; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    const delta = edit.newEnd - edit.oldEnd;
    for (let k = upperBound(old, edit.oldEnd); k < old.length; k++) starts.push(old[k] + delta);
    return new LineIndex(text, starts);
  }

  /** Line starts, when every break is a \n (what the parser counts lines by); else undefined. */
  get newlineStarts(): readonly number[] | undefined {
    return this.hasCarriageReturn ? undefined : this.lineStarts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based position of an offset; offsets outside the text are clamped. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    // An offset between \r and \n belongs to the end of the line, not past its break.
    const character = Math.min(clamped, this.lineEnd(low)) - this.lineStarts[low];
    return { line: low, character };
  }

  /** Offset of a 0-based position; characters past the end of a line clamp to the line's end. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }

  /** Offset just before the line break ending `line` (or the text's end). */
  private lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/** The number of values ≤ `x` in an ascending array. */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
