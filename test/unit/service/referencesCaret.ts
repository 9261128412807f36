// Helpers for go to definition / references / rename tests: a caret fixture (completionCaret.ts) answered with
// the draft's text where every returned range is wrapped in «…», so an assertion reads like the SQL itself.
import type { Location, Range } from 'vscode-languageserver-types';
import { definition, references, type AnalyzedDocument } from '../../../server/src/service';
import { caret } from './completionCaret';

export const URI = 'file:///drafts/orders.flink.sql';

/** A shop draft: two sources, a sink, a view over a source and an INSERT joining the view. */
export const SHOP = `CREATE TEMPORARY TABLE orders (
  order_id BIGINT,
  customer_id BIGINT,
  price DECIMAL(32, 2),
  order_time TIMESTAMP(3),
  total AS price * 2,
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND,
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH ('connector' = 'datagen', 'rows-per-second' = '10');
CREATE TEMPORARY TABLE customers (
  customer_id BIGINT,
  name STRING,
  PRIMARY KEY (customer_id) NOT ENFORCED
) WITH ('connector' = 'datagen');
CREATE TEMPORARY TABLE enriched_sink (
  order_id BIGINT,
  customer_name STRING,
  amount DECIMAL(32, 2)
) WITH ('connector' = 'blackhole');
CREATE TEMPORARY VIEW big_orders AS
SELECT o.order_id, o.customer_id, o.price AS amount FROM orders o WHERE o.price > 100;
INSERT INTO enriched_sink (order_id, customer_name, amount)
SELECT b.order_id, c.name, b.amount
FROM big_orders b
JOIN customers c ON b.customer_id = c.customer_id;
`;

/** The text with each range marked «like this». */
export function marked(doc: AnalyzedDocument, ranges: Range[]): string {
  const spans = ranges.map((r) => [doc.lines.offsetAt(r.start), doc.lines.offsetAt(r.end)]).sort((a, b) => b[0] - a[0]);
  let text = doc.text;
  for (const [s, e] of spans) text = `${text.slice(0, s)}«${text.slice(s, e)}»${text.slice(e)}`;
  return text;
}

/** The lines of the marked text that carry a mark (trimmed), to keep assertions short. */
export function markedLines(doc: AnalyzedDocument, ranges: Range[]): string[] {
  return marked(doc, ranges).split('\n').filter((l) => l.includes('«')).map((l) => l.trim());
}

export function referencesAt(text: string, includeDeclaration = true): string[] {
  const { doc, position } = caret(text);
  const found: Location[] = references(doc, position, URI, includeDeclaration);
  return markedLines(doc, found.map((l) => l.range));
}

export function definitionAt(text: string): string[] {
  const { doc, position } = caret(text);
  const def = definition(doc, position, URI);
  return def ? markedLines(doc, [def.range]) : [];
}
