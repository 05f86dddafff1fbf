import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { crdFile, crdFileNames } from '../support/crds.js';
import type { ApiStatus, ManifestObject } from './support/client.js';
import { clusterGroups, type SourcedObject, type ValidationGroup } from './support/groups.js';
import { startApiServer, type ApiServer } from './support/processes.js';
import { applyObjects, installCrds, podOf, validateGroup } from './support/validate.js';

// Negative controls: the stage's API server must refuse what a cluster would refuse, with the
// cluster's reason, and a CRD change that rejects a generated object must fail the stage.

const group = clusterGroups()[0] as ValidationGroup;
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

let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer(inject('kubeApiserver'), inject('etcdUrl'), 'registry-controls');
  await installCrds(server.client, group);
  // The group as it is passes: the refusals below come from the one change each makes.
  const baseline = await applyObjects(server.client, group.objects);
  expect(baseline.failures).toEqual([]);
});

afterAll(async () => {
  await server.stop();
});

describe('the API server refuses', () => {
  it('an unknown field in a generated Deployment (strict field validation)', async () => {
    const object = changed('Deployment', (copy) => {
      at(copy, 'spec', 'template', 'spec', 'containers', 0).imagePullPolicyy = 'Always';
    });
    const created = await server.client.dryRunCreate(object);
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ reason: 'BadRequest' });
    expect((created.body as ApiStatus).message).toContain('strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"');
    // Server-side apply refuses it while building the typed patch, answering 500 without a reason.
    const applied = await server.client.apply(object, { dryRun: true });
    expect(applied.status).toBe(500);
    expect((applied.body as ApiStatus).message).toMatch(/failed to create typed patch object .*\.imagePullPolicyy: field not declared in schema/);
  });

  it('an unknown field in a generated ExternalSecret (a CRD-typed object)', async () => {
    const object = changed('ExternalSecret', (copy) => {
      at(copy, 'spec').refreshIntervall = '1h';
    });
    const created = await server.client.dryRunCreate(object);
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ reason: 'BadRequest' });
    expect((created.body as ApiStatus).message).toContain('strict decoding error: unknown field "spec.refreshIntervall"');
    const applied = await server.client.apply(object, { dryRun: true });
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
    for (const answer of [await server.client.dryRunCreate(object), await server.client.apply(object, { dryRun: true })]) {
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
    const answer = await server.client.dryRunCreate(pod);
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
    const { failures } = await applyObjects(server.client, [...namespace, { file, object: deployment }]);
    const object = `Deployment ${deployment.metadata.namespace ?? ''}/${deployment.metadata.name}`;
    expect(failures).toEqual([
      { file, object, problem: expect.stringMatching(/^create: warning: would violate PodSecurity "restricted:latest": .*privileged/) as unknown },
      { file, object, problem: expect.stringMatching(/^server-side apply: warning: would violate PodSecurity "restricted:latest": .*privileged/) as unknown },
      { file, object, problem: expect.stringMatching(/^as a Pod: HTTP 403 Forbidden: .*violates PodSecurity "restricted:latest"/) as unknown },
    ]);
  });
});

describe('a CRD version that rejects a generated object', () => {
  it('fails the stage, naming each object it rejects', async () => {
    // A copy of the group's CRDs in which cert-manager's Certificate no longer knows spec.dnsNames,
    // as a release that renamed the field would ship, read through PLATFORM_CRDS_DIR.
    const directory = mkdtempSync(path.join(os.tmpdir(), 'apiserver-stage-crds-'));
    const saved = process.env.PLATFORM_CRDS_DIR;
    let changedFiles = 0;
    try {
      for (const { source, version } of group.crds) {
        mkdirSync(path.join(directory, source.project, version), { recursive: true });
        for (const file of await crdFileNames(source, version)) {
          let text = await crdFile(source, version, file);
          if (source.project === 'cert-manager' && file === 'cert-manager.io_certificates.yaml') {
            text = parseAllDocuments(text)
              .map((doc) => {
                const crd = doc.toJS() as { spec: { versions: { schema: { openAPIV3Schema: unknown } }[] } };
                for (const version of crd.spec.versions) delete at(version.schema.openAPIV3Schema, 'properties', 'spec', 'properties').dnsNames;
                return stringify(crd);
              })
              .join('---\n');
            changedFiles++;
          }
          writeFileSync(path.join(directory, source.project, version, file), text);
        }
      }
      expect(changedFiles).toBe(1);
      process.env.PLATFORM_CRDS_DIR = directory;
      const bumped = await startApiServer(inject('kubeApiserver'), inject('etcdUrl'), 'registry-bumped');
      try {
        const report = await validateGroup(bumped.client, group);
        const certificates = group.objects.filter(({ object }) => object.kind === 'Certificate').sort((a, b) => a.file.localeCompare(b.file));
        expect(certificates.length).toBeGreaterThan(0);
        expect([...report.failures].sort((a, b) => a.file.localeCompare(b.file) || a.problem.localeCompare(b.problem))).toEqual(
          certificates.flatMap(({ file, object }) =>
            [/^create: HTTP 400 BadRequest: .*unknown field "spec\.dnsNames"/, /^server-side apply: HTTP 500 : .*\.spec\.dnsNames: field not declared in schema/].map((problem) => ({
              file,
              object: `Certificate ${object.metadata.namespace ?? ''}/${object.metadata.name}`,
              problem: expect.stringMatching(problem) as unknown,
            })),
          ),
        );
      } finally {
        await bumped.stop();
      }
    } finally {
      if (saved === undefined) delete process.env.PLATFORM_CRDS_DIR;
      else process.env.PLATFORM_CRDS_DIR = saved;
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
