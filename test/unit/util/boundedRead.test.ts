// Bounded reads of files the workspace gave us: the async reader and its sync twin share one reading (checks, cap,
// loop, decoding), so for every kind of file they give the same text or the same refusal.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readErrorReason, readTextFile, readTextFileSync, type ReadOptions } from '../../../server/src/util/boundedRead';

type Outcome = { text: string } | { error: string };

async function both(file: string, options: ReadOptions): Promise<[Outcome, Outcome]> {
  const outcome = async (read: () => Promise<string> | string): Promise<Outcome> => {
    try {
      return { text: await read() };
    } catch (err) {
      return { error: `${(err as Error).name}: ${readErrorReason(err)}` };
    }
  };
  return [await outcome(() => readTextFile(file, options)), await outcome(() => readTextFileSync(file, options))];
}

describe('bounded reads: the async reader and its sync twin', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bounded-read-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('give the same text or the same refusal for every kind of file', async function () {
    if (process.platform === 'win32') this.skip();
    const file = (name: string, data: string | Buffer) => {
      fs.writeFileSync(path.join(dir, name), data);
      return path.join(dir, name);
    };
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.sql'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.sql')]);
    fs.mkdirSync(path.join(dir, 'folder.sql'));
    const cases: Array<[string, ReadOptions, Outcome]> = [
      [file('draft.sql', 'SELECT 1;\n-- é ✓\n'), { maxBytes: 100 }, { text: 'SELECT 1;\n-- é ✓\n' }],
      [file('empty.sql', ''), { maxBytes: 100 }, { text: '' }],
      [file('exact.sql', 'x'.repeat(100)), { maxBytes: 100 }, { text: 'x'.repeat(100) }],
      [file('large.sql', 'x'.repeat(101)), { maxBytes: 100 }, { error: 'FileReadError: it is 101 bytes, more than the 100 bytes this file may have' }],
      [file('latin1.sql', Buffer.from([0x53, 0xe9, 0x0a])), { maxBytes: 100, strictUtf8: true }, { error: 'FileReadError: it is not UTF-8 text' }],
      [path.join(dir, 'latin1.sql'), { maxBytes: 100 }, { text: 'S\ufffd\n' }],
      [path.join(dir, 'zero.sql'), { maxBytes: 100 }, { error: 'FileReadError: it is a device: only regular files are read' }],
      [path.join(dir, 'fifo.sql'), { maxBytes: 100 }, { error: 'FileReadError: it is a FIFO (named pipe): only regular files are read' }],
      [path.join(dir, 'folder.sql'), { maxBytes: 100 }, { error: 'FileReadError: it is a directory: only regular files are read' }],
      [path.join(dir, 'missing.sql'), { maxBytes: 100 }, { error: 'Error: no such file' }],
    ];
    for (const [f, options, expected] of cases) {
      const [asyncOutcome, syncOutcome] = await both(f, options);
      assert.deepEqual(asyncOutcome, expected, `async ${path.basename(f)}`);
      assert.deepEqual(syncOutcome, expected, `sync ${path.basename(f)}`);
    }
  });
});
