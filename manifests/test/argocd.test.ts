import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { describe, expect, it } from 'vitest';
import { argocdProjectName, environmentApplicationName, gatewayApplicationName, platformProjectName, rootApplicationName, rootExclude, storefrontProjectName } from '../src/argocd/definitions.js';
import { argocdNamespace, platformAddOns, platformApplicationName, platformFolder } from '../src/argocd/platform.js';
import { namespaceName } from '../src/names.js';
import { argocdPath, manifestsPath, repoURL, repositoryRoot } from '../src/repository.js';
import { environments, objectsOf, readYamlDocuments, rendered, yamlFilesUnder } from './support/objects.js';

interface ApplicationObject {
  metadata: { name: string; namespace: string };
  spec: {
    project: string;
    source: { repoURL: string; path?: string; chart?: string; targetRevision: string; directory?: { recurse?: boolean; exclude?: string }; helm?: { releaseName?: string; valuesObject?: unknown } };
    destination: { server?: string; name?: string; namespace: string };
    syncPolicy: { automated?: { prune?: boolean; selfHeal?: boolean }; syncOptions?: string[]; retry?: { limit: number; backoff: { duration: string; factor: number; maxDuration: string } } };
    ignoreDifferences?: { group: string; kind: string; jsonPointers: string[] }[];
  };
}
interface ProjectObject {
  metadata: { name: string };
  spec: { sourceRepos: string[]; destinations: { server?: string; name?: string; namespace: string }[]; clusterResourceWhitelist: { group: string; kind: string }[]; namespaceResourceWhitelist?: { group: string; kind: string }[] };
}

const argocdFiles = yamlFilesUnder(path.join(repositoryRoot, argocdPath));
const fileObjects = argocdFiles.flatMap((file) => readYamlDocuments(file).map((doc) => ({ file: path.relative(repositoryRoot, file), doc })));
const applications = fileObjects.filter(({ doc }) => (doc as { kind?: string }).kind === 'Application').map(({ file, doc }) => ({ file, app: doc as ApplicationObject }));
const projectObjects = fileObjects.filter(({ doc }) => (doc as { kind?: string }).kind === 'AppProject').map(({ doc }) => doc as ProjectObject);
const project = (name: string) => {
  const found = projectObjects.find((p) => p.metadata.name === name);
  if (!found) throw new Error(`no AppProject ${name}`);
  return found;
};
const application = (name: string) => {
  const found = applications.find(({ app }) => app.metadata.name === name)?.app;
  if (!found) throw new Error(`no Application ${name}`);
  return found;
};

describe('Argo CD definitions', () => {
  it('live in the argocd namespace and use only this repository and the pinned chart repositories as sources', () => {
    for (const { app } of applications) expect(app.metadata.namespace).toBe(argocdNamespace);
    const repos = new Set(applications.map(({ app }) => app.spec.source.repoURL));
    expect([...repos].sort()).toEqual([repoURL, ...platformAddOns.map((a) => a.repoURL)].sort());
  });

  it('point every Git source at a path that exists in this repository', () => {
    const gitApps = applications.filter(({ app }) => app.spec.source.repoURL === repoURL);
    // the root, the management cluster's monitoring, and per environment its storefront and its cluster's Gateway
    expect(gitApps.length).toBe(2 + 2 * environments.length);
    for (const { app } of gitApps) {
      const target = path.join(repositoryRoot, app.spec.source.path ?? '(none)');
      expect(existsSync(target), `${app.metadata.name}: ${app.spec.source.path ?? '(none)'}`).toBe(true);
      expect(readdirSync(target).some((f) => f.endsWith('.yaml'))).toBe(true);
    }
  });

  it('has a root app-of-apps that syncs the argocd folder itself, but for the Gateway the environments\' clusters get', () => {
    const root = application(rootApplicationName);
    expect(root.spec.source).toMatchObject({ repoURL, path: argocdPath, directory: { recurse: true, exclude: rootExclude } });
    expect(root.spec.project).toBe(argocdProjectName);
    expect(root.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  });

  describe.each(environments.map((env) => [env.name, env] as const))('the %s Application', (_name, env) => {
    const app = application(environmentApplicationName(env));

    it('syncs manifests/<env> into the namespace those manifests create', () => {
      expect(app.spec.source.path).toBe(manifestsPath(env.name));
      expect(app.spec.source.directory).toEqual({ recurse: false });
      const namespace = objectsOf(env).find((o) => o.kind === 'Namespace');
      expect(app.spec.destination).toEqual({ name: env.cluster, namespace: namespace?.metadata.name });
      for (const object of objectsOf(env)) if (object.kind !== 'Namespace') expect(object.metadata.namespace).toBe(namespaceName(env));
    });

    it('syncs automatically with prune, self-heal and retry with backoff', () => {
      expect(app.spec.project).toBe(storefrontProjectName(env));
      expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
      expect(app.spec.syncPolicy.retry?.limit).toBeGreaterThan(0);
      expect(app.spec.syncPolicy.retry?.backoff.factor).toBeGreaterThan(1);
      expect(app.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    });

    it('ignores the replica count the HPA owns and the stamp Reloader puts on the pod template', () => {
      expect(app.spec.ignoreDifferences).toEqual([
        { group: 'apps', kind: 'Deployment', name: 'storefront', jsonPointers: ['/spec/replicas', '/spec/template/metadata/annotations/reloader.stakater.com~1last-reloaded-from'] },
      ]);
    });
  });

  describe.each(environments.map((env) => [env.name, env] as const))('the storefront AppProject of %s', (_name, env) => {
    const storefront = project(storefrontProjectName(env));

    it('allows only this repository', () => {
      expect(storefront.spec.sourceRepos).toEqual([repoURL]);
    });

    it('allows only Namespaces at cluster scope, and exactly the namespaced kinds the manifests use', () => {
      expect(storefront.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
      const used = new Set(environments.flatMap((e) => objectsOf(e)).filter((o) => o.kind !== 'Namespace').map((o) => `${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] ?? '' : ''}/${o.kind}`));
      const allowed = new Set((storefront.spec.namespaceResourceWhitelist ?? []).map((k) => `${k.group}/${k.kind}`));
      expect(allowed).toEqual(used);
    });

    it('covers its environment\'s Application, and no other', () => {
      const members = applications.filter(({ app }) => app.spec.project === storefrontProjectName(env)).map(({ app }) => app.metadata.name);
      expect(members).toEqual([environmentApplicationName(env)]);
    });
  });

  describe.each(environments.map((env) => [env.name, env] as const))('platform add-ons in the cluster of %s', (_name, env) => {
    const platformProject = project(platformProjectName(env));
    const folder = `${argocdPath}/${platformFolder(env.name)}`;
    const platformFiles = readdirSync(path.join(repositoryRoot, folder)).filter((f) => f.endsWith('.yaml'));

    it('have one hand-written Application each, and nothing else in its argocd/platform/<env>', () => {
      expect(platformFiles.sort()).toEqual(platformAddOns.map((a) => `${a.name}.yaml`).sort());
    });

    it('are all the platform folders there are: one per environment', () => {
      const folders = readdirSync(path.join(repositoryRoot, argocdPath, 'platform'));
      expect(folders.sort()).toEqual(environments.map((e) => e.name).sort());
    });

    it.each(platformAddOns.map((a) => [a.name, a] as const))('%s matches its entry in manifests/src/argocd/platform.ts', (_addOnName, addOn) => {
      const found = applications.find(({ file }) => file === `${folder}/${addOn.name}.yaml`);
      expect(found).toBeDefined();
      const app = found?.app as ApplicationObject;
      // Rebuild the Application from the typed model with the file's version and values: any
      // field the file has beyond these (a typo, a stray setting, another cluster) makes the two differ.
      const expected = new Application({
        metadata: {
          name: platformApplicationName(addOn, env.name),
          namespace: argocdNamespace,
          labels: { 'app.kubernetes.io/part-of': 'bitshop' },
          annotations: { 'argocd.argoproj.io/sync-wave': '-1' },
          finalizers: ['resources-finalizer.argocd.argoproj.io/foreground'],
        },
        spec: {
          project: platformProjectName(env),
          source: { repoURL: addOn.repoURL, chart: addOn.chart, targetRevision: app.spec.source.targetRevision, helm: { releaseName: addOn.name, valuesObject: app.spec.source.helm?.valuesObject as Record<string, unknown> | undefined } },
          destination: { name: env.cluster, namespace: addOn.namespace },
          syncPolicy: {
            automated: { prune: true, selfHeal: true },
            syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'],
            retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
          },
        },
      }).toJSON();
      expect(app).toEqual(expected);
    });

    it.each(platformAddOns.map((a) => [a.name, a] as const))('%s pins an exact chart version Renovate can bump', (_addOnName, addOn) => {
      expect(application(platformApplicationName(addOn, env.name)).spec.source.targetRevision).toMatch(/^v?\d+\.\d+\.\d+$/);
    });

    it('come with the shared Gateway, in the platform project of the same cluster', () => {
      const gateway = application(gatewayApplicationName(env));
      expect(gateway.spec.project).toBe(platformProjectName(env));
      expect(gateway.spec.source).toMatchObject({ repoURL, path: `${argocdPath}/gateway` });
      expect(gateway.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
      expect(new Set(platformProject.spec.sourceRepos)).toEqual(new Set([repoURL, ...platformAddOns.map((a) => a.repoURL)]));
    });
  });

  it('name the repository URL in one place: every generated object uses the same value', () => {
    const urls = rendered.argocd.flatMap((o) => JSON.stringify(o).match(/https:\/\/github\.com\/[^"]+/g) ?? []);
    expect(new Set(urls)).toEqual(new Set([repoURL]));
  });
});
