import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { environmentNames, type EnvironmentName } from '@storefront/environments';
import { UsageError } from './errors.js';

/**
 * A hold: environments/<env>.hold.yaml, written by `rollback` in the same commit as the
 * earlier digest. While it is on main, `open` and the release workflow refuse to move that
 * environment forward; `open --lift-hold` deletes it in its own pull request.
 */
export const holdSchema = z.strictObject({
  environment: z.enum(environmentNames),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: 'expected sha256: and 64 lowercase hex characters' }),
  reason: z.string().min(1, { error: 'expected why the environment is held' }),
  setBy: z.string().min(1),
  setAt: z.iso.datetime({ error: 'expected an ISO date-time' }),
  /** The release the rollback replaced: lifting the hold onto it again needs --force and a reason. */
  rolledBackFrom: z
    .strictObject({
      digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: 'expected sha256: and 64 lowercase hex characters' }),
      revision: z.string().regex(/^[0-9a-f]{40}$/, { error: 'expected a full 40-hex commit' }).optional(),
    })
    .optional(),
});
export type Hold = z.output<typeof holdSchema>;

export const holdPath = (env: EnvironmentName) => `environments/${env}.hold.yaml`;

export function parseHold(file: string, text: string): Hold {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  const parsed = holdSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`).join('\n'));
  return parsed.data;
}

export function formatHold(hold: Hold): string {
  return `# A hold set by \`npm run promote -- rollback\`: nothing moves ${hold.environment} forward while this file is on main.
# Lift it deliberately: npm run promote -- open --to ${hold.environment} --lift-hold --reason "..."
${stringify(hold)}`;
}

export function liftInstructions(env: EnvironmentName): string {
  return `lift it with: npm run promote -- open --to ${env} --lift-hold --reason "<why it is safe again>"`;
}

export function describeHold(hold: Hold): string {
  return `${hold.environment} is on hold since ${hold.setAt} (set by ${hold.setBy}, pinned to ${hold.digest}): ${hold.reason}`;
}
