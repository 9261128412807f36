// Long-running parser fuzzer. `npm run fuzz -- [--iterations N] [--seed S]` mutates corpus statements and
// checks parseScript / diagnose never throw and stay within 100 ms per statement; then random deployment
// configs (keys, sizes, anchors, aliases) through parseDeployment within 1 s each.
// `--oracle [--iterations N] [--seed S] [--write]` instead labels token mutants with Flink's real parser
// (tools/parser-oracle, built with `npm run corpus:label` or mvn) and reports where our verdicts differ
// (--lines: error lines too);
// --write stores them as test/unit/fuzz/oracle-mutants.jsonl for the conformance test.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { tokenize } from '../server/src/parser/lexer';
import { loadCorpus, measure, type CorpusCase } from '../test/unit/parser/corpus';
import { checkDeploymentYaml, randomDeploymentYaml } from '../test/unit/fuzz/deploymentYaml';
import { checkInput, describeFailure, loadDiagnose } from '../test/unit/fuzz/harness';
import { mutate, pathologicalInputs, TOKEN_MUTATORS } from '../test/unit/fuzz/mutators';
import { mulberry32, pick } from '../test/unit/fuzz/prng';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(name);

const seed = Number(arg('--seed') ?? Date.now() % 1_000_000);
const root = path.join(__dirname, '..');

function robustness(): number {
  const iterations = Number(arg('--iterations') ?? 100_000);
  const diagnose = loadDiagnose();
  console.log(`fuzz: seed ${seed}, ${iterations} iterations, diagnose() ${diagnose ? 'included' : 'absent'}`);
  let failures = 0;
  for (const p of pathologicalInputs()) {
    for (const f of checkInput(p.sql, 2_000, diagnose, p.name)) {
      failures++;
      console.log(describeFailure(f));
    }
  }
  const rng = mulberry32(seed);
  const statements = loadCorpus().cases.map((c) => c.sql);
  const start = Date.now();
  for (let i = 0; i < iterations; i++) {
    const m = mutate(pick(rng, statements), rng);
    for (const f of checkInput(m.sql, 100, diagnose, `seed ${seed} iteration ${i} (${m.applied.join('+')})`)) {
      failures++;
      console.log(describeFailure(f));
    }
    if (i > 0 && i % 10_000 === 0) console.log(`  ${i} iterations, ${failures} failures, ${((Date.now() - start) / 1000).toFixed(0)} s`);
  }
  // deployment configs: a tenth as many (each is a whole file), 1 s each at most
  const yamlRng = mulberry32(seed + 2);
  for (let i = 0; i < iterations / 10; i++) {
    const y = randomDeploymentYaml(yamlRng);
    for (const f of checkDeploymentYaml(y.text, 1_000, `seed ${seed} deployment yaml ${i} (${y.shape})`)) {
      failures++;
      console.log(describeFailure(f));
    }
  }
  console.log(`done: ${iterations} iterations, ${failures} failures (seed ${seed})`);
  return failures ? 1 : 0;
}

function oracle(): number {
  const jar = arg('--jar') ?? path.join(root, 'tools', 'parser-oracle', 'target', 'parser-oracle.jar');
  if (!fs.existsSync(jar)) {
    console.error(`no oracle at ${jar}: build tools/parser-oracle first (npm run corpus:label)`);
    return 2;
  }
  const count = Number(arg('--iterations') ?? 2_000);
  const rng = mulberry32(seed);
  // mutate the corpus and the hand-written grammar tour (expression forms the corpus lacks)
  const tourFile = path.join(root, 'test', 'unit', 'parser', 'fixtures', 'handwritten.jsonl');
  const tour = fs.readFileSync(tourFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as CorpusCase);
  const valid = [...loadCorpus().cases, ...tour].filter((c) => c.valid);
  const mutants: { id: string; sql: string }[] = [];
  for (let i = 0; mutants.length < count && i < count * 3; i++) {
    const c = pick(rng, valid);
    const m = mutate(c.sql, rng, TOKEN_MUTATORS);
    // one statement with at least one token: the oracle parses a statement list, our splitter would split
    if (m.sql.includes(';') || tokenize(m.sql).tokens.length <= 1) continue;
    mutants.push({ id: `s${seed}-${i}:${c.id}:${m.applied.join('+')}`, sql: m.sql });
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-oracle-'));
  const input = path.join(tmp, 'mutants.jsonl');
  fs.writeFileSync(input, mutants.map((m) => JSON.stringify(m)).join('\n') + '\n');
  const out = execFileSync('java', ['-jar', jar, input], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  fs.rmSync(tmp, { recursive: true, force: true });
  const verdicts = new Map(out.split('\n').filter((l) => l.trim()).map((l) => {
    const o = JSON.parse(l) as CorpusCase;
    return [o.id, o];
  }));
  const labelled: CorpusCase[] = mutants.flatMap((m) => {
    const v = verdicts.get(m.id);
    return v ? [{ id: m.id, sql: m.sql, valid: v.valid, errorLine: v.errorLine, errorColumn: v.errorColumn }] : [];
  });
  const r = measure(labelled);
  for (const x of r.results) {
    if (x.accepted !== x.c.valid) console.log(`${x.c.valid ? 'FALSE REJECT' : 'FALSE ACCEPT'} ${x.c.id}\n  ${JSON.stringify(x.c.sql)}${x.message ? `\n  ours: ${x.message}` : ''}`);
    else if (flag('--lines') && !x.accepted && x.c.errorLine !== undefined && x.firstErrorLine !== x.c.errorLine) {
      console.log(`LINE ${x.c.id}: Flink ${x.c.errorLine}, ours ${x.firstErrorLine}\n  ${JSON.stringify(x.c.sql)}\n  ours: ${x.message}`);
    }
  }
  const agree = r.validAccepted + r.invalidRejected;
  console.log(`oracle: seed ${seed}, ${labelled.length} mutants, verdict agrees ${agree}/${labelled.length}, error line ${r.lineMatched}/${r.withLine}`);
  if (flag('--write')) {
    const file = path.join(root, 'test', 'unit', 'fuzz', 'oracle-mutants.jsonl');
    fs.writeFileSync(file, labelled.map((c) => JSON.stringify({ id: c.id, sql: c.sql, valid: c.valid, errorLine: c.errorLine, errorColumn: c.errorColumn })).join('\n') + '\n');
    console.log(`wrote ${file}`);
  }
  return agree === labelled.length ? 0 : 1;
}

process.exitCode = flag('--oracle') ? oracle() : robustness();
