// Loads syntaxes/flink-sql.tmLanguage.json with the same TextMate engine VS Code uses
// (vscode-textmate + the oniguruma wasm), so grammar tests see exactly what the editor sees.
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = path.join(__dirname, '..', '..');
const GRAMMAR = path.join(ROOT, 'syntaxes', 'flink-sql.tmLanguage.json');

export interface Token {
  text: string;
  scopes: string[];
}

export interface Tokenized {
  lines: Token[][];
  /** Rule-stack depth after the last line: 1 means every begin/end rule was closed. */
  depth: number;
}

let grammarPromise: Promise<textmate.IGrammar> | undefined;

function loadGrammar(): Promise<textmate.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async () => textmate.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR),
    });
    const grammar = await registry.loadGrammar('source.flink-sql');
    if (!grammar) throw new Error(`cannot load ${GRAMMAR}`);
    return grammar;
  })();
  return grammarPromise;
}

export async function tokenize(text: string): Promise<Tokenized> {
  const grammar = await loadGrammar();
  let stack = textmate.INITIAL;
  const lines: Token[][] = [];
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    lines.push(result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
  }
  return { lines, depth: (stack as unknown as { depth: number }).depth };
}
