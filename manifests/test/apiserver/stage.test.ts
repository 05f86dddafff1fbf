import { environmentNames } from '@storefront/environments';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ApiStatus, ManifestObject } from './support/client.js';
import { describeReleases, validationGroups, type SourcedObject, type ValidationGroup } from './support/groups.js';
import { startApiServer, type ApiServer } from './support/processes.js';
import { acceptedWarnings, applyObjects, podOf, validateGroup, type AcceptedWarning, type Failure } from './support/validate.js';

// Every object of manifests/<env>/ and argocd/, sent to a real kube-apiserver with the CRDs its
// cluster pins (dry-run create and server-side apply, fieldValidation=Strict, restricted
// namespaces, workloads' pod templates as Pods). One line per group: counts and times. Then the
// negative controls, on the first environments' server once it has accepted their objects: it
// must refuse what a cluster refuses, with the cluster's reason.

const groups = validationGroups();
const usedRules = new Set<AcceptedWarning>();
const group = groups[0] as ValidationGroup;
/** The API server of the first group, kept for the controls. */
let controlServer: ApiServer | undefined;

afterAll(async () => {
  await controlServer?.stop();
});

function format(failures: readonly Failure[]): string[] {
  return failures.map(({ file, object, problem }) => `${file}: ${object}: ${problem}`);
}

describe('the API server accepts every generated and hand-written object', () => {
  it('has a group for every environment and one for the management cluster', () => {
    expect(groups.at(-1)?.name).toMatch(/^management/);
    expect(groups.slice(0, -1).flatMap((group) => group.name.replace(/^clusters /, '').split('+')).sort()).toEqual([...environmentNames].sort());
  });

  it.each(groups.map((group, index) => [group.name, group, index] as const))('%s', async (_name, group, index) => {
    const started = performance.now();
    const server = await startApiServer(inject('kubeApiserver'), inject('etcdUrl'), `registry-group-${String(index)}`, inject('runDirectory'));
    const startSeconds = (performance.now() - started) / 1000;
    try {
      const report = await validateGroup(server.client, group);
      console.log(
        `${group.name}: ${String(report.objects)} objects + ${String(report.pods)} pod templates against ${String(report.crds)} CRDs (${describeReleases(group.crds)}); ` +
          `start ${startSeconds.toFixed(1)}s, CRDs ${report.crdSeconds.toFixed(1)}s, apply ${report.applySeconds.toFixed(1)}s, ${String(report.failures.length)} refused, ${String(report.accepted.length)} accepted warnings`,
      );
      for (const { rule } of report.accepted) usedRules.add(rule);
      for (const rule of new Set(report.accepted.map((a) => a.rule))) console.log(`  accepted warning on ${rule.kind} (${String(report.accepted.filter((a) => a.rule === rule).length)}x): ${rule.reason}`);
      expect(report.objects).toBe(group.objects.length);
      // Each environment has a Deployment and a migration Job; the management cluster runs no workload of ours.
      expect(report.pods).toBe(group.objects.filter(({ object }) => ['Deployment', 'Job', 'CronJob', 'StatefulSet', 'DaemonSet'].includes(object.kind)).length);
      expect(format(report.failures)).toEqual([]);
    } finally {
      if (index === 0) controlServer = server;
      else await server.stop();
    }
  });

  it('needs every accepted warning rule (a rule nothing triggers any more is removed)', () => {
    expect(acceptedWarnings.filter((rule) => !usedRules.has(rule)).map((rule) => rule.reason)).toEqual([]);
  });
});

const firstEnvironment = /^clusters (\w+)/.exec(group.name)?.[1] ?? '';

function generated(kind: string): SourcedObject {
  const found = group.objects.find(({ file, object }) => object.kind === kind && file.startsWith(`manifests/${firstEnvironment}/`));
  if (!found) throw new Error(`manifests/${firstEnvironment}: no ${kind}`);
  return found;
}

/** A deep copy of a generated object with one change. */
function changed(kind: string, change: (copy: Record<string, unknown>) => void): ManifestObject {
  const copy = structuredClone(generated(kind).object) as unknown as Record<string, unknown>;
  change(copy);
  return copy as unknown as ManifestObject;
}

type Json = Record<string, unknown>;
const at = (value: unknown, ...keys: (string | number)[]): Json => keys.reduce<Json>((node, key) => (node as Record<string | number, unknown>)[key] as Json, value as Json);

function serverForControls(): ApiServer {
  if (!controlServer) throw new Error(`the API server of ${group.name} did not start (see above)`);
  return controlServer;
}

describe('the API server refuses', () => {
  it('an unknown field in a generated Deployment (strict field validation)', async () => {
    const object = changed('Deployment', (copy) => {
      at(copy, 'spec', 'template', 'spec', 'containers', 0).imagePullPolicyy = 'Always';
    });
    const created = await serverForControls().client.create(object, { dryRun: true });
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ reason: 'BadRequest' });
    expect((created.body as ApiStatus).message).toContain('strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"');
    // Server-side apply refuses it while building the typed patch, answering 500 without a reason.
    const applied = await serverForControls().client.apply(object, { dryRun: true });
    expect(applied.status).toBe(500);
    expect((applied.body as ApiStatus).message).toMatch(/failed to create typed patch object .*\.imagePullPolicyy: field not declared in schema/);
  });

  it('an unknown field in a generated ExternalSecret (a CRD-typed object)', async () => {
    const object = changed('ExternalSecret', (copy) => {
      at(copy, 'spec').refreshIntervall = '1h';
    });
    const created = await serverForControls().client.create(object, { dryRun: true });
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ reason: 'BadRequest' });
    expect((created.body as ApiStatus).message).toContain('strict decoding error: unknown field "spec.refreshIntervall"');
    const applied = await serverForControls().client.apply(object, { dryRun: true });
    expect(applied.status).toBe(500);
    expect((applied.body as ApiStatus).message).toMatch(/\.spec\.refreshIntervall: field not declared in schema/);
  });

  it.each([
    ['Certificate', ['spec', 'privateKey'], 'algorithm', 'DSA', 'spec.privateKey.algorithm: Unsupported value: "DSA"'],
    ['Cluster', ['spec'], 'primaryUpdateStrategy', 'sometimes', 'spec.primaryUpdateStrategy: Unsupported value: "sometimes"'],
  ] as const)('a bad enum value in a generated %s (its CRD schema)', async (kind, parent, field, value, message) => {
    const object = changed(kind, (copy) => {
      at(copy, ...parent)[field] = value;
    });
    for (const answer of [await serverForControls().client.create(object, { dryRun: true }), await serverForControls().client.apply(object, { dryRun: true })]) {
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ reason: 'Invalid' });
      expect((answer.body as ApiStatus).message).toContain(message);
    }
  });

  it('a privileged pod in a restricted namespace (Pod Security admission)', async () => {
    const deployment = changed('Deployment', (copy) => {
      Object.assign(at(copy, 'spec', 'template', 'spec', 'containers', 0, 'securityContext'), { privileged: true, allowPrivilegeEscalation: true });
    });
    const pod = podOf(deployment);
    if (!pod) throw new Error('no pod template');
    const answer = await serverForControls().client.create(pod, { dryRun: true });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ reason: 'Forbidden' });
    expect((answer.body as ApiStatus).message).toMatch(/violates PodSecurity "restricted:latest": .*privileged \(container "\S+" must not set securityContext\.privileged=true\)/);
  });

  it('and the stage reports that privileged Deployment: its warnings and its refused pod', async () => {
    const deployment = changed('Deployment', (copy) => {
      Object.assign(at(copy, 'spec', 'template', 'spec', 'containers', 0, 'securityContext'), { privileged: true, allowPrivilegeEscalation: true });
    });
    const { file } = generated('Deployment');
    const namespace = group.objects.filter(({ object }) => object.kind === 'Namespace' && object.metadata.name === deployment.metadata.namespace);
    const { failures } = await applyObjects(serverForControls().client, [...namespace, { file, object: deployment }]);
    const object = `Deployment ${deployment.metadata.namespace ?? ''}/${deployment.metadata.name}`;
    expect(failures).toEqual([
      { file, object, problem: expect.stringMatching(/^create: warning: would violate PodSecurity "restricted:latest": .*privileged/) as unknown },
      { file, object, problem: expect.stringMatching(/^server-side apply: warning: would violate PodSecurity "restricted:latest": .*privileged/) as unknown },
      { file, object, problem: expect.stringMatching(/^as a Pod: HTTP 403 Forbidden: .*violates PodSecurity "restricted:latest"/) as unknown },
    ]);
  });
});
