// The lifecycle the webview panels share: one panel per file (a draft, a deployment config), revealed when asked
// again, forgotten when closed; each panel's listeners in one disposables list, disposed with the panel.
import * as vscode from 'vscode';

/** A webview panel and the listeners that live as long as it does; closing the panel disposes them. */
export abstract class HostedPanel implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];

  /** `onDispose` runs when the user closes the panel (the registry forgets it). */
  constructor(readonly panel: vscode.WebviewPanel, onDispose: () => void) {
    this.disposables.push(this.panel.onDidDispose(() => {
      onDispose();
      this.dispose();
    }));
  }

  /** Brings the panel forward (each panel decides whether it takes focus). */
  abstract reveal(): void;

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/** One panel per file, keyed by its URI. */
export class PanelRegistry<P extends HostedPanel> implements vscode.Disposable {
  private readonly panels = new Map<string, P>();

  /** `create` makes the file's panel; it must call `onDispose` when the panel closes (HostedPanel does). */
  constructor(private readonly create: (uri: vscode.Uri, onDispose: () => void) => P) {}

  /** The file's panel: the existing one revealed, or a new one. */
  show(uri: vscode.Uri): P {
    const key = uri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = this.create(uri, () => this.panels.delete(key));
    this.panels.set(key, panel);
    return panel;
  }

  get(uri: vscode.Uri | string): P | undefined {
    return this.panels.get(uri.toString());
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }
}
