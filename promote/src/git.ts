import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ToolError } from './errors.js';

const run = promisify(execFile);

/** The git CLI in one checkout, always with an argument array (never a shell string). */
export class Git {
  constructor(readonly cwd: string) {}

  async run(args: readonly string[], options: { allowExitCodes?: readonly number[] } = {}): Promise<string> {
    try {
      const { stdout } = await run('git', [...args], { cwd: this.cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
      return stdout;
    } catch (error) {
      const failure = error as { code?: unknown; stdout?: string; stderr?: string };
      if (typeof failure.code === 'number' && options.allowExitCodes?.includes(failure.code)) return failure.stdout ?? '';
      const detail = (failure.stderr ?? '').trim().split('\n').filter(Boolean).at(-1) ?? String(error);
      throw new ToolError(`git ${args[0] ?? ''} failed: ${redactUrls(detail)}`);
    }
  }

  /** Contents of a file at a revision, or undefined when it does not exist there. */
  async show(revision: string, file: string): Promise<string | undefined> {
    try {
      const { stdout } = await run('git', ['show', `${revision}:${file}`], { cwd: this.cwd, maxBuffer: 16 * 1024 * 1024 });
      return stdout;
    } catch {
      return undefined;
    }
  }

  /** Full hashes of the commits that changed `file`, newest first, following `revision`'s first parents. */
  async commitsTouching(revision: string, file: string): Promise<string[]> {
    const out = await this.run(['log', '--first-parent', '--format=%H', revision, '--', file]);
    return out.split('\n').filter(Boolean);
  }

  async commitInfo(revision: string): Promise<CommitInfo> {
    const out = await this.run(['show', '-s', '--format=%H%x00%h%x00%an%x00%aI%x00%s', revision]);
    const [sha = '', short = '', author = '', date = '', subject = ''] = out.trim().split('\0');
    return { sha, short, author, date, subject };
  }

  /** Commits reachable from `to` but not from `from`, newest first (first parents only). */
  async commitsBetween(from: string, to: string): Promise<CommitInfo[]> {
    const out = await this.run(['log', '--first-parent', '--format=%H%x00%h%x00%an%x00%aI%x00%s', `${from}..${to}`]);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha = '', short = '', author = '', date = '', subject = ''] = line.split('\0');
        return { sha, short, author, date, subject };
      });
  }

  /** Whether `ancestor` is reachable from `descendant` (equal counts). */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    try {
      await run('git', ['merge-base', '--is-ancestor', ancestor, descendant], { cwd: this.cwd });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 1) return false;
      throw new ToolError(`git merge-base failed: ${redactUrls(((error as { stderr?: string }).stderr ?? String(error)).trim())}`);
    }
  }

  async remoteUrl(remote: string): Promise<string | undefined> {
    const out = await this.run(['remote', 'get-url', remote], { allowExitCodes: [2, 128] });
    return out.trim() || undefined;
  }

  /** The commit a branch points to on the remote, or undefined when it has no such branch. */
  async remoteBranch(remote: string, branch: string): Promise<string | undefined> {
    const out = await this.run(['ls-remote', '--heads', remote, `refs/heads/${branch}`]);
    return out.split(/\s/)[0] || undefined;
  }
}

export interface CommitInfo {
  readonly sha: string;
  readonly short: string;
  readonly author: string;
  readonly date: string;
  readonly subject: string;
}

/** Removes credentials from any URL in a message (https://user:token@host → https://***@host). */
export function redactUrls(text: string): string {
  return text.replace(/(https?:\/\/)[^/@\s]+@/g, '$1***@');
}
