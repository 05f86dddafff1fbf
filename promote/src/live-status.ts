import type { LiveApplication } from './argocd.js';
import { shortDigest } from './history.js';

/**
 * How the release Argo CD runs compares with the one Git declares, from the images it reports
 * (`status.summary.images`) of the environment's image repository:
 * matches (only Git's digest runs), mixed (Git's and another: a rollout under way, or stuck),
 * differs (only other digests: the deploy has not happened or was reverted by hand),
 * not-running (no image of the repository at all).
 */
export type ImageMatch = 'matches' | 'mixed' | 'differs' | 'not-running';

export interface LiveComparison {
  /** What Argo CD reported. */
  readonly argocd: LiveApplication;
  readonly image: ImageMatch;
  /** Digests of the environment's repository Argo CD reports running. */
  readonly runningDigests: readonly string[];
  /** What needs a look, one phrase each; empty when Git and Argo CD agree and all is well. */
  readonly attention: readonly string[];
}

export function compareLive(live: LiveApplication, git: { repository: string; digest: string }): LiveComparison {
  const runningDigests = [...new Set(live.images.filter((image) => image.startsWith(`${git.repository}@`)).map((image) => image.slice(git.repository.length + 1)))];
  const image: ImageMatch = runningDigests.length === 0 ? 'not-running' : runningDigests.every((d) => d === git.digest) ? 'matches' : runningDigests.includes(git.digest) ? 'mixed' : 'differs';
  const attention: string[] = [];
  if (image === 'differs') attention.push(`running ${runningDigests.map(shortDigest).join(', ')}, Git declares ${shortDigest(git.digest)}`);
  if (image === 'mixed') attention.push(`running ${runningDigests.map(shortDigest).join(', ')}: Git's ${shortDigest(git.digest)} beside another (rollout under way or stuck)`);
  if (image === 'not-running') attention.push(`no image of ${git.repository} running`);
  if (live.sync.status !== 'Synced') attention.push(`sync ${live.sync.status}`);
  if (live.health !== 'Healthy') attention.push(`health ${live.health}`);
  if (live.lastSync !== undefined && (live.lastSync.phase === 'Failed' || live.lastSync.phase === 'Error')) attention.push(`last sync ${live.lastSync.phase}`);
  return { argocd: live, image, runningDigests, attention };
}

const imageWords: Record<ImageMatch, string> = { matches: 'matches Git', mixed: 'MIXED with Git\'s', differs: 'DIFFERS FROM GIT', 'not-running': 'NOT RUNNING' };

/** The lines `status` prints under an environment's Git row. */
export function formatLive(comparison: LiveComparison, indent: string): string[] {
  const live = comparison.argocd;
  const revision = live.sync.revision === undefined ? '' : ` to ${live.sync.revision.slice(0, 12)}`;
  const lines = [`${indent}Argo CD ${live.application}: ${live.sync.status}${revision}, ${live.health}${live.reconciledAt === undefined ? '' : `, reconciled ${live.reconciledAt}`}`];
  const running = comparison.runningDigests.length === 0 ? '(none of its repository)' : comparison.runningDigests.map(shortDigest).join(', ');
  lines.push(`${indent}running ${running}: ${imageWords[comparison.image]}`);
  const last = live.lastSync;
  if (last === undefined) lines.push(`${indent}last sync: none recorded`);
  else {
    const at = last.finishedAt === undefined ? ' (running)' : ` at ${last.finishedAt}`;
    const of = last.revision === undefined ? '' : ` of ${last.revision.slice(0, 12)}`;
    lines.push(`${indent}last sync: ${last.phase}${of}${at}${last.message === undefined || last.message === '' ? '' : `: ${oneLine(last.message)}`}`);
  }
  if (comparison.attention.length > 0) lines.push(`${indent}ATTENTION: ${comparison.attention.join('; ')}`);
  return lines;
}

/** Argo CD's messages can run to several lines (a failed hook's log) and carry control characters; the status table keeps one plain line. */
function oneLine(text: string): string {
  const flat = text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
