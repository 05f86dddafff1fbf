import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { describe, expect, inject, it } from 'vitest';
import { crdFile, crdFileNames } from '../support/crds.js';
import { clusterGroups, type ValidationGroup } from './support/groups.js';
import { startApiServer } from './support/processes.js';
import { validateGroup } from './support/validate.js';

// A version bump whose CRDs reject a generated object must fail the stage. Simulated with a copy
// of cert-manager's CRDs at the pinned version in which Certificate no longer knows spec.dnsNames
// (as a release that renamed the field would ship), read the way the stage reads CRDs, through
// PLATFORM_CRDS_DIR. The stage's own procedure (validateGroup) runs on the first environments'
// group narrowed to what the change concerns: cert-manager's CRDs, the Namespaces and the
// Certificates (stage.test.ts shows the same objects pass with the unchanged CRDs).

type Json = Record<string, unknown>;
const at = (value: unknown, ...keys: string[]): Json => keys.reduce<Json>((node, key) => node[key] as Json, value as Json);

const fullGroup = clusterGroups()[0] as ValidationGroup;
const certManager = fullGroup.crds.filter(({ source }) => source.project === 'cert-manager');
const group: ValidationGroup = {
  name: `${fullGroup.name}, cert-manager only`,
  crds: certManager,
  objects: fullGroup.objects.filter(({ object }) => object.kind === 'Namespace' || object.kind === 'Certificate'),
};

describe('a CRD version that rejects a generated object', () => {
  it('fails the stage, naming each object it rejects', async () => {
    // A copy of the group's CRDs in which cert-manager's Certificate no longer knows spec.dnsNames,
    // as a release that renamed the field would ship, read through PLATFORM_CRDS_DIR.
    const directory = mkdtempSync(path.join(os.tmpdir(), 'apiserver-stage-crds-'));
    const saved = process.env.PLATFORM_CRDS_DIR;
    let changedFiles = 0;
    try {
      expect(certManager).toHaveLength(1);
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
      const bumped = await startApiServer(inject('kubeApiserver'), inject('etcdUrl'), 'registry-bumped', inject('runDirectory'));
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
