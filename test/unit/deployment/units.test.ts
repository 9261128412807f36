// Memory sizes and durations: Flink's MemorySize / TimeUtils forms plus binary units, normalised one way.
import * as assert from 'assert';
import { flinkMemory, formatDuration, formatMemory, parseDuration, parseMemory } from '../../../server/src/deployment';

describe('deployment units', () => {
  it('reads memory sizes in Flink\'s and binary spellings', () => {
    const MiB = 1024 ** 2;
    const cases: Array<[string | number, number | undefined]> = [
      ['1024 MiB', 1024 * MiB], ['1.5 GiB', 1536 * MiB], ['1g', 1024 * MiB], ['512m', 512 * MiB], ['2gb', 2048 * MiB],
      ['64 kb', 64 * 1024], ['1 tebibytes', 1024 ** 4], [4096, 4096], ['100', 100], ['1 GB', 1024 * MiB],
      ['1.5', 2], ['ten gigs', undefined], ['1 pb', undefined], ['-1g', undefined], ['', undefined],
    ];
    for (const [text, bytes] of cases) assert.strictEqual(parseMemory(text), bytes, String(text));
  });

  it('normalises memory to the largest exact binary unit, and to MemorySize syntax for Flink', () => {
    assert.strictEqual(formatMemory(1536 * 1024 ** 2), '1536 MiB');
    assert.strictEqual(formatMemory(1024 ** 3), '1 GiB');
    assert.strictEqual(formatMemory(1000), '1000 B');
    assert.strictEqual(flinkMemory(1536 * 1024 ** 2), '1536m');
    assert.strictEqual(flinkMemory(2 * 1024 ** 3), '2g');
  });

  it('reads durations in TimeUtils\' forms and normalises them', () => {
    const cases: Array<[string | number, number | undefined]> = [
      ['10 s', 10_000], ['1 min', 60_000], ['500ms', 500], ['2h', 7_200_000], ['1 d', 86_400_000], ['3 seconds', 3000],
      ['5 m', 300_000], [250, 250], ['30', 30], ['1 fortnight', undefined], ['soon', undefined],
    ];
    for (const [text, ms] of cases) assert.strictEqual(parseDuration(text), ms, String(text));
    assert.strictEqual(formatDuration(90_000), '90 s');
    assert.strictEqual(formatDuration(120_000), '2 min');
    assert.strictEqual(formatDuration(0), '0 ms');
  });
});
