// Credentials stay with the gateway (security review, issue 17 §3): a nextResultUri pointing elsewhere gets no
// auth header, userinfo never shows up in messages or the URLs we hand on, and no credential goes over plain
// http to another machine without consent. Fake gateway and capture server on 127.0.0.1.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Connection } from 'vscode-languageserver';
import type { CliIo } from '../../../server/src/cli/command';
import { reportFailure, sessionCluster } from '../../../server/src/cli/deployContext';
import { resolveGatewayTarget } from '../../../server/src/cli/gatewayTarget';
import { jobManagerResolver } from '../../../server/src/deploy/clusters';
import { GatewayError } from '../../../server/src/flink/flinkErrors';
import { GatewayClient, type GatewayTarget } from '../../../server/src/flink/gatewayClient';
import { JobManagerClient } from '../../../server/src/flink/restClient';
import { insecureAuthProblem, moveUserinfo, redactUrl } from '../../../server/src/flink/urlCredentials';
import { FlinkConnections } from '../../../server/src/lsp/flinkConnection';

interface Seen { url: string; headers: http.IncomingHttpHeaders }
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(handler: Handler): Promise<{ url: string; port: number; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ url: req.url!, headers: req.headers });
      handler(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, seen, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const page = (nextResultUri: string) => ({
  resultType: 'PAYLOAD', isQueryResult: true, resultKind: 'SUCCESS_WITH_CONTENT',
  results: { columns: [{ name: 'x', logicalType: { type: 'INTEGER', nullable: true } }], rowFormat: 'JSON', data: [{ kind: 'INSERT', fields: [1] }] },
  nextResultUri,
});

describe('credentials in URLs and headers', () => {
  describe('nextResultUri', () => {
    it('never sends the auth header to another origin the gateway names (security review: forwarded to any origin)', async () => {
      const capture = await serve((_req, res) => json(res, 200, { resultType: 'EOS' }));
      const gateway = await serve((_req, res) => json(res, 200, page(`${capture.url}/v2/sessions/s/operations/o/result/1?rowFormat=JSON`)));
      try {
        const client = new GatewayClient(gateway.url, 'v2', { headers: { Authorization: 'Bearer s3cret' } });
        const pages = client.pages('s', 'o');
        assert.equal((await pages.next()).done, false);
        await assert.rejects(pages.next(), (e: unknown) => e instanceof GatewayError && e.kind === 'protocol' && /not the gateway/.test(e.message) && e.message.includes(capture.url));
        assert.equal(capture.seen.length, 0, 'the capture server was contacted');
        assert.equal(gateway.seen[0].headers.authorization, 'Bearer s3cret');
      } finally {
        await capture.close();
        await gateway.close();
      }
    });

    it('follows nextResultUri on the gateway itself, relative or absolute', async () => {
      let gw = '';
      const gateway = await serve((req, res) => {
        if (req.url!.includes('/result/0')) json(res, 200, page('/v2/sessions/s/operations/o/result/1?rowFormat=JSON'));
        else if (req.url!.includes('/result/1')) json(res, 200, page(`${gw}/v2/sessions/s/operations/o/result/2?rowFormat=JSON`));
        else json(res, 200, { resultType: 'EOS' });
      });
      gw = gateway.url;
      try {
        const client = new GatewayClient(gateway.url, 'v2', { headers: { Authorization: 'Bearer s3cret' } });
        let n = 0;
        for await (const p of client.pages('s', 'o')) n += p.rows.length;
        assert.equal(n, 2);
        assert.deepEqual(gateway.seen.map((s) => s.headers.authorization), ['Bearer s3cret', 'Bearer s3cret', 'Bearer s3cret']);
      } finally { await gateway.close(); }
    });

    it('refuses https → http on the same host before connecting', async () => {
      const capture = await serve((_req, res) => json(res, 200, { resultType: 'EOS' }));
      try {
        const client = new GatewayClient(`https://127.0.0.1:${capture.port}`, 'v2', { headers: { Authorization: 'Bearer s3cret' } });
        await assert.rejects(client.fetchPage('s', 'o', `${capture.url}/v2/sessions/s/operations/o/result/1`), /not the gateway/);
        assert.equal(capture.seen.length, 0);
      } finally { await capture.close(); }
    });
  });

  describe('userinfo', () => {
    it('redacts userinfo in URLs and in messages', () => {
      assert.equal(redactUrl('http://user:pa@ss@gw.example:8083/v2'), 'http://***@gw.example:8083/v2');
      assert.equal(redactUrl('SQL Gateway at https://u:p@h:1 failed; see http://h2/x and a@b.c'), 'SQL Gateway at https://***@h:1 failed; see http://h2/x and a@b.c');
      assert.equal(redactUrl('http://127.0.0.1:8083'), 'http://127.0.0.1:8083');
      assert.deepEqual(moveUserinfo('http://127.0.0.1:8083'), { url: 'http://127.0.0.1:8083' });
      assert.deepEqual(moveUserinfo('https://al%40ice:s%3Acret@gw.example:8083/p'),
        { url: 'https://gw.example:8083/p', authorization: `Basic ${Buffer.from('al@ice:s:cret').toString('base64')}` });
    });

    it('the gateway client sends userinfo as Basic auth and never shows it (security review: printed and recorded)', async () => {
      const gateway = await serve((_req, res) => json(res, 500, { errors: ['boom'] }));
      try {
        const withCreds = gateway.url.replace('http://', 'http://alice:s3cret@');
        const client = new GatewayClient(withCreds, 'v2', { retries: 0 });
        assert.equal(client.baseUrl, gateway.url);
        const err = await client.info().then(() => undefined, (e: Error) => e);
        assert.ok(err && !err.message.includes('s3cret'), err?.message);
        assert.equal(gateway.seen[0].headers.authorization, `Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
        // An unreachable gateway's message neither.
        const down = await new GatewayClient('http://alice:s3cret@127.0.0.1:9', 'v2', { retries: 0 }).info().then(() => undefined, (e: Error) => e);
        assert.ok(down && !down.message.includes('s3cret') && !down.message.includes('alice'), down?.message);
      } finally { await gateway.close(); }
    });

    it('the JobManager client sends userinfo as Basic auth and keeps it out of baseUrl and errors', async () => {
      const rest = await serve((_req, res) => json(res, 404, { errors: ['Not found'] }));
      try {
        const client = new JobManagerClient(rest.url.replace('http://', 'http://bob:hunter2@'), { retries: 0 });
        assert.equal(client.baseUrl, rest.url);
        const err = await client.overview().then(() => undefined, (e: Error) => e);
        assert.ok(err && !err.message.includes('hunter2') && err.message.includes(rest.url), err?.message);
        assert.equal(rest.seen[0].headers.authorization, `Basic ${Buffer.from('bob:hunter2').toString('base64')}`);
      } finally { await rest.close(); }
    });

    it('the language server resolves a remote target without userinfo in the URL it reports and records', async () => {
      const connections = new FlinkConnections({} as Connection);
      const t = await connections.resolve({ target: 'remote', gatewayUrl: 'https://alice:s3cret@gw.example:8083' });
      assert.equal(t.gatewayUrl, 'https://gw.example:8083');
      assert.deepEqual(t.headers, { Authorization: `Basic ${Buffer.from('alice:s3cret').toString('base64')}` });
      assert.ok(!t.key.includes('s3cret'));
      // An explicit header wins over userinfo.
      const h = await connections.resolve({ target: 'remote', gatewayUrl: 'https://alice:s3cret@gw.example:8083', authHeader: { name: 'authorization', value: 'Bearer t' } });
      assert.deepEqual(h.headers, { authorization: 'Bearer t' });
    });

    it('version records keep the URLs without userinfo, requests keep the credential (security review: written into version.json)', async () => {
      const c = await sessionCluster({ dir: '/nonexistent', gateway: 'https://alice:s3cret@gw.example:8083', rest: 'https://bob:hunter2@jm.example:8081' });
      assert.ok(!('error' in c));
      assert.deepEqual(c.cluster, { kind: 'remote', gatewayUrl: 'https://gw.example:8083', restUrl: 'https://jm.example:8081' });
      assert.ok(!JSON.stringify(c.cluster).includes('s3cret') && !JSON.stringify(c.cluster).includes('hunter2'));
      assert.equal(c.gateway.restUrl, 'https://bob:hunter2@jm.example:8081');
      assert.equal(new JobManagerClient(c.gateway.restUrl!).baseUrl, 'https://jm.example:8081');
    });

    it('a URL a record names is contacted only when it is http(s) without credentials of its own', async () => {
      const rest = await serve((_req, res) => json(res, 200, { jobs: [] }));
      try {
        const resolve = jobManagerResolver({ workspaceDir: '/nonexistent' });
        for (const bad of [rest.url.replace('http://', 'http://eve:pw@'), `ftp://127.0.0.1:${rest.port}`, 'smb://attacker.example.invalid/share']) {
          assert.equal(await resolve({ kind: 'remote', restUrl: bad }), undefined, bad);
        }
        assert.equal((await resolve({ kind: 'remote', restUrl: rest.url }))?.baseUrl, rest.url);
        assert.equal(rest.seen.length, 0);
      } finally { await rest.close(); }
    });

    it('the CLI never prints userinfo in a failure', () => {
      let err = '';
      const io: CliIo = { stdout: () => undefined, stderr: (t) => { err += t; } };
      reportFailure(io, 'publish', new Error('HTTP 401 from https://alice:s3cret@gw.example:8083/v2/info'));
      assert.ok(!err.includes('s3cret') && err.includes('https://***@gw.example:8083'), err);
    });

    it('the CLI moves userinfo from --gateway into a header', async () => {
      const { secrets, secretHints, ...t } = await resolveGatewayTarget('https://alice:s3cret@gw.example:8083', '/nonexistent', {}) as GatewayTarget;
      assert.ok(secrets && secretHints, 'references resolve from the environment');
      assert.deepEqual(t, { gatewayUrl: 'https://gw.example:8083', restUrl: undefined, headers: { Authorization: `Basic ${Buffer.from('alice:s3cret').toString('base64')}` } });
    });
  });

  describe('clear text', () => {
    it('refuses a credential over plain http to another machine, naming the host (security review: sent without a word)', async () => {
      const client = new GatewayClient('http://10.255.255.1:8083', 'v2', { headers: { Authorization: 'Bearer s3cret' }, retries: 0, timeoutMs: 200 });
      await assert.rejects(client.info(), (e: unknown) => e instanceof GatewayError && /clear text over http to 10\.255\.255\.1/.test(e.message));
      await assert.rejects(new JobManagerClient('http://bob:pw@10.255.255.1:8081', { retries: 0, timeoutMs: 200 }).overview(), /clear text over http to 10\.255\.255\.1/);
    });

    it('allows it on loopback, over https, without a credential, or with consent', () => {
      assert.equal(insecureAuthProblem('http://127.0.0.1:8083', true), undefined);
      assert.equal(insecureAuthProblem('http://localhost:8083', true), undefined);
      assert.equal(insecureAuthProblem('http://[::1]:8083', true), undefined);
      assert.equal(insecureAuthProblem('https://gw.example:8083', true), undefined);
      assert.equal(insecureAuthProblem('http://gw.example:8083', false), undefined);
      assert.equal(insecureAuthProblem('http://gw.example:8083', true, true), undefined);
      assert.match(insecureAuthProblem('http://gw.example:8083', true) ?? '', /gw\.example/);
    });

    it('consent comes from allowInsecureAuth (extension) or FLINK_SQL_ALLOW_INSECURE_AUTH=1 (CLI)', async () => {
      const connections = new FlinkConnections({} as Connection);
      const t = await connections.resolve({ target: 'remote', gatewayUrl: 'http://gw.example:8083', authHeader: { name: 'X-Token', value: 'v' }, allowInsecureAuth: true });
      assert.equal(t.allowInsecureAuth, true);
      const cli = await resolveGatewayTarget('http://gw.example:8083', '/nonexistent', { FLINK_SQL_GATEWAY_HEADER: 'X-Token: v', FLINK_SQL_ALLOW_INSECURE_AUTH: '1' });
      assert.ok(!('error' in cli) && cli.allowInsecureAuth === true);
      // The REST client of the deployment actions gets the same consent (it fails on the network, not on the policy).
      const jm = await jobManagerResolver({ workspaceDir: '/nonexistent', restUrl: 'http://bob:pw@10.255.255.1:8081', timeoutMs: 200, allowInsecureAuth: true })({ kind: 'remote' });
      await assert.rejects(jm!.overview(), (e: Error) => !/clear text/.test(e.message));
      const refused = await jobManagerResolver({ workspaceDir: '/nonexistent', restUrl: 'http://bob:pw@10.255.255.1:8081', timeoutMs: 200 })({ kind: 'remote' });
      await assert.rejects(refused!.overview(), /clear text over http to 10\.255\.255\.1/);
    });
  });
});
