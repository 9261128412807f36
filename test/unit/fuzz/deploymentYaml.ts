// Fuzz inputs for `<name>.deployment.yaml` (shared by fuzz.test.ts and scripts/fuzz.ts): valid configs mutated
// with random keys, sizes, nesting, anchors and aliases (billion-laughs shapes included), duplicate keys and
// broken YAML; and the check that parsing, validating and resolving one never throws or exceeds its budget.
import { parseDeployment, presentPaths, resolveConfig } from '../../../server/src/deployment';
import type { FuzzFailure } from './harness';
import { int, pick, type Rng } from './prng';

const BASE = [
  'name: orders', 'type: SQL', 'target: per-job', 'parallelism: 2', 'flinkVersion: "2.3"',
  'checkpointing:', '  interval: 30s', '  retention: always',
  'resources:', '  taskManager:', '    slots: 2', '    memory: 2g',
  'logging:', '  rootLevel: INFO', '  loggers:', '    org.apache.kafka: WARN',
  'flinkConfiguration:', '  table.exec.state.ttl: 1 h',
];

const KEYS = ['name', 'type', 'target', 'parallelism', 'flinkVersion', 'checkpointing', 'interval', 'resources', 'logging',
  'flinkConfiguration', 'imageTag', 'session', 'dependencies', 'behavior', 'restartStrategy', 'kerberos', '<<', '?', '-', 'a.b.c'];
const SCALARS = ['1', '-1', '0', '1e309', '.inf', 'null', '~', 'true', 'yes', '"2.3"', "'x'", '"\\u0000"', '!!binary aGk=', '!!str 1',
  '2g', '30s', '|\n  block', '>-\n  folded', '[a, b]', '{a: 1}', '&x 1', '*x', '"unterminated', "'''", '{', ']', '%YAML 1.1', '---', '...'];

function randomKey(rng: Rng): string {
  const r = rng();
  if (r < 0.5) return pick(rng, KEYS);
  if (r < 0.9) return `k${int(rng, 100_000)}.${'x'.repeat(int(rng, 20))}`;
  return String.fromCharCode(...Array.from({ length: 1 + int(rng, 8) }, () => 32 + int(rng, 200)));
}

/** `*a` nine times per level, `levels` deep: 9^levels values once expanded. */
export function aliasBomb(levels: number): string {
  const lines = ['name: bomb', 'type: SQL', 'target: session', 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

/** One random deployment YAML document. */
export function randomDeploymentYaml(rng: Rng): { text: string; shape: string } {
  const r = rng();
  if (r < 0.05) return { text: aliasBomb(1 + int(rng, 10)), shape: 'alias bomb' };
  if (r < 0.1) {
    const n = 100 + int(rng, 5_000);
    return { text: ['name: k', 'type: SQL', 'target: session', 'flinkConfiguration:', ...Array.from({ length: n }, (_, i) => `  key${i}.x: v${i}`)].join('\n'), shape: `${n} keys` };
  }
  if (r < 0.13) {
    const depth = 10 + int(rng, 3_000);
    return { text: `name: deep\nflinkConfiguration: ${'['.repeat(depth)}${']'.repeat(int(rng, depth + 1))}\n`, shape: `flow depth ${depth}` };
  }
  if (r < 0.16) {
    const depth = 10 + int(rng, 500);
    return { text: Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'), shape: `block depth ${depth}` };
  }
  const lines = [...BASE];
  const edits = 1 + int(rng, 8);
  const applied: string[] = [];
  for (let i = 0; i < edits; i++) {
    const at = int(rng, lines.length + 1);
    const indent = ' '.repeat(pick(rng, [0, 0, 2, 4, 1, 3]));
    switch (int(rng, 7)) {
      case 0: lines.splice(at, 0, `${indent}${randomKey(rng)}: ${pick(rng, SCALARS)}`); applied.push('insert'); break;
      case 1: lines.splice(at, 1); applied.push('delete'); break;
      case 2: if (lines[at]) lines[at] = `${lines[at]} &a${int(rng, 3)}`; applied.push('anchor'); break;
      case 3: lines.splice(at, 0, `${indent}${randomKey(rng)}: *a${int(rng, 3)}`); applied.push('alias'); break;
      case 4: if (lines[at]) lines.splice(at, 0, lines[at]!); applied.push('duplicate'); break;
      case 5: lines.splice(at, 0, `${indent}${randomKey(rng)}: ${'v'.repeat(int(rng, 100_000))}`); applied.push('long value'); break;
      default: if (lines[at]) lines[at] = lines[at]!.slice(0, int(rng, lines[at]!.length + 1)); applied.push('cut'); break;
    }
  }
  return { text: `${lines.join('\n')}\n`, shape: applied.join('+') };
}

/** Parses, validates and resolves `text` as the server and the CLI do; failures when it throws or is slow. */
export function checkDeploymentYaml(text: string, budgetMs: number, what: string): FuzzFailure[] {
  const t = process.hrtime.bigint();
  try {
    const parsed = parseDeployment(text, { file: '/nonexistent/x.deployment.yaml', exists: () => true });
    if (parsed.config) resolveConfig(parsed.config, presentPaths(parsed.document));
  } catch (error) {
    return [{ what: `${what}: parseDeployment threw`, input: text, error: String((error as Error)?.stack ?? error) }];
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return ms > budgetMs ? [{ what: `${what}: took ${ms.toFixed(1)} ms (budget ${budgetMs} ms)`, input: text, ms }] : [];
}
