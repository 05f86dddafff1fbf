import { isIP } from 'node:net';
import { z } from 'zod';
import { tracingConfigShape } from './observability/tracing-config.js';

// Every environment variable the process reads is declared here and nowhere else. The
// manifests' tests import this schema to check the Deployment sets only variables the app
// knows and every required one, so keep descriptions honest: they are the README's table.

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1');

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int({ error: 'expected a whole number' })
  .min(1, { error: 'expected a port between 1 and 65535' })
  .max(65535, { error: 'expected a port between 1 and 65535' });

const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `expected ${what} as a whole number` })
    .int({ error: `expected ${what} as a whole number` })
    .positive({ error: `expected ${what} above 0` });

/**
 * Who may set X-Forwarded-For: nobody (false), the nearest `hops` proxies, or connections from
 * listed addresses. The client address this yields keys the login limit, so it must not be
 * something a client can choose.
 */
export type TrustProxy = false | { hops: number } | { addresses: string[] };

const maxProxyHops = 10;

function proxyEntryProblem(entry: string): string | undefined {
  const slash = entry.indexOf('/');
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return `"${entry}" is not an IP address or CIDR range`;
  if (slash < 0) return undefined;
  const prefix = entry.slice(slash + 1);
  const bits = version === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits) return `"${entry}" has a prefix length outside 1 to ${bits}`;
  if (Number(prefix) === 0) return `"${entry}" covers every address, which trusts any client's X-Forwarded-For`;
  return undefined;
}

const trustProxy = z.string().transform((raw, ctx): TrustProxy => {
  const value = raw.trim();
  if (value === 'false') return false;
  if (value === 'true') {
    ctx.addIssue({
      code: 'custom',
      message:
        'true is refused: it trusts X-Forwarded-For from anyone, so any client could pick its own address (and a fresh login budget). Set the number of proxy hops in front of the shop (1 behind the ingress) or the proxies\' addresses/CIDRs',
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > maxProxyHops) {
      ctx.addIssue({ code: 'custom', message: `expected at most ${maxProxyHops} proxy hops` });
      return z.NEVER;
    }
    return hops === 0 ? false : { hops };
  }
  const addresses = value.split(',').map((entry) => entry.trim());
  for (const entry of addresses) {
    const problem = entry === '' ? 'an empty entry in the list' : proxyEntryProblem(entry);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `expected false, a hop count or a comma-separated list of IP addresses/CIDRs: ${problem}` });
  }
  return { addresses };
});

const milliseconds = (min: number, max: number) =>
  z.coerce
    .number({ error: 'expected milliseconds as a whole number' })
    .int({ error: 'expected milliseconds as a whole number' })
    .min(min, { error: `expected at least ${String(min)} ms` })
    .max(max, { error: `expected at most ${String(max)} ms` });

// scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>, as printed by `npm run hash-password`.
export const passwordHashPattern = /^scrypt\$\d{1,2}\$\d{1,2}\$\d{1,2}\$[A-Za-z0-9+/=]{16,}\$[A-Za-z0-9+/=]{32,}$/;

export const configSchema = z.strictObject({
  PORT: port.default(3000).describe('HTTP port of the shop'),
  HOST: z.string().min(1).default('127.0.0.1').describe('address the HTTP and metrics servers bind to (0.0.0.0 in the container)'),
  METRICS_PORT: port.default(9464).describe('port of the Prometheus metrics server, never exposed by the Ingress'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL such as https://shop.example.com' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional()
    .describe('external base URL used for canonical links and secure cookies; default http://localhost:PORT'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL' })
    .optional()
    .describe('PostgreSQL connection string; unset means embedded PGlite in DATA_DIR'),
  DATABASE_POOL_MAX: positiveInt('the pool size').max(100, { error: 'expected at most 100 connections' }).default(10).describe('maximum PostgreSQL connections per process'),
  DATABASE_PLAN_CACHE_MODE: z
    .enum(['force_generic_plan', 'auto', 'force_custom_plan'], { error: 'expected force_generic_plan, auto or force_custom_plan' })
    .default('force_generic_plan')
    .describe("PostgreSQL plan_cache_mode for the shop's prepared statements"),
  // A healthy server in the same cluster opens a connection (TCP, SCRAM) in milliseconds, and a
  // free pooled connection is normally handed out at once; 3 s covers a busy server's burst of
  // new connections, and beyond it a request is better answered 503 than held.
  DATABASE_CONNECT_TIMEOUT_MS: milliseconds(100, 60_000)
    .default(3_000)
    .describe('longest wait to open a PostgreSQL connection or get a free one from the pool; then 503'),
  // Every storefront statement is an indexed lookup or a short update that runs in well under
  // 100 ms; a statement still running after 5 s is stuck behind locks or on an overloaded
  // server, and failing it frees the connection and the row locks it holds.
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(100, 600_000)
    .default(5_000)
    .describe('PostgreSQL statement_timeout (server side) for the shop, also its idle-in-transaction timeout; migrations run without it'),
  // For a server that stopped answering at all (hung host, SIGSTOP, network cut without a reset):
  // the statement timeout cannot fire there, so the client gives up itself. Longer than the
  // statement timeout so that a merely slow server cancels its statement cleanly first.
  DATABASE_QUERY_TIMEOUT_MS: milliseconds(100, 600_000)
    .default(7_000)
    .describe('client-side limit on one PostgreSQL round trip; keep it above DATABASE_STATEMENT_TIMEOUT_MS'),
  DATA_DIR: z.string().min(1).default('.data').describe('PGlite data directory when DATABASE_URL is unset'),
  MIGRATE_ON_START: booleanFlag.default(false).describe('apply pending migrations before serving (local runs only; clusters run the migration Job)'),
  SEED_ON_START: booleanFlag.default(false).describe('load the seed catalog into an empty database before serving (local runs only)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  SESSION_SECRET: z
    .string({ error: 'required: a random string of at least 32 characters (openssl rand -base64 48)' })
    .min(32, { error: 'too short: use at least 32 random characters' })
    .describe('key that signs session and cart cookies'),
  ADMIN_PASSWORD_HASH: z
    .string({ error: 'required: a scrypt hash printed by `npm run hash-password`' })
    .regex(passwordHashPattern, { error: 'not a scrypt hash printed by `npm run hash-password`' })
    .describe('scrypt hash of the admin password'),
  TRUST_PROXY: trustProxy
    .default(false)
    .describe(
      'who may set X-Forwarded-* (client IP, protocol): false, a hop count (proxies in front of the shop; 1 behind the ingress) or a comma-separated list of proxy addresses/CIDRs',
    ),
  RATE_LIMIT_MAX: positiveInt('requests per minute').default(600).describe('requests per minute per client IP, counted by each replica on its own (a client may reach this times the replica count)'),
  LOGIN_RATE_LIMIT_MAX: positiveInt('login attempts per 15 minutes').default(10).describe('failed admin login attempts per 15 minutes per client IP, shared by every replica'),
  ADMIN_SESSION_MAX_AGE_HOURS: positiveInt('hours')
    .max(168, { error: 'expected at most 168 hours (one week)' })
    .default(8)
    .describe('hard lifetime of an admin session from its login, however active'),
  ADMIN_SESSION_IDLE_MINUTES: positiveInt('minutes')
    .max(1440, { error: 'expected at most 1440 minutes (one day)' })
    .default(30)
    .describe('an admin session unused for this long ends'),
  BODY_LIMIT_BYTES: positiveInt('a byte count').max(10 * 1024 * 1024, { error: 'expected at most 10 MiB' }).default(64 * 1024).describe('largest accepted request body'),
  CATALOG_CACHE_TTL_MS: z.coerce
    .number({ error: 'expected milliseconds as a whole number' })
    .int({ error: 'expected milliseconds as a whole number' })
    .min(0, { error: 'expected 0 (off) or more milliseconds' })
    .max(300_000, { error: 'expected at most 300000 ms (5 minutes)' })
    .default(10_000)
    .describe('how long catalog pages reuse vendor/category lists and result counts; 0 turns it off'),
  CATALOG_SNAPSHOT: booleanFlag
    .default(true)
    .describe('serve catalog pages from an in-memory catalog kept current by LISTEN/NOTIFY (false reads the database on every request)'),
  CART_TTL_DAYS: positiveInt('days')
    .max(365, { error: 'expected at most 365 days' })
    .default(30)
    .describe('days a cart lives after its last use; the cart cookie lasts as long, and expired carts are deleted hourly'),
  SHUTDOWN_DRAIN_DELAY_MS: milliseconds(0, 120_000)
    .default(5_000)
    .describe('after SIGTERM, how long the listener keeps serving (readiness failing, every response closing its connection) before it closes; 0 closes at once'),
  SHUTDOWN_TIMEOUT_MS: positiveInt('milliseconds').default(10_000).describe('after the drain delay, the longest wait for in-flight requests before exiting 1'),
  HEADERS_TIMEOUT_MS: milliseconds(1_000, 600_000).default(5_000).describe('longest time a client may take to send the request line and headers; at most REQUEST_TIMEOUT_MS'),
  REQUEST_TIMEOUT_MS: milliseconds(1_000, 600_000).default(10_000).describe('longest time a client may take to send a whole request, headers and body'),
  KEEP_ALIVE_TIMEOUT_MS: milliseconds(1_000, 600_000)
    .default(72_000)
    .describe("how long an idle keep-alive connection stays open; keep it above the proxy's upstream idle timeout"),
  RELEASE_REVISION: z
    .string()
    .regex(/^[0-9a-f]{40}$/, { error: 'expected a full commit id: 40 lowercase hex characters' })
    .optional()
    .describe('the commit the image was built from (the environment file\'s image.revision), shown as storefront_build_info{revision}; unset shows unknown'),
  RELEASE_DIGEST: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/, { error: 'expected an image digest: sha256: followed by 64 lowercase hex characters' })
    .optional()
    .describe('the digest of the image the pod runs (the environment file\'s image.digest), shown as storefront_build_info{digest}; unset shows unknown'),
  ...tracingConfigShape,
});

export type Config = z.output<typeof configSchema>;

/** Names of every variable the app reads, for the manifests' contract tests. */
export const configKeys = Object.keys(configSchema.shape) as (keyof typeof configSchema.shape)[];

/** Variables without a default: a deployment must provide them. */
export const requiredConfigKeys = configKeys.filter((key) => !configSchema.shape[key].safeParse(undefined).success);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the known variables out of `env` (other variables are the platform's business and
 * ignored) and returns the typed config, or throws a ConfigError with one line per problem.
 * Values are never echoed back: a malformed secret must not land in a log.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = parseEnv(configSchema, env);
  // Node refuses a headers timeout above the request timeout; say so here, by name, rather
  // than fail when the server is built. (A refinement on the schema would stop .pick().)
  if (config.HEADERS_TIMEOUT_MS > config.REQUEST_TIMEOUT_MS) {
    throw new ConfigError(['HEADERS_TIMEOUT_MS: expected at most REQUEST_TIMEOUT_MS (the headers are part of the request)']);
  }
  return config;
}

/** The variables a database command (migrate, seed) needs, without the web server's secrets. */
export const databaseConfigSchema = configSchema.pick({
  DATABASE_URL: true,
  DATABASE_POOL_MAX: true,
  DATABASE_PLAN_CACHE_MODE: true,
  DATABASE_CONNECT_TIMEOUT_MS: true,
  DATABASE_STATEMENT_TIMEOUT_MS: true,
  DATABASE_QUERY_TIMEOUT_MS: true,
  DATA_DIR: true,
  LOG_LEVEL: true,
});
export type DatabaseConfig = z.output<typeof databaseConfigSchema>;

export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return parseEnv(databaseConfigSchema, env);
}

function parseEnv<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const known: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    // An empty value is treated as unset, as shells and manifests often leave them so.
    if (value !== undefined && value !== '') known[key] = value;
  }
  const parsed = schema.safeParse(known);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`);
  throw new ConfigError(problems);
}

export function publicUrl(config: Config): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}
