// The measuring stick of the semantic checks (issue 18): as-you-type diagnostics against Flink's planner on the
// semantic corpus, per Flink version. Prints the table always; fails when a category drops below its floor
// (test/fixtures/semantic/floors.json) or when a draft the planner accepts gets an Error (beyond knownFalseErrors).
import * as assert from 'assert';
import { FLINK_VERSIONS } from '../../../server/src/parser';
import { loadFloors, measure, pct, table } from './plannerAgreement';

describe('agreement with Flink’s planner (semantic corpus)', function () {
  this.timeout(120000);
  const { floors, knownFalseErrors } = loadFloors();
  for (const version of FLINK_VERSIONS) {
    describe(`Flink ${version}`, () => {
      const { figures, results } = measure(version);
      before(() => console.log(table(version, figures).replace(/^/gm, '      ')));

      it('gives no Error on a draft the planner accepts (beyond the known ones, which must stay fixed once fixed)', () => {
        const wrong = results.filter((r) => r.plannerValid && r.errors.length);
        const known = new Set(knownFalseErrors[version] ?? []);
        for (const r of wrong) console.log(`      ${known.has(r.draft.id) ? 'known ' : ''}false error: ${r.draft.id} — ${r.errors[0].message} (line ${r.errors[0].range.start.line + 1})`);
        assert.deepStrictEqual(wrong.map((r) => r.draft.id).filter((id) => !known.has(id)), [], 'new false errors');
        const fixed = [...known].filter((id) => !wrong.some((r) => r.draft.id === id));
        assert.deepStrictEqual(fixed, [], `no longer false errors: remove them from knownFalseErrors["${version}"] in test/fixtures/semantic/floors.json`);
      });

      it('catches the planner’s rejections at least as often as the floors say', () => {
        const below: string[] = [];
        for (const f of figures) {
          const floor = floors[version]?.[f.category];
          if (!floor) continue;
          if (pct(f.caught, f.rejected) < floor.caught) below.push(`${f.category}: caught ${pct(f.caught, f.rejected)} % < ${floor.caught} %`);
          if (f.withLine && pct(f.onLine, f.withLine) < floor.onLine) below.push(`${f.category}: on the planner's line ${pct(f.onLine, f.withLine)} % < ${floor.onLine} %`);
        }
        assert.deepStrictEqual(below, []);
      });
    });
  }
});
