// What the deployment panel shows and writes, without the LSP connection: the state of a config file (values
// by field, problems by field, fields the target greys out) and the atomic write that never overwrites a
// broken file unless asked to start over from the defaults.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, parseDocument } from 'yaml';
import type { DeploymentState, DeploymentWriteParams } from '../protocol';
import { applyEdits, type DeploymentEdit } from './edit';
import { FIELDS, PER_JOB_SESSION_REASON, SESSION_SHARED_REASON } from './fields';
import { parseDeployment, presentPaths } from './parse';
import { resolveConfig } from './resolve';
import { renderDeploymentTemplate } from './template';
import { MAX_DEPLOYMENT_BYTES, readTextFileSync } from '../util/boundedRead';
import { writeFileSafe } from '../util/safeFs';

export function deploymentState(uri: string, file: string, diskText: string, edits: readonly DeploymentEdit[] = []): DeploymentState {
  let text = diskText;
  if (edits.length) text = applyEdits(diskText, edits);
  const parsed = parseDeployment(text, { file, exists: (p) => fs.existsSync(p) });
  const values: Record<string, unknown> = {};
  const target = parsed.yamlOk && isMap(parsed.document.contents) ? parsed.document.get('target') : undefined;
  if (parsed.yamlOk && isMap(parsed.document.contents)) {
    for (const f of FIELDS) {
      const v = parsed.document.getIn(f.path.split('.'));
      if (v !== undefined && v !== null) values[f.path] = typeof v === 'object' ? (v as { toJSON(): unknown }).toJSON() : v;
    }
  }
  const disabled: Record<string, string> = {};
  for (const f of FIELDS) {
    if (f.only === 'per-job' && target === 'session') disabled[f.path] = SESSION_SHARED_REASON;
    else if (f.only === 'session' && target !== 'session') disabled[f.path] = PER_JOB_SESSION_REASON;
    else if (f.path.startsWith('checkpointing.') && f.path !== 'checkpointing.interval' && values['checkpointing.interval'] === undefined) {
      disabled[f.path] = 'Checkpointing is off: set an interval first.';
    }
  }
  const problems = parsed.diagnostics.map((d) => ({
    path: (d.data as { path?: string } | undefined)?.path ?? '',
    severity: (d.severity ?? 1) as 1 | 2 | 3 | 4,
    message: String(d.message),
  }));
  const resolved = parsed.config ? resolveConfig(parsed.config, presentPaths(parsed.document)) : undefined;
  const valid = parsed.config !== undefined && !parsed.diagnostics.some((d) => d.severity === 1);
  return {
    diskValid: edits.length ? deploymentState(uri, file, diskText).valid : valid,
    uri, text, diskText, values, problems, disabled,
    yamlOk: parsed.yamlOk,
    valid,
    diagnostics: parsed.diagnostics,
    ...(resolved ? { flinkConfiguration: resolved.flinkConfiguration } : {}),
  };
}

/** The defaults for this file: name from the file name; type and target kept when the broken file still says them. */
export function defaultsFor(file: string, brokenText: string): string {
  const name = path.basename(file).replace(/\.deployment\.yaml$/i, '').replace(/[^A-Za-z0-9_-]/g, '_') || 'draft';
  let type: 'SQL' | 'JAR' | 'PYTHON' = 'SQL';
  let target: 'per-job' | 'session' = 'per-job';
  try {
    const doc = parseDocument(brokenText);
    if (isMap(doc.contents)) {
      const t = doc.get('type');
      if (t === 'JAR' || t === 'PYTHON') type = t;
      if (doc.get('target') === 'session') target = 'session';
    }
  } catch { /* keep the defaults */ }
  return renderDeploymentTemplate({ name, type, target });
}

export type WriteResult = { ok: true; state: DeploymentState } | { ok: false; error: string; state?: DeploymentState };

export function writeDeployment(params: DeploymentWriteParams, file: string): WriteResult {
  let current: string;
  try {
    // a regular file under the cap only: a FIFO or a symlink to /dev/zero must not hang or exhaust the server
    current = readTextFileSync(file, { maxBytes: MAX_DEPLOYMENT_BYTES });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return { ok: false, error: `Nothing was written: ${err instanceof Error ? err.message : String(err)}.` };
    current = '';
  }
  if (current !== params.diskText) {
    return { ok: false, error: 'The file changed on disk since the panel read it; the panel now shows the new content.', state: deploymentState(params.uri, file, current) };
  }
  let next: string;
  if (params.replaceWithDefaults) {
    next = defaultsFor(file, current);
  } else {
    const before = deploymentState(params.uri, file, current);
    if (!before.valid) return { ok: false, error: 'The file does not parse or validate: fix it in the editor, or choose "Replace with defaults". Nothing was written.', state: before };
    next = applyEdits(current, params.edits ?? []);
    const after = deploymentState(params.uri, file, next);
    if (!after.valid) return { ok: false, error: 'The changes do not validate: fix the fields marked in the panel first. Nothing was written.', state: after };
  }
  // Atomic: a reader (or a crash) sees the old file or the new one, never half of it. An exclusive, randomly named
  // temp file, fsynced, renamed over the config: a symlink planted at the temp name or at the config is never followed.
  try {
    writeFileSafe(path.dirname(file), file, next);
  } catch (err) {
    return { ok: false, error: `Nothing was written: ${err instanceof Error ? err.message : String(err)}`, state: deploymentState(params.uri, file, current) };
  }
  return { ok: true, state: deploymentState(params.uri, file, next) };
}
