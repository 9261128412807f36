// Hover inside a CREATE TABLE's WITH clause: an option key shows its description, type, default, whether it is
// required and its deprecated keys (or, for a deprecated key, its successor); a connector or format name shows
// what the factory is and where it comes from. From the connector catalog of the draft's Flink version.
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { CatalogFactory, CatalogOption } from '../connectors/catalogTypes';
import { catalogFor, CONNECTOR_OPTION, DEFAULT_FLINK_VERSION, type ResolvedOption } from '../connectors/connectorCatalog';
import type { CreateTableNode, OptionNode, ParsedStatement } from '../parser';
import type { ServiceContext } from './completion';
import { typeLabel } from './connectorOptions';
import type { AnalyzedDocument } from './document';

export function connectorHover(doc: AnalyzedDocument, stmt: ParsedStatement, rel: number, context: ServiceContext): Hover | null {
  if (stmt.node?.kind !== 'createTable') return null;
  const options = ((stmt.node as CreateTableNode).options ?? []).filter((o): o is OptionNode => !!o?.key && !!o.value);
  const hit = options.find((o) => (o.key.start <= rel && rel <= o.key.end) || (o.value.start <= rel && rel <= o.value.end));
  if (!hit) return null;
  const index = catalogFor(context.flinkVersion ?? DEFAULT_FLINK_VERSION);
  if (!index) return null;
  const onKey = hit.key.start <= rel && rel <= hit.key.end;
  const span = onKey ? hit.key : hit.value;
  const md = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range: doc.lines.rangeOf(stmt.start + span.start, stmt.start + span.end) });
  const values = new Map(options.map((o) => [o.key.value, o.value.value]));
  const connectorName = values.get('connector');
  const connector = connectorName ? index.factory(connectorName, 'connector') : undefined;
  const version = `Flink ${index.flinkVersion}`;
  if (onKey) {
    if (hit.key.value === 'connector') return md(optionMarkdown(CONNECTOR_OPTION, 'connector', version));
    if (!connector) return null;
    const resolved = index.resolve(connector, index.chosenFormats(connector, values), hit.key.value);
    if (!resolved) return index.isPassThrough(connector, hit.key.value)
      ? md(`**${hit.key.value}**\n\nPassed through to the '${connector.identifier}' client as \`${hit.key.value.slice((connector.passThroughPrefixes ?? []).find((p) => hit.key.value.startsWith(p))!.length)}\`.`)
      : null;
    return md(optionMarkdown(resolved.option, hit.key.value, version, resolved));
  }
  if (hit.key.value === 'connector') {
    const f = index.factory(hit.value.value, 'connector');
    return f ? md(factoryMarkdown(f, version)) : null;
  }
  if (connector && (connector.formatKeys ?? []).includes(hit.key.value)) {
    const f = index.factory(hit.value.value, 'format');
    return f ? md(factoryMarkdown(f, version)) : null;
  }
  return null;
}

function optionMarkdown(o: CatalogOption, written: string, version: string, r?: ResolvedOption): string {
  const facts = [`\`${typeLabel(o)}\``, o.required ? 'required' : 'optional', o.default !== undefined ? `default \`${o.default}\`` : undefined].filter(Boolean);
  const lines = [`**${written}**${r && r.prefix ? ` (option of format \`${r.owner.identifier}\`)` : ''}`, '', facts.join(' · '), '', o.description];
  if (o.enumValues?.length) lines.push('', `Values: ${o.enumValues.map((v) => `\`${v}\``).join(', ')}`);
  if (r?.match === 'deprecated') lines.push('', `**Deprecated**: use \`${r.canonicalKey}\` instead.`);
  else if (r?.match === 'fallback') lines.push('', `Also accepted as \`${written}\`; the current key is \`${r.canonicalKey}\`.`);
  else if (o.deprecatedKeys?.length) lines.push('', `Deprecated keys: ${o.deprecatedKeys.map((k) => `\`${k}\``).join(', ')}`);
  lines.push('', `*${version}*`);
  return lines.join('\n');
}

function factoryMarkdown(f: CatalogFactory, version: string): string {
  const kinds = f.kinds.join(', ');
  const lines = [`**${f.identifier}** — ${kinds}`, ''];
  if (f.description) lines.push(f.description, '');
  const required = f.options.filter((o) => o.required).map((o) => `\`${o.key}\``);
  if (required.length) lines.push(`Required: ${required.join(', ')}`, '');
  lines.push(`\`${f.factoryClass}\` from \`${f.artifact}\`${f.source === 'docs' ? ` (from the docs${f.docsVersion ? ` ${f.docsVersion}` : ''})` : ''} · *${version}*`);
  return lines.join('\n');
}
