// `flink-sql format`: formats Flink SQL files — prints them, rewrites them (--write), lists the unformatted ones
// and exits 1 (--check, for CI), or prints a unified diff (--diff). Statements that do not parse are left as they
// are and reported on standard error. Options: .editorconfig beside the file, then the flags.
import * as fs from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { editorConfigFor, formatScript, resolveFormatOptions, type FormatOptions } from '../../format';
import { assertNoSymlink, isInside, writeFileSafe } from '../../util/safeFs';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { readSource } from './lint';

export const formatCommand: CliCommand = {
  name: 'format',
  summary: 'Format Flink SQL files (--check for CI, --write, --diff)',
  usage: `Usage: flink-sql format <file...> [--check] [--write] [--diff] [options]

Formats each file (a script of ;-separated Flink SQL statements): keywords and built-in functions in one case,
identifiers as written, one clause per line, lists broken one item per line beyond the line width, WITH options
one per line with aligned '='. Every comment is kept. A statement that does not parse is left byte for byte and
reported on standard error (file:line: skipped statement: reason). Use - to read standard input.

Modes (default: print the formatted text):
  --check                 Print the files that are not formatted, one per line; exit 1 if any
  --write                 Rewrite the files that are not formatted (prints nothing; atomically, and never
                          through a symbolic link: a linked file or folder is refused, nothing is written)
  --diff                  Print a unified diff of the changes

Options (default: the file's .editorconfig indent_style / indent_size / max_line_length, else as shown):
  --indent N              Spaces per indent level (2)
  --tabs                  Indent with tabs
  --keyword-case C        upper (default), lower or preserve
  --line-width N          Line width (100)
  --comma P               trailing (default) or leading
  --no-align              Do not align the '=' of WITH options
  -h, --help              Show this help

Exit status: 0 done (with --check: every file formatted), 1 --check found unformatted files, 2 bad usage or a
file that cannot be read, 3 internal failure.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      check: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      diff: { type: 'boolean', default: false },
      indent: { type: 'string' },
      tabs: { type: 'boolean' },
      'keyword-case': { type: 'string' },
      'line-width': { type: 'string' },
      comma: { type: 'string' },
      'no-align': { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('no files given');
    if (values.write && positionals.includes('-')) throw new UsageError('--write cannot rewrite standard input');
    const flags = flagOptions(values);

    // Strict UTF-8: a byte that is not would come back as U+FFFD, and --write would lose it for good.
    const texts = await Promise.all(positionals.map((f) => readSource(f, { strictUtf8: true })));
    const unreadable = texts.filter((t): t is { error: string } => 'error' in t);
    if (unreadable.length) {
      for (const u of unreadable) io.stderr(`flink-sql format: ${u.error}${/not UTF-8/.test(u.error) ? ' (save it as UTF-8 first)' : ''}\n`);
      if (values.write) io.stderr('flink-sql format: nothing was written\n');
      return 2;
    }
    if (values.write) {
      // Every file is checked before any is written: a link among them rewrites none.
      const linked = positionals.map(writeProblem).filter((p): p is string => p !== undefined);
      if (linked.length) {
        for (const l of linked) io.stderr(`flink-sql format: ${l}\n`);
        io.stderr('flink-sql format: nothing was written\n');
        return 2;
      }
    }
    let unformatted = 0;
    for (const [i, file] of positionals.entries()) {
      const text = (texts[i] as { text: string }).text;
      const options = resolveFormatOptions(file === '-' ? undefined : editorConfigFor(resolve(file)), flags);
      const r = formatScript(text, options);
      for (const s of r.skipped) io.stderr(`${file}:${s.line}: skipped statement: ${s.reason.replace(/\s*\n\s*/g, ' ')}\n`);
      const changed = r.text !== text;
      if (changed) unformatted++;
      if (values.diff && changed) io.stdout(createTwoFilesPatch(file, file, text, r.text, '', '', { context: 3 }));
      if (values.check && changed) io.stdout(`${file}\n`);
      if (values.write && changed) rewrite(file, r.text);
      if (!values.check && !values.write && !values.diff) io.stdout(r.text);
    }
    return values.check && unformatted > 0 ? 1 : 0;
  },
};

/**
 * The folder below which no component of `file` may be a symlink: the current directory (the project a CI job
 * formats) when the file is in it, else the file's own folder.
 */
function writeRoot(file: string): string {
  const abs = resolve(file);
  return isInside(process.cwd(), abs) ? process.cwd() : dirname(abs);
}

/** Why `file` is not rewritten in place: it, or a folder on the way to it, is a symbolic link (a write would land elsewhere). */
function writeProblem(file: string): string | undefined {
  try {
    if (fs.lstatSync(file).isSymbolicLink()) return `${file} is a symbolic link: not rewritten (format the file it points to)`;
    assertNoSymlink(writeRoot(file), resolve(file));
    return undefined;
  } catch (err) {
    return `${file}: ${(err as Error).message}`;
  }
}

/** Atomic (a temp file beside it, then a rename): a crash leaves the old text or the new, and a link is never followed. */
function rewrite(file: string, text: string): void {
  writeFileSafe(writeRoot(file), resolve(file), text);
}

function flagOptions(v: Record<string, string | boolean | undefined>): Partial<FormatOptions> {
  const o: Partial<FormatOptions> = {};
  const int = (name: string, min: number, max: number) => {
    const raw = v[name];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} expects a whole number from ${min} to ${max}, not '${raw}'`);
    return n;
  };
  o.indentWidth = int('indent', 0, 16);
  o.lineWidth = int('line-width', 20, 1000);
  if (v.tabs) o.useTabs = true;
  const kc = v['keyword-case'];
  if (kc !== undefined) {
    if (kc !== 'upper' && kc !== 'lower' && kc !== 'preserve') throw new UsageError(`unknown --keyword-case '${kc}' (expected upper, lower or preserve)`);
    o.keywordCase = kc;
  }
  const comma = v.comma;
  if (comma !== undefined) {
    if (comma !== 'trailing' && comma !== 'leading') throw new UsageError(`unknown --comma '${comma}' (expected trailing or leading)`);
    o.commaPosition = comma;
  }
  if (v['no-align']) o.alignOptionValues = false;
  for (const k of Object.keys(o) as (keyof FormatOptions)[]) if (o[k] === undefined) delete o[k];
  return o;
}
