import { parseArgs } from 'node:util';
import { z } from 'zod';
import { environmentNames } from '@storefront/environments';
import { UsageError } from './errors.js';
import { gateKinds } from './gates.js';

const env = z.enum(environmentNames, { error: `expected one of ${environmentNames.join(', ')}` });
const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: 'expected sha256: followed by 64 lowercase hex characters' });
const revision = z.string({ error: 'required: the full commit the image was built from (github.sha)' }).regex(/^[0-9a-f]{40}$/, { error: 'expected a full 40-hex commit hash' });
const reason = z.string({ error: 'required: say why, in a few words' }).trim().min(3, { error: 'expected a reason of a few words' }).max(500, { error: 'expected at most 500 characters' });
const base = z.string().regex(/^[A-Za-z0-9._/-]+$/, { error: 'expected a branch name' }).default('main');
const commit = (what: string) => z.string().regex(/^[0-9a-f]{40}$/, { error: `expected the full 40-hex commit ${what}` });
const common = { 'dry-run': z.boolean().default(false), json: z.boolean().default(false), base };

export const commandSchemas = {
  status: z.strictObject({
    ...common,
    'argocd-server': z.string().optional(),
    'argocd-timeout': z
      .string()
      .regex(/^\d+s$/, { error: 'expected seconds, such as 10s' })
      .refine((t) => Number(t.slice(0, -1)) >= 1 && Number(t.slice(0, -1)) <= 120, { error: 'expected between 1s and 120s' })
      .default('10s'),
  }),
  plan: z.strictObject({ ...common, to: env, digest: digest.optional(), at: commit('on main where the source environment declared the release (verify.yml: the synced revision)').optional() }),
  open: z
    .strictObject({ ...common, to: env, digest: digest.optional(), at: commit('on main where the source environment declared the release (verify.yml: the synced revision)').optional(), force: z.boolean().default(false), reason: reason.optional(), 'lift-hold': z.boolean().default(false) })
    .refine((o) => !o.force || o.reason !== undefined, { error: '--force needs --reason "<why the gates may be skipped>"', path: ['reason'] })
    .refine((o) => !o['lift-hold'] || o.reason !== undefined, { error: '--lift-hold needs --reason "<why it is safe again>"', path: ['reason'] }),
  rollback: z
    .strictObject({ ...common, env, to: digest.optional(), steps: z.coerce.number({ error: 'expected a whole number' }).int({ error: 'expected a whole number' }).min(1, { error: 'expected at least 1' }).max(50, { error: 'expected at most 50' }).optional(), reason, force: z.boolean().default(false) })
    .refine((o) => o.to === undefined || o.steps === undefined, { error: 'give --to <digest> or --steps <n>, not both', path: ['steps'] }),
  release: z.strictObject({ ...common, digest, revision, push: z.boolean().default(false) }),
  check: z.strictObject({
    json: z.boolean().default(false),
    'base-sha': z.string().regex(/^[0-9a-f]{40}$/, { error: 'expected a full 40-hex commit' }).optional(),
    'head-sha': z.string().regex(/^[0-9a-f]{40}$/, { error: 'expected a full 40-hex commit' }).optional(),
    labels: z.string().regex(/^[A-Za-z0-9:._ ,-]*$/, { error: 'expected comma-separated label names' }).optional(),
  }),
  gate: z.strictObject({
    ...common,
    env,
    kind: z.enum(gateKinds, { error: `expected one of ${gateKinds.join(', ')}` }),
    state: z.enum(['success', 'failure', 'error', 'pending'], { error: 'expected success, failure, error or pending' }),
    url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
    description: z.string().max(140, { error: 'expected at most 140 characters' }).optional(),
    digest: z.string({ error: 'required: the digest of the release under test (npm run promote -- deployed)' }).regex(/^sha256:[0-9a-f]{64}$/, { error: 'expected sha256: followed by 64 lowercase hex characters' }),
    revision: revision.optional(),
  }),
  deployed: z.strictObject({
    ...common,
    env,
    synced: commit('Argo CD synced (the deploy notification\'s revision)').optional(),
    images: z.string().regex(/^[A-Za-z0-9@:/._, -]*$/, { error: 'expected image references separated by spaces or commas' }).optional(),
  }),
  stale: z.strictObject({ ...common, 'max-age': z.string().regex(/^\d+[smh]$/, { error: 'expected a duration such as 30m or 6h' }).default('6h') }),
  slo: z.strictObject({
    ...common,
    env,
    digest: z.string({ error: 'required: the digest of the release under test' }).regex(/^sha256:[0-9a-f]{64}$/, { error: 'expected sha256: followed by 64 lowercase hex characters' }),
    revision: revision.optional(),
    prometheus: z.string().optional(),
    wait: z.boolean().default(false),
  }),
} as const;

export type CommandName = keyof typeof commandSchemas;
export type Options<C extends CommandName> = z.output<(typeof commandSchemas)[C]>;
export type Parsed = { [C in CommandName]: { command: C; options: Options<C> } }[CommandName];

export const usage = `usage: npm run promote -- <command> [flags]
  status [--argocd-server S] [--argocd-timeout 10s]   what each environment runs, since when, holds, commits ahead;
                                           with an Argo CD address also its sync, health, running images, last sync
  plan --to stage|prod [--digest D]        what a promotion would change (digest, commits, manifest diff, gates)
  open --to stage|prod [--digest D]        commit, push promote/<env>-<digest> and open or update its pull request
       [--force --reason "..."]            promote past a failed or missing gate (the reason goes in the pull request)
       [--lift-hold --reason "..."]        lift a hold set by rollback (also: open --to dev --lift-hold)
  rollback --env E [--to D | --steps N] --reason "..." [--force]   pull request to an earlier release, setting a hold
                                           (--force: go back across a contract migration; the reason says why it is safe)
  release --digest D --revision SHA [--push]   release workflow: record the release in dev, regenerate manifests/dev, commit [skip ci]
  plan|open ... [--at SHA]                  promote the release the source environment declared at main commit SHA (what verify.yml verified)
  deployed --env E [--synced SHA] [--images "I ..."]   verification workflow: the release Argo CD deployed, and the environment's gate settings
  gate --env E --kind e2e|load|slo --state S --digest D [--revision SHA] [--url U] [--description T]   verification workflow: record
                                           a gate for exactly that release; refused when the environment no longer runs it
  slo --env E --digest D [--revision SHA] [--prometheus URL] [--wait]   SLO analysis over the soak window after the deploy
                                           (PROMETHEUS_URL, PROMETHEUS_TOKEN; thresholds: verification.slo in environments/<env>.yaml)
  stale [--max-age 6h]                     scheduled: releases that ran longer than that without a result for every gate (exit 3)
  check [--base-sha S --head-sha S] [--labels a,b]   the promotion policy of a pull request (the promotion-policy workflow; default: the pull_request event)
common flags: --dry-run (change nothing), --json, --base <branch> (default main)
environment: GITHUB_TOKEN, GITHUB_REPOSITORY (default: the origin remote), GITHUB_API_URL, PROMETHEUS_URL, PROMETHEUS_TOKEN,
             ARGOCD_SERVER (host[:port], as Argo CD's CLI reads it), ARGOCD_AUTH_TOKEN`;

const flags = {
  to: { type: 'string' },
  env: { type: 'string' },
  digest: { type: 'string' },
  revision: { type: 'string' },
  'base-sha': { type: 'string' },
  'head-sha': { type: 'string' },
  labels: { type: 'string' },
  at: { type: 'string' },
  synced: { type: 'string' },
  images: { type: 'string' },
  prometheus: { type: 'string' },
  'argocd-server': { type: 'string' },
  'argocd-timeout': { type: 'string' },
  'max-age': { type: 'string' },
  wait: { type: 'boolean' },
  steps: { type: 'string' },
  reason: { type: 'string' },
  force: { type: 'boolean' },
  'lift-hold': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  base: { type: 'string' },
  push: { type: 'boolean' },
  kind: { type: 'string' },
  state: { type: 'string' },
  url: { type: 'string' },
  description: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses argv into one command and its validated flags; throws UsageError with one line. */
export function parseCommand(argv: readonly string[]): Parsed | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: flags, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]?.replace(/\. To specify a positional argument.*$/, '') ?? 'bad flags');
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help === true || command === undefined || command === 'help') return 'help';
  if (!(command in commandSchemas)) throw new UsageError(`unknown command ${command}: expected one of ${Object.keys(commandSchemas).join(', ')}`);
  if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0] ?? ''}: flags start with --`);
  const name = command as CommandName;
  const { help: _help, ...values } = parsed.values;
  const result = commandSchemas[name].safeParse(values);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue?.path[0];
    if (issue?.code === 'unrecognized_keys') throw new UsageError(`${name}: --${issue.keys[0] ?? ''} does not apply to this command`);
    throw new UsageError(`${name}: ${typeof key === 'string' ? `--${key}: ` : ''}${issue?.message ?? 'invalid flags'}`);
  }
  return { command: name, options: result.data } as Parsed;
}
