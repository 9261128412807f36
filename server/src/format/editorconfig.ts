// .editorconfig support for the formatter: indent_style, indent_size (or tab_width) and max_line_length of
// the sections matching a file, nearest file last, stopping at `root = true`.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { FormatOptions } from './options';

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

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') { re += '.*'; i++; } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function matches(glob: string, relPath: string): boolean {
  const path = relPath.split('\\').join('/');
  if (!glob.includes('/')) return globToRegExp(glob).test(basename(path));
  return globToRegExp(glob.startsWith('/') ? glob.slice(1) : glob).test(path);
}

/** Formatter options from the .editorconfig files that apply to `file` (an absolute path). */
export function editorConfigFor(file: string): Partial<FormatOptions> {
  const found: { dir: string; sections: Section[] }[] = [];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const f = join(dir, '.editorconfig');
    if (existsSync(f)) {
      try {
        const parsed = parseEditorConfig(readFileSync(f, 'utf8'));
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
