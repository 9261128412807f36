// `${secret:…}` / `${env:…}` references: found in string literals only (the lexer's tokens), resolved when a
// statement leaves for Flink, a missing one an error naming it and its line, values redacted from what comes back;
// the Kubernetes export keeps references (env from a Secret), the records keep the draft's text.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { readPublishSource } from '../../../server/src/deploy/draftSource';
import { buildManifest, secretName } from '../../../server/src/deploy/k8sExport';
import { DeploymentStore } from '../../../server/src/deploy/store';
import { GatewayClient, GatewaySession } from '../../../server/src/flink/gatewayClient';
import {
  CLI_HINTS, envResolver, literalRefs, REDACTED, runnerEnv, SecretReferenceError, SecretScope, sqlRefNames,
} from '../../../server/src/secrets/secretRefs';

const KAFKA = `CREATE TABLE orders (id BIGINT) WITH (
  'connector' = 'kafka',
  -- '\${secret:IN_COMMENT}' is a comment
  'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="app" password="\${secret:KAFKA_PASSWORD}";',
  'properties.bootstrap.servers' = '\${env:BROKERS}'
);`;

describe('secret references', () => {
  it('are found in string literals, not in comments or identifiers', () => {
    const sql = `${KAFKA}\nSELECT \`\${secret:NOT_A_LITERAL}\` FROM orders;`;
    assert.deepEqual(sqlRefNames(sql), [{ kind: 'secret', name: 'KAFKA_PASSWORD' }, { kind: 'env', name: 'BROKERS' }]);
    assert.equal(literalRefs(sql).length, 2);
  });

  it('resolve in the statement text, quotes doubled, the draft untouched', async () => {
    const scope = new SecretScope(envResolver({ FLINK_SQL_SECRET_KAFKA_PASSWORD: "pa'ss", BROKERS: 'b1:9092' }));
    const out = await scope.resolveSql(KAFKA);
    assert.match(out, /password="pa''ss";'/);
    assert.match(out, /'properties\.bootstrap\.servers' = 'b1:9092'/);
    assert.match(out, /'\$\{secret:IN_COMMENT\}' is a comment/);
    assert.equal(scope.redact(`Invalid value pa'ss for b1:9092`), `Invalid value ${REDACTED} for ${REDACTED}`);
  });

  it('a missing one is an error naming the reference and its line, never an empty string', async () => {
    const scope = new SecretScope(envResolver({ BROKERS: 'b1:9092' }), CLI_HINTS);
    await assert.rejects(scope.resolveSql(KAFKA, 10), (e: unknown) => {
      assert.ok(e instanceof SecretReferenceError);
      assert.match(e.message, /^\$\{secret:KAFKA_PASSWORD\} \(line 13\) is not set: set the environment variable FLINK_SQL_SECRET_<NAME>/);
      return true;
    });
    await assert.rejects(new SecretScope().resolveValue('${env:X}', 'flinkConfiguration s3.secret-key'), /\$\{env:X\} in flinkConfiguration s3\.secret-key is not set/);
  });

  it('configuration values and the runner\'s environment', async () => {
    const scope = new SecretScope(envResolver({ FLINK_SQL_SECRET_S3: 'abc123', BROKERS: 'b' }));
    assert.deepEqual(await scope.resolveConfig({ 's3.secret-key': '${secret:S3}', parallelism: '2' }), { 's3.secret-key': 'abc123', parallelism: '2' });
    assert.deepEqual(await runnerEnv(KAFKA.replace('KAFKA_PASSWORD', 'S3'), scope, 'x'), { FLINK_SQL_SECRET_S3: 'abc123', BROKERS: 'b' });
  });

  it('a gateway session sends resolved text and redacts Flink\'s echo of the value from its error', async () => {
    const sent: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => {
        const statement = (JSON.parse(body || '{}') as { statement?: string }).statement ?? '';
        sent.push(statement);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: ['Internal server error.', `org.apache.flink.table.api.ValidationException: Unable to create a source: ${statement}`] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const client = new GatewayClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'v2', { retries: 0 });
      const session = Object.assign(Object.create(GatewaySession.prototype) as GatewaySession, { client, handle: 's' });
      session.secrets = new SecretScope(envResolver({ FLINK_SQL_SECRET_KAFKA_PASSWORD: 'hunter2hunter2', BROKERS: 'b1:9092' }));
      await assert.rejects(session.run(KAFKA), (e: Error & { details?: { serverTrace?: string } }) => {
        assert.doesNotMatch(`${e.message}\n${e.stack}\n${e.details?.serverTrace ?? ''}`, /hunter2/);
        assert.match(e.message + (e.details?.serverTrace ?? ''), /\*\*\*/);
        return true;
      });
      assert.match(sent[0], /hunter2hunter2/, 'Flink got the value');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  describe('what is written keeps the reference', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-refs-'));
      fs.writeFileSync(path.join(dir, 'orders.flink.sql'), `${KAFKA}\nCREATE TABLE sink (id BIGINT) WITH ('connector' = 'blackhole');\nINSERT INTO sink SELECT id FROM orders;\n`);
      fs.writeFileSync(path.join(dir, 'orders.deployment.yaml'), `name: orders\ntype: SQL\ntarget: per-job\nimageTag: 2.3.0-scala_2.12-java17\nflinkConfiguration: { s3.secret-key: '\${secret:S3_KEY}' }\n`);
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('the Kubernetes manifest: references in the ConfigMap, env from the Secret, a Secret skeleton without values', () => {
      const m = buildManifest(readPublishSource(path.join(dir, 'orders.flink.sql'), 'k8s'), 1, dir);
      const docs = parseAllDocuments(m.text).map((d) => d.toJS());
      assert.deepEqual(docs.map((d) => d.kind), ['ConfigMap', 'FlinkDeployment'], 'the Secret is commented out: applied empty it would overwrite the real one');
      assert.match(JSON.stringify(docs[0]), /\$\{secret:KAFKA_PASSWORD\}/);
      const container = docs[1].spec.podTemplate.spec.containers[0];
      assert.deepEqual(container.env, [
        { name: 'FLINK_SQL_SECRET_KAFKA_PASSWORD', valueFrom: { secretKeyRef: { name: secretName('orders'), key: 'KAFKA_PASSWORD' } } },
        { name: 'BROKERS', valueFrom: { secretKeyRef: { name: secretName('orders'), key: 'BROKERS' } } },
      ]);
      assert.equal(docs[1].spec.flinkConfiguration['s3.secret-key'], '${secret:S3_KEY}');
      const crd = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'k8s-operator-crds', 'flinkdeployments.flink.apache.org-v1.yml'), 'utf8')) as {
        spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: object } }> };
      };
      const valid = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(crd.spec.versions.find((v) => v.name === 'v1beta1')!.schema.openAPIV3Schema);
      assert.ok(valid(docs[1]), JSON.stringify(valid.errors));
      assert.match(m.text, /# {3}kind: Secret/);
      assert.match(m.text, /kubectl create secret generic orders-secrets --from-literal=BROKERS=… --from-literal=KAFKA_PASSWORD=…/);
      assert.deepEqual((m.secret as { stringData: object }).stringData, { BROKERS: '', KAFKA_PASSWORD: '' });
      assert.ok(m.notes.some((n) => n.includes('s3.secret-key')));
    });

    it('a version record holds the draft\'s references, not values', () => {
      const source = readPublishSource(path.join(dir, 'orders.flink.sql'), 'session');
      const store = new DeploymentStore(dir);
      const files = store.createVersion({
        format: 1, deployment: 'orders', version: 1, createdAt: new Date().toISOString(), draft: 'orders.flink.sql', target: 'session',
        flinkVersion: source.resolved.flinkVersion, restoreStrategy: 'none', status: 'publishing', attempts: [], notHonoured: [],
      }, source.sql, source.configYaml, source.resolved);
      assert.match(fs.readFileSync(files.sql, 'utf8'), /\$\{secret:KAFKA_PASSWORD\}/);
      assert.match(fs.readFileSync(files.resolved, 'utf8'), /\$\{secret:S3_KEY\}/);
    });
  });
});
