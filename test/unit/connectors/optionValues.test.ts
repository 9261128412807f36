// Option values are judged as Flink parses them: TimeUtils.parseDuration, MemorySize.parseBytes and
// ConfigurationUtils' conversions (Boolean only true/false, enums case-insensitive, maps `k:v,k:v`).
import assert from 'node:assert/strict';
import type { CatalogOption } from '../../../server/src/connectors/catalogTypes';
import { durationProblem, memorySizeProblem, splitEscaped, valueProblem } from '../../../server/src/connectors/optionValues';

const opt = (type: CatalogOption['type'], extra: Partial<CatalogOption> = {}): CatalogOption => ({ key: 'k', type, required: false, description: '', ...extra });
const ok = (o: CatalogOption, v: string) => assert.equal(valueProblem(o, o.key, v), undefined, `${o.type} '${v}' should parse`);
const bad = (o: CatalogOption, v: string) => assert.ok(valueProblem(o, o.key, v), `${o.type} '${v}' should not parse`);

describe('option values (as Flink parses them)', () => {
  it('durations: TimeUtils.parseDuration labels, a space or none, milliseconds without a unit', () => {
    for (const v of ['10 s', '1min', '500ms', '1 h', '30 min', '2 days', '100', ' 5 seconds ', '1 m', 'PT10S']) assert.equal(durationProblem(v), undefined, v);
    for (const v of ['10 sec x', 'ten seconds', '', '1.5 s', '-1 s', '5 mins x', '3 weeks']) assert.ok(durationProblem(v), v);
    assert.match(durationProblem('3 weeks')!, /unit label 'weeks' does not match/);
  });

  it('memory sizes: MemorySize.parseBytes units, case-insensitive', () => {
    for (const v of ['1 mb', '512m', '1gb', '128 MB', '64', '2 kibibytes', '1t']) assert.equal(memorySizeProblem(v), undefined, v);
    for (const v of ['1.5 gb', 'big', '1 pb', '']) assert.ok(memorySizeProblem(v), v);
  });

  it('booleans: only true/false (any case), as ConfigurationUtils.convertToBoolean', () => {
    ok(opt('Boolean'), 'TRUE');
    ok(opt('Boolean'), 'false');
    bad(opt('Boolean'), 'yes');
    bad(opt('Boolean'), '1');
    assert.equal(valueProblem(opt('Boolean'), 'k', 'yes')?.suggestion, 'true');
    assert.match(valueProblem(opt('Boolean'), 'k', 'yes')!.message, /Expected either true or false/);
  });

  it('numbers: Integer.parseInt (no spaces, 32 bit), Long, Float/Double with exponents', () => {
    ok(opt('Integer'), '42');
    ok(opt('Integer'), '-7');
    bad(opt('Integer'), ' 42');
    bad(opt('Integer'), '2147483648');
    ok(opt('Long'), '2147483648');
    bad(opt('Long'), '1e3');
    ok(opt('Double'), '1e3');
    ok(opt('Float'), '0.25');
    ok(opt('Float'), 'NaN');
    bad(opt('Float'), 'half');
  });

  it('enums: a constant in any case (convertToEnum), with the closest as the suggestion', () => {
    const mode = opt('Enum', { enumValues: ['earliest-offset', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets'] });
    ok(mode, 'EARLIEST-OFFSET');
    const p = valueProblem(mode, 'scan.startup.mode', 'earliest-ofset');
    assert.equal(p?.suggestion, 'earliest-offset');
    assert.match(p!.message, /Expected one of: \[earliest-offset, latest-offset/);
    assert.equal(valueProblem(mode, 'scan.startup.mode', 'earliest')?.suggestion, 'earliest-offset');
  });

  it('lists split on ; and maps are k:v entries split on , (StructuredOptionsSplitter)', () => {
    ok(opt('Integer', { list: true }), '1;2;3');
    bad(opt('Integer', { list: true }), '1;two');
    ok(opt('Map'), 'k1:v1,k2:v2');
    bad(opt('Map'), 'k1=v1');
    assert.deepEqual(splitEscaped("a;'b;c';d", ';'), ['a', 'b;c', 'd']);
  });

  it('strings and passwords take anything', () => {
    ok(opt('String'), '');
    ok(opt('Password'), 'x:y');
  });
});
