// Connector jars for the local cluster (kafka, jdbc, …), pinned per Flink line with SHA-256 in
// scripts/connector-jars.json and installed like Flink itself (provision.ts): Maven fetches exactly the pinned
// jars, every one is checked against its sum, then they land in <cache>/connectors/<line>/<connector>/. The local
// cluster puts the chosen connectors' jars on the classpath of its JobManager, TaskManager and SQL Gateway (the
// gateway's session needs them to plan; pipeline.jars does not reach it), as copying them into Flink's lib/ would.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import manifestJson from '../../../scripts/connector-jars.json';
import { downloadProgress, flinkCacheRoot, sha256File, type InstallOptions } from './provision';
import { DEPENDENCY_PLUGIN, renderPinnedPom, runMaven } from './provisionMaven';

const artifactSchema = z.object({
  gav: z.string(),
  file: z.string(),
  size: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const connectorSchema = z.object({
  /** The `'connector' = …` identifiers its factories register. */
  identifiers: z.array(z.string()).min(1),
  description: z.string(),
  /** What the maintainer asked for (scripts/connector-jars.ts --update resolves their closure). */
  roots: z.array(z.string()).min(1),
  artifacts: z.array(artifactSchema).min(1),
});
const manifestSchema = z.object({
  about: z.string(),
  lines: z.record(z.string(), z.record(z.string(), connectorSchema)),
});
export type ConnectorArtifact = z.infer<typeof artifactSchema>;
export type ConnectorEntry = z.infer<typeof connectorSchema>;
export type ConnectorManifest = z.infer<typeof manifestSchema>;

export function loadConnectorManifest(): ConnectorManifest {
  return manifestSchema.parse(manifestJson);
}

/** "2.3.0" / "2.3" → "2.3". */
export function flinkLine(version: string): string {
  return /^(\d+\.\d+)/.exec(version)?.[1] ?? version;
}

/** The connectors pinned for a Flink version's line, by name. */
export function pinnedConnectors(version: string): Record<string, ConnectorEntry> {
  return loadConnectorManifest().lines[flinkLine(version)] ?? {};
}

/** The pinned connector whose jar provides factory `identifier` (`upsert-kafka` → kafka), if any. */
export function connectorForIdentifier(version: string, identifier: string): { name: string; entry: ConnectorEntry } | undefined {
  for (const [name, entry] of Object.entries(pinnedConnectors(version))) if (entry.identifiers.includes(identifier)) return { name, entry };
  return undefined;
}

export class UnknownConnectorError extends Error {
  constructor(readonly names: string[], version: string) {
    const known = Object.keys(pinnedConnectors(version));
    super(`No connector jars named ${names.map((n) => `'${n}'`).join(', ')} are known for Flink ${flinkLine(version)} (known: ${known.join(', ') || 'none'}).`);
    this.name = 'UnknownConnectorError';
  }
}

export class ConnectorsNotInstalledError extends Error {
  constructor(readonly connector: string, readonly version: string, problem: string) {
    super(`The ${connector} connector jars for Flink ${flinkLine(version)} are not installed (${problem}): install them with "Flink: Install Local Flink…" in VS Code or \`flink-sql local install --flink-version ${version} --connectors ${connector}\`.`);
    this.name = 'ConnectorsNotInstalledError';
  }
}

/** Where one connector's jars live: <cache>/connectors/<line>/<name>/. */
export function connectorDir(version: string, name: string, cacheRoot = flinkCacheRoot()): string {
  return path.join(cacheRoot, 'connectors', flinkLine(version), name);
}

function entriesFor(version: string, names: readonly string[]): [string, ConnectorEntry][] {
  const pinned = pinnedConnectors(version);
  const unknown = names.filter((n) => !pinned[n]);
  if (unknown.length) throw new UnknownConnectorError(unknown, version);
  return names.map((n) => [n, pinned[n]]);
}

/** Problem with an installed connector (missing jar, wrong size, wrong sum when `deep`), or undefined when fine. */
async function problemOf(dir: string, entry: ConnectorEntry, deep: boolean): Promise<string | undefined> {
  for (const a of entry.artifacts) {
    const file = path.join(dir, a.file);
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      return `${a.file} is missing`;
    }
    if (size !== a.size) return `${a.file} has ${size} bytes, expected ${a.size}`;
    if (deep && (await sha256File(file)) !== a.sha256) return `${a.file} fails its SHA-256 check`;
  }
  return undefined;
}

/** The jar paths of installed connectors `names` (in manifest order per connector); throws when one is not installed. */
export async function requireConnectorJars(version: string, names: readonly string[], cacheRoot?: string): Promise<string[]> {
  const jars: string[] = [];
  for (const [name, entry] of entriesFor(version, names)) {
    const dir = connectorDir(version, name, cacheRoot);
    const problem = await problemOf(dir, entry, false);
    if (problem) throw new ConnectorsNotInstalledError(name, version, problem);
    jars.push(...entry.artifacts.map((a) => path.join(dir, a.file)));
  }
  return jars;
}

export interface ConnectorInstallResult {
  name: string;
  dir: string;
  alreadyInstalled: boolean;
  files: number;
  bytes: number;
}

/** The connectors of `names` whose pinned jars are not (completely) installed, with what installing them downloads. */
export async function missingConnectors(version: string, names: readonly string[], cacheRoot?: string): Promise<Array<{ name: string; dir: string; files: number; bytes: number }>> {
  const out: Array<{ name: string; dir: string; files: number; bytes: number }> = [];
  for (const [name, entry] of entriesFor(version, names)) {
    const dir = connectorDir(version, name, cacheRoot);
    if (await problemOf(dir, entry, false)) out.push({ name, dir, files: entry.artifacts.length, bytes: entry.artifacts.reduce((n, a) => n + a.size, 0) });
  }
  return out;
}

/** Installs (or confirms) the pinned jars of `names` (default: every connector pinned for the version's line). */
export async function installConnectors(opts: { version: string; names?: readonly string[]; cacheRoot?: string; force?: boolean; verify?: boolean;
  onProgress?: InstallOptions['onProgress']; signal?: AbortSignal }): Promise<ConnectorInstallResult[]> {
  const progress = opts.onProgress ?? (() => {});
  const names = opts.names ?? Object.keys(pinnedConnectors(opts.version));
  const results: ConnectorInstallResult[] = [];
  for (const [name, entry] of entriesFor(opts.version, names)) {
    const dir = connectorDir(opts.version, name, opts.cacheRoot);
    const bytes = entry.artifacts.reduce((n, a) => n + a.size, 0);
    const done = (alreadyInstalled: boolean) => results.push({ name, dir, alreadyInstalled, files: entry.artifacts.length, bytes });
    if (!opts.force && !(await problemOf(dir, entry, !!opts.verify))) {
      done(true);
      continue;
    }
    progress(`Connector ${name} for Flink ${flinkLine(opts.version)}: installing ${entry.artifacts.length} jar(s) (${(bytes / 1e6).toFixed(1)} MB) into ${dir}`);
    await fetchPinned(dir, entry.artifacts, progress, opts.signal);
    done(false);
  }
  return results;
}

/** Maven copies exactly the pinned jars into a staging dir; each is checked against its SHA-256 before it is moved in. */
async function fetchPinned(dir: string, artifacts: ConnectorArtifact[], progress: NonNullable<InstallOptions['onProgress']>, signal?: AbortSignal): Promise<void> {
  const build = `${dir}.build-${process.pid}`;
  const staging = path.join(build, 'jars');
  fs.rmSync(build, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    fs.writeFileSync(path.join(build, 'pom.xml'), renderPinnedPom(artifacts));
    await runMaven([`${DEPENDENCY_PLUGIN}:copy-dependencies`, `-DoutputDirectory=${staging}`, '-DincludeScope=runtime'], build, downloadProgress(artifacts, progress), signal);
    for (const a of artifacts) {
      const staged = path.join(staging, a.file);
      if (!fs.existsSync(staged)) throw new Error(`Maven did not produce ${a.file} (${a.gav}).`);
      const sum = await sha256File(staged);
      if (sum !== a.sha256) throw new Error(`Checksum mismatch for ${a.gav}: got ${sum}, pinned ${a.sha256}. Refusing to install it.`);
    }
    fs.mkdirSync(dir, { recursive: true });
    const wanted = new Set(artifacts.map((a) => a.file));
    // Jars of an older pin would silently join the classpath: remove them.
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.jar') && !wanted.has(f)) fs.rmSync(path.join(dir, f));
    for (const a of artifacts) fs.renameSync(path.join(staging, a.file), path.join(dir, a.file));
  } finally {
    fs.rmSync(build, { recursive: true, force: true });
  }
}

/**
 * What a Validate diagnostic adds to Flink's "Could not find any factory for identifier 'kafka'": which pinned
 * jar provides it and the three ways to get it onto the cluster. Undefined when no pinned connector provides it.
 */
export function missingConnectorHint(version: string, identifier: string): string | undefined {
  const hit = connectorForIdentifier(version, identifier);
  if (!hit) return undefined;
  const jars = hit.entry.roots.map((g) => g.split(':').slice(1, 3).join('-') + '.jar');
  return `The '${identifier}' connector is not on this cluster's classpath: it comes in ${jars.join(' + ')}. ` +
    `For the local cluster, add "${hit.name}" to the setting flinkSql.localCluster.connectors (or start it with flink-sql local start --connectors ${hit.name}) and restart it; ` +
    `for any cluster, ADD JAR '<path to the jar>' at the top of the draft.`;
}
