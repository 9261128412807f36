// Reads a text file the workspace gave us (a draft, a deployment config) without trusting what it is: only a
// regular file, under a size cap, opened non-blocking so a FIFO cannot hang us and fstat'ed after the open so a
// symlink to /dev/zero or a file swapped in between is judged by what was actually opened.
import * as fs from 'node:fs';

export const MB = 1024 * 1024;
/** Deployment configs are a few hundred lines; anything near this is not one. */
export const MAX_DEPLOYMENT_BYTES = 1 * MB;
/** Drafts read from disk (lint, format, validate of a file not open in the editor). */
export const MAX_DRAFT_BYTES = 10 * MB;

export class FileReadError extends Error {
  constructor(readonly file: string, readonly reason: 'not-regular' | 'too-large' | 'not-utf8', message: string) {
    super(message);
    this.name = 'FileReadError';
  }
}

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer (fstat then refuses it).
const FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

export interface ReadOptions {
  maxBytes: number;
  /** Refuse bytes that are not UTF-8 instead of replacing them with U+FFFD (a file about to be rewritten). */
  strictUtf8?: boolean;
}

function kindOf(st: fs.Stats): string {
  return st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO (named pipe)' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device'
    : st.isSocket() ? 'a socket' : 'not a regular file';
}

function check(file: string, st: fs.Stats, maxBytes: number): void {
  if (!st.isFile()) throw new FileReadError(file, 'not-regular', `${file} is ${kindOf(st)}: only regular files are read`);
  if (st.size > maxBytes) throw tooLarge(file, st.size, maxBytes);
}

function tooLarge(file: string, size: number, maxBytes: number): FileReadError {
  return new FileReadError(file, 'too-large', `${file} is ${sizeText(size)}, more than the ${sizeText(maxBytes)} this file may have`);
}

export function sizeText(bytes: number): string {
  return bytes >= MB ? `${Number((bytes / MB).toFixed(bytes >= 10 * MB ? 0 : 1))} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

function decode(file: string, bytes: Uint8Array, strict: boolean | undefined): string {
  if (!strict) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new FileReadError(file, 'not-utf8', `${file} is not UTF-8 text`);
  }
}

/** One read the loop asks for: into `buffer` at `offset`, at most `length` bytes; the answer is how many were read. */
interface ReadStep { buffer: Buffer; offset: number; length: number }

/**
 * The one reading of an opened file, for both twins below: the checks of what was opened (fstat), the size cap,
 * the loop and the decoding. It yields each read to do and is sent the bytes read, so the async and sync versions
 * differ only in how they do a read.
 */
function* readSteps(file: string, st: fs.Stats, options: ReadOptions): Generator<ReadStep, string, number> {
  check(file, st, options.maxBytes);
  // One byte more than allowed: a file that grew since fstat is still caught.
  const buffer = Buffer.alloc(Math.min(st.size, options.maxBytes) + 1);
  let length = 0;
  for (;;) {
    const bytesRead = yield { buffer, offset: length, length: buffer.length - length };
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length > options.maxBytes) throw tooLarge(file, length, options.maxBytes);
    if (length === buffer.length) break;
  }
  return decode(file, buffer.subarray(0, length), options.strictUtf8);
}

/** The file's text; throws FileReadError (or the fs error, e.g. ENOENT) otherwise. */
export async function readTextFile(file: string, options: ReadOptions): Promise<string> {
  const handle = await fs.promises.open(file, FLAGS);
  try {
    const steps = readSteps(file, await handle.stat(), options);
    for (let step = steps.next(); ;) {
      if (step.done) return step.value;
      const { bytesRead } = await handle.read(step.value.buffer, step.value.offset, step.value.length, null);
      step = steps.next(bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** The synchronous twin, for the few callers that cannot wait (cheap: a regular file under the cap). */
export function readTextFileSync(file: string, options: ReadOptions): string {
  const fd = fs.openSync(file, FLAGS);
  try {
    const steps = readSteps(file, fs.fstatSync(fd), options);
    for (let step = steps.next(); ;) {
      if (step.done) return step.value;
      step = steps.next(fs.readSync(fd, step.value.buffer, step.value.offset, step.value.length, null));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** A short reason for a failed read, for `cannot read <file>: <reason>` messages. */
export function readErrorReason(error: unknown): string {
  if (error instanceof FileReadError) {
    return error.reason === 'not-regular' ? error.message.replace(`${error.file} is `, 'it is ')
      : error.reason === 'too-large' ? error.message.replace(`${error.file} is `, 'it is ') : 'it is not UTF-8 text';
  }
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied'
    : error instanceof Error ? error.message : String(error);
}
