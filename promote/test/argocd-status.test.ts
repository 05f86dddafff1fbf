import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { argoApplication, ArgoCdDouble, type ApplicationState } from './support/argocd-double.js';
import { Fixture } from './support/repository.js';

// Assembled at run time so secret scanners do not mistake the fixture for a leaked token.
const token = ['argocd', 'TokenThatMustNeverBePrinted0123456789'].join('_');
/** The digest every environment file of this repository declares today. */
const gitDigest = 'sha256:8845f9dbfe85c156d6affe82eb644222c21b3270088dc247bcf3aa2116654417';
const otherDigest = `sha256:${'b'.repeat(64)}`;
const repository = 'ghcr.io/bitshop-dev/storefront';
const postgres = 'ghcr.io/cloudnative-pg/postgresql:17.11-standard-trixie';
const synced = 'c0ffee'.padEnd(40, '0');

function state(env: string, overrides: Partial<ApplicationState> = {}): ApplicationState {
  return {
    env,
    sync: 'Synced',
    revision: synced,
    health: 'Healthy',
    images: [`${repository}@${gitDigest}`, postgres],
    lastSync: { phase: 'Succeeded', message: 'successfully synced (all tasks run)', revision: synced, startedAt: '2026-11-22T09:40:00Z', finishedAt: '2026-11-22T09:41:07Z' },
    reconciledAt: '2026-11-22T09:58:00Z',
    ...overrides,
  };
}

interface LiveJson {
  environments: { env: string; digest: string; live: { image: string; runningDigests: string[]; attention: string[]; argocd: { sync: { status: string; revision: string }; health: string; lastSync: { phase: string; message: string } } } }[];
}

describe('status with Argo CD: what each environment runs, from an Argo CD double checked against its swagger', () => {
  const fixture = new Fixture();
  const argocd = new ArgoCdDouble(token);

  beforeAll(async () => {
    await argocd.start();
  });
  beforeEach(() => {
    argocd.hang = false;
    argocd.denied.clear();
    argocd.requests.length = 0;
    for (const env of ['dev', 'stage', 'prod']) argocd.applications.set(`storefront-${env}`, argoApplication(state(env)));
    fixture.env = { GITHUB_REPOSITORY: 'bitshop-dev/storefront', ARGOCD_SERVER: argocd.url, ARGOCD_AUTH_TOKEN: token };
  });
  afterAll(async () => {
    await argocd.stop();
    fixture.cleanup();
    expect(argocd.violations).toEqual([]);
  });

  it('healthy and synced: each environment beside Git, asked as documented, the token sent and never printed', async () => {
    const result = await fixture.promote('status');
    console.log(`healthy: exit ${result.code}\n${result.out}`);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`         Argo CD storefront-prod: Synced to ${synced.slice(0, 12)}, Healthy, reconciled 2026-11-22T09:58:00Z`);
    expect(result.out).toContain('         running 8845f9dbfe85: matches Git');
    expect(result.out).toContain(`         last sync: Succeeded of ${synced.slice(0, 12)} at 2026-11-22T09:41:07Z: successfully synced (all tasks run)`);
    expect(result.out).not.toContain('ATTENTION');
    expect(result.out).not.toContain(token);
    expect(argocd.requests.map((r) => [r.operationId, r.path, r.query])).toEqual(
      ['dev', 'stage', 'prod'].map((env) => ['ApplicationService_Get', `/api/v1/applications/storefront-${env}`, { appNamespace: ['argocd'], projects: [`storefront-${env}`] }]),
    );
    for (const request of argocd.requests) expect(request.authorization).toBe(`Bearer ${token}`);
    expect(argocd.violations).toEqual([]);
  });

  it('out of sync and degraded: flagged, with the sync status and health Argo CD reports', async () => {
    argocd.applications.set('storefront-stage', argoApplication(state('stage', { sync: 'OutOfSync', health: 'Degraded' })));
    const result = await fixture.promote('status', '--json');
    expect(result.code).toBe(0);
    const stage = (JSON.parse(result.out) as LiveJson).environments.find((e) => e.env === 'stage');
    expect(stage?.live.argocd.sync.status).toBe('OutOfSync');
    expect(stage?.live.argocd.health).toBe('Degraded');
    expect(stage?.live.attention).toEqual(['sync OutOfSync', 'health Degraded']);
    const text = await fixture.promote('status');
    expect(text.out).toContain('         ATTENTION: sync OutOfSync; health Degraded');
    expect(text.out.match(/ATTENTION/g)).toHaveLength(1);
  });

  it('a running digest that differs from Git is the loudest line', async () => {
    argocd.applications.set('storefront-prod', argoApplication(state('prod', { images: [`${repository}@${otherDigest}`, postgres] })));
    argocd.applications.set('storefront-dev', argoApplication(state('dev', { images: [`${repository}@${otherDigest}`, `${repository}@${gitDigest}`, postgres] })));
    const result = await fixture.promote('status');
    console.log(`digest differs: exit ${result.code}\n${result.out}`);
    expect(result.out).toContain('         running bbbbbbbbbbbb: DIFFERS FROM GIT');
    expect(result.out).toContain('         ATTENTION: running bbbbbbbbbbbb, Git declares 8845f9dbfe85');
    expect(result.out).toContain('         running bbbbbbbbbbbb, 8845f9dbfe85: MIXED with Git\'s');
    const json = JSON.parse((await fixture.promote('status', '--json')).out) as LiveJson;
    expect(json.environments.map((e) => [e.env, e.live.image, e.live.runningDigests])).toEqual([
      ['dev', 'mixed', [otherDigest, gitDigest]],
      ['stage', 'matches', [gitDigest]],
      ['prod', 'differs', [otherDigest]],
    ]);
  });

  it('a failed last sync: phase, time and Argo CD\'s message on one line', async () => {
    const message = 'one or more synchronization tasks completed unsuccessfully, reason: Job storefront-migrate\nfailed: BackoffLimitExceeded';
    argocd.applications.set('storefront-prod', argoApplication(state('prod', { sync: 'OutOfSync', lastSync: { phase: 'Failed', message, revision: synced, startedAt: '2026-11-22T09:40:00Z', finishedAt: '2026-11-22T09:45:30Z' } })));
    const result = await fixture.promote('status');
    console.log(`last sync failed: exit ${result.code}\n${result.out}`);
    expect(result.out).toContain(`         last sync: Failed of ${synced.slice(0, 12)} at 2026-11-22T09:45:30Z: one or more synchronization tasks completed unsuccessfully, reason: Job storefront-migrate failed: BackoffLimitExceeded`);
    expect(result.out).toContain('         ATTENTION: sync OutOfSync; last sync Failed');
  });

  it('a bad token: one line naming Argo CD, the Application and what to do; exit 1; the token never printed', async () => {
    fixture.env = { ...fixture.env, ARGOCD_AUTH_TOKEN: `${token}-revoked` };
    const result = await fixture.promote('status');
    console.log(`bad token: exit ${result.code}\n${result.err}`);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(anyApplication(result.err)).toBe(`promote: Argo CD at ${argocd.url}, Application storefront-<env> (<env>): 401 Unauthorized (invalid session: token signature is invalid): ARGOCD_AUTH_TOKEN is missing, expired or revoked; generate a new one (argocd account generate-token)`);
    expect(result.err).not.toContain(token);
  });

  it('no RBAC for an Application (403) and no such Application (404) name it and say what to check', async () => {
    argocd.denied.add('storefront-prod');
    const denied = await fixture.promote('status');
    expect(denied.code).toBe(1);
    expect(denied.err).toBe(`promote: Argo CD at ${argocd.url}, Application storefront-prod (prod): 403 Forbidden (permission denied): the token's account may not get this Application; grant it "applications, get, storefront-prod/*" in argocd-rbac-cm`);
    argocd.denied.clear();
    argocd.applications.delete('storefront-stage');
    const missing = await fixture.promote('status');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`promote: Argo CD at ${argocd.url}, Application storefront-stage (stage): 404 Not Found (applications.argoproj.io "storefront-stage" not found): no such Application in project storefront-stage, namespace argocd; is this the Argo CD that runs the root app, and is the root synced?`);
  });

  it('a server that never answers: a bounded wait, then one line; a closed port: one line at once', async () => {
    argocd.hang = true;
    const started = Date.now();
    const hung = await fixture.promote('status', '--argocd-timeout', '1s');
    const waited = Date.now() - started;
    console.log(`hung server: exit ${hung.code} after ${waited} ms\n${hung.err}`);
    expect(hung.code).toBe(1);
    expect(waited).toBeLessThan(5_000);
    expect(anyApplication(hung.err)).toBe(`promote: Argo CD at ${argocd.url}, Application storefront-<env> (<env>): no answer within 1s; check the address and that Argo CD is up (argocd-server in namespace argocd), or raise --argocd-timeout`);
    argocd.hang = false;

    const closed = await closedPort();
    const refused = await fixture.promote('status', '--argocd-server', `http://127.0.0.1:${closed}`);
    expect(refused.code).toBe(1);
    expect(anyApplication(refused.err)).toBe(`promote: Argo CD at http://127.0.0.1:${closed}, Application storefront-<env> (<env>): could not be reached (ECONNREFUSED); check --argocd-server / ARGOCD_SERVER and your network or port-forward`);
  });

  it.each([
    [['--argocd-server', 'http://argocd.example.com'], 'promote: --argocd-server: expected https://, got "http://argocd.example.com" (plain http only to localhost, e.g. a kubectl port-forward)'],
    [['--argocd-server', 'https://admin:pw@argocd.example.com'], 'promote: --argocd-server: no credentials in the address; the token goes in ARGOCD_AUTH_TOKEN'],
    [['--argocd-server', 'https://argocd.example.com/?x=1'], 'promote: --argocd-server: expected an address without query or fragment, got "https://argocd.example.com/?x=1"'],
    [['--argocd-timeout', '5m'], 'promote: status: --argocd-timeout: expected seconds, such as 10s'],
    [['--argocd-timeout', '600s'], 'promote: status: --argocd-timeout: expected between 1s and 120s'],
  ])('refuses a bad address or timeout before asking anything: %j', async (flags, message) => {
    const result = await fixture.promote('status', ...flags);
    expect(result.err).toBe(message);
    expect(result.code).toBe(2);
    expect(argocd.requests).toEqual([]);
  });

  it('an address without a token is refused; without an address status shows Git alone and says how to see more', async () => {
    fixture.env = { GITHUB_REPOSITORY: 'bitshop-dev/storefront', ARGOCD_SERVER: 'argocd.example.com' };
    const noToken = await fixture.promote('status');
    expect(noToken.code).toBe(2);
    expect(noToken.err).toBe('promote: ARGOCD_AUTH_TOKEN is not set: ARGOCD_SERVER is, and Argo CD answers nothing without a token (argocd account generate-token --account <read-only account>)');
    fixture.env = { GITHUB_REPOSITORY: 'bitshop-dev/storefront' };
    const gitOnly = await fixture.promote('status');
    expect(gitOnly.code).toBe(0);
    expect(gitOnly.out).not.toContain('Argo CD storefront-');
    expect(gitOnly.out).toContain('(what each environment actually runs: set ARGOCD_SERVER or --argocd-server, and ARGOCD_AUTH_TOKEN)');
    expect(argocd.requests).toEqual([]);
  });
});

/** The three Applications are asked at once and whichever fails first is named: any one, as long as name and environment agree. */
function anyApplication(err: string): string {
  return err.replace(/Application storefront-(dev|stage|prod) \((dev|stage|prod)\)/, (whole, app: string, env: string) => (app === env ? 'Application storefront-<env> (<env>)' : whole));
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  return port;
}
