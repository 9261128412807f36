// A minimal stand-in for the `vscode` module, so client classes whose logic does not need a real editor (pollers,
// trust gates) run in plain Node. Only what those classes touch; importing this module installs it, so import it
// before them.
import Module = require('node:module');

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (l: Listener<T>) => {
    this.listeners.push(l);
    return { dispose: () => { this.listeners = this.listeners.filter((x) => x !== l); } };
  };
  fire(e: T): void { for (const l of [...this.listeners]) l(e); }
  dispose(): void { this.listeners = []; }
}

export class Disposable {
  constructor(private readonly fn: () => void = () => undefined) {}
  static from(...ds: { dispose(): unknown }[]): Disposable { return new Disposable(() => ds.forEach((d) => d.dispose())); }
  dispose(): void { this.fn(); }
}

const grantTrust = new EventEmitter<void>();
const config = new EventEmitter<{ affectsConfiguration(s: string): boolean }>();
const noop = () => undefined;

export const fake = {
  trusted: false,
  /** What the user sees in the status bar item. */
  statusBar: { text: '', tooltip: '' as unknown },
  /** Calls to vscode.commands.executeCommand. */
  commands: [] as string[],
  grantTrust(): void {
    this.trusted = true;
    grantTrust.fire();
  },
};

const vscode = {
  EventEmitter,
  Disposable,
  StatusBarAlignment: { Left: 1, Right: 2 },
  ThemeColor: class { constructor(readonly id: string) {} },
  ThemeIcon: class { constructor(readonly id: string) {} },
  TreeItem: class { constructor(readonly label: string, readonly collapsibleState?: number) {} },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  MarkdownString: class { constructor(readonly value: string) {} },
  workspace: {
    get isTrusted() { return fake.trusted; },
    onDidGrantWorkspaceTrust: grantTrust.event,
    onDidChangeConfiguration: config.event,
    getConfiguration: () => ({ get: () => undefined }),
    workspaceFolders: undefined,
  },
  window: {
    createStatusBarItem: () => {
      const item = { name: '', command: '', text: '', tooltip: '' as unknown, backgroundColor: undefined, accessibilityInformation: undefined, show: noop, dispose: noop };
      return new Proxy(item, {
        set(target, key, value) {
          (target as Record<string | symbol, unknown>)[key] = value;
          if (key === 'text') fake.statusBar.text = value as string;
          if (key === 'tooltip') fake.statusBar.tooltip = value;
          return true;
        },
      });
    },
    createOutputChannel: () => ({ trace: noop, debug: noop, info: noop, warn: noop, error: noop, show: noop, dispose: noop }),
    showWarningMessage: async () => undefined,
  },
  commands: { executeCommand: async (id: string) => { fake.commands.push(id); return undefined; } },
};

// `require('vscode')` returns the stand-in from here on.
const m = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = m._load;
m._load = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
