import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { environmentPath, withImageDigest, type Environment } from '@storefront/environments';
import { renderOne } from '@storefront/manifests/regenerate';
import { commitChange } from '../src/workspace.js';
import { digest, Fixture } from './support/repository.js';

describe('a change is committed with its manifests regenerated from the environment the tool validated', () => {
  const fixture = new Fixture();
  afterAll(() => {
    fixture.cleanup();
  });

  it('renders the environment object it is handed, not the file read back with a second loader', async () => {
    const release = withImageDigest(environmentPath('stage'), fixture.remoteFile('main', environmentPath('stage')), digest('1'));
    // Differs from the written text in one setting only: the generated ConfigMap shows which of the two was rendered.
    const environment: Environment = { ...release.environment, app: { ...release.environment.app, LOG_LEVEL: 'warn' } };
    expect(release.environment.app.LOG_LEVEL).toBe('info');

    const commit = await commitChange(fixture.clone, { target: 'stage', environment, environmentText: release.text, hold: undefined, message: 'stage: release 1' }, path.join(fixture.root, 'synth-cache'));

    expect(fixture.git('show', `${commit}:${environmentPath('stage')}`)).toBe(release.text);
    expect(fixture.git('show', `${commit}:manifests/stage/configmap-storefront.yaml`)).toContain('  LOG_LEVEL: warn\n');
    const expected = renderOne(environment);
    const listed = fixture.git('ls-tree', '--name-only', `${commit}:manifests/stage`).trim().split('\n').map((file) => `manifests/stage/${file}`);
    expect(listed.sort()).toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) expect(fixture.git('show', `${commit}:${file}`), file).toBe(content);
  });
});
