import { describe, expect, inject, it } from 'vitest';
import { describeReleases, validationGroups } from './support/groups.js';
import { startApiServer } from './support/processes.js';
import { acceptedWarnings, validateGroup, type AcceptedWarning, type Failure } from './support/validate.js';

// Every object of manifests/<env>/ and argocd/, applied to a real kube-apiserver with the CRDs
// its cluster pins (server-side apply, dryRun=All, fieldValidation=Strict, restricted namespaces,
// workloads' pod templates as Pods). One line per group: counts and times.

const groups = validationGroups();
const usedRules = new Set<AcceptedWarning>();

function format(failures: readonly Failure[]): string[] {
  return failures.map(({ file, object, problem }) => `${file}: ${object}: ${problem}`);
}

describe('the API server accepts every generated and hand-written object', () => {
  it('has a group for every environment and one for the management cluster', () => {
    expect(groups.at(-1)?.name).toMatch(/^management/);
    expect(groups.slice(0, -1).flatMap((group) => group.name.replace(/^clusters /, '').split('+')).sort()).toEqual(['dev', 'prod', 'stage']);
  });

  it.each(groups.map((group, index) => [group.name, group, index] as const))('%s', async (_name, group, index) => {
    const started = performance.now();
    const server = await startApiServer(inject('kubeApiserver'), inject('etcdUrl'), `registry-group-${String(index)}`);
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
      await server.stop();
    }
  });

  it('needs every accepted warning rule (a rule nothing triggers any more is removed)', () => {
    expect(acceptedWarnings.filter((rule) => !usedRules.has(rule)).map((rule) => rule.reason)).toEqual([]);
  });
});
