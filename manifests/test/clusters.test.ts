import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvironmentFileError, environmentFile, environmentNames, parseEnvironmentFile } from '@storefront/environments';
import { argocdProjectName, gatewayApplicationName, platformProjectName, rootApplicationName, storefrontProjectName } from '../src/argocd/definitions.js';
import { managementFolder, managementMonitoringNamespace, managementPrometheusApplicationName, managementProjectName, monitoringApplicationName } from '../src/argocd/management.js';
import { argocdNamespace, inClusterServer, platformAddOns, platformApplicationName, platformFolder, platformRolloutOrder } from '../src/argocd/platform.js';
import { namespaceName, platform } from '../src/names.js';
import { argocdPath, repositoryRoot } from '../src/repository.js';
import { render } from '../src/synth.js';
import { environments, readYamlDocuments, yamlFilesUnder } from './support/objects.js';

// One cluster per environment, one Argo CD (in a management cluster of its own) managing the
// three by their Argo CD cluster names. These are the invariants of that layout, read from
// the files Argo CD syncs (argocd/, generated and hand-written alike).

interface Destination {
  server?: string;
  name?: string;
  namespace: string;
}
interface ArgoObject {
  kind: string;
  metadata: { name: string; namespace: string };
  spec: { project: string; destination: Destination; destinations: Destination[]; source: { targetRevision: string } };
}

const documents = yamlFilesUnder(path.join(repositoryRoot, argocdPath)).flatMap((file) => readYamlDocuments(file).map((doc) => ({ file: path.relative(repositoryRoot, file), doc: doc as ArgoObject })));
const applications = documents.filter(({ doc }) => doc.kind === 'Application');
const projects = documents.filter(({ doc }) => doc.kind === 'AppProject').map(({ doc }) => doc);
const projectNamed = (name: string) => {
  const found = projects.find((p) => p.metadata.name === name);
  if (!found) throw new Error(`no AppProject ${name}`);
  return found;
};
const applicationNamed = (name: string) => {
  const found = applications.find(({ doc }) => doc.metadata.name === name)?.doc;
  if (!found) throw new Error(`no Application ${name}`);
  return found;
};
const key = (d: Destination) => `${d.name !== undefined ? `name=${d.name}` : `server=${d.server ?? '(none)'}`} ${d.namespace}`;

/** The Applications that belong to an environment's cluster: its storefront, its Gateway, its add-ons. */
function applicationsOf(env: (typeof environments)[number]): ArgoObject[] {
  return [
    applicationNamed(`storefront-${env.name}`),
    applicationNamed(gatewayApplicationName(env)),
    ...platformAddOns.map((addOn) => applicationNamed(platformApplicationName(addOn, env.name))),
  ];
}

function problemsOf(text: string): string[] {
  try {
    parseEnvironmentFile('environments/prod.yaml', text);
  } catch (error) {
    if (error instanceof EnvironmentFileError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

/** Numeric parts of a chart version (v1.21.1, 88.5.3); the add-ons pin exact x.y.z. */
function versionParts(version: string): number[] {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new Error(`not an exact version: ${version}`);
  return match.slice(1).map(Number);
}
function compareVersions(a: string, b: string): number {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
/** One line per add-on where a cluster runs a newer chart than the cluster before it in the rollout order. */
function rolloutOrderViolations(versions: Readonly<Record<string, Readonly<Record<string, string>>>>): string[] {
  const problems: string[] = [];
  for (const [addOn, byCluster] of Object.entries(versions)) {
    for (let i = 1; i < platformRolloutOrder.length; i++) {
      const [before, after] = [platformRolloutOrder[i - 1] ?? '', platformRolloutOrder[i] ?? ''];
      const [older, newer] = [byCluster[before], byCluster[after]];
      if (older !== undefined && newer !== undefined && compareVersions(newer, older) > 0) problems.push(`${addOn}: ${after} runs ${newer}, ahead of ${before} (${older})`);
    }
  }
  return problems;
}

describe('each environment names its cluster', () => {
  const prodText = readFileSync(environmentFile('prod'), 'utf8');

  it('in environments/<env>.yaml, a different cluster for each', () => {
    for (const env of environments) expect(env.cluster).toMatch(/^[a-z0-9-]+$/);
    expect(new Set(environments.map((env) => env.cluster)).size).toBe(environments.length);
  });

  it('refuses a file without one, naming the field', () => {
    const problems = problemsOf(prodText.replace(/^cluster: .*\n/m, ''));
    expect(problems).toEqual(['environments/prod.yaml: cluster: required: expected string']);
  });

  it('refuses a server URL: the field is the Argo CD cluster name', () => {
    const problems = problemsOf(prodText.replace(/^cluster: .*$/m, 'cluster: https://prod.k8s.example.com:6443'));
    expect(problems).toEqual(['environments/prod.yaml: cluster: expected an Argo CD cluster name: lowercase letters, digits and dashes, such as bitshop-dev (a name registered with argocd cluster add --name, not a server URL)']);
  });

  it("refuses in-cluster, Argo CD's own cluster, where no environment runs", () => {
    const problems = problemsOf(prodText.replace(/^cluster: .*$/m, 'cluster: in-cluster'));
    expect(problems).toEqual(["environments/prod.yaml: cluster: expected the environment's own cluster: in-cluster is the cluster Argo CD runs in, where no environment runs"]);
  });

  it('refuses two environments in one cluster, naming both files', () => {
    const [dev, stage, prod] = environments;
    if (!dev || !stage || !prod) throw new Error('expected dev, stage and prod');
    expect(() => render([dev, stage, { ...prod, cluster: stage.cluster }])).toThrow(
      `environments/stage.yaml and environments/prod.yaml both name cluster ${stage.cluster}: each environment runs in a cluster of its own`,
    );
  });
});

describe('the bootstrap in argocd/README.md', () => {
  const readme = readFileSync(path.join(repositoryRoot, argocdPath, 'README.md'), 'utf8');

  it('registers each environment\'s cluster under the name its environment file gives', () => {
    const registered = readme
      .split('\n')
      .filter((line) => line.startsWith('argocd cluster add '))
      .map((line) => line.split(/\s+/)[line.split(/\s+/).indexOf('--name') + 1]);
    expect(registered).toEqual(environments.map((env) => env.cluster));
  });

  it('applies only the root and its project to the management cluster, never the whole folder', () => {
    expect(readme).toContain(`kubectl apply -n ${argocdNamespace} -f ${argocdPath}/projects/${argocdProjectName}.yaml -f ${argocdPath}/root.yaml`);
    expect(readme).not.toMatch(/^kubectl apply -R -f argocd\/?$/m);
  });
});

describe('Applications target only their own cluster', () => {
  it.each(environments.map((env) => [env.name, env] as const))("%s's storefront, Gateway and add-ons target its cluster, by name", (_name, env) => {
    const own = applicationsOf(env);
    expect(own).toHaveLength(2 + platformAddOns.length);
    for (const app of own) {
      expect(app.spec.destination.name, app.metadata.name).toBe(env.cluster);
      expect(app.spec.destination.server, app.metadata.name).toBeUndefined();
    }
  });

  it('every Application is one of those, the root, or the management cluster\'s monitoring', () => {
    const accounted = new Set([rootApplicationName, managementPrometheusApplicationName, monitoringApplicationName, ...environments.flatMap((env) => applicationsOf(env).map((app) => app.metadata.name))]);
    expect(applications.map(({ doc }) => doc.metadata.name).sort()).toEqual([...accounted].sort());
  });

  it(`only the root (its argocd namespace) and the management cluster's monitoring (its monitoring namespace) target ${inClusterServer}, the management cluster Argo CD runs in`, () => {
    const inCluster = applications.filter(({ doc }) => doc.spec.destination.server !== undefined || doc.spec.destination.name === 'in-cluster');
    expect(inCluster.map(({ doc }) => [doc.metadata.name, doc.spec.destination]).sort()).toEqual(
      [
        [rootApplicationName, { server: inClusterServer, namespace: argocdNamespace }],
        [managementPrometheusApplicationName, { server: inClusterServer, namespace: managementMonitoringNamespace }],
        [monitoringApplicationName, { server: inClusterServer, namespace: managementMonitoringNamespace }],
      ].sort(),
    );
  });

  it('keeps argocd/gateway/ out of the root: it reaches the environments\' clusters only through gateway-<env>', () => {
    const gatewayFiles = documents.filter(({ file }) => file.startsWith(`${argocdPath}/gateway/`));
    expect(gatewayFiles.length).toBeGreaterThan(0);
    const root = applicationNamed(rootApplicationName) as ArgoObject & { spec: { source: { directory: { exclude?: string } } } };
    expect(root.spec.source.directory.exclude).toBe('{gateway/*,monitoring/*}');
    for (const env of environments) expect(applicationNamed(gatewayApplicationName(env)).spec.destination).toEqual({ name: env.cluster, namespace: platform.gateway.namespace });
  });
});

describe('each AppProject allows exactly its cluster and namespace(s)', () => {
  it.each(environments.map((env) => [env.name, env] as const))("storefront-%s: the environment's namespace in its cluster", (_name, env) => {
    expect(projectNamed(storefrontProjectName(env)).spec.destinations).toEqual([{ name: env.cluster, namespace: namespaceName(env) }]);
  });

  it.each(environments.map((env) => [env.name, env] as const))("platform-%s: the add-ons' namespaces in its cluster", (_name, env) => {
    const destinations = projectNamed(platformProjectName(env)).spec.destinations;
    expect(destinations.map(key).sort()).toEqual([...new Set(platformAddOns.map((addOn) => `name=${env.cluster} ${addOn.namespace}`))].sort());
  });

  it("argocd: Argo CD's own namespace in its own cluster", () => {
    expect(projectNamed(argocdProjectName).spec.destinations).toEqual([{ server: inClusterServer, namespace: argocdNamespace }]);
  });

  it('no wildcard anywhere in a destination, and no project beyond these', () => {
    for (const project of projects) for (const d of project.spec.destinations) expect(JSON.stringify(d), project.metadata.name).not.toContain('*');
    const expected = [argocdProjectName, managementProjectName, ...environments.flatMap((env) => [storefrontProjectName(env), platformProjectName(env)])];
    expect(projects.map((p) => p.metadata.name).sort()).toEqual(expected.sort());
  });

  it('every Application deploys where its project allows', () => {
    for (const { doc } of applications) {
      const allowed = projectNamed(doc.spec.project).spec.destinations.map(key);
      expect(allowed, doc.metadata.name).toContain(key(doc.spec.destination));
    }
  });
});

describe('platform add-on updates reach dev first and prod last', () => {
  const versions: Record<string, Record<string, string>> = {};
  for (const addOn of platformAddOns) {
    versions[addOn.name] = Object.fromEntries(platformRolloutOrder.map((env) => [env, applicationNamed(platformApplicationName(addOn, env)).spec.source.targetRevision]));
  }

  it('in the order of the environments', () => {
    expect([...platformRolloutOrder]).toEqual([...environmentNames]);
  });

  it('no cluster runs a newer add-on than the cluster before it', () => {
    for (const [addOn, byCluster] of Object.entries(versions)) console.log(`add-on ${addOn}: ${platformRolloutOrder.map((env) => `${env} ${byCluster[env] ?? '?'}`).join(', ')}`);
    expect(rolloutOrderViolations(versions)).toEqual([]);
  });

  it('would refuse prod ahead of stage, and stage ahead of dev (the check can fail)', () => {
    expect(rolloutOrderViolations({ 'cert-manager': { dev: 'v1.21.1', stage: 'v1.21.1', prod: 'v1.22.0' } })).toEqual(['cert-manager: prod runs v1.22.0, ahead of stage (v1.21.1)']);
    expect(rolloutOrderViolations({ 'kube-prometheus-stack': { dev: '88.5.3', stage: '88.10.0', prod: '88.5.3' } })).toEqual(['kube-prometheus-stack: stage runs 88.10.0, ahead of dev (88.5.3)']);
    expect(rolloutOrderViolations({ reloader: { dev: '2.3.0', stage: '2.2.16', prod: '2.2.16' } })).toEqual([]);
  });

  it("Renovate proposes dev's bumps by itself and holds stage's and prod's for a deliberate approval", () => {
    const config = JSON.parse(readFileSync(path.join(repositoryRoot, 'renovate.json'), 'utf8')) as {
      argocd: { managerFilePatterns: string[] };
      packageRules: { matchManagers?: string[]; matchFileNames?: string[]; dependencyDashboardApproval?: boolean; additionalBranchPrefix?: string }[];
    };
    const held = config.packageRules.filter((rule) => rule.dependencyDashboardApproval === true && rule.matchManagers?.includes('argocd'));
    // The management cluster's copy waits too: it runs only what an environment's cluster already runs (management.test.ts).
    expect(held.flatMap((rule) => rule.matchFileNames ?? []).sort()).toEqual([...platformRolloutOrder.slice(1).map((env) => `${argocdPath}/${platformFolder(env)}/**`), `${argocdPath}/${managementFolder}/**`].sort());
    // One branch per cluster: dev's pull request never carries stage's or prod's files.
    expect(config.packageRules.some((rule) => rule.matchManagers?.includes('argocd') && rule.additionalBranchPrefix === '{{parentDir}}-')).toBe(true);
  });
});
