// Token shapes produced by the lexer and consumed by the parser.

export type TokenType =
  | 'word' // unquoted identifier or keyword
  | 'quoted' // `back-quoted` identifier
  | 'dquoted' // "double-quoted" identifier
  | 'string' // 'literal' (also N'..', _charset'..', E'..')
  | 'ustring' // U&'..'
  | 'binary' // X'..'
  | 'number'
  | 'op' // punctuation and operators
  | 'collation' // Calcite's COLLATION_ID (`a.b$c`): no rule of Flink's grammar takes it where a name goes
  | 'hintStart' // /*+
  | 'hintEnd' // */ closing a hint
  | 'comment' // -- line or /* block */ comment, only with tokenize(text, { comments: true })
  | 'eof';

export interface Token {
  type: TokenType;
  /** Offsets into the lexed text. */
  start: number;
  end: number;
  /** Raw source text of the token. */
  text: string;
  /** Upper-cased text for words; the operator itself for ops; '' otherwise. */
  upper: string;
  /** Decoded value for strings and quoted identifiers. */
  value?: string;
}
