// What Flink SQL Studio knows of a user-defined function: its implementing class (or Python `module.function`),
// its kind and its SQL signatures, as the UDF inspector (Java) or the decorator scan (Python) found them.

export type UdfKind = 'scalar' | 'table' | 'aggregate' | 'table_aggregate' | 'process_table';

export interface UdfArgument {
  name?: string;
  /** Flink's spelling: `STRING`, `INT NOT NULL`, `ROW<…>`; `…` suffix for varargs; `*` or `<ANY>` for any. */
  type: string;
  optional?: boolean;
}

export interface UdfSignature {
  arguments: UdfArgument[];
  /** The result type, when it could be inferred from the argument types alone. */
  result?: string;
}

export interface UdfInfo {
  /** The fully qualified Java class, or `module.function` of a Python UDF. */
  className: string;
  kind: UdfKind;
  language: 'java' | 'python';
  signatures: UdfSignature[];
  /** Argument counts Flink accepts (its input strategy's ArgumentCount); absent: unknown, no count check. */
  minArgs?: number;
  maxArgs?: number;
  /** `flink`: Flink's own type inference; `reflection`: read from the eval methods (see note); `decorator`: Python. */
  inference: 'flink' | 'reflection' | 'decorator';
  note?: string;
}

/** The functions of one artifact (a jar or a .py file) as found for one Flink version. */
export interface ArtifactUdfs {
  artifact: string;
  functions: UdfInfo[];
  /** Classes that are functions but could not be described (their error). */
  failed: { className: string; kind: UdfKind; error: string }[];
}

/** The SQL name a class is registered under by default: `MaskEmail` → `mask_email`, `parse_url` → `parse_url`. */
export function snakeName(className: string): string {
  const simple = className.split(/[.$]/).filter(Boolean).pop() ?? className;
  return simple
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toLowerCase();
}

/** `MASK_EMAIL(email STRING [, mask STRING]) → STRING` style lines, one per signature. */
export function signatureLines(name: string, fn: UdfInfo): string[] {
  if (!fn.signatures.length) return [`${name}(…)`];
  return fn.signatures.map((s) => {
    const args = s.arguments.map((a) => `${a.name ? `${a.name} ` : ''}${a.type}${a.optional ? ' (optional)' : ''}`).join(', ');
    return `${name}(${args})${s.result ? ` → ${s.result}` : ''}`;
  });
}

/** What the language service knows of a draft's UDF artifacts (built by the LSP layer from the inspector's cache). */
export interface UdfContext {
  /** The artifacts' functions by class name (Java) or `module.function` (Python). */
  byClass: ReadonlyMap<string, UdfInfo>;
  /** Classes that are functions but could not be described: present, so never "not found". */
  failedClasses?: ReadonlySet<string>;
  /** Every jar dependency of the draft was read and inspected: a Java class missing from them is surely not there. */
  jarsKnown: boolean;
  /** The jar dependencies as the deployment config names them, for messages. */
  jars: readonly string[];
}
