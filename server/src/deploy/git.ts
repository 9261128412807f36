// The git commit a version was published from, and whether the draft or its config differ from it.
// Uses the `git` executable; no git, or not a repository, simply means no commit is recorded.
import { execFile } from 'node:child_process';
import * as path from 'node:path';

export interface GitInfo { commit: string; dirty: boolean }

/**
 * The workspace's repository is not trusted: its .git/config may name commands (core.fsmonitor, hooks, pagers,
 * filters). Reading HEAD and status must run none of them, and no system config or credential prompt joins in.
 */
export const SAFE_GIT_ARGS = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.untrackedCache=false', '--no-pager'];

export function safeGitEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
}

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', [...SAFE_GIT_ARGS, ...args], { cwd, timeout: 10_000, env: safeGitEnv() }, (err, stdout) => resolve(err ? undefined : stdout));
  });
}

/** `dirty`: the published files have changes (staged, unstaged or untracked) relative to HEAD. */
export async function gitInfo(files: string[]): Promise<GitInfo | undefined> {
  if (!files.length) return undefined;
  const cwd = path.dirname(path.resolve(files[0]));
  const head = (await git(cwd, ['rev-parse', 'HEAD']))?.trim();
  if (!head || !/^[0-9a-f]{40}$/.test(head)) return undefined;
  const status = await git(cwd, ['status', '--porcelain', '--', ...files.map((f) => path.resolve(f))]);
  return { commit: head, dirty: status === undefined ? true : status.trim().length > 0 };
}
