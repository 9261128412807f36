// Fuzzing the parser (and the language service's diagnose, when present): mutated corpus statements and
// pathological inputs must never make it throw, hang or blow its time budget. Seeded, so failures
// reproduce: rerun with FUZZ_SEED=<printed seed>. `npm run fuzz` runs the same checks for longer.
import * as assert from 'assert';
import { loadCorpus } from './parser/corpus';
import { aliasBomb, checkDeploymentYaml, randomDeploymentYaml } from './fuzz/deploymentYaml';
import { checkInput, describeFailure, loadDiagnose, type FuzzFailure } from './fuzz/harness';
import { mutate, pathologicalInputs } from './fuzz/mutators';
import { mulberry32, pick } from './fuzz/prng';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 1_000_000;
const TIME_BOX_MS = 3_000;
const STATEMENT_BUDGET_MS = 100;
// Pathological inputs are up to 1 MB; their budget is about throughput, not keystroke latency.
const PATHOLOGICAL_BUDGET_MS = 2_000;

describe('parser fuzzing', function () {
  this.timeout(60_000);
  const diagnose = loadDiagnose();

  it(`survives mutated corpus statements (seed ${SEED})`, () => {
    console.log(`      fuzz seed ${SEED} (rerun with FUZZ_SEED=${SEED}); diagnose() ${diagnose ? 'included' : 'absent, parser only'}`);
    const rng = mulberry32(SEED);
    const statements = loadCorpus().cases.map((c) => c.sql);
    const failures: FuzzFailure[] = [];
    const start = Date.now();
    let n = 0;
    while (Date.now() - start < TIME_BOX_MS && failures.length < 5) {
      const m = mutate(pick(rng, statements), rng);
      failures.push(...checkInput(m.sql, STATEMENT_BUDGET_MS, diagnose, `#${n} ${m.applied.join('+')}`));
      n++;
    }
    console.log(`      ${n} mutants checked`);
    assert.ok(n > 100, `only ${n} mutants in ${TIME_BOX_MS} ms`);
    assert.deepStrictEqual(failures.map(describeFailure), []);
  });

  it('survives a script of many mutated statements', () => {
    const rng = mulberry32(SEED + 1);
    const statements = loadCorpus().cases.map((c) => c.sql);
    const script = Array.from({ length: 300 }, () => mutate(pick(rng, statements), rng).sql).join(';\n');
    assert.deepStrictEqual(checkInput(script, 1_000, diagnose, 'script').map(describeFailure), []);
  });

  for (const p of pathologicalInputs()) {
    it(`survives ${p.name}`, () => {
      assert.deepStrictEqual(checkInput(p.sql, PATHOLOGICAL_BUDGET_MS, diagnose, p.name).map(describeFailure), []);
    });
  }
});

describe('deployment YAML fuzzing', function () {
  this.timeout(60_000);
  // A hang guard, not a performance goal (those live in bench/): the slowest shape takes ~0.8 s on a quiet 2-core
  // machine and the quadratic parse this guards against took 24 s, so 5 s holds on a loaded CI machine too.
  const YAML_BUDGET_MS = 5_000;

  it(`survives random deployment configs: keys, sizes, anchors and aliases (seed ${SEED})`, () => {
    const rng = mulberry32(SEED + 2);
    const failures: FuzzFailure[] = [];
    const start = Date.now();
    let n = 0;
    while (Date.now() - start < TIME_BOX_MS && failures.length < 5) {
      const y = randomDeploymentYaml(rng);
      failures.push(...checkDeploymentYaml(y.text, YAML_BUDGET_MS, `#${n} ${y.shape}`));
      n++;
    }
    console.log(`      ${n} deployment configs checked`);
    assert.ok(n > 50, `only ${n} configs in ${TIME_BOX_MS} ms`);
    assert.deepStrictEqual(failures.map(describeFailure), []);
  });

  it('survives a ten-level alias bomb', () => {
    assert.deepStrictEqual(checkDeploymentYaml(aliasBomb(10), 200, 'alias bomb').map(describeFailure), []);
  });
});
