// The upgrade check's answer as a type (upgradeCheck.ts says what each verdict means); here alone, without Node
// imports, so the deployment store, the protocol and the webviews can name it without loading the check.
import { formatBytes } from '../util/bytes';

export const UPGRADE_VERDICTS = ['compatible', 'state-dropped', 'incompatible', 'unknown', 'fresh'] as const;
export type UpgradeVerdict = (typeof UPGRADE_VERDICTS)[number];

export interface OperatorVerdict {
  id: string;
  /** The savepoint's name for it (Flink 2.x), e.g. "GroupAggregate[9]". */
  name?: string;
  stateBytes: number;
  /**
   * `restored`: the new job has an operator with this id (reading its key and values); `dropped`: none, so its state is
   * lost; `incompatible`: the operator keeps its id but its key or a state's value layout changed, so Flink cannot
   * read the state (the restore fails).
   */
  verdict: 'restored' | 'dropped' | 'incompatible';
  /** The new job's vertex holding it, when restored. */
  vertex?: string;
  /** Keyed state: its key as saved, and as the new operator reads it (when it differs). */
  keyType?: string;
  nextKeyType?: string;
  /**
   * Its states the new operator reads with another layout ("accState: ROW<BIGINT> → ROW<BIGINT, INT>": incompatible)
   * or no longer reads at all ("…: not read by the new operator": restored, but that content is left behind).
   */
  valueChanges?: string[];
  /** Where it comes from ("line 12 of the draft", "lines 7–9 of version 3"), when Publish's refusal placed it. */
  where?: string;
}

export interface UpgradeCheck {
  verdict: UpgradeVerdict;
  /** The running version's operators that keep state, each restored or dropped. */
  operators: OperatorVerdict[];
  /** The savepoint the check read (taken from the running job, which keeps running). */
  savepoint?: string;
  /** Why the verdict is unknown or fresh. */
  reason?: string;
  elapsedMs: number;
}

/** One line for the user: the verdict, what is lost, and how long the check took. */
export function describeUpgrade(c: UpgradeCheck): string {
  const took = ` (checked in ${(c.elapsedMs / 1000).toFixed(1)} s)`;
  switch (c.verdict) {
    case 'fresh': return `No running version: the new version starts with fresh state${c.reason ? ` (${c.reason})` : ''}.`;
    case 'unknown': return `The upgrade check could not decide: ${c.reason}${took}.`;
    case 'compatible': {
      // Flink restores them, but a state the new operator no longer registers is never read again (e.g. another kind of operator took the id).
      const behind = c.operators.flatMap((o) => (o.valueChanges ?? []).map((v) => `${o.name ?? `operator ${o.id.slice(0, 8)}`} ${v}`));
      return `Compatible: the state of ${c.operators.length} operator${c.operators.length === 1 ? '' : 's'} carries over${c.operators.length ? `: ${c.operators.map(operatorLabel).join(', ')}` : ' (none keeps state)'}`
        + `${behind.length ? `; but ${behind.join('; ')}` : ''}${took}.`;
    }
    case 'incompatible': {
      const broken = c.operators.filter((o) => o.verdict === 'incompatible');
      return `Incompatible: ${broken.map((o) => `${operatorLabel(o)} keeps its operator but ${whyUnreadable(o)}`).join('; ')}, `
        + `so Flink cannot read ${broken.length === 1 ? 'its' : 'their'} state and the restore would fail: only fresh state works${took}.`;
    }
    case 'state-dropped': {
      const lost = c.operators.filter((o) => o.verdict === 'dropped');
      return `State would be dropped: ${lost.map(operatorLabel).join(', ')} ${lost.length === 1 ? 'has' : 'have'} no operator in the new version, `
        + `so ${lost.length === 1 ? 'its' : 'their'} state restarts from zero and the restore needs allowNonRestoredState${took}.`;
    }
  }
}

/** Why an incompatible operator's state cannot be read: its key, or the layout of some of its states. */
export function whyUnreadable(o: OperatorVerdict): string {
  return o.nextKeyType ? `its key changes from ${o.keyType ?? '?'} to ${o.nextKeyType}` : `its state changes layout (${(o.valueChanges ?? []).join('; ') || 'not said'})`;
}

export function operatorLabel(o: OperatorVerdict): string {
  return `${o.name ?? `operator ${o.id.slice(0, 8)}`} (${formatBytes(o.stateBytes)}${o.where ? `, ${o.where}` : ''})`;
}

