// "Did you mean" kept up to date across keystrokes must answer what closest() over the current names answers,
// and the rolling-row edit distance with its early exit must equal the plain matrix.
import { strict as assert } from 'node:assert';
import { closest } from '../../../server/src/connectors/connectorCatalog';
import { NameSuggestions } from '../../../server/src/service/nameSuggestions';
import { editDistance } from '../../../server/src/util/text';

/** Optimal string alignment distance, the textbook matrix. */
function matrixDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function lcg(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
}

describe('edit distance', function () {
  this.timeout(60_000); // hundreds of parses on a CI machine shared with other work
  it('equals the matrix on 20,000 random pairs, and says "more than the limit" exactly when it is', () => {
    const next = lcg(3);
    const word = () => Array.from({ length: next() % 10 }, () => 'abc_x'[next() % 5]).join('');
    for (let k = 0; k < 20_000; k++) {
      const a = word();
      const b = next() % 4 ? word() : a.split('').reverse().join('');
      const limit = next() % 4;
      const want = matrixDistance(a, b);
      assert.equal(editDistance(a, b), want, `${a} ~ ${b}`);
      const bounded = editDistance(a, b, limit);
      if (want <= limit) assert.equal(bounded, want, `${a} ~ ${b} within ${limit}`);
      else assert.ok(bounded > limit, `${a} ~ ${b} beyond ${limit}: got ${bounded}`);
    }
  });
  it('counts an adjacent transposition as one edit', () => {
    assert.equal(editDistance('kafak', 'kafka'), 1);
    assert.equal(editDistance('FORM', 'FROM'), 1);
  });
});

describe('name suggestions across keystrokes', function () {
  this.timeout(60_000); // hundreds of parses on a CI machine shared with other work
  it('answer what closest() over the current names answers, through 500 renames, additions and removals', () => {
    const next = lcg(11);
    let names = Array.from({ length: 120 }, (_, i) => `orders_${i}`).concat(['customers', 'customer_dim', 'payments', 'shipments']);
    const words = ['orders_1x', 'customer', 'paymnts', 'shipment', 'ordrs_12', 'zzzz', 'orders_119', 'customers_dim'];
    const s = new NameSuggestions();
    for (let step = 0; step < 500; step++) {
      const op = next() % 4;
      const i = next() % names.length;
      if (op === 0) names = names.map((n, k) => (k === i ? `${n}x` : n)); // typing into a table's name
      else if (op === 1) names = names.filter((_, k) => k !== i); // a CREATE broken or deleted
      else if (op === 2) names = [...names, `${words[next() % words.length]}${next() % 3 ? '' : 's'}`];
      else if (step % 61 === 0) names = Array.from({ length: 80 }, (_, k) => `t_${k + step}`); // another draft
      names = [...new Set(names)];
      for (const w of words) assert.equal(s.suggest(w, names), closest(w, names), `step ${step}: ${w}`);
    }
  });
});
