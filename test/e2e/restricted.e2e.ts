// Restricted mode: a code-server with workspace trust ON; the user declines to trust the folder, and
// the language features (squiggles from the language server) still work, as the manifest promises; and a hostile
// workspace opened that way gets nothing done (issue 17): no request, no write outside, no command, no kill.
import * as assert from 'assert';
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type { BrowserContext } from 'playwright-core';
import { DeploymentStore } from '../../server/src/deploy/store';
import { MAIN_CLASSES } from '../../server/src/flink/localClusterProcess';
import { launch } from './browser';
import { exact, Workbench } from './workbench';

const url = process.env.CS_URL_RESTRICTED;
const folder = process.env.E2E_WS_RESTRICTED!;
const ROOT = path.resolve(__dirname, '..', '..');
const DRAFT_NAME = 'orders.flink.sql';

describe('Flink SQL Studio in restricted mode (untrusted workspace)', function () {
  let context: BrowserContext | undefined;
  let wb: Workbench;

  before(async function () {
    if (!url) this.skip(); // only scripts/e2e.sh starts the second code-server
    const browser = await launch('restricted');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await wb.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // VS Code asks whether to trust the folder's authors; the user says no.
    await wb.page.locator('.monaco-dialog-box').getByRole('button', { name: /No, I don.t trust/ }).click({ timeout: 60_000 });
    await wb.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-restricted-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    await context?.close();
  });

  it('still underlines a syntax error while the workspace is not trusted', async () => {
    await wb.statusItem('Restricted Mode').waitFor({ timeout: 30_000 });
    await wb.openFile('datagen-to-blackhole.flink.sql');
    await wb.selectFirstWordOfLine(14);
    await wb.page.keyboard.type('FORM');
    await wb.editor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await wb.screenshot('6-restricted-mode');
  });
});

/**
 * A hostile workspace, opened untrusted: its settings point every Flink URL at a capture server this test runs,
 * `.flink/` is a link to a folder outside holding a crafted cluster.json (naming a process of ours, and the capture
 * server as its cluster) and a deployment record (the same), `orders.k8s.yaml` links to a file outside, `.git/config`
 * runs a command through core.fsmonitor, and the Java and Maven settings name scripts that leave a marker. In
 * Restricted Mode nothing of it may take effect: no request, no file outside changed, no marker, no process killed.
 */
describe('Flink SQL Studio in restricted mode: a hostile workspace', function () {
  this.timeout(240_000); // it waits out the status poll (40 s) and runs ten commands
  let context: BrowserContext | undefined;
  let wb: Workbench;
  let capture: http.Server | undefined;
  const requests: string[] = [];
  let victim: ChildProcess | undefined;
  let base: string;
  let ws: string;
  let outside: string;
  let markers: string;
  let outsideBefore: Record<string, string>;

  before(async function () {
    if (!url) this.skip();
    capture = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`);
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
    await new Promise<void>((r) => capture!.listen(0, '127.0.0.1', r));
    const captureUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;
    victim = spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
    victim.unref();
    ({ base, ws, outside, markers } = buildHostileWorkspace(captureUrl, victim.pid!));
    outsideBefore = snapshot(outside);
    console.log(`    hostile workspace ${ws}; capture server ${captureUrl}; sacrificial pid ${victim.pid}; ${Object.keys(outsideBefore).length} files outside`);

    const browser = await launch('hostile');
    context = browser.context;
    wb = new Workbench(browser.page);
    await wb.page.goto(`${url}/?folder=${encodeURIComponent(ws)}`);
    await wb.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await wb.page.locator('.monaco-dialog-box').getByRole('button', { name: /No, I don.t trust/ }).click({ timeout: 60_000 });
    await wb.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-hostile-${this.currentTest.title.replace(/\W+/g, '_')}`).catch(() => undefined);
  });

  after(async () => {
    await context?.close();
    if (victim?.pid) try { process.kill(victim.pid, 'SIGKILL'); } catch { /* gone */ }
    await new Promise((r) => (capture ? capture.close(r) : r(undefined)));
    if (base) fs.rmSync(base, { recursive: true, force: true });
  });

  it('refuses every Flink command, and after the status poll\'s interval nothing reached the capture server, changed outside or was killed', async () => {
    await wb.statusItem('Restricted Mode').waitFor({ timeout: 30_000 });
    await wb.openFile(DRAFT_NAME);
    await wb.page.locator('#status\\.editor\\.mode', { hasText: 'Flink SQL' }).waitFor({ timeout: 30_000 });
    const opened = Date.now();

    // The Deployments view, visible (it polls only then): its records name the capture server.
    await wb.page.locator('.activitybar .action-item a[aria-label^="Flink"]').first().click();
    const deployments = await wb.pane('Deployments');

    // Each command refuses with its reason (or, for the Web UI, finds no cluster: nothing was read to find one).
    const refusals: Array<[string, RegExp]> = [
      ['Flink: Validate Draft', /Validate talks to a Flink cluster and needs a trusted workspace/],
      ['Flink: Show Plan', /Show Plan talks to a Flink cluster and needs a trusted workspace/],
      ['Flink: Execute Draft', /Execute talks to a Flink cluster and needs a trusted workspace/],
      ['Flink: Preview Draft', /Preview talks to a Flink cluster and needs a trusted workspace/],
      ['Flink: Publish', /Publish talks to a Flink cluster and needs a trusted workspace/],
      ['Flink: Export Kubernetes Manifest', /Exporting a Kubernetes manifest talks to a Flink cluster and needs a trusted workspace/],
      ['Flink: Stop Local Cluster', /Stopping the local Flink cluster talks to a Flink cluster and needs a trusted workspace/],
      ['Flink: Start Local Cluster', /Starting a local Flink cluster talks to a Flink cluster and needs a trusted workspace/],
      ['Flink: Refresh Catalogs', /Reading the catalogs talks to a Flink cluster and needs a trusted workspace/],
      ['Flink: Open Flink Web UI', /No running Flink cluster to open/],
    ];
    // Checked after the requests, files and processes (a command that did not refuse may have reached them).
    const notRefused: string[] = [];
    for (const [title, refusal] of refusals) {
      await wb.editor().locator('.view-lines').click();
      await runExactly(wb, title);
      const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: refusal });
      const refused = await toast.first().waitFor({ timeout: 30_000 }).then(() => true, () => false);
      if (!refused) notRefused.push(`${title}: ${(await wb.page.locator('.notifications-toasts').innerText().catch(() => '')).replace(/\s+/g, ' ') || 'no notification'}`);
      if (title === 'Flink: Validate Draft') await wb.screenshot('11-hostile-restricted-refused');
      await wb.runCommand('Notifications: Clear All Notifications');
      await wb.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached', timeout: 10_000 });
    }
    await runExactly(wb, 'Flink: Refresh Deployments');

    // Longer than the connection status poll (30 s) and the Deployments view's slowest poll.
    const waitMs = 40_000 - (Date.now() - opened);
    if (waitMs > 0) await wb.page.waitForTimeout(waitMs);
    await wb.screenshot('12-hostile-restricted-after-40s');

    assert.deepEqual(requests, [], 'requests reached the capture server');
    assert.deepEqual(snapshot(outside), outsideBefore, 'a file outside the workspace changed');
    assert.equal(fs.readlinkSync(path.join(ws, '.flink')), path.join(outside, 'state', '.flink'));
    assert.equal(fs.readlinkSync(path.join(ws, 'orders.k8s.yaml')), path.join(outside, 'victim.k8s.yaml'));
    assert.deepEqual(fs.readdirSync(markers), [], 'a command the workspace planted ran (fsmonitor, java or mvn)');
    assert.ok(victim?.pid && alive(victim.pid), `the sacrificial process ${victim?.pid} was killed`);
    assert.deepEqual(notRefused, [], 'commands that did not refuse');
    // And the view says why it shows nothing.
    await deployments.locator('.monaco-list-row', { hasText: 'Restricted Mode: deployments are read once you trust this workspace.' }).first().waitFor({ timeout: 5_000 });
  });
});

/** Runs the palette command titled exactly `title` (Enter would take the top row: "Flink: Publish" ranks "Open Published Config" first). */
async function runExactly(wb: Workbench, title: string): Promise<void> {
  await wb.page.keyboard.press('F1');
  const input = wb.quickInput();
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { has: wb.page.locator('.label-name', { hasText: exact(title) }) }).first();
  await row.click({ timeout: 10_000 });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every file and link below `dir`: its SHA-256 (a link: where it points). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isSymbolicLink()) out[rel] = `-> ${fs.readlinkSync(p)}`;
      else if (e.isDirectory()) { out[`${rel}/`] = 'dir'; walk(p); }
      else out[rel] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/**
 * `<base>/flink-jobs` (the workspace: the fixture's drafts, hostile settings, links out, a trapped .git) and
 * `<base>/outside` (what the links point at, the crafted state and records, the planted Java and Maven).
 */
function buildHostileWorkspace(captureUrl: string, victimPid: number): { base: string; ws: string; outside: string; markers: string } {
  const base = fs.mkdtempSync(path.join(process.env.E2E_RUN_DIR!, 'hostile-'));
  const ws = path.join(base, 'flink-jobs');
  const outside = path.join(base, 'outside');
  const markers = path.join(base, 'markers');
  fs.mkdirSync(markers);
  fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'workspace'), ws, { recursive: true });
  const script = (file: string, marker: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `#!/bin/sh\ntouch ${JSON.stringify(path.join(markers, marker))}\n`, { mode: 0o755 });
  };
  script(path.join(outside, 'jdk', 'bin', 'java'), 'java');
  script(path.join(outside, 'maven', 'bin', 'mvn'), 'mvn');
  fs.writeFileSync(path.join(outside, 'victim.k8s.yaml'), '# a file outside the workspace: no export may write here\n');

  // The settings a workspace may not choose while untrusted (package.json restrictedConfigurations), all aimed here.
  fs.mkdirSync(path.join(ws, '.vscode'));
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({
    'flinkSql.target': 'remote',
    'flinkSql.gateway.url': captureUrl,
    'flinkSql.rest.url': captureUrl,
    'flinkSql.auth.headerName': 'X-Captured',
    'flinkSql.tls.rejectUnauthorized': false,
    'flinkSql.trace.server': 'verbose',
    'flinkSql.local.autoStart': true,
    'flinkSql.javaHome': path.join(outside, 'jdk'),
    'flinkSql.mavenExecutable': path.join(outside, 'maven', 'bin', 'mvn'),
    'flinkSql.localFlink.flinkHome': path.join(outside, 'flink'),
    'flinkSql.localFlink.installDir': path.join(outside, 'install'),
  }, null, 2));

  // .flink/ is a link out. Behind it: a cluster.json that names the sacrificial process as our JobManager (its log
  // file in this workspace's cluster folder, as ours would be) and the capture server as the cluster, and a
  // deployment record whose job lives on the capture server.
  const state = path.join(outside, 'state');
  const flinkDir = path.join(state, '.flink', '2.3.0');
  fs.mkdirSync(flinkDir, { recursive: true });
  const asSeen = path.join(ws, '.flink', '2.3.0');
  fs.writeFileSync(path.join(flinkDir, 'cluster.json'), JSON.stringify({
    format: 1, status: 'running', flinkVersion: '2.3.0', distHome: path.join(outside, 'flink'), workspaceDir: ws,
    restUrl: captureUrl, gatewayUrl: captureUrl, startedAt: new Date().toISOString(), ownerPid: victimPid,
    processes: (['jobmanager', 'taskmanager', 'gateway'] as const).map((role) => ({
      role, pid: victimPid, mainClass: MAIN_CLASSES[role], logFile: path.join(asSeen, 'logs', `${role}.log`), outFile: path.join(asSeen, 'logs', `${role}.out`),
    })),
  }, null, 2));
  const store = new DeploymentStore(state);
  store.createVersion({
    format: 1, deployment: 'orders', version: 1, createdAt: new Date().toISOString(), draft: DRAFT_NAME, target: 'session',
    flinkVersion: '2.3', restoreStrategy: 'latest-savepoint', status: 'running', attempts: [], notHonoured: [], jobId: 'f'.repeat(32),
    cluster: { kind: 'remote', gatewayUrl: captureUrl, restUrl: captureUrl },
  }, fs.readFileSync(path.join(ws, DRAFT_NAME), 'utf8'), fs.readFileSync(path.join(ws, 'orders.deployment.yaml'), 'utf8'), {});
  store.write({ format: 1, name: 'orders', currentVersion: 1, latestVersion: 1, savepoints: [], updatedAt: '' });
  fs.symlinkSync(path.join(state, '.flink'), path.join(ws, '.flink'));
  fs.symlinkSync(path.join(outside, 'victim.k8s.yaml'), path.join(ws, 'orders.k8s.yaml'));

  // A repository whose config runs a command on `git status` (core.fsmonitor), set after the commit that needs none.
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@localhost', '-c', 'init.defaultBranch=main', ...args], { cwd: ws, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'hostile');
  git('config', 'core.fsmonitor', `touch ${JSON.stringify(path.join(markers, 'fsmonitor'))}`);
  return { base, ws, outside, markers };
}
