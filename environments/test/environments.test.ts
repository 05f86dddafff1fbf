import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configSchema } from '@storefront/app/config';
import { describe, expect, it } from 'vitest';
import { appSettingNames, appSettingValue, EnvironmentFileError, environmentFile, environmentNames, environmentPath, environmentsDir, loadEnvironment, parseEnvironmentFile, withImageDigest } from '../src/index.js';

const prodText = readFileSync(environmentFile('prod'), 'utf8');

function problemsOf(file: string, text: string): string[] {
  try {
    parseEnvironmentFile(file, text);
  } catch (error) {
    if (error instanceof EnvironmentFileError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

describe('environment files', () => {
  it.each(environmentNames)('%s.yaml is valid and names itself', (name) => {
    expect(loadEnvironment(name).name).toBe(name);
  });

  it('stage and prod run the image by digest, never by tag', () => {
    for (const name of ['stage', 'prod'] as const) {
      const env = loadEnvironment(name);
      expect(env.image.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(env.image.tag).toBeUndefined();
    }
  });

  it('fills settings an environment leaves out from the schema defaults', () => {
    const stage = loadEnvironment('stage');
    expect(stage.alerts.for).toBe('10m');
    expect(stage.tls.clusterIssuer).toBe('letsencrypt');
    expect(stage.tracing).toEqual({ endpoint: 'http://otel-collector.observability.svc:4318', samplingRatio: 0.1 });
    expect(loadEnvironment('dev').tracing.samplingRatio).toBe(1);
  });
});

describe("an environment's file", () => {
  it('is named by one function: environments/<name>.yaml from the top of a checkout', () => {
    for (const name of environmentNames) {
      expect(environmentPath(name)).toBe(`environments/${name}.yaml`);
      expect(environmentFile(name)).toBe(path.join(environmentsDir, '..', environmentPath(name)));
      expect(path.basename(environmentFile(name))).toBe(`${name}.yaml`);
    }
  });
});

describe("the app's settings (app:, keyed by the app's own variable names)", () => {
  // prod.yaml's app: block, from its key to the next top-level key.
  const start = prodText.indexOf('\napp:\n') + 1;
  const appBlock = prodText.slice(start, prodText.indexOf('\ndatabase:\n', start) + 1);
  const withApp = (lines: string) => prodText.replace(appBlock, `app:\n${lines}`);

  it('holds the values as the pod gets them, validated by the app\'s schema', () => {
    const prod = loadEnvironment('prod');
    expect(prod.app).toMatchObject({ LOG_LEVEL: 'info', RATE_LIMIT_MAX: '1200', SHUTDOWN_TIMEOUT_MS: '15000' });
    expect(appSettingValue(prod.app, 'RATE_LIMIT_MAX')).toBe(1200);
    expect(loadEnvironment('dev').app.LOG_LEVEL).toBe('debug');
  });

  it('takes a variable a file leaves out at the app\'s own default', () => {
    const env = parseEnvironmentFile('environments/prod.yaml', withApp('  LOG_LEVEL: warn\n'));
    expect(env.app).toEqual({ LOG_LEVEL: 'warn' });
    expect(appSettingValue(env.app, 'CART_TTL_DAYS')).toBe(configSchema.shape.CART_TTL_DAYS.parse(undefined));
    expect(appSettingValue(env.app, 'SHUTDOWN_TIMEOUT_MS')).toBe(10_000);
    expect(parseEnvironmentFile('environments/prod.yaml', prodText.replace(appBlock, '')).app).toEqual({});
  });

  it('refuses a value the app would refuse, naming the file and the key, in the app\'s words', () => {
    expect(problemsOf('environments/prod.yaml', withApp('  RATE_LIMIT_MAX: lots\n  LOG_LEVEL: loud\n  BODY_LIMIT_BYTES: 99999999\n'))).toEqual([
      'environments/prod.yaml: app.RATE_LIMIT_MAX: expected requests per minute as a whole number',
      expect.stringMatching(/^environments\/prod\.yaml: app\.LOG_LEVEL: .+/),
      'environments/prod.yaml: app.BODY_LIMIT_BYTES: expected at most 10 MiB',
    ]);
    expect(problemsOf('environments/prod.yaml', withApp('  CART_TTL_DAYS: [1, 2]\n'))).toEqual(['environments/prod.yaml: app.CART_TTL_DAYS: expected a value (text, a number, true or false)']);
  });

  it('refuses a name the app does not read, and the variables the manifests or the secret store set', () => {
    expect(problemsOf('environments/prod.yaml', withApp('  rateLimitMax: 600\n  PORT: 80\n  SESSION_SECRET: hunter2\n'))).toEqual([
      'environments/prod.yaml: app.rateLimitMax: not a variable the app reads (app/src/config.ts)',
      'environments/prod.yaml: app.PORT: set by the manifests (the Service and probes name the port), not by an environment file',
      'environments/prod.yaml: app.SESSION_SECRET: set by the ExternalSecret storefront, from the secret store, not by an environment file',
    ]);
  });

  it('lets an environment set every other variable of the app', () => {
    expect(appSettingNames).toEqual(expect.arrayContaining(['LOG_LEVEL', 'RATE_LIMIT_MAX', 'LOGIN_RATE_LIMIT_MAX', 'DATABASE_POOL_MAX', 'BODY_LIMIT_BYTES', 'SHUTDOWN_TIMEOUT_MS', 'CART_TTL_DAYS']));
    for (const name of ['PORT', 'HOST', 'PUBLIC_URL', 'TRUST_PROXY', 'DATABASE_URL', 'SESSION_SECRET', 'ADMIN_PASSWORD_HASH', 'MIGRATE_ON_START', 'OTEL_EXPORTER_OTLP_ENDPOINT']) expect(appSettingNames).not.toContain(name);
    expect(parseEnvironmentFile('environments/prod.yaml', withApp('  CATALOG_SNAPSHOT: false\n  DATABASE_PLAN_CACHE_MODE: auto\n')).app).toEqual({ CATALOG_SNAPSHOT: 'false', DATABASE_PLAN_CACHE_MODE: 'auto' });
  });
});

describe('a broken environment file', () => {
  it('names the file, the path and what was expected for a wrong type', () => {
    const text = prodText.replace('minReplicas: 3', 'minReplicas: three');
    expect(problemsOf('environments/prod.yaml', text)).toEqual(['environments/prod.yaml: autoscaling.minReplicas: expected a whole number']);
  });

  it('rejects an unknown key at any depth', () => {
    const text = prodText.replace('  maxReplicas: 12', '  maxReplicas: 12\n  maxReplica: 20').concat('colour: blue\n');
    expect(problemsOf('environments/prod.yaml', text)).toEqual([
      'environments/prod.yaml: autoscaling: unknown key maxReplica',
      'environments/prod.yaml: (top level): unknown key colour',
    ]);
  });

  it('rejects a tag instead of a digest in prod', () => {
    const text = prodText.replace(/digest: sha256:[0-9a-f]{64}/, 'tag: v1.2.3');
    expect(problemsOf('environments/prod.yaml', text)).toEqual([
      'environments/prod.yaml: image.tag: prod runs images by digest only: replace the tag with digest: sha256:<64 hex>',
    ]);
  });

  it('rejects a trace collector outside the cluster or a sampling ratio above 1', () => {
    const text = `${prodText}tracing:\n  endpoint: https://collector.example.com\n  samplingRatio: 1.5\n`;
    expect(problemsOf('environments/prod.yaml', text)).toEqual([
      'environments/prod.yaml: tracing.endpoint: expected an in-cluster OTLP/HTTP address such as http://otel-collector.observability.svc:4318',
      'environments/prod.yaml: tracing.samplingRatio: expected a ratio from 0 to 1',
    ]);
  });

  it('rejects a malformed digest', () => {
    const text = prodText.replace(/digest: sha256:[0-9a-f]{64}/, 'digest: sha256:abc');
    expect(problemsOf('environments/prod.yaml', text)).toEqual([
      'environments/prod.yaml: image.digest: expected a digest: sha256: followed by 64 lowercase hex characters',
    ]);
  });

  it('reports every problem, one line each, including missing sections', () => {
    const problems = problemsOf('environments/prod.yaml', 'name: prod\nhost: 42\n');
    expect(problems).toContain('environments/prod.yaml: host: expected string, got number');
    expect(problems).toContain('environments/prod.yaml: image: required: expected object');
    expect(problems).toContain('environments/prod.yaml: secrets: required: expected object');
    for (const line of problems) expect(line).toMatch(/^environments\/prod\.yaml: [^:]+: .+$/);
  });

  it('rejects a file whose name: does not match its file name', () => {
    expect(problemsOf('environments/stage.yaml', prodText)).toEqual(['environments/stage.yaml: name: expected stage to match the file name']);
  });

  it('rejects a budget that would let a drain take every pod', () => {
    const text = prodText.replace('maxUnavailable: 1', 'maxUnavailable: 3');
    expect(problemsOf('environments/prod.yaml', text)).toEqual([
      'environments/prod.yaml: disruptionBudget.maxUnavailable: expected fewer than autoscaling.minReplicas, or a drain could take every pod down',
    ]);
  });

  it('reports YAML syntax errors with the file and line', () => {
    const problems = problemsOf('environments/dev.yaml', 'name: dev\nimage: [\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^environments\/dev\.yaml: line \d+: .+/);
  });

  it('joins the problems into the error message, one per line', () => {
    expect(() => parseEnvironmentFile('x/prod.yaml', 'name: prod\n')).toThrow(/^x\/prod\.yaml: image: required: expected object\nx\/prod\.yaml: host: required/);
  });
});

describe('verification settings', () => {
  const devText = readFileSync(environmentFile('dev'), 'utf8');

  it('prod is verified read-only, with an SLO analysis and a soak time; dev and stage run the writing journeys', () => {
    const prod = loadEnvironment('prod');
    expect(prod.verification).toMatchObject({ writes: false, loadProfile: 'browse', trust: 'public' });
    expect(loadEnvironment('stage').verification.requiredSoakTime).toBe('1h');
    expect(prod.verification.slo?.window).toBe('30m');
    for (const name of ['dev', 'stage'] as const) expect(loadEnvironment(name).verification).toMatchObject({ writes: true, loadProfile: 'verify' });
    expect(loadEnvironment('dev').verification.trust).toBe('letsencrypt-staging');
  });

  it('refuses writing journeys or a writing load profile on prod', () => {
    expect(problemsOf('environments/prod.yaml', prodText.replace('verification:\n', 'verification:\n  writes: true\n'))).toEqual([
      'environments/prod.yaml: verification.writes: prod is verified read-only: expected writes: false and loadProfile: browse',
    ]);
    expect(problemsOf('environments/prod.yaml', prodText.replace('verification:\n', 'verification:\n  loadProfile: verify\n'))).toEqual([
      'environments/prod.yaml: verification.loadProfile: prod is verified read-only: expected writes: false and loadProfile: browse',
    ]);
  });

  it('refuses a staging-issuer certificate whose gates would not trust it', () => {
    expect(problemsOf('environments/dev.yaml', devText.replace('  trust: letsencrypt-staging\n', ''))).toEqual([
      'environments/dev.yaml: verification.trust: the certificate comes from letsencrypt-staging, which no client trusts: expected trust: letsencrypt-staging',
    ]);
  });

  it('refuses a malformed soak time or SLO threshold, naming the key', () => {
    const stageText = readFileSync(environmentFile('stage'), 'utf8');
    const text = stageText.replace('requiredSoakTime: 1h', 'requiredSoakTime: a day').replace('checkoutFailures: 20', 'checkoutFailures: -1');
    expect(problemsOf('environments/stage.yaml', text)).toEqual([
      'environments/stage.yaml: verification.requiredSoakTime: expected a duration such as 30s, 10m or 1h',
      'environments/stage.yaml: verification.slo.checkoutFailures: expected at least 0',
    ]);
  });
});

describe('changing the image digest', () => {
  const digest = `sha256:${'b'.repeat(64)}`;

  it('changes only the digest line and keeps comments', () => {
    const { text, environment } = withImageDigest('environments/prod.yaml', prodText, digest);
    expect(environment.image.digest).toBe(digest);
    const before = prodText.split('\n');
    const after = text.split('\n');
    expect(after).toHaveLength(before.length);
    expect(after.filter((line, i) => line !== before[i])).toEqual([`  digest: ${digest}`]);
  });

  it('replaces a tag with the digest', () => {
    const devWithTag = readFileSync(environmentFile('dev'), 'utf8').replace(/digest: sha256:[0-9a-f]{64}/, 'tag: main-abc123');
    const { text } = withImageDigest('environments/dev.yaml', devWithTag, digest);
    expect(text).toContain(`digest: ${digest}`);
    expect(text).not.toContain('tag:');
  });

  it('refuses a malformed digest with the usual error', () => {
    expect(() => withImageDigest('environments/prod.yaml', prodText, 'sha256:nope')).toThrow(/^environments\/prod\.yaml: image\.digest: expected a digest/);
  });

  it('records the source revision beside the digest, and drops it with a release that has none', () => {
    const revision = 'c'.repeat(40);
    const { text, environment } = withImageDigest('environments/prod.yaml', prodText, digest, revision);
    expect(environment.image).toMatchObject({ digest, revision });
    expect(text).toContain(`  digest: ${digest}\n  revision: ${revision}\n`);
    expect(withImageDigest('environments/prod.yaml', text, digest).environment.image.revision).toBeUndefined();
  });

  it('refuses a revision that is not a full commit hash, and a revision without a digest', () => {
    expect(() => withImageDigest('environments/prod.yaml', prodText, digest, 'abc123')).toThrow('environments/prod.yaml: image.revision: expected the full 40-hex commit the image was built from');
    const devWithTag = readFileSync(environmentFile('dev'), 'utf8').replace(/digest: sha256:[0-9a-f]{64}/, `tag: main\n  revision: ${'d'.repeat(40)}`);
    expect(() => parseEnvironmentFile('environments/dev.yaml', devWithTag)).toThrow('environments/dev.yaml: image.revision: expected a digest with revision');
  });
});
