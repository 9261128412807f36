// What a local cluster's JVMs are started with and write to must not come from files the workspace planted in
// `.flink/<version>/`: a cached BashJavaUtils answer is taken only when it is one (its key is computable, so a
// crafted one could add -javaagent or -XX:OnOutOfMemoryError), and links in logs/ and tmp/ are removed before a
// JVM writes there by name.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCachedParams } from '../../../server/src/flink/localClusterProcess';
import { openForWriteSafe, unlinkSymlinksIn } from '../../../server/src/util/safeFs';

const REAL_TM = {
  jvmArgs: ['-Xmx697932173', '-Xms697932173', '-XX:MaxDirectMemorySize=300647712', '-XX:MaxMetaspaceSize=268435456'],
  dynamicArgs: ['-D', 'taskmanager.memory.network.min=166429984b', '-D', 'taskmanager.cpu.cores=4.0', '-D', 'external-resources=none', '-D', 'taskmanager.numberOfTaskSlots=4'],
};

describe('local cluster processes and files the workspace planted', () => {
  let ws: string;
  let outside: string;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'fss-proc-ws-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'fss-proc-outside-'));
  });
  afterEach(() => { for (const d of [ws, outside]) fs.rmSync(d, { recursive: true, force: true }); });

  it('takes a cached BashJavaUtils answer only when it is one', () => {
    const file = path.join(ws, 'resource-params-TM-0123456789abcdef.json');
    fs.writeFileSync(file, JSON.stringify(REAL_TM));
    assert.deepEqual(readCachedParams(file), REAL_TM);
    for (const bad of [
      { ...REAL_TM, jvmArgs: [...REAL_TM.jvmArgs, '-javaagent:/tmp/evil.jar'] },
      { ...REAL_TM, jvmArgs: ['-XX:OnOutOfMemoryError=touch /tmp/pwned'] },
      { ...REAL_TM, dynamicArgs: ['-D', 'env.java.opts.all=-javaagent:x.jar'] },
      { jvmArgs: 'not a list', dynamicArgs: [] },
    ]) {
      fs.writeFileSync(file, JSON.stringify(bad));
      assert.equal(readCachedParams(file), undefined, JSON.stringify(bad));
    }
  });

  it('does not read a cache file that is a symlink, or a FIFO', function () {
    if (process.platform === 'win32') this.skip();
    const target = path.join(outside, 'params.json');
    fs.writeFileSync(target, JSON.stringify(REAL_TM));
    const link = path.join(ws, 'resource-params-JM-0123456789abcdef.json');
    fs.symlinkSync(target, link);
    assert.equal(readCachedParams(link), undefined);
    fs.symlinkSync('/dev/zero', path.join(ws, 'zero.json'));
    assert.equal(readCachedParams(path.join(ws, 'zero.json')), undefined);
  });

  it('opens a JVM\'s output file without writing through a planted link', function () {
    if (process.platform === 'win32') this.skip();
    const victim = path.join(outside, '.bashrc');
    fs.writeFileSync(victim, 'original\n');
    const out = path.join(ws, 'jobmanager.out');
    fs.symlinkSync(victim, out);
    const fd = openForWriteSafe(out);
    fs.writeSync(fd, 'jvm output\n');
    fs.closeSync(fd);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'original\n');
    assert.equal(fs.lstatSync(out).isSymbolicLink(), false);
    assert.equal(fs.readFileSync(out, 'utf8'), 'jvm output\n');
  });

  it('removes the links in logs/ and tmp/, never what they point to', function () {
    if (process.platform === 'win32') this.skip();
    fs.mkdirSync(path.join(outside, 'web'));
    fs.writeFileSync(path.join(outside, 'web', 'precious'), 'x');
    fs.writeFileSync(path.join(ws, 'kept.log'), 'ours');
    fs.symlinkSync(path.join(outside, 'web'), path.join(ws, 'web'));
    fs.symlinkSync(path.join(outside, 'web', 'precious'), path.join(ws, 'jobmanager.log'));
    unlinkSymlinksIn(ws);
    assert.deepEqual(fs.readdirSync(ws), ['kept.log']);
    assert.equal(fs.readFileSync(path.join(outside, 'web', 'precious'), 'utf8'), 'x');
    unlinkSymlinksIn(path.join(ws, 'missing')); // a folder not made yet is fine
  });
});
