// Every parameter of the Advanced panel through the path its Save takes (DeploymentEdit → applyEdits on the
// YAML → parseDeployment → resolveConfig): the value lands at its YAML path, validates, and reaches the resolved
// configuration. Driven by FIELDS, so a parameter added to the panel is covered here without a new test.
import * as assert from 'assert';
import {
  applyEdits, parseDeployment, presentPaths, renderDeploymentTemplate, resolveConfig, type DeploymentEdit,
} from '../../../server/src/deployment';
import { FIELDS, type FieldInfo } from '../../../server/src/deployment/fields';

/** A value that is not the default, and how it reads back from the parsed config. */
function sample(f: FieldInfo): { value: DeploymentEdit['value']; back: unknown } {
  switch (f.kind) {
    case 'enum': {
      const v = f.options!.find((o) => o !== f.default && o !== '')!;
      return { value: v, back: v };
    }
    case 'int': return { value: 3, back: 3 };
    case 'number': return { value: 2, back: 2 };
    case 'bool': return { value: true, back: true };
    case 'duration': return { value: '30 s', back: '30 s' };
    case 'memory': return { value: '3 GiB', back: '3 GiB' };
    case 'list': return { value: ['org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2'], back: ['org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2'] };
    case 'map': return f.path === 'logging.loggers'
      ? { value: { 'org.apache.kafka': 'WARN' }, back: { 'org.apache.kafka': 'WARN' } }
      : { value: { 'table.exec.state.ttl': '1 h' }, back: { 'table.exec.state.ttl': '1 h' } };
    case 'text': {
      if (f.path === 'jar.file') return { value: 'build/orders.jar', back: 'build/orders.jar' };
      if (f.path === 'jar.entryClass') return { value: 'com.example.OrdersJob', back: 'com.example.OrdersJob' };
      if (f.path === 'python.file') return { value: 'jobs/orders.py', back: 'jobs/orders.py' };
      const v = f.path === 'session' ? 'local' : f.path.startsWith('kerberos.') ? `secrets/${f.path.split('.')[1]}` : f.path === 'logging.profile' ? 'default' : 'x-value';
      return { value: f.path === 'session' ? 'staging' : v, back: f.path === 'session' ? 'staging' : v };
    }
  }
}

function get(obj: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** The edits a field needs besides its own: its `when` switch, its target, and Kerberos' other two parts. */
function context(f: FieldInfo): DeploymentEdit[] {
  const edits: DeploymentEdit[] = [];
  if (f.only === 'session') edits.push({ path: 'target', value: 'session' });
  if (f.when) edits.push({ path: f.when.path, value: f.when.values[0] });
  if (f.path.startsWith('kerberos.')) {
    for (const k of ['keytab', 'principal', 'krb5Conf']) if (`kerberos.${k}` !== f.path) edits.push({ path: `kerberos.${k}`, value: `secrets/${k}` });
  }
  // checkpoint settings apply only with checkpointing on (without an interval they are left out, by design)
  if (f.path.startsWith('checkpointing.') && f.path !== 'checkpointing.interval') edits.push({ path: 'checkpointing.interval', value: '10 s' });
  if (f.path === 'highAvailability.type') edits.push({ path: 'highAvailability.storageDir', value: 's3://bucket/ha' });
  // a JAR draft names its project or its jar
  if (f.path.startsWith('jar.') && f.path !== 'jar.project' && f.path !== 'jar.file') edits.push({ path: 'jar.project', value: 'orders' });
  // a PYTHON draft names its script
  if (f.path.startsWith('python.') && f.path !== 'python.file') edits.push({ path: 'python.file', value: 'orders.py' });
  return edits;
}

describe('deployment config: every panel parameter round-trips edit → YAML → parse → resolve', () => {
  const base = renderDeploymentTemplate({ name: 'orders', type: 'SQL', target: 'per-job' });
  for (const f of FIELDS) {
    it(f.path, () => {
      const { value, back } = sample(f);
      const text = applyEdits(base, [...context(f), { path: f.path, value }]);
      const parsed = parseDeployment(text);
      const errors = parsed.diagnostics.filter((d) => d.severity === 1);
      assert.deepStrictEqual(errors, [], `${f.path}: ${text}`);
      assert.ok(parsed.config, f.path);
      assert.deepStrictEqual(get(parsed.config, f.path), back, `${f.path} in ${JSON.stringify(parsed.config)}`);
      // the comments New Draft wrote survive the edit
      assert.ok(text.includes('#'), 'comments kept');
      const resolved = resolveConfig(parsed.config, presentPaths(parsed.document));
      assert.ok(resolved.flinkConfiguration['pipeline.name'] === 'orders' || resolved.flinkConfiguration['pipeline.name'] === undefined);
      const serialized = JSON.stringify(resolved);
      // values Flink spells its own way (ExternalizedCheckpointRetention: kept on failure, deleted on cancel)
      const FLINK_SPELLING: Record<string, string> = { 'only-when-failed': 'DELETE_ON_CANCELLATION' };
      const shown = f.path === 'checkpointing.retention' ? [FLINK_SPELLING[String(back)] ?? String(back)] : typeof back === 'object' ? Object.values(back as object).flat().map(String) : [String(back)];
      const honoured = f.only === undefined || f.only === (parsed.config.target as string);
      // what the target honours reaches the resolution (as a key, a resource, a dependency…); the rest is reported as ignored
      // a JAR or PYTHON draft's job (jar.*, python.*) goes to the run request, not into the Flink configuration
      if (honoured && f.path !== 'target' && f.path !== 'session' && !f.path.startsWith('jar.') && !f.path.startsWith('python.')) {
        for (const s of shown) assert.ok(serialized.includes(s.replace(' GiB', '')) || serialized.includes(s), `${f.path}=${s} not in ${serialized}`);
      }
    });
  }
});
