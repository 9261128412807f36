// Shared by the deployment tests: a minimal valid head, and where (0-based line/column) a text occurs.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FlinkVersion } from '../../../server/src/deployment';

export const HEAD = 'name: orders\ntype: SQL\ntarget: per-job\n';

/** 0-based line and column of the first occurrence of `needle` (after `after`, when given). */
export function positionOf(text: string, needle: string, after = ''): { line: number; character: number } {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  if (offset < 0) throw new Error(`"${needle}" not in the text`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function brief(ds: Diagnostic[]): string {
  return ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.message}`).join('\n');
}

/** A config that sets every parameter that becomes a Flink key (resolution and real-Flink tests). */
export const REPRESENTATIVE = (version: FlinkVersion) => `${HEAD}parallelism: 3
flinkVersion: "${version}"
kerberos: { keytab: secrets/flink.keytab, principal: flink@EXAMPLE.COM, krb5Conf: secrets/krb5.conf }
checkpointing: { interval: 10 s, minPause: 5 s, retention: only-when-failed, unaligned: true }
restartStrategy: { type: failure-rate, maxFailures: 3, interval: 5 min, delay: 10 s }
highAvailability: { type: kubernetes, storageDir: s3://bucket/ha }
flinkConfiguration: { table.exec.state.ttl: 1 h, state.backend.type: rocksdb }
resources: { jobManager: { cpu: 0.5, memory: 1.5 GiB }, taskManager: { cpu: 2, memory: 4g, slots: 2 } }
logging: { rootLevel: WARN, loggers: { org.apache.kafka: ERROR } }
`;

