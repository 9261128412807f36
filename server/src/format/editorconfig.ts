// .editorconfig support for the formatter: indent_style, indent_size (or tab_width) and max_line_length of
// the sections matching a file, nearest file last, stopping at `root = true`.
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { readTextFileSync } from '../util/boundedRead';
import { compileGlob } from './glob';
import type { FormatOptions } from './options';

/** An .editorconfig is a few lines; a bigger one (or a FIFO, a device) is ignored like an unreadable one. */
const MAX_EDITORCONFIG_BYTES = 256 * 1024;

interface Section { glob: string; props: Record<string, string> }

export function parseEditorConfig(text: string): { root: boolean; sections: Section[] } {
  const sections: Section[] = [];
  let root = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) { sections.push({ glob: header[1], props: {} }); continue; }
    const kv = /^([^=:]+)[=:](.*)$/.exec(line);
    if (!kv) continue;
    const key = kv[1].trim().toLowerCase();
    const value = kv[2].trim().toLowerCase();
    if (sections.length) sections[sections.length - 1].props[key] = value;
    else if (key === 'root') root = value === 'true';
  }
  return { root, sections };
}

function matches(glob: string, relPath: string): boolean {
  const path = relPath.split('\\').join('/');
  if (!glob.includes('/')) return compileGlob(glob)(basename(path));
  return compileGlob(glob.startsWith('/') ? glob.slice(1) : glob)(path);
}

/** Formatter options from the .editorconfig files that apply to `file` (an absolute path). */
export function editorConfigFor(file: string): Partial<FormatOptions> {
  const found: { dir: string; sections: Section[] }[] = [];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const f = join(dir, '.editorconfig');
    if (existsSync(f)) {
      try {
        const parsed = parseEditorConfig(readTextFileSync(f, { maxBytes: MAX_EDITORCONFIG_BYTES }));
        found.unshift({ dir, sections: parsed.sections });
        if (parsed.root) break;
      } catch {
        // an unreadable .editorconfig is ignored, as editors do
      }
    }
    if (dirname(dir) === dir) break;
  }
  const props: Record<string, string> = {};
  for (const { dir, sections } of found) {
    for (const s of sections) if (matches(s.glob, relative(dir, file))) Object.assign(props, s.props);
  }
  const out: Partial<FormatOptions> = {};
  if (props.indent_style === 'tab') out.useTabs = true;
  if (props.indent_style === 'space') out.useTabs = false;
  const size = Number(props.indent_size === 'tab' ? props.tab_width : props.indent_size);
  if (Number.isInteger(size) && size >= 0) out.indentWidth = size;
  else if (out.useTabs && Number.isInteger(Number(props.tab_width))) out.indentWidth = Number(props.tab_width);
  const width = Number(props.max_line_length);
  if (Number.isInteger(width) && width > 0) out.lineWidth = width;
  return out;
}
