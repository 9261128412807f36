// Which JAR draft a file belongs to (Validate / Execute from the Java class the user edits), in plain Node.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { newDraftFiles } from '../../../server/src/deployment/newDraft';
import { findJarDraft } from '../../../server/src/jar/findJarDraft';
import { JarDraftError } from '../../../server/src/jar/jarDraft';

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

describe('finding the JAR draft of a file', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'find-jar-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('from its config, its main class or its pom; not from a SQL draft or a file outside the project', () => {
    write(dir, newDraftFiles({ name: 'order-totals', type: 'JAR', target: 'session' }));
    write(dir, newDraftFiles({ name: 'orders', type: 'SQL', target: 'session' }));
    const main = path.join(dir, 'order-totals/src/main/java/com/example/ordertotals/OrderTotalsJob.java');
    for (const f of [path.join(dir, 'order-totals.deployment.yaml'), main, path.join(dir, 'order-totals/pom.xml')]) {
      const d = findJarDraft(f, dir);
      assert.equal(d?.name, 'order-totals', f);
      assert.equal(d.projectDir, path.join(dir, 'order-totals'));
      assert.equal(d.run.entryClass, 'com.example.ordertotals.OrderTotalsJob');
    }
    assert.equal(findJarDraft(path.join(dir, 'orders.deployment.yaml'), dir), undefined);
    assert.equal(findJarDraft(path.join(dir, 'orders.flink.sql'), dir), undefined);
    write(dir, { 'notes/readme.md': '# notes\n' });
    assert.equal(findJarDraft(path.join(dir, 'notes/readme.md'), dir), undefined);
  });

  it('says what is wrong with a broken JAR config it is given; skips one met on the way up', () => {
    write(dir, newDraftFiles({ name: 'order-totals', type: 'JAR', target: 'session' }));
    write(dir, { 'broken.deployment.yaml': 'name: broken\ntype: JAR\ntarget: nowhere\n' });
    assert.throws(() => findJarDraft(path.join(dir, 'broken.deployment.yaml'), dir), JarDraftError);
    assert.equal(findJarDraft(path.join(dir, 'order-totals/pom.xml'), dir)?.name, 'order-totals');
  });

  it('does not look above the workspace folder', () => {
    write(dir, newDraftFiles({ name: 'order-totals', type: 'JAR', target: 'session' }));
    const inner = path.join(dir, 'order-totals/src');
    assert.equal(findJarDraft(path.join(inner, 'main/java/com/example/ordertotals/OrderTotalsJob.java'), inner), undefined);
  });
});
