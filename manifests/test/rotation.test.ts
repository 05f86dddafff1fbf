import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { platformAddOns, platformFolder } from '../src/argocd/platform.js';
import { names, rotation } from '../src/names.js';
import { repositoryRoot } from '../src/repository.js';
import { environments, find, objectsOf, readYamlDocuments, type Workload } from './support/objects.js';

// A rotation: the password changes in the secret store; External Secrets rewrites both Secrets at
// their next refresh. Then the database role must take the new password and the pods, which read
// their Secret only at start, must restart with it. These tests hold the wiring that does both.

interface ExternalSecretObject {
  metadata: { name: string };
  spec: { target: { name: string; template: { metadata?: { labels?: Record<string, string> } } } };
}
interface ClusterObject {
  spec: {
    bootstrap: { initdb: { owner: string; secret: { name: string } } };
    managed?: { roles?: { name: string; ensure?: string; login?: boolean; passwordSecret?: { name: string } }[] };
  };
}

describe('Secret rotation', () => {
  it.each(environments.map((env) => env.name))('runs Reloader in %s\'s cluster with the annotations strategy, which Argo CD is told to ignore', (name) => {
    expect(platformAddOns.map((a) => a.name)).toContain('reloader');
    const reloaderFile = path.join(repositoryRoot, 'argocd', platformFolder(name), 'reloader.yaml');
    const [reloader] = readYamlDocuments(reloaderFile) as { spec: { source: { helm: { valuesObject: { reloader: { reloadStrategy: string } } } } } }[];
    // env-vars (the default) would change the container spec: drift that self-heal reverts.
    expect(reloader?.spec.source.helm.valuesObject.reloader.reloadStrategy).toBe('annotations');
  });

  describe.each(environments.map((env) => [env.name, env] as const))('%s', (_name, env) => {
    const objects = objectsOf(env);
    const deployment = find<Workload & { metadata: { annotations: Record<string, string> } }>(objects, 'Deployment');
    const cluster = find<ClusterObject>(objects, 'Cluster');

    it('rolls the web pods when any Secret they read changes', () => {
      const read = new Set(deployment.spec.template.spec.containers.flatMap((c) => [...(c.env ?? []).map((e) => e.valueFrom?.secretKeyRef?.name), ...(c.envFrom ?? []).map((e) => e.secretRef?.name)]).filter((n) => n !== undefined));
      expect(read.size).toBeGreaterThan(0);
      const watched = new Set((deployment.metadata.annotations[rotation.reloaderSecretsAnnotation] ?? '').split(',').filter(Boolean));
      expect(watched).toEqual(read);
      // Each watched Secret is one External Secrets rewrites from the store.
      for (const name of watched) expect(objects.filter((o) => o.kind === 'ExternalSecret' && (o as unknown as ExternalSecretObject).spec.target.name === name)).toHaveLength(1);
    });

    it('keeps the database owner\'s password following its Secret after bootstrap, applied at once', () => {
      const { owner, secret } = cluster.spec.bootstrap.initdb;
      expect(owner).toBe(names.databaseUser);
      const roles = cluster.spec.managed?.roles ?? [];
      expect(roles).toEqual([{ name: owner, ensure: 'present', login: true, passwordSecret: { name: secret.name } }]);
      const source = find<ExternalSecretObject>(objects, 'ExternalSecret', secret.name);
      expect(source.spec.target.template.metadata?.labels).toEqual(rotation.cnpgReloadLabel);
    });

    it('gives the app and the database the same password from the same remote key', () => {
      const app = find<{ spec: { data: { remoteRef: { key: string; property: string } }[] } }>(objects, 'ExternalSecret', names.appSecret);
      const db = find<{ spec: { data: { remoteRef: { key: string; property: string } }[] } }>(objects, 'ExternalSecret', names.databaseSecret);
      const password = (es: typeof app) => es.spec.data.find((d) => d.remoteRef.property === 'db-password')?.remoteRef;
      expect(password(app)).toEqual({ key: env.secrets.key, property: 'db-password' });
      expect(password(db)).toEqual(password(app));
    });
  });
});
