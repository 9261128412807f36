// The Flink version each draft targets, which chooses the connector catalog for completion, hover and the
// connector diagnostics. Today from the `flinkSql.flinkVersion` setting (pulled from the client, re-read when
// configuration changes); flinkVersionFor(uri) is the one place to consult a draft's `<name>.deployment.yaml`.
import { DidChangeConfigurationNotification, type ClientCapabilities, type Connection } from 'vscode-languageserver';
import { DEFAULT_FLINK_VERSION, isFlinkVersion, type FlinkVersion } from '../connectors/connectorCatalog';

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

  /** The Flink version of the draft at `uri` (the setting; a deployment config will override it per draft). */
  flinkVersionFor(_uri: string): FlinkVersion {
    return this.version;
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
