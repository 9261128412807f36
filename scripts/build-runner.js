#!/usr/bin/env node
// Builds the Java helpers the package ships (Maven projects under tools/) and puts each beside the bundles, where
// the engine looks for it: out/sql-runner.jar, the SQL runner of per-job deployments (sqlRunnerJar() in
// server/src/deploy/perJobCluster.ts), and out/udf-inspector.jar, which lists a jar's user-defined functions
// (inspectorJar() in server/src/udf/inspect.ts), and out/state-inspector.jar, which reads a savepoint's operators and a
// draft's operator ids for the upgrade check (stateInspectorJar() in server/src/upgrade/stateInspector.ts). Run by `npm run build`, `npm run package` (.vsix) and `npm pack`
// (prepack), so both packages ship them and no user ever builds them. Maven runs only for a jar that is missing or
// older than its project's sources or pom.xml. $FLINK_SQL_STUDIO_MVN names the mvn executable (default: mvn on the PATH).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const rel = (p) => path.relative(root, p);

/** The helpers: each Maven project's finalName is its folder's name. */
const HELPERS = [
  { name: 'sql-runner', what: 'the SQL runner' },
  { name: 'udf-inspector', what: 'the UDF inspector' },
  { name: 'state-inspector', what: 'the state inspector' },
];

/** The newest modification time (ms) of pom.xml and every file under src/. */
function newestSource(project, pom) {
  let newest = fs.statSync(pom).mtimeMs;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(path.join(project, 'src'));
  return newest;
}

const mtime = (p) => { try { return fs.statSync(p).mtimeMs; } catch { return -1; } };

function buildHelper({ name, what }) {
  const project = path.join(root, 'tools', name);
  const pom = path.join(project, 'pom.xml');
  const built = path.join(project, 'target', `${name}.jar`);
  const shipped = path.join(root, 'out', `${name}.jar`);
  const sources = newestSource(project, pom);
  if (mtime(shipped) >= sources) {
    console.log(`build-runner: ${rel(shipped)} is up to date`);
    return;
  }
  let how;
  if (mtime(built) >= sources) {
    how = `copied ${rel(built)} (up to date) to ${rel(shipped)}`;
  } else {
    const mvn = process.env.FLINK_SQL_STUDIO_MVN || 'mvn';
    const args = ['-q', '-B', '-f', pom, 'package'];
    // mvn is a .cmd script on Windows, which only a shell runs. Its output is shown only when it fails.
    const r = spawnSync(mvn, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, shell: process.platform === 'win32' });
    if (r.error || r.status !== 0) {
      process.stderr.write(`${r.stdout || ''}${r.stderr || ''}`);
      const why = r.error ? (r.error.code === 'ENOENT' ? `${mvn} was not found (install Maven or set FLINK_SQL_STUDIO_MVN to the mvn executable)` : r.error.message) : `exit code ${r.status}`;
      console.error(`build-runner: building ${what} failed: ${mvn} ${args.join(' ')}: ${why}`);
      process.exit(1);
    }
    if (!fs.existsSync(built)) {
      console.error(`build-runner: Maven succeeded but ${rel(built)} is not there`);
      process.exit(1);
    }
    how = `built ${rel(built)} with Maven and copied it to ${rel(shipped)}`;
  }
  // Copy then rename, so an interrupted build never leaves a half-written jar that looks up to date.
  fs.mkdirSync(path.dirname(shipped), { recursive: true });
  const tmp = `${shipped}.${process.pid}.tmp`;
  fs.copyFileSync(built, tmp);
  const now = new Date();
  fs.utimesSync(tmp, now, now);
  fs.renameSync(tmp, shipped);
  console.log(`build-runner: ${how}`);
}

for (const helper of HELPERS) buildHelper(helper);
