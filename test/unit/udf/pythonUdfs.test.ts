// The tolerant scan of PyFlink decorators: decorated functions and `udf(...)` assignments with their declared types,
// what it cannot read left as <ANY> (never guessed), nothing from nested or commented-out code.
import { strict as assert } from 'node:assert';
import { pythonType, pythonLines, pythonUdfs } from '../../../server/src/udf/pythonUdfs';

const MODULE = `
from pyflink.table import DataTypes
from pyflink.table.udf import udf, udtf, udaf, ScalarFunction
import pyflink.table.udf as F

@udf(result_type=DataTypes.STRING())
def mask_email(email):
    """Masks 'the' local part."""
    return email[0] + '***'

@udf(input_types=[DataTypes.BIGINT(), DataTypes.DECIMAL(10, 2)], result_type='DECIMAL(12, 2)')
def add_tax(cents, rate):
    return cents * rate

@udtf(result_types=[DataTypes.STRING(), DataTypes.INT()])
def split_words(text: str):
    for w in text.split():
        yield w, len(w)

@F.udf(result_type=DataTypes.ARRAY(DataTypes.MAP(DataTypes.STRING(), DataTypes.INT().not_null())),
       func_type="pandas")
def tags(a, b=1, *rest):
    return None

# @udf(result_type=DataTypes.INT())
# def commented_out(x): return x

class Plus(ScalarFunction):
    @udf(result_type=DataTypes.INT())
    def nested(self, x):
        return x

def plain(x):
    return x

plus_one = udf(lambda i: i + 1, result_type=DataTypes.BIGINT())
plain_udf = udf(plain, result_type=DataTypes.ROW([DataTypes.FIELD("a", DataTypes.INT()), DataTypes.FIELD("b", DataTypes.STRING())]))
weighted = udaf(WeightedAvg(), result_type=DataTypes.DOUBLE(), accumulator_type=DataTypes.ROW([DataTypes.FIELD("s", DataTypes.DOUBLE())]))
`;

describe('python UDF scan', () => {
  const found = pythonUdfs(MODULE, 'text_udfs');
  const byName = new Map(found.functions.map((f) => [f.className, f]));

  it('finds the module-level decorated functions and udf() assignments, nothing nested or commented out', () => {
    assert.deepEqual(found.functions.map((f) => f.className), [
      'text_udfs.mask_email', 'text_udfs.add_tax', 'text_udfs.split_words', 'text_udfs.tags',
      'text_udfs.plus_one', 'text_udfs.plain_udf', 'text_udfs.weighted',
    ]);
    assert.deepEqual(found.functions.map((f) => f.kind), ['scalar', 'scalar', 'table', 'scalar', 'scalar', 'scalar', 'aggregate']);
    assert.ok(found.functions.every((f) => f.language === 'python' && f.inference === 'decorator'));
  });

  it('reads input_types and result types as Flink SQL spells them; undeclared inputs stay <ANY>', () => {
    assert.deepEqual(byName.get('text_udfs.mask_email')!.signatures, [{ arguments: [{ name: 'email', type: '<ANY>' }], result: 'STRING' }]);
    assert.deepEqual(byName.get('text_udfs.add_tax')!.signatures, [{
      arguments: [{ name: 'cents', type: 'BIGINT' }, { name: 'rate', type: 'DECIMAL(10, 2)' }], result: 'DECIMAL(12, 2)',
    }]);
    assert.equal(byName.get('text_udfs.split_words')!.signatures[0].result, 'ROW<f0 STRING, f1 INT>');
    assert.equal(byName.get('text_udfs.tags')!.signatures[0].result, 'ARRAY<MAP<STRING, INT NOT NULL>>');
    assert.equal(byName.get('text_udfs.plain_udf')!.signatures[0].result, 'ROW<a INT, b STRING>');
    assert.deepEqual(byName.get('text_udfs.plus_one')!.signatures[0].arguments, [{ name: 'i', type: '<ANY>' }]);
  });

  it('states argument counts from input_types (what Flink checks), else from the def (what the Python worker calls)', () => {
    assert.equal(byName.get('text_udfs.add_tax')!.minArgs, 2);
    assert.equal(byName.get('text_udfs.add_tax')!.maxArgs, 2);
    assert.equal(byName.get('text_udfs.mask_email')!.minArgs, 1);
    assert.equal(byName.get('text_udfs.mask_email')!.maxArgs, 1);
    // a default lowers the least, *rest lifts the most
    assert.equal(byName.get('text_udfs.tags')!.minArgs, 1);
    assert.equal(byName.get('text_udfs.tags')!.maxArgs, undefined);
  });

  it('never throws on broken Python, and reads what it can', () => {
    for (const text of ['@udf(result_type=', 'def (', '"""unterminated', '@udf\n', 'x = udf(', "@udf(result_type=DataTypes.STRING(')\ndef f(a): pass"]) {
      assert.doesNotThrow(() => pythonUdfs(text, 'm'));
    }
    assert.deepEqual(pythonUdfs('@udf(result_type="INT")\ndef f(a):\n  pass\n', 'm').functions.map((f) => f.className), ['m.f']);
  });

  it('joins bracketed lines and drops comments and strings from the token stream', () => {
    const lines = pythonLines('x = f(1,\n  2)  # c\ny = "a # b"\n');
    assert.equal(lines.length, 2);
    assert.equal(lines[1].toks[2].value, 'a # b');
    assert.equal(pythonType(pythonLines('DataTypes.TIMESTAMP(3)')[0].toks), 'TIMESTAMP(3)');
    assert.equal(pythonType(pythonLines('DataTypes.FOO(bar)')[0].toks), undefined);
  });
});
