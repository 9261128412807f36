// The configuration panel's Save writes an exclusive, randomly named temp file beside the config, fsyncs it and
// renames it over the config: a symlink the workspace planted at the old predictable temp name (.<file>.<pid>.tmp)
// or at the config itself is never written through.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeDeployment } from '../../../server/src/deployment';

const CONFIG = 'name: orders\ntype: SQL\ntarget: per-job\nparallelism: 1\n';

describe('configuration panel Save', () => {
  let ws: string; let outside: string; let file: string;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-save-ws-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-save-outside-'));
    file = path.join(ws, 'orders.deployment.yaml');
  });
  afterEach(() => { for (const d of [ws, outside]) fs.rmSync(d, { recursive: true, force: true }); });
  const save = (diskText: string) => writeDeployment({ uri: pathToFileURL(file).toString(), diskText, edits: [{ path: 'parallelism', value: 4 }] }, file);

  it('does not write through a symlink planted at the temp file name', function () {
    if (process.platform === 'win32') this.skip();
    fs.writeFileSync(file, CONFIG);
    const victim = path.join(outside, '.bashrc');
    fs.writeFileSync(victim, 'original\n');
    fs.symlinkSync(victim, path.join(ws, `.orders.deployment.yaml.${process.pid}.tmp`));
    const r = save(CONFIG);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(fs.readFileSync(victim, 'utf8'), 'original\n');
    assert.match(fs.readFileSync(file, 'utf8'), /^parallelism: 4$/m);
    assert.deepEqual(fs.readdirSync(ws).filter((f) => f.endsWith('.tmp') && !f.includes(String(process.pid))), [], 'no temp file of ours left');
  });

  it('replaces a symlinked config instead of writing into the file it points to, keeping the mode', function () {
    if (process.platform === 'win32') this.skip();
    const target = path.join(outside, 'orders.deployment.yaml');
    fs.writeFileSync(target, CONFIG);
    fs.symlinkSync(target, file);
    assert.equal(save(CONFIG).ok, true);
    assert.equal(fs.readFileSync(target, 'utf8'), CONFIG, 'the file outside is untouched');
    assert.equal(fs.lstatSync(file).isFile(), true);
    fs.chmodSync(file, 0o600);
    assert.equal(save(fs.readFileSync(file, 'utf8')).ok, true);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });
});
