// The one progress UI of a Flink install (consented to, or asked for with Install Local Flink): a cancellable
// notification fed by the server's InstallProgressNotifications of one installId, closed by its `done`.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';
import { CancelInstallNotification, InstallProgressNotification, type InstallProgressParams } from '../../../server/src/protocol';
import { showErrorWithLog } from '../commandRegistry';
import { log } from '../log';
import { ProgressIncrements, progressTitle } from './installText';

export type InstallDone = NonNullable<InstallProgressParams['done']>;

export interface InstallWatch {
  /** Resolves with the install's outcome once the notification closed (a failure has been shown to the user). */
  done: Promise<InstallDone>;
  /** Ends it from outside: the install request answered, or failed before any `done` came. */
  finish(done: InstallDone): void;
}

/** Notifications of installs nobody watches yet are kept a little, in case a watch starts just after they arrive. */
const MAX_ORPHANS = 200;

interface Active { client: LanguageClient | undefined; deliver(p: InstallProgressParams): void }

export class InstallProgress implements vscode.Disposable {
  private readonly active = new Map<string, Active>();
  private orphans: InstallProgressParams[] = [];
  private current: LanguageClient | undefined;

  /** Called for every new language client (each server start), before it starts. */
  attach(client: LanguageClient): vscode.Disposable[] {
    this.current = client;
    return [
      client.onNotification(InstallProgressNotification, (p) => this.receive(p)),
      // A server that goes away sends no `done`: end its installs rather than leave a notification spinning.
      client.onDidChangeState((e) => {
        if (e.newState !== State.Stopped) return;
        for (const a of [...this.active.values()]) {
          if (a.client === client) a.deliver({ installId: '', message: '', done: { ok: false, error: 'The Flink SQL language server stopped during the install.' } });
        }
      }),
    ];
  }

  /**
   * Shows the notification for `installId` now: notifications already received for it are replayed, later ones
   * are reported as they come. Call it before the install can start, so nothing is missed.
   */
  watch(installId: string, what: string): InstallWatch {
    const queue: InstallProgressParams[] = this.orphans.filter((p) => p.installId === installId);
    this.orphans = this.orphans.filter((p) => p.installId !== installId);
    let wake: (() => void) | undefined;
    let finished: InstallDone | undefined;
    const entry: Active = {
      client: this.current,
      deliver: (p) => {
        queue.push(p);
        wake?.();
      },
    };
    this.active.set(installId, entry);
    const finish = (done: InstallDone) => entry.deliver({ installId, message: '', done });

    const done = vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: progressTitle(what), cancellable: true },
      async (progress, token) => {
        const increments = new ProgressIncrements();
        const onCancel = token.onCancellationRequested(() => {
          log.info(`install ${installId} (${what}): cancel requested`);
          // The server stops Maven, removes what it had half-written and then sends `done` with `cancelled`.
          void entry.client?.sendNotification(CancelInstallNotification, { installId }).catch((err: unknown) => log.error('could not send the cancel', err));
        });
        try {
          for (;;) {
            const p = queue.shift();
            if (!p) {
              await new Promise<void>((r) => { wake = r; });
              wake = undefined;
              continue;
            }
            if (p.message) log.info(`install ${installId}: ${p.message}`);
            if (p.message || p.percent !== undefined) progress.report({ message: p.message || undefined, increment: increments.next(p.percent) });
            if (p.done) {
              finished = p.done;
              return p.done;
            }
          }
        } finally {
          onCancel.dispose();
          this.active.delete(installId);
        }
      },
    );
    const outcome = Promise.resolve(done).then(async (d) => {
      if (d.cancelled) {
        log.info(`install ${installId} (${what}): cancelled`);
        void vscode.window.setStatusBarMessage(`Cancelled: ${what} was not installed`, 5000);
      } else if (!d.ok) {
        log.error(`install ${installId} (${what}) failed: ${d.error ?? 'unknown error'}`);
        void showErrorWithLog(`Installing ${what} failed: ${d.error ?? 'unknown error'}`);
      } else {
        log.info(`install ${installId} (${what}): done`);
      }
      return d;
    });
    return { done: outcome, finish: (d) => { if (!finished) finish(d); } };
  }

  private receive(p: InstallProgressParams): void {
    const a = this.active.get(p.installId);
    if (a) return a.deliver(p);
    this.orphans.push(p);
    if (this.orphans.length > MAX_ORPHANS) this.orphans.splice(0, this.orphans.length - MAX_ORPHANS);
  }

  dispose(): void {
    for (const a of [...this.active.values()]) a.deliver({ installId: '', message: '', done: { ok: false, cancelled: true } });
    this.orphans = [];
  }
}
