import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { describe, expect, it } from 'vitest';
import { environmentApplicationName, projects, rootApplicationName } from '../src/argocd/definitions.js';
import { argocdNamespace, inClusterServer, platformAddOns } from '../src/argocd/platform.js';
import { namespaceName } from '../src/names.js';
import { argocdPath, manifestsPath, repoURL, repositoryRoot } from '../src/repository.js';
import { environments, objectsOf, readYamlDocuments, rendered, yamlFilesUnder } from './support/objects.js';

interface ApplicationObject {
  metadata: { name: string; namespace: string };
  spec: {
    project: string;
    source: { repoURL: string; path?: string; chart?: string; targetRevision: string; directory?: { recurse?: boolean }; helm?: { releaseName?: string; valuesObject?: unknown } };
    destination: { server: string; namespace: string };
    syncPolicy: { automated?: { prune?: boolean; selfHeal?: boolean }; syncOptions?: string[]; retry?: { limit: number; backoff: { duration: string; factor: number; maxDuration: string } } };
    ignoreDifferences?: { group: string; kind: string; jsonPointers: string[] }[];
  };
}
interface ProjectObject {
  metadata: { name: string };
  spec: { sourceRepos: string[]; destinations: { server: string; namespace: string }[]; clusterResourceWhitelist: { group: string; kind: string }[]; namespaceResourceWhitelist?: { group: string; kind: string }[] };
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
    expect(gitApps.length).toBe(environments.length + 1);
    for (const { app } of gitApps) {
      const target = path.join(repositoryRoot, app.spec.source.path ?? '(none)');
      expect(existsSync(target), `${app.metadata.name}: ${app.spec.source.path ?? '(none)'}`).toBe(true);
      expect(readdirSync(target).some((f) => f.endsWith('.yaml'))).toBe(true);
    }
  });

  it('has a root app-of-apps that syncs the argocd folder itself', () => {
    const root = application(rootApplicationName);
    expect(root.spec.source).toMatchObject({ repoURL, path: argocdPath, directory: { recurse: true } });
    expect(root.spec.project).toBe(projects.platform);
    expect(root.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  });

  describe.each(environments.map((env) => [env.name, env] as const))('the %s Application', (_name, env) => {
    const app = application(environmentApplicationName(env));

    it('syncs manifests/<env> into the namespace those manifests create', () => {
      expect(app.spec.source.path).toBe(manifestsPath(env.name));
      expect(app.spec.source.directory).toEqual({ recurse: false });
      const namespace = objectsOf(env).find((o) => o.kind === 'Namespace');
      expect(app.spec.destination).toEqual({ server: inClusterServer, namespace: namespace?.metadata.name });
      for (const object of objectsOf(env)) if (object.kind !== 'Namespace') expect(object.metadata.namespace).toBe(namespaceName(env));
    });

    it('syncs automatically with prune, self-heal and retry with backoff', () => {
      expect(app.spec.project).toBe(projects.storefront);
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

  describe('the storefront AppProject', () => {
    const storefront = project(projects.storefront);

    it('allows only this repository and the three namespaces', () => {
      expect(storefront.spec.sourceRepos).toEqual([repoURL]);
      expect(storefront.spec.destinations.map((d) => d.namespace)).toEqual(environments.map((env) => namespaceName(env)));
    });

    it('allows only Namespaces at cluster scope, and exactly the namespaced kinds the manifests use', () => {
      expect(storefront.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
      const used = new Set(environments.flatMap((env) => objectsOf(env)).filter((o) => o.kind !== 'Namespace').map((o) => `${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] ?? '' : ''}/${o.kind}`));
      const allowed = new Set((storefront.spec.namespaceResourceWhitelist ?? []).map((k) => `${k.group}/${k.kind}`));
      expect(allowed).toEqual(used);
    });

    it('covers every environment Application, and no other', () => {
      const members = applications.filter(({ app }) => app.spec.project === projects.storefront).map(({ app }) => app.metadata.name);
      expect(members.sort()).toEqual(environments.map((env) => environmentApplicationName(env)).sort());
    });
  });

  describe('platform add-ons', () => {
    const platformProject = project(projects.platform);
    const platformFiles = readdirSync(path.join(repositoryRoot, argocdPath, 'platform')).filter((f) => f.endsWith('.yaml'));

    it('have one hand-written Application each, and nothing else in argocd/platform', () => {
      expect(platformFiles.sort()).toEqual(platformAddOns.map((a) => `${a.name}.yaml`).sort());
    });

    it.each(platformAddOns.map((a) => [a.name, a] as const))('%s matches its entry in manifests/src/argocd/platform.ts', (_name, addOn) => {
      const found = applications.find(({ file }) => file === `${argocdPath}/platform/${addOn.name}.yaml`);
      expect(found).toBeDefined();
      const app = found?.app as ApplicationObject;
      // Rebuild the Application from the typed model with the file's version and values: any
      // field the file has beyond these (a typo, a stray setting) makes the two differ.
      const expected = new Application({
        metadata: {
          name: addOn.name,
          namespace: argocdNamespace,
          labels: { 'app.kubernetes.io/part-of': 'bitshop' },
          annotations: { 'argocd.argoproj.io/sync-wave': '-1' },
          finalizers: ['resources-finalizer.argocd.argoproj.io'],
        },
        spec: {
          project: projects.platform,
          source: { repoURL: addOn.repoURL, chart: addOn.chart, targetRevision: app.spec.source.targetRevision, helm: { releaseName: addOn.name, valuesObject: app.spec.source.helm?.valuesObject as Record<string, unknown> | undefined } },
          destination: { server: inClusterServer, namespace: addOn.namespace },
          syncPolicy: {
            automated: { prune: true, selfHeal: true },
            syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'],
            retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
          },
        },
      }).toJSON();
      expect(app).toEqual(expected);
    });

    it.each(platformAddOns.map((a) => [a.name, a] as const))('%s pins an exact chart version Renovate can bump', (_name, addOn) => {
      expect(application(addOn.name).spec.source.targetRevision).toMatch(/^v?\d+\.\d+\.\d+$/);
    });

    it('deploy only where the platform AppProject allows', () => {
      const allowed = new Set(platformProject.spec.destinations.map((d) => d.namespace));
      for (const addOn of platformAddOns) expect(allowed.has(application(addOn.name).spec.destination.namespace)).toBe(true);
      expect(new Set(platformProject.spec.sourceRepos)).toEqual(new Set([repoURL, ...platformAddOns.map((a) => a.repoURL)]));
    });
  });

  it('name the repository URL in one place: every generated object uses the same value', () => {
    const urls = rendered.argocd.flatMap((o) => JSON.stringify(o).match(/https:\/\/github\.com\/[^"]+/g) ?? []);
    expect(new Set(urls)).toEqual(new Set([repoURL]));
  });
});
