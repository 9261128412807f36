// When diagnostics are computed and published. A change after a pause is diagnosed at once (the latency a
// user feels is the parse itself); changes arriving faster than `intervalMs` are coalesced into one run at the
// end of the window, so fast typing or a pasted burst costs one parse per window, not one per keystroke.
export interface DiagnosticsSchedulerOptions {
  intervalMs: number;
  /** Computes and publishes the diagnostics of the document's current version. */
  run: (uri: string) => void;
}

export class DiagnosticsScheduler {
  /** Cancels the pending run of a document. */
  private readonly pending = new Map<string, () => void>();
  private readonly lastRun = new Map<string, number>();

  constructor(private readonly options: DiagnosticsSchedulerOptions) {}

  schedule(uri: string): void {
    if (this.pending.has(uri)) return; // the pending run will see the newest version
    const since = performance.now() - (this.lastRun.get(uri) ?? -Infinity);
    const delay = Math.max(0, this.options.intervalMs - since);
    const fire = () => {
      this.pending.delete(uri);
      this.lastRun.set(uri, performance.now());
      this.options.run(uri);
    };
    // setImmediate rather than a 0 ms timer: timers are clamped to 1 ms, and the message queue also drains on
    // setImmediate, so changes already received are applied before the run.
    if (delay === 0) {
      const handle = setImmediate(fire);
      this.pending.set(uri, () => clearImmediate(handle));
    } else {
      const handle = setTimeout(fire, delay);
      this.pending.set(uri, () => clearTimeout(handle));
    }
  }

  cancel(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.delete(uri);
    this.lastRun.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.pending.keys()]) this.cancel(uri);
  }
}
