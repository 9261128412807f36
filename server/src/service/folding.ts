// Folding: statements spanning several lines, multi-line parenthesised groups (column lists, WITH options,
// subqueries), statement-set blocks, block comments and runs of line comments.
// A folding provider replaces the editor's indentation folding, hence the bracket groups.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from './document';
import { absolute, childStatements } from './nodes';
import { statementSpan } from './symbols';
import { scanText } from './textScan';

export function foldingRanges(doc: AnalyzedDocument): FoldingRange[] {
  const { lines } = doc;
  const ranges: FoldingRange[] = [];
  const startLines = new Set<number>();
  // Several ranges starting on one line are useless to the editor (only one can be toggled there): keep the first.
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind) => {
    if (endLine <= startLine || startLines.has(startLine)) return;
    startLines.add(startLine);
    ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };

  // The SQL client's `BEGIN STATEMENT SET; … END;` block spans several statements.
  let blockStartLine: number | undefined;
  for (const stmt of doc.script.statements) {
    const span = statementSpan(doc, stmt);
    if (stmt.node?.kind === 'beginStatementSet') blockStartLine = lines.positionAt(span.start).line;
    if (stmt.node?.kind === 'endStatementSet' && blockStartLine !== undefined) {
      add(blockStartLine, lines.positionAt(span.end).line);
      blockStartLine = undefined;
    }
    add(lines.positionAt(span.start).line, lines.positionAt(span.end).line);
    if (stmt.node?.kind === 'statementSet') {
      for (const child of childStatements(stmt.node)) {
        const abs = absolute(stmt, child);
        add(lines.positionAt(abs.start).line, lines.positionAt(abs.end).line);
      }
    }
  }

  const scan = scanText(doc.text);
  // Brackets fold up to the line before the `)`, so the closing line stays visible.
  for (const p of scan.parens) add(lines.positionAt(p.start).line, lines.positionAt(p.end).line - 1);
  for (const c of scan.blockComments) {
    add(lines.positionAt(c.start).line, lines.positionAt(c.end).line, FoldingRangeKind.Comment);
  }
  foldLineCommentRuns(doc, scan.lineComments, add);
  return ranges.sort((a, b) => a.startLine - b.startLine);
}

/** Two or more consecutive lines holding nothing but a `--` comment fold as one block. */
function foldLineCommentRuns(
  doc: AnalyzedDocument,
  comments: { start: number; end: number }[],
  add: (startLine: number, endLine: number, kind?: FoldingRangeKind) => void,
) {
  let runStart = -1;
  let runEnd = -1;
  for (const c of comments) {
    const pos = doc.lines.positionAt(c.start);
    const onlyOnLine = doc.text.slice(c.start - pos.character, c.start).trim() === '';
    if (!onlyOnLine) continue;
    if (runStart >= 0 && pos.line === runEnd + 1) {
      runEnd = pos.line;
    } else {
      if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);
      runStart = runEnd = pos.line;
    }
  }
  if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);
}
