// Text the CLI prints that came from a draft, a config or Flink: control characters are shown escaped, never
// written raw, so an escape sequence in a string literal or a job name cannot retitle, recolour or rewrite the
// user's terminal. Newline and tab stay (the output's own layout).

// C0 except \t and \n, DEL, C1 (0x80–0x9f: 0x9b is a one-byte CSI), and the bidi controls of "Trojan Source".
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `s` with every control character but newline and tab as \uHHHH: readable in text, and a valid escape inside
 * the JSON strings of --format json (which JSON.stringify leaves raw for C1 and the bidi controls).
 */
export function printable(s: string): string {
  return s.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`);
}

/**
 * Output streams that pass text through `printable`; `rawStdout` keeps standard output as is (commands whose
 * output is data to redirect: format's SQL and diffs). Standard error is always escaped.
 */
export function printableIo(io: { stdout(text: string): void; stderr(text: string): void }, rawStdout = false): { stdout(text: string): void; stderr(text: string): void } {
  return { stdout: rawStdout ? io.stdout : (text) => io.stdout(printable(text)), stderr: (text) => io.stderr(printable(text)) };
}
