// The workspace's drafts: found with findFiles, each script paired with the deployment config beside it, and
// JAR drafts (a config with `type: JAR` and no script) by their config; kept current through a FileSystemWatcher.
// The Drafts view and New Draft read from here.
import * as vscode from 'vscode';
import { log } from '../log';
import { onSettingsChanged, readSettings } from '../settings';
import { CONFIG_SUFFIX, configFileNameOf, draftNameOf, jarDraftOfConfig, parseDeploymentConfig, type ConfigResult } from './draftModel';

export interface Draft {
  name: string;
  /** The script; a JAR draft's deployment config (it has no script). */
  uri: vscode.Uri;
  jar?: boolean;
  configUri: vscode.Uri;
  /** undefined when there is no config file beside the draft. */
  config?: ConfigResult;
}

// .flink/ holds the local cluster and the published versions (published.flink.sql), which are not drafts.
const EXCLUDE = '**/{node_modules,.git,.cache,out,.flink}/**';

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export class DraftIndex implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: NodeJS.Timeout | undefined;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{sql,yaml}');
    const poke = (uri: vscode.Uri) => {
      if (!uri.path.includes('/node_modules/')) this.scheduleRefresh();
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(poke),
      watcher.onDidChange(poke),
      watcher.onDidDelete(poke),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleRefresh()),
      onSettingsChanged(['treatSqlFilesAsFlink'], () => this.scheduleRefresh()),
    );
  }

  /** Batches bursts of file events (a New Draft writes two files) into one view refresh. */
  private scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(), 150);
  }

  async list(): Promise<Draft[]> {
    const includeSql = readSettings().treatSqlFilesAsFlink;
    const [uris, configs] = await Promise.all([
      vscode.workspace.findFiles(includeSql ? '**/*.sql' : '**/*.flink.sql', EXCLUDE),
      vscode.workspace.findFiles(`**/*${CONFIG_SUFFIX}`, EXCLUDE),
    ]);
    const scripts = (await Promise.all(uris.map((uri) => this.load(uri)))).filter((d): d is Draft => d !== undefined);
    const paired = new Set(scripts.map((d) => d.configUri.toString()));
    const jars = await Promise.all(configs.filter((uri) => !paired.has(uri.toString())).map((uri) => this.loadJar(uri)));
    return [...scripts, ...jars]
      .filter((d): d is Draft => d !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name) || a.uri.path.localeCompare(b.uri.path));
  }

  private async load(uri: vscode.Uri): Promise<Draft | undefined> {
    const file = basename(uri);
    const name = draftNameOf(file);
    if (!name) return undefined;
    const configUri = vscode.Uri.joinPath(uri, '..', configFileNameOf(file));
    let config: ConfigResult | undefined;
    try {
      const bytes = await vscode.workspace.fs.readFile(configUri);
      config = parseDeploymentConfig(new TextDecoder().decode(bytes));
    } catch (err) {
      if (!(err instanceof vscode.FileSystemError && err.code === 'FileNotFound')) {
        log.warn(`cannot read ${configUri.fsPath}: ${String(err)}`);
        config = { ok: false, error: `cannot read: ${String(err)}` };
      }
    }
    return { name, uri, configUri, config };
  }

  private async loadJar(uri: vscode.Uri): Promise<Draft | undefined> {
    try {
      const found = jarDraftOfConfig(basename(uri), new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
      return found && { name: found.name, uri, configUri: uri, config: found.config, jar: true };
    } catch (err) {
      log.warn(`cannot read ${uri.fsPath}: ${String(err)}`);
      return undefined;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
