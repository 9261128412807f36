// The Flink version each draft targets, which chooses the parser's grammar, the connector catalog and the
// local cluster: the draft's `<name>.deployment.yaml` (`flinkVersion`) when it has one, else the
// `flinkSql.flinkVersion` setting (pulled from the client, re-read when configuration changes).
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DidChangeConfigurationNotification, type ClientCapabilities, type Connection } from 'vscode-languageserver';
import { DEFAULT_FLINK_VERSION, isFlinkVersion, type FlinkVersion } from '../connectors/connectorCatalog';
import { deploymentPathOf, flinkVersionOf } from '../deployment';

interface FromConfig {
  mtimeMs: number;
  version: FlinkVersion | undefined;
}

export class FlinkVersionSetting {
  private version: FlinkVersion = DEFAULT_FLINK_VERSION;
  private pull = false;
  private dynamic = false;

  /** `onChange` runs when the version changed (re-check the open drafts). */
  constructor(private readonly connection: Connection, private readonly onChange: () => void) {}

  initialize(capabilities: ClientCapabilities): void {
    this.pull = capabilities.workspace?.configuration === true;
    this.dynamic = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  }

  /** After `initialized`: ask for change notifications, read the setting once, and re-read on every change. */
  listen(): void {
    if (this.dynamic) void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'flinkSql' });
    this.connection.onDidChangeConfiguration((change) => {
      const pushed = (change.settings as { flinkSql?: { flinkVersion?: unknown } } | null)?.flinkSql?.flinkVersion;
      if (pushed !== undefined) this.set(pushed);
      else void this.refresh();
    });
    void this.refresh();
  }

  /** Deployment configs read, by path, with the mtime they were read at (one stat per call, no re-parse). */
  private readonly configs = new Map<string, FromConfig>();

  /** The Flink version of the draft at `uri`: its deployment config's, else the setting. */
  flinkVersionFor(uri: string): FlinkVersion {
    return this.fromConfig(uri) ?? this.version;
  }

  /** The draft's version and where it comes from, for the status bar. */
  draftInfo(uri: string): { flinkVersion: FlinkVersion; source: 'deployment' | 'setting' } {
    const fromConfig = this.fromConfig(uri);
    return fromConfig ? { flinkVersion: fromConfig, source: 'deployment' } : { flinkVersion: this.version, source: 'setting' };
  }

  /** Forget what a deployment config said (it changed), so the next call reads it again. */
  configChanged(configUri: string): void {
    if (configUri.startsWith('file:')) this.configs.delete(fileURLToPath(configUri));
  }

  private fromConfig(uri: string): FlinkVersion | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const draft = fileURLToPath(uri);
    const config = deploymentPathOf(draft);
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(config).mtimeMs;
    } catch {
      this.configs.delete(config);
      return undefined;
    }
    const known = this.configs.get(config);
    if (known && known.mtimeMs === mtimeMs) return known.version;
    const version = flinkVersionOf(draft);
    this.configs.set(config, { mtimeMs, version });
    return version;
  }

  private async refresh(): Promise<void> {
    if (!this.pull) return;
    try {
      this.set(await this.connection.workspace.getConfiguration({ section: 'flinkSql.flinkVersion' }));
    } catch (e) {
      console.warn(`could not read flinkSql.flinkVersion: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private set(value: unknown): void {
    const next = isFlinkVersion(value) ? value : DEFAULT_FLINK_VERSION;
    if (next === this.version) return;
    this.version = next;
    console.info(`Flink version for the connector catalog: ${next}`);
    this.onChange();
  }
}
