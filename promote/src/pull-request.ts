import { environmentPath } from '@storefront/environments';
import type { GateResult } from './gates.js';
import { describeSoak } from './soak.js';
import { shortDigest } from './history.js';
import { holdPath } from './hold.js';
import { formatMigration } from './migrations.js';
import type { Plan } from './plan.js';

const revisionText = (revision: string | undefined) => (revision === undefined ? 'not recorded' : revision);

export interface Override {
  readonly force: boolean;
  readonly reason: string | undefined;
  readonly actor: string;
}

const evidence: Record<GateResult['kind'], string> = { e2e: 'e2e report', load: 'load summary', slo: 'SLO analysis' };

const stateMark: Record<GateResult['state'], string> = { success: 'passed', failure: 'FAILED', error: 'ERROR', pending: 'pending', missing: 'MISSING', unknown: 'not checked' };

export function pullRequestTitle(plan: Plan): string {
  if (plan.kind === 'rollback') return `Roll back ${plan.target} to ${shortDigest(plan.toDigest)} and hold it`;
  if (plan.kind === 'lift-hold') return `Lift the hold on ${plan.target}`;
  return `Promote ${plan.source ?? ''} to ${plan.target}: ${shortDigest(plan.toDigest)}`;
}

export function pullRequestLabels(plan: Plan, override: Override, liftHold = false): string[] {
  const labels = [plan.kind === 'promotion' ? 'promotion' : plan.kind, `env:${plan.target}`];
  // The policy check reads these: a hold moves only with lift-hold, a lift onto the release that was rolled back from only with hold-forced.
  if (liftHold && plan.kind !== 'lift-hold') labels.push('lift-hold');
  if (override.force && plan.kind === 'promotion') labels.push('gates-forced');
  if (override.force && plan.kind === 'rollback') labels.push('contract-forced');
  if (override.force && liftHold && plan.hold?.rolledBackFrom?.digest === plan.toDigest) labels.push('hold-forced');
  return labels;
}

/** The pull request body: the plan, the evidence, links, and any override with its reason. */
export function pullRequestBody(plan: Plan, context: { owner: string; repo: string; serverUrl: string; override: Override; liftHold: boolean }): string {
  const repoUrl = `${context.serverUrl}/${context.owner}/${context.repo}`;
  const lines: string[] = [];
  if (plan.kind === 'rollback') lines.push(`Rolls **${plan.target}** back to an earlier digest and sets a hold on it (\`${holdPath(plan.target)}\`): until \`npm run promote -- open --to ${plan.target} --lift-hold\` is merged, neither \`open\` nor the release workflow moves ${plan.target} forward.`, '');
  else if (plan.kind === 'lift-hold') lines.push(`Lifts the hold on **${plan.target}**; the digest does not change.`, '');
  else lines.push(`Promotes the digest **${plan.source ?? ''}** runs to **${plan.target}**.`, '');
  if (context.override.reason !== undefined) lines.push(`**Reason** (${context.override.actor}): ${context.override.reason}`, '');
  lines.push('| | digest | source revision |', '| --- | --- | --- |', `| ${plan.target} runs now | \`${plan.fromDigest}\` | ${revisionLink(plan.fromRevision, repoUrl)} |`, `| after this pull request | \`${plan.toDigest}\` | ${revisionLink(plan.toRevision, repoUrl)} |`, '');
  if (plan.sourceCommit) lines.push(`${plan.source ?? ''} has run it since [\`${plan.sourceCommit.short}\`](${repoUrl}/commit/${plan.sourceCommit.sha}) (${plan.sourceCommit.date}).`, '');

  if (plan.kind === 'promotion') {
    lines.push(`### Gates (${plan.source ?? ''}, commit statuses on \`${plan.sourceCommit?.short ?? '?'}\`)`, '', '| gate | result | evidence |', '| --- | --- | --- |');
    for (const gate of plan.gates) lines.push(`| \`${gate.context}\` | ${stateMark[gate.state]}${gate.description ? `: ${gate.description}` : ''} | ${gate.url ? `[${evidence[gate.kind]}](${gate.url})` : 'none'} |`);
    lines.push('');
    if (plan.soak && plan.soak.required !== '0s') lines.push(`**Soak time** in ${plan.source ?? ''}: ${describeSoak(plan.soak)}.`, '');
    if (context.override.force) lines.push(`> [!WARNING]`, `> **Gates overridden with --force** by ${context.override.actor}: ${context.override.reason ?? ''}`, '');
  }
  if (plan.kind === 'rollback' && context.override.force) lines.push('> [!WARNING]', `> **Goes back across contract migrations with --force** by ${context.override.actor}: ${context.override.reason ?? ''}`, '');
  if (plan.hold && context.liftHold) lines.push(`**Lifts the hold** set by ${plan.hold.setBy} at ${plan.hold.setAt}: ${plan.hold.reason}`, '');

  lines.push(`### Commits (${plan.commits === undefined ? 'unknown' : plan.commits.length}${plan.kind === 'rollback' ? ', taken out' : ''})`, '');
  if (plan.commits === undefined) lines.push(`The release commit of one of the digests is not in the history of \`${environmentPath('dev')}\`.`);
  else if (plan.commits.length === 0) lines.push('None.');
  else for (const commit of plan.commits.slice(0, 50)) lines.push(`- [\`${commit.short}\`](${repoUrl}/commit/${commit.sha}) ${commit.subject} (${commit.author})`);
  if (plan.commits !== undefined && plan.commits.length > 50) lines.push(`- … and ${plan.commits.length - 50} more`);
  lines.push('');

  lines.push(`### Migrations (${plan.migrations === undefined ? 'unknown' : plan.migrations.length}${plan.kind === 'rollback' ? ', the older release runs on them' : ''})`, '');
  if (plan.migrations === undefined) lines.push('A source revision is unknown: check `app/migrations` by hand.');
  else if (plan.migrations.length === 0) lines.push('None.');
  else for (const migration of plan.migrations) lines.push(`- \`${migration.file}\`${migration.contract === undefined ? '' : ` **contract step**: ${migration.contract}`}`);
  lines.push('');

  lines.push(`### Manifest diff (\`manifests/${plan.target}\`: ${plan.manifests.files.length} file${plan.manifests.files.length === 1 ? '' : 's'})`, '');
  if (plan.manifests.patch === '') lines.push('No change.');
  else lines.push('```diff', truncate(plan.manifests.patch.trimEnd(), 20_000), '```');
  lines.push('', `<!-- promote: kind=${plan.kind} target=${plan.target} digest=${plan.toDigest} -->`);
  return lines.join('\n');
}

function revisionLink(revision: string | undefined, repoUrl: string): string {
  return revision === undefined ? 'not recorded' : `[\`${revision.slice(0, 12)}\`](${repoUrl}/commit/${revision})`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n… (truncated; run npm run promote -- plan for the full diff)`;
}

/** The plan for a terminal. */
export function formatPlan(plan: Plan): string {
  const lines = [`${plan.kind} ${plan.source ? `${plan.source} -> ` : ''}${plan.target}`, `  ${plan.target} runs:   ${plan.fromDigest}`, `  built from:  ${revisionText(plan.fromRevision)}`, `  would run:   ${plan.toDigest}`, `  built from:  ${revisionText(plan.toRevision)}`, `  branch:      ${plan.branch}`];
  if (plan.sourceCommit) lines.push(`  ${plan.source ?? ''} commit:  ${plan.sourceCommit.short} ${plan.sourceCommit.subject}`);
  if (plan.hold) lines.push(`  HOLD:        ${plan.hold.reason} (since ${plan.hold.setAt}, by ${plan.hold.setBy})`);
  if (plan.kind === 'promotion') {
    lines.push('  gates:');
    for (const gate of plan.gates) lines.push(`    ${gate.context.padEnd(12)} ${stateMark[gate.state]}${gate.url ? `  ${gate.url}` : ''}`);
    if (plan.soak && plan.soak.required !== '0s') lines.push(`  soak:        ${describeSoak(plan.soak)}`);
  }
  lines.push(`  commits:     ${plan.commits === undefined ? 'unknown' : plan.commits.length}`);
  for (const commit of (plan.commits ?? []).slice(0, 20)) lines.push(`    ${commit.short} ${commit.subject}`);
  if (plan.commits !== undefined && plan.commits.length > 20) lines.push(`    ... and ${plan.commits.length - 20} more`);
  lines.push(`  migrations:  ${plan.migrations === undefined ? 'unknown (a source revision is not recorded)' : plan.migrations.length}${plan.kind === 'rollback' && (plan.migrations?.length ?? 0) > 0 ? ' (stay applied: the older release runs on them)' : ''}`);
  for (const migration of plan.migrations ?? []) lines.push(`    ${formatMigration(migration)}`);
  lines.push(`  manifests:   ${plan.manifests.files.join(', ') || 'no change'}`);
  if (plan.manifests.patch) lines.push('', plan.manifests.patch.trimEnd());
  return lines.join('\n');
}
