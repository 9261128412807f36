// What the local-Flink install UI says (consent, sizes, removal, prerequisites), its progress arithmetic, and the
// environment the server starts with (plain Node).
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import {
  consentDetail, consentMessage, describeInstall, formatBytes, installationDescription, prerequisitesSummary, ProgressIncrements,
  progressTitle, removeConfirmText,
} from '../../../client/src/install/installText';
import { expandHome, serverEnv } from '../../../client/src/install/serverEnv';

describe('local Flink install: wording', () => {
  it('sizes in decimal MB, kB below 1 MB', () => {
    assert.equal(formatBytes(151_234_567), '151 MB');
    assert.equal(formatBytes(1_000_000), '1 MB');
    assert.equal(formatBytes(999_400), '999 kB');
    assert.equal(formatBytes(999_600), '1 MB', 'never "1000 kB"');
    assert.equal(formatBytes(12_345), '12 kB');
    assert.equal(formatBytes(0), '1 kB', 'something is being downloaded: never "0 kB"');
  });

  it('the consent names what, how much, where and who downloads it', () => {
    assert.equal(consentMessage({ what: 'Flink 2.3.0', bytes: 151_000_000 }), 'Flink 2.3.0 (about 151 MB of jars from Maven) is needed to run drafts locally.');
    assert.equal(consentMessage({ what: 'Flink 2.3.0 and the kafka connector', bytes: 600_000 }),
      'Flink 2.3.0 and the kafka connector (about 600 kB of jars from Maven) is needed to run drafts locally.');
    assert.equal(consentDetail({ installRoot: '/home/u/.cache/flink-sql-studio' }),
      'It is downloaded once into /home/u/.cache/flink-sql-studio, shared by every workspace and by the flink-sql command line. Maven fetches it, with your Maven settings (mirrors, proxies).');
    assert.equal(progressTitle('Flink 2.3.0'), 'Installing Flink 2.3.0');
  });

  it('names the install as the server does', () => {
    assert.equal(describeInstall('2.3.0'), 'Flink 2.3.0');
    assert.equal(describeInstall('2.3.0', ['kafka']), 'Flink 2.3.0 and the kafka connector');
    assert.equal(describeInstall('1.20.0', ['kafka', 'jdbc']), 'Flink 1.20.0, the kafka connector and the jdbc connector');
  });

  it('the version pick marks the default and what is installed', () => {
    assert.equal(installationDescription({ installed: true, bytes: 151e6, default: true }), 'default · installed · 151 MB');
    assert.equal(installationDescription({ installed: false, bytes: 133e6, default: false }), 'about 133 MB to download');
  });

  it('removal says what, how much, where and what it means', () => {
    assert.equal(removeConfirmText({ version: '2.3.0', bytes: 151e6, home: '/c/flink-2.3.0' }),
      'Remove Flink 2.3.0 (151 MB) from /c/flink-2.3.0? Local clusters of this version must be stopped first; it is downloaded again on next use.');
  });
});

describe('local Flink install: progress increments', () => {
  it('adds what the percentage grew by, never backwards nor past 100', () => {
    const inc = new ProgressIncrements();
    assert.equal(inc.next(undefined), undefined);
    assert.equal(inc.next(10), 10);
    assert.equal(inc.next(10), undefined);
    assert.equal(inc.next(35.5), 25.5);
    assert.equal(inc.next(20), undefined, 'a retried step does not move the bar back');
    assert.equal(inc.next(50), 14.5);
    assert.equal(inc.next(140), 50);
    assert.equal(inc.next(100), undefined);
    assert.equal(inc.next(Number.NaN), undefined);
  });
});

describe('Check Prerequisites: the one message', () => {
  const java = { name: 'Java', severity: 'ok' as const, detail: 'OpenJDK 17.0.15 at /usr/bin/java' };
  const maven = { name: 'Maven', severity: 'ok' as const, detail: 'Apache Maven 3.9.9 at /usr/bin/mvn' };
  const dir = { name: 'Install directory', severity: 'ok' as const, detail: '/home/u/.cache/flink-sql-studio (writable)' };

  it('all well: Java and Maven as found', () => {
    assert.deepEqual(prerequisitesSummary({ ok: true, checks: [java, maven, dir] }),
      { level: 'info', text: 'Prerequisites OK: Java OpenJDK 17.0.15 at /usr/bin/java, Maven Apache Maven 3.9.9 at /usr/bin/mvn' });
  });

  it('a failing check: its name and fix', () => {
    const noMaven = { name: 'Maven', severity: 'error' as const, detail: 'mvn not found', fix: 'install Maven 3.6+' };
    assert.deepEqual(prerequisitesSummary({ ok: false, checks: [java, noMaven, dir] }), { level: 'error', text: 'Local Flink cannot run yet. Maven: install Maven 3.6+' });
    const oldJava = { name: 'Java', severity: 'warning' as const, detail: 'OpenJDK 21', fix: 'point flinkSql.javaHome at a Java 17' };
    assert.deepEqual(prerequisitesSummary({ ok: true, checks: [oldJava, maven] }), { level: 'warning', text: 'Prerequisites OK, with warnings. Java: point flinkSql.javaHome at a Java 17' });
  });
});

describe('the language server\'s environment from the local-Flink settings', () => {
  const none = { installDir: '', flinkHome: '', javaHome: '', mavenExecutable: '' };

  it('empty settings leave the inherited environment alone', () => {
    assert.deepEqual(serverEnv(none, { PATH: '/bin', JAVA_HOME: '/jdk' }, '/home/u'), { PATH: '/bin', JAVA_HOME: '/jdk' });
  });

  it('each set one becomes its variable, ~ as the home directory', () => {
    const env = serverEnv({ installDir: '~/flink', flinkHome: '/opt/flink-2.3.0', javaHome: ' /jdk17 ', mavenExecutable: '~' }, { JAVA_HOME: '/jdk11' }, '/home/u');
    assert.deepEqual(env, {
      JAVA_HOME: '/jdk17', FLINK_SQL_STUDIO_CACHE: path.join('/home/u', 'flink'), FLINK_SQL_STUDIO_FLINK_HOME: '/opt/flink-2.3.0', FLINK_SQL_STUDIO_MVN: '/home/u',
    });
  });

  it('expands only a leading ~', () => {
    assert.equal(expandHome('~', '/h'), '/h');
    assert.equal(expandHome('/a/~/b', '/h'), '/a/~/b');
    assert.equal(expandHome('~user/x', '/h'), '~user/x');
  });
});
