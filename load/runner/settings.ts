import { parseArgs } from 'node:util';
import { z } from 'zod';

// What a run is asked to do: the profile and, optionally, the environment to load instead of
// a local shop. Flags win over the environment; empty values count as unset, as in the app's
// config. The admin password comes only from the environment (argv shows in `ps`).

export const profiles = ['smoke', 'load', 'spike', 'browse', 'verify'] as const;

const settingsSchema = z.strictObject({
  profile: z.enum(profiles, { error: `expected one of ${profiles.join(', ')}` }).default('smoke'),
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL such as https://stage.example.com' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  adminPassword: z.string().optional(),
});
export type Settings = z.output<typeof settingsSchema>;

/** Prints the problem and the usage line, and exits 2. */
export function fatal(message: string): never {
  process.stderr.write(`load: ${message}\n`);
  process.stderr.write('usage: npm run load -- [--profile smoke|load|spike|browse|verify] [--base-url URL]   (or PROFILE=..., BASE_URL=...; LOAD_ADMIN_PASSWORD to reconcile a deployment)\n');
  process.exit(2);
}

export function readSettings(): Settings {
  let values: { profile?: string; 'base-url'?: string };
  try {
    ({ values } = parseArgs({ options: { profile: { type: 'string' }, 'base-url': { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    fatal(error instanceof Error ? error.message : String(error));
  }
  const orUnset = (value: string | undefined) => (value === '' ? undefined : value);
  const parsed = settingsSchema.safeParse({
    profile: orUnset(values.profile ?? process.env.PROFILE),
    baseUrl: orUnset(values['base-url'] ?? process.env.BASE_URL),
    adminPassword: orUnset(process.env.LOAD_ADMIN_PASSWORD),
  });
  if (!parsed.success) {
    const names: Record<string, string> = { profile: '--profile / PROFILE', baseUrl: '--base-url / BASE_URL' };
    fatal(parsed.error.issues.map((issue) => `${names[String(issue.path[0])] ?? issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
  return parsed.data;
}
