// Turns what the SQL Gateway answers on failure (HTTP 500 bodies holding a Java stack trace) into a short
// message and, when Flink gave one, the 1-based line/column range relative to the statement as submitted.

/** Why a gateway call failed; `flink` means Flink itself rejected the statement (parse/validation/planning). */
export type GatewayErrorKind = 'unreachable' | 'timeout' | 'http' | 'flink' | 'protocol' | 'cancelled';

export interface FlinkPosition {
  /** 1-based, relative to the submitted statement text. */
  startLine: number;
  startColumn: number;
  /** Inclusive end (Calcite's convention); equal to start when Flink gave only a point. */
  endLine: number;
  endColumn: number;
}

export class GatewayError extends Error {
  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
    readonly details: {
      status?: number;
      serverTrace?: string;
      position?: FlinkPosition;
      /** Socket error code of an `unreachable` error (ECONNREFUSED, ECONNRESET…). */
      code?: string;
      /** The failed request went out on a kept-alive socket (a reset then means it was never read). */
      reusedSocket?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }
  get position(): FlinkPosition | undefined { return this.details.position; }
}

interface ExceptionBlock {
  className: string;
  message: string;
}

// A Java throwable header: `[Caused by: ]pkg.Class[$Inner][: message]`.
const HEADER = /^(?:Caused by: )?((?:[a-zA-Z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable)[\w$]*)(?::\s?(.*))?$/;
const FRAME = /^\s+(?:at |\.\.\. \d+ more|Suppressed: )/;

/** Splits a Java stack trace into its throwables (outermost first), keeping multi-line messages. */
export function parseJavaTrace(trace: string): ExceptionBlock[] {
  const blocks: ExceptionBlock[] = [];
  let current: ExceptionBlock | undefined;
  let inFrames = false;
  for (const raw of trace.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.replace(/^<Exception on server side:\s*/, '');
    const header = HEADER.exec(line);
    if (header && (!current || inFrames || line.startsWith('Caused by: '))) {
      current = { className: header[1], message: header[2] ?? '' };
      blocks.push(current);
      inFrames = false;
      continue;
    }
    if (FRAME.test(raw) || /^End of exception on server side>/.test(line)) {
      inFrames = true;
      continue;
    }
    if (current && !inFrames) current.message += '\n' + raw;
  }
  for (const b of blocks) b.message = b.message.trim();
  return blocks;
}

// Wrappers that say nothing about the user's SQL.
const WRAPPER = [
  /^Failed to fetchResults\.?$/,
  /^Failed to execute the operation [\w-]+\.?$/,
  /^Failed to getOperationInfo\.?$/,
  /^Failed to executeStatement\.?$/,
  /^Failed to submit the statement\.?$/,
];

function isWrapper(b: ExceptionBlock): boolean {
  if (WRAPPER.some((w) => w.test(b.message))) return true;
  // `X: pkg.Y: msg` just repeats its cause's header.
  return HEADER.test(b.message.split('\n')[0]);
}

const FROM_TO = /From line (\d+), column (\d+) to line (\d+), column (\d+)/;
const AT = /[Aa]t line (\d+), column (\d+)/;
const ENCOUNTERED = /Encountered "((?:[^"\\]|\\.|"(?! at line))*)" at line (\d+), column (\d+)/;

/** Finds Flink's/Calcite's position in one message. */
export function extractPosition(message: string): FlinkPosition | undefined {
  const ft = FROM_TO.exec(message);
  if (ft) return { startLine: +ft[1], startColumn: +ft[2], endLine: +ft[3], endColumn: +ft[4] };
  const enc = ENCOUNTERED.exec(message);
  if (enc) {
    // Underline the offending token (first line of it), not just one character.
    const image = enc[1].split('\n')[0];
    const len = Math.max(1, image === '<EOF>' ? 1 : image.length);
    return { startLine: +enc[2], startColumn: +enc[3], endLine: +enc[2], endColumn: +enc[3] + len - 1 };
  }
  const at = AT.exec(message);
  if (at) return { startLine: +at[1], startColumn: +at[2], endLine: +at[1], endColumn: +at[2] };
  return undefined;
}

export interface FlinkErrorSummary {
  /** Short, user-facing text (no stack frames, no position prefix). */
  message: string;
  position?: FlinkPosition;
  /** The deepest cause's message, as Flink wrote it. */
  rootCause: string;
}

/** Boils a server-side trace down to what the user needs: the meaningful message chain and the position. */
export function summarizeTrace(trace: string): FlinkErrorSummary {
  const blocks = parseJavaTrace(trace).filter((b) => b.message);
  if (blocks.length === 0) return { message: cleanMessage(trace), rootCause: trace.trim() };
  const meaningful = blocks.filter((b) => !isWrapper(b));
  const chain = meaningful.length ? meaningful : blocks;
  const root = chain[chain.length - 1];
  // The deepest message carrying a position is the most precise one (Calcite's context exception).
  let position: FlinkPosition | undefined;
  let positioned: ExceptionBlock | undefined;
  for (const b of chain) {
    const p = extractPosition(b.message);
    if (p) { position = p; positioned = b; }
  }
  let message: string;
  if (positioned) {
    message = cleanMessage(positioned.message);
    // The Calcite context message can be less specific than its cause (e.g. a cast error's details).
    const rootMsg = cleanMessage(root.message);
    if (root !== positioned && !message.includes(rootMsg) && !rootMsg.includes(message)) message = `${message}: ${rootMsg}`;
  } else {
    const head = firstParagraph(chain[0].message);
    const rootMsg = cleanMessage(root.message);
    message = chain[0] === root || head.includes(rootMsg) ? cleanMessage(chain[0].message) : `${cleanMessage(head)} ${rootMsg}`;
  }
  return { message: message.trim(), position, rootCause: root.message };
}

/** Strips position prefixes and boilerplate, collapses whitespace and shortens Calcite's expected-token lists. */
export function cleanMessage(message: string): string {
  // Newer Flink quotes the statement with a caret line under the position; the range already says it.
  let m = message.replace(/\n[^\n]*\n[ \t]*\^+[ \t]*(?=\n|$)/g, '');
  m = m
    .replace(/^SQL (?:parse|validation) failed\.\s*/, '')
    .replace(/^(?:From line \d+, column \d+ to line \d+, column \d+|At line \d+, column \d+):\s*/, '');
  m = pythonTracebackTail(m);
  const expecting = /\s*Was expecting(?: one of)?:\s*([\s\S]*)$/.exec(m);
  if (expecting) {
    const options = expecting[1].split('\n').map((s) => s.trim()).filter((s) => s && s !== '...');
    const shown = options.slice(0, 8).join(', ');
    m = m.slice(0, expecting.index) + ` Was expecting one of: ${shown}${options.length > 8 ? ', …' : ''}`;
  }
  return m.replace(/\s*\n\s*/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

/**
 * A Python UDF's failure comes back as py4j's "An exception was raised by the Python Proxy. Return Message:" and the
 * whole traceback: keep its last line, the Python exception (`AttributeError: module 'm' has no attribute 'f'`).
 */
function pythonTracebackTail(message: string): string {
  const headers = [...message.matchAll(/(?:An exception was raised by the Python Proxy\. Return Message: )?Traceback \(most recent call last\):[ \t]*\r?\n/g)];
  if (!headers.length) return message;
  // A chained exception ("During handling of the above exception…") has several: the last one is what failed.
  const last = headers[headers.length - 1];
  const frames = message.slice(last.index + last[0].length).split('\n');
  // Frames are indented; the exception line is the first that is not.
  const line = frames.find((l) => l.trim() && !/^\s/.test(l));
  return line ? `${message.slice(0, headers[0].index)}Python: ${line.trim()}` : message;
}

function firstParagraph(message: string): string {
  return message.split(/\n\s*\n/)[0];
}

/** Text of a gateway error body: joins `errors` and summarizes the server trace if there is one. */
export function summarizeErrorBody(errors: string[]): FlinkErrorSummary {
  const trace = errors.find((e) => e.includes('Exception on server side') || /\n\s+at /.test(e));
  if (trace) return summarizeTrace(trace);
  const text = errors.filter((e) => e !== 'Internal server error.').join(' ') || errors.join(' ');
  return { message: cleanMessage(text), position: extractPosition(text), rootCause: text };
}

/** 0-based offset of a 1-based line/column in `text` (clamped); a tab counts as one column, as in Calcite. */
export function lineColumnToOffset(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const max = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + Math.max(0, column - 1), max);
}
