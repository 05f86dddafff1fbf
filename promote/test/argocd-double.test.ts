import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argocdInstallVersion } from '@storefront/manifests/argocd/platform';
import { argoApplication, ArgoCdDouble, swagger, swaggerPath } from './support/argocd-double.js';

const token = ['argocd', 'DoubleSelfTestToken0123456789'].join('_');
const readme = readFileSync(path.join(path.dirname(swaggerPath), 'README.md'), 'utf8');

describe('the Argo CD API description the double is held to', () => {
  it('is the swagger of the Argo CD release this repository installs, unchanged', () => {
    // A bump of argocdInstallVersion without a new fixture fails here (the double reads swagger-<version>.json).
    expect(readme).toContain(`\`swagger-${argocdInstallVersion}.json\``);
    expect(readme).toContain(`at tag \`${argocdInstallVersion}\``);
    const recorded = /sha256 `([0-9a-f]{64})`/.exec(readme)?.[1];
    expect(createHash('sha256').update(readFileSync(swaggerPath)).digest('hex')).toBe(recorded);
    expect(swagger.swagger).toBe('2.0');
    expect(swagger.paths['/api/v1/applications/{name}']?.get?.operationId).toBe('ApplicationService_Get');
  });
});

describe('the Argo CD double refuses what Argo CD would not do', () => {
  const argocd = new ArgoCdDouble(token);
  const get = (pathAndQuery: string, init: RequestInit = {}) => fetch(`${argocd.url}${pathAndQuery}`, { headers: { Authorization: `Bearer ${token}` }, ...init });

  beforeAll(async () => {
    await argocd.start();
    argocd.applications.set('storefront-dev', argoApplication({ env: 'dev', sync: 'Synced', revision: 'a'.repeat(40), health: 'Healthy', images: [], reconciledAt: '2026-11-22T09:58:00Z' }));
  });
  afterAll(async () => {
    await argocd.stop();
  });

  it('records an undocumented path, method, query parameter or repetition as a violation', async () => {
    argocd.violations.length = 0;
    expect((await get('/api/v1/applications/storefront-dev/status')).status).toBe(404);
    expect((await get('/api/v1/applications/storefront-dev', { method: 'POST' })).status).toBe(404);
    expect((await get('/api/v1/applications/storefront-dev?project=storefront-dev&verbose=true')).status).toBe(200);
    expect((await get('/api/v1/applications/storefront-dev?appNamespace=argocd&appNamespace=other')).status).toBe(200);
    expect(argocd.violations).toEqual([
      "GET /api/v1/applications/storefront-dev/status: no such operation in Argo CD's API description",
      "POST /api/v1/applications/storefront-dev: no such operation in Argo CD's API description",
      'ApplicationService_Get: undocumented query parameter verbose',
      'ApplicationService_Get: query parameter appNamespace given 2 times, documented as one string',
    ]);
  });

  it('answers 401 in the documented error shape without a token, 403 for an unknown Application without a project', async () => {
    argocd.violations.length = 0;
    const anonymous = await fetch(`${argocd.url}/api/v1/applications/storefront-dev`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'no session information', code: 16, message: 'no session information', details: [] });
    expect((await get('/api/v1/applications/storefront-nope')).status).toBe(403);
    expect((await get('/api/v1/applications/storefront-nope?projects=storefront-nope')).status).toBe(404);
    expect(argocd.violations).toEqual([]);
  });

  it('will not serve an Application outside the description: an unknown field, a wrong type', async () => {
    argocd.violations.length = 0;
    const app = argoApplication({ env: 'dev', sync: 'Synced', revision: 'a'.repeat(40), health: 'Healthy', images: [], reconciledAt: '2026-11-22T09:58:00Z' });
    const status = app.status as Record<string, unknown>;
    argocd.applications.set('storefront-typo', { ...app, status: { ...status, healthStatus: 'Healthy', summary: { images: 'not-a-list' } } });
    await get('/api/v1/applications/storefront-typo');
    expect(argocd.violations).toHaveLength(1);
    expect(argocd.violations[0]).toContain("double's own ApplicationService_Get 200 answer breaks the description");
    expect(argocd.violations[0]).toContain('must NOT have additional properties');
    expect(argocd.violations[0]).toContain('must be array');
  });
});
