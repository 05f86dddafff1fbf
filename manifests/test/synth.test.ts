import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Environment } from '@storefront/environments';
import { compareTrees, writeRendered } from '../src/files.js';
import { render, renderOne } from '../src/synth.js';
import { environments, rendered } from './support/objects.js';

describe('synthesis', () => {
  it('is deterministic: the same input gives the same bytes', () => {
    const again = render(environments);
    expect([...again.files.keys()]).toEqual([...rendered.files.keys()]);
    for (const [file, content] of again.files) expect(content, file).toBe(rendered.files.get(file));
  });

  it('writes no timestamps, hashes in names, or machine paths', () => {
    for (const [file, content] of rendered.files) {
      expect(content, file).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      expect(content, file).not.toContain(process.cwd());
      expect(path.basename(file)).toMatch(/^[a-z0-9.-]+\.yaml$/);
      expect(path.basename(file)).not.toMatch(/-c8[0-9a-f]{6}/);
    }
  });

  it('writes one object per file, named after its kind and name', () => {
    for (const [env, objects] of rendered.objects) {
      const files = [...rendered.files.keys()].filter((f) => f.startsWith(`manifests/${env}/`));
      expect(files).toHaveLength(objects.length);
      for (const object of objects) expect(files).toContain(`manifests/${env}/${object.kind.toLowerCase()}-${object.metadata.name}.yaml`);
    }
  });

  it('changes only the image lines when a promotion changes the digest', () => {
    const prod = environments.find((env) => env.name === 'prod') as Environment;
    const promoted: Environment = { ...prod, image: { ...prod.image, digest: `sha256:${'a'.repeat(64)}` } };
    const after = render(environments.map((env) => (env.name === 'prod' ? promoted : env)));
    const changed = [...after.files].filter(([file, content]) => rendered.files.get(file) !== content).map(([file]) => file);
    expect(changed.sort()).toEqual(['manifests/prod/deployment-storefront.yaml', 'manifests/prod/job-storefront-migrate.yaml']);
  });

  it('renders one environment alone, byte for byte what rendering them all writes for it', () => {
    for (const env of environments) {
      const one = renderOne(env);
      const ofAll = [...rendered.files].filter(([file]) => file.startsWith(`manifests/${env.name}/`));
      expect([...one.keys()].sort(), env.name).toEqual(ofAll.map(([file]) => file).sort());
      for (const [file, content] of ofAll) expect(one.get(file), file).toBe(content);
    }
  });

  it('copies an app setting into the ConfigMap, rolling the pods through the checksum and touching nothing else', () => {
    const stage = environments.find((env) => env.name === 'stage') as Environment;
    const changed = renderOne({ ...stage, app: { ...stage.app, CART_TTL_DAYS: '14' } });
    const before = renderOne(stage);
    expect([...changed].filter(([file, content]) => before.get(file) !== content).map(([file]) => file).sort()).toEqual(['manifests/stage/configmap-storefront.yaml', 'manifests/stage/deployment-storefront.yaml']);
    expect(changed.get('manifests/stage/configmap-storefront.yaml')).toContain('  CART_TTL_DAYS: "14"\n');
  });

  it('does not roll the pods when only the order of the app settings in the file changes', () => {
    const stage = environments.find((env) => env.name === 'stage') as Environment;
    const reordered = renderOne({ ...stage, app: Object.fromEntries(Object.entries(stage.app).reverse()) });
    expect(Object.keys(stage.app).length).toBeGreaterThan(1);
    for (const [file, content] of renderOne(stage)) expect(reordered.get(file), file).toBe(content);
  });

  it('names every differing, missing and extra file when comparing against a checkout', () => {
    const expected = mkdtempSync(path.join(tmpdir(), 'synth-expected-'));
    const actual = mkdtempSync(path.join(tmpdir(), 'synth-actual-'));
    try {
      writeRendered(expected, rendered, false);
      writeRendered(actual, rendered, false);
      expect(compareTrees(expected, actual)).toEqual([]);
      writeFileSync(path.join(actual, 'manifests/dev/service-storefront.yaml'), 'edited by hand\n');
      rmSync(path.join(actual, 'manifests/prod/httproute-storefront.yaml'));
      writeFileSync(path.join(actual, 'manifests/stage/leftover.yaml'), 'kind: ConfigMap\n');
      expect(compareTrees(expected, actual)).toEqual([
        'differs: manifests/dev/service-storefront.yaml',
        'missing: manifests/prod/httproute-storefront.yaml',
        'extra (not generated): manifests/stage/leftover.yaml',
      ]);
    } finally {
      rmSync(expected, { recursive: true, force: true });
      rmSync(actual, { recursive: true, force: true });
    }
  });
});
