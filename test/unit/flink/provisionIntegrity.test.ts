// A pinned install runs exactly its manifest: a jar dropped into lib/ is not on the classpath, and a pinned jar
// rewritten in place (same size, other bytes) is noticed at the next check, without hashing every jar at every start.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkDist, classpathFor, defaultFlinkVersion, distFor, loadManifest, type FlinkDist } from '../../../server/src/flink/provision';

describe('pinned install integrity', () => {
  const version = defaultFlinkVersion();
  const artifacts = loadManifest().versions[version].artifacts;
  let cache: string;
  let dist: FlinkDist;
  beforeEach(() => {
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'provision-integrity-'));
    dist = distFor(version, cache);
    // Sparse files of the pinned sizes: no bytes on disk, and not the pinned content (which the test never hashes unless asked to).
    for (const a of artifacts) {
      fs.mkdirSync(path.join(dist.home, a.dir), { recursive: true });
      fs.writeFileSync(path.join(dist.home, a.dir, a.file), '');
      fs.truncateSync(path.join(dist.home, a.dir, a.file), a.size);
    }
  });
  afterEach(() => fs.rmSync(cache, { recursive: true, force: true }));

  it('puts only the manifest\'s jars on a pinned install\'s classpath; a user\'s own distribution keeps all of lib/', () => {
    fs.writeFileSync(path.join(dist.libDir, 'aaa-dropped-in.jar'), 'PK');
    for (const role of ['jobmanager', 'taskmanager', 'gateway', 'sql-client'] as const) {
      const cp = classpathFor(dist, role).split(path.delimiter);
      assert.ok(!cp.some((j) => j.endsWith('aaa-dropped-in.jar')), `${role}: the dropped-in jar is on the classpath`);
      for (const a of artifacts.filter((x) => x.dir === 'lib')) assert.ok(cp.includes(path.join(dist.libDir, a.file)), `${role}: ${a.file} missing`);
    }
    assert.ok(classpathFor({ ...dist, external: true }, 'jobmanager').includes('aaa-dropped-in.jar'));
  });

  it('re-hashes a jar whose mtime changed though its size did not, and finds it changed', async () => {
    const digest = createHash('sha256').update(JSON.stringify(artifacts)).digest('hex');
    const files = Object.fromEntries(artifacts.map((a) => {
      const st = fs.statSync(path.join(dist.home, a.dir, a.file));
      return [`${a.dir}/${a.file}`, { size: st.size, mtimeMs: st.mtimeMs }];
    }));
    fs.writeFileSync(path.join(dist.home, 'installed.json'), JSON.stringify({ version, manifestDigest: digest, files }));
    assert.equal((await checkDist(version, { cacheRoot: cache })).installed, true, 'unchanged jars are trusted by size and mtime');
    const small = [...artifacts].sort((x, y) => x.size - y.size)[0];
    const jar = path.join(dist.home, small.dir, small.file);
    const fd = fs.openSync(jar, 'r+');
    fs.writeSync(fd, Buffer.from('evil'), 0, 4, 0);
    fs.closeSync(fd);
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(jar, later, later);
    assert.equal(fs.statSync(jar).size, small.size);
    const check = await checkDist(version, { cacheRoot: cache });
    assert.equal(check.installed, false);
    assert.match(check.problem ?? '', new RegExp(`${small.file.replace(/\./g, '\\.')} fails its SHA-256 check`));
  });
});
