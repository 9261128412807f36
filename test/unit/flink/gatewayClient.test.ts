// The gateway client's HTTP behaviour (retries only where safe, timeouts, clear errors, GET with a body)
// against a tiny local HTTP server; what Flink answers is covered by test/integration/gatewayClient.test.ts.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayError } from '../../../server/src/flink/flinkErrors';
import { connectGateway, GatewayClient, normalizeGatewayUrl } from '../../../server/src/flink/gatewayClient';

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

async function serve(handler: Handler): Promise<{ url: string; requests: { method: string; url: string; body: string }[]; close(): Promise<void> }> {
  const requests: { method: string; url: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('gatewayClient (HTTP behaviour)', () => {
  it('normalizes URLs', () => {
    assert.equal(normalizeGatewayUrl('localhost:8083/'), 'http://localhost:8083');
    assert.equal(normalizeGatewayUrl('https://gw.example.invalid'), 'https://gw.example.invalid');
  });

  it('chooses the newest supported version from /api_versions (Flink answers V1…V4)', async () => {
    const s = await serve((_req, _b, res) => json(res, 200, { versions: ['V1', 'V2', 'V3'] }));
    try {
      assert.equal((await GatewayClient.connect(s.url)).apiVersion, 'v3');
    } finally { await s.close(); }
  });

  it('sends the target\'s auth header with every request, from connect on', async () => {
    const seen: (string | undefined)[] = [];
    const s = await serve((req, _b, res) => {
      seen.push(req.headers['x-gateway-token'] as string | undefined);
      if (req.url === '/api_versions') json(res, 200, { versions: ['V1', 'V2'] });
      else json(res, 200, { productName: 'Apache Flink', version: '2.3.0' });
    });
    try {
      const { client, flinkVersion } = await connectGateway({ gatewayUrl: s.url, headers: { 'X-Gateway-Token': 's3cret' } });
      assert.equal(flinkVersion, '2.3.0');
      assert.equal(client.apiVersion, 'v2');
      assert.deepEqual(seen, ['s3cret', 's3cret']);
    } finally { await s.close(); }
  });

  it('refuses a gateway that only speaks v1', async () => {
    const s = await serve((_req, _b, res) => json(res, 200, { versions: ['V1'] }));
    try {
      await assert.rejects(GatewayClient.connect(s.url), /needs REST API v2 or newer/);
    } finally { await s.close(); }
  });

  it('sends complete-statement as a GET with a JSON body', async () => {
    const s = await serve((_req, _b, res) => json(res, 200, { candidates: ['SELECT'] }));
    try {
      const c = new GatewayClient(s.url, 'v2');
      assert.deepEqual(await c.completeStatement('sh', 'SEL', 3), ['SELECT']);
      assert.deepEqual(s.requests[0], { method: 'GET', url: '/v2/sessions/sh/complete-statement', body: '{"statement":"SEL","position":3}' });
    } finally { await s.close(); }
  });

  it('retries a GET on 503, but never re-submits a statement', async () => {
    let n = 0;
    const s = await serve((req, _b, res) => (n++ === 0 ? json(res, 503, { errors: ['busy'] }) : json(res, 200, req.method === 'GET' ? { status: 'RUNNING' } : { operationHandle: 'oh' })));
    try {
      const c = new GatewayClient(s.url, 'v2');
      assert.equal(await c.operationStatus('sh', 'oh'), 'RUNNING');
      assert.equal(s.requests.length, 2);
      n = 0;
      await assert.rejects(c.submitStatement('sh', 'INSERT INTO t SELECT 1'), (e: unknown) => e instanceof GatewayError && e.kind === 'http' && e.details.status === 503);
      assert.equal(s.requests.length, 3, 'the POST went out once');
    } finally { await s.close(); }
  });

  it('names the gateway and the way out when nothing listens', async () => {
    const s = await serve(() => undefined);
    const url = s.url;
    await s.close();
    const started = Date.now();
    await assert.rejects(new GatewayClient(url, 'v2', { retries: 1 }).info(), (e: unknown) => {
      assert.ok(e instanceof GatewayError);
      assert.equal(e.kind, 'unreachable');
      assert.equal(e.message, `SQL Gateway at ${url} is not reachable: connect ECONNREFUSED ${url.slice(7)}; start the local cluster (flink-sql local start) or check flinkSql.gateway.url`);
      return true;
    });
    assert.ok(Date.now() - started >= 150, 'one retry after a back-off');
  });

  it('times out a gateway that does not answer', async () => {
    const s = await serve(() => undefined);
    try {
      await assert.rejects(new GatewayClient(s.url, 'v2', { timeoutMs: 200, retries: 0 }).info(), (e: unknown) => e instanceof GatewayError && e.kind === 'timeout' && /within 200 ms/.test(e.message));
    } finally { await s.close(); }
  });

  it('rejects an answer of the wrong shape with a protocol error', async () => {
    const s = await serve((_req, _b, res) => json(res, 200, { product: 'x' }));
    try {
      await assert.rejects(new GatewayClient(s.url, 'v2').info(), (e: unknown) => e instanceof GatewayError && e.kind === 'protocol' && /productName/.test(e.message));
    } finally { await s.close(); }
  });

  it('polls NOT_READY pages, follows nextResultUri and stops at EOS', async () => {
    const pages: Record<string, unknown> = {
      '/v2/sessions/s/operations/o/result/0?rowFormat=JSON': { resultType: 'NOT_READY', nextResultUri: '/v2/sessions/s/operations/o/result/0?rowFormat=JSON' },
    };
    let first = true;
    const s = await serve((req, _b, res) => {
      if (req.url!.endsWith('/result/0?rowFormat=JSON') && !first) {
        return json(res, 200, { resultType: 'PAYLOAD', isQueryResult: true, jobID: 'j', resultKind: 'SUCCESS_WITH_CONTENT', results: { columns: [{ name: 'n', logicalType: { type: 'INTEGER', nullable: true }, comment: null }], rowFormat: 'JSON', data: [{ kind: 'INSERT', fields: [1] }] }, nextResultUri: '/v2/sessions/s/operations/o/result/1?rowFormat=JSON' });
      }
      if (req.url!.endsWith('/result/1?rowFormat=JSON')) {
        return json(res, 200, { resultType: 'EOS', isQueryResult: true, jobID: 'j', resultKind: 'SUCCESS_WITH_CONTENT', results: { columns: [], rowFormat: 'JSON', data: [] } });
      }
      first = false;
      json(res, 200, pages[req.url!]);
    });
    try {
      const got = [];
      for await (const p of new GatewayClient(s.url, 'v2').pages('s', 'o')) got.push(p);
      assert.deepEqual(got.map((p) => p.rows), [[{ kind: 'INSERT', fields: [1] }], []]);
      assert.equal(got[0].jobId, 'j');
      assert.deepEqual(s.requests.map((r) => r.url.replace('/v2/sessions/s/operations/o', '')), ['/result/0?rowFormat=JSON', '/result/0?rowFormat=JSON', '/result/1?rowFormat=JSON']);
    } finally { await s.close(); }
  });
});
