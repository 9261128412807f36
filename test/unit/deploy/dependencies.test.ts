// Maven dependencies of a deployment: a pinned SHA-256 (`group:artifact:version@sha256:<hex>`) is checked after the
// copy and before each use; without a pin the sum is returned for the version record, so a later change shows.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dependencyPath, parseMavenCoords, resolveDependencies, type MavenCoords } from '../../../server/src/deploy/dependencies';
import { deploymentSchema } from '../../../server/src/deployment/schema';

const GOOD = Buffer.from('PK\u0003\u0004 the udf jar');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const COORDS = 'com.example:udfs:1.0.0';

describe('Maven dependencies with a pinned SHA-256', () => {
  let cache: string;
  let served: Buffer;
  let copies: number;
  /** What `mvn dependency:copy` would do, serving `served`. */
  const copy = async (c: MavenCoords, dir: string) => {
    copies++;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, path.basename(dependencyPath(c, cache))), served);
  };
  beforeEach(() => { cache = fs.mkdtempSync(path.join(os.tmpdir(), 'deps-')); served = GOOD; copies = 0; });
  afterEach(() => fs.rmSync(cache, { recursive: true, force: true }));

  it('accepts a matching pin and refuses a jar that does not match it', async () => {
    const [ok] = await resolveDependencies([`${COORDS}@sha256:${sha(GOOD)}`], cache, undefined, cache, copy);
    assert.deepEqual([ok.dependency, ok.sha256], [COORDS, sha(GOOD)]);
    served = Buffer.from('PK\u0003\u0004 something else');
    fs.rmSync(path.join(cache, 'maven'), { recursive: true });
    await assert.rejects(resolveDependencies([`${COORDS}@sha256:${sha(GOOD)}`], cache, undefined, cache, copy), /has SHA-256 [0-9a-f]{64}, but the deployment config pins/);
  });

  it('fetches again a cached jar that no longer matches its pin, and refuses it if it still does not', async () => {
    await resolveDependencies([`${COORDS}@sha256:${sha(GOOD)}`], cache, undefined, cache, copy);
    const jar = dependencyPath(parseMavenCoords(COORDS)!, cache);
    fs.writeFileSync(jar, 'tampered');
    const [again] = await resolveDependencies([`${COORDS}@sha256:${sha(GOOD)}`], cache, undefined, cache, copy);
    assert.equal(again.sha256, sha(GOOD));
    assert.equal(copies, 2);
  });

  it('returns the sum of an unpinned jar for the version record', async () => {
    const [d] = await resolveDependencies([COORDS], cache, undefined, cache, copy);
    assert.equal(d.sha256, sha(GOOD));
  });

  it('is a valid dependency in a deployment config', () => {
    const r = deploymentSchema.safeParse({ name: 'orders', type: 'SQL', target: 'session', dependencies: [`${COORDS}@sha256:${sha(GOOD)}`] });
    assert.ok(r.success, JSON.stringify(!r.success && r.error.issues));
    assert.equal(deploymentSchema.safeParse({ name: 'orders', type: 'SQL', target: 'session', dependencies: [`${COORDS}@sha256:abc`] }).success, false);
  });
});
