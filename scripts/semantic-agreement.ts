// Prints the as-you-type agreement with Flink's planner on the semantic corpus, per Flink version and category
// (test/unit/semantic/plannerAgreement.ts measures; the unit test enforces test/fixtures/semantic/floors.json).
//   npm run semantic:agreement                    the tables, then the planner's rejections we miss (--misses)
//   npm run semantic:agreement -- --raise-floors  raises floors.json to today's figures (never lowers one) and
//                                                 drops the known false errors that are fixed
import * as fs from 'fs';
import * as path from 'path';
import { FLINK_VERSIONS } from '../server/src/parser';
import { FLOORS_FILE, loadFloors, measure, pct, table } from '../test/unit/semantic/plannerAgreement';

const raise = process.argv.includes('--raise-floors');
const misses = process.argv.includes('--misses');
const file = loadFloors();
for (const version of FLINK_VERSIONS) {
  const { figures, results } = measure(version);
  console.log(table(version, figures) + '\n');
  const falseErrors = results.filter((r) => r.plannerValid && r.errors.length);
  for (const r of falseErrors) {
    console.log(`  false error (${version}): ${r.draft.id} — ${r.errors[0].message} (line ${r.errors[0].range.start.line + 1})`);
  }
  if (misses) {
    for (const r of results.filter((r) => !r.plannerValid && !r.caught)) {
      console.log(`  missed (${version}): ${r.draft.id} — ${r.verdict.stage}: ${r.verdict.message?.slice(0, 160)}`);
    }
  }
  if (raise) {
    const floors = (file.floors[version] ??= {});
    for (const f of figures) {
      const old = floors[f.category] ?? { caught: 0, onLine: 0 };
      // With no planner line in a category there is nothing to measure yet: its onLine floor stays.
      const onLine = f.withLine ? pct(f.onLine, f.withLine) : 0;
      floors[f.category] = { caught: Math.max(old.caught, pct(f.caught, f.rejected)), onLine: Math.max(old.onLine, onLine) };
    }
    // The known false errors only shrink: keep those still wrong, never add one.
    file.knownFalseErrors[version] = (file.knownFalseErrors[version] ?? []).filter((id) => falseErrors.some((r) => r.draft.id === id));
  }
}
if (raise) {
  fs.writeFileSync(FLOORS_FILE, format(file));
  console.log(`semantic-agreement: floors raised in ${path.relative(process.cwd(), FLOORS_FILE)}`);
}

/** One line per version and category, so raising a floor is a one-line diff. */
function format(file: ReturnType<typeof loadFloors>): string {
  const versions = (record: Partial<Record<string, unknown>>, each: (v: never) => string) =>
    Object.entries(record).map(([version, v]) => `    ${JSON.stringify(version)}: ${each(v as never)}`).join(',\n');
  const floors = versions(file.floors, (categories: Record<string, { caught: number; onLine: number }>) =>
    `{\n${Object.entries(categories).map(([c, f]) => `      ${JSON.stringify(c)}: { "caught": ${f.caught}, "onLine": ${f.onLine} }`).join(',\n')}\n    }`);
  const known = versions(file.knownFalseErrors, (ids: string[]) =>
    ids.length ? `[\n${ids.map((id) => `      ${JSON.stringify(id)}`).join(',\n')}\n    ]` : '[]');
  return `{\n  "comment": ${JSON.stringify(file.comment)},\n  "floors": {\n${floors}\n  },\n  "knownFalseErrors": {\n${known}\n  }\n}\n`;
}
