import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/synth.js';
import { environments, objectsOf } from './support/objects.js';

// The first sync of an empty namespace must complete in one go, and every later sync must
// migrate before the new pods roll. Argo CD orders a sync by phase (PreSync, Sync, PostSync),
// then by wave, and applies a wave only when every object of the earlier waves is Healthy.
// These invariants state that order over the generated objects.

const hookAnnotation = 'argocd.argoproj.io/hook';
const hookDeletePolicyAnnotation = 'argocd.argoproj.io/hook-delete-policy';
const waveAnnotationKey = 'argocd.argoproj.io/sync-wave';

/**
 * Kinds a later wave can rely on once Argo CD calls them Healthy: plain configuration, usable
 * the moment it exists, plus the custom resources with a health check in Argo CD's
 * resource_customizations at the pinned version (v3.5.1: external-secrets.io/ExternalSecret
 * Ready condition, postgresql.cnpg.io/Cluster "Cluster in healthy state"). A custom resource
 * without one would count as Healthy the moment it exists.
 */
const healthChecked = new Set(['Namespace', 'ServiceAccount', 'ConfigMap', 'networking.k8s.io/NetworkPolicy', 'external-secrets.io/ExternalSecret', 'postgresql.cnpg.io/Cluster']);

function kindKey(object: KubeObject): string {
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  return group ? `${group}/${object.kind}` : object.kind;
}

function waveOf(object: KubeObject): number {
  const value = object.metadata.annotations?.[waveAnnotationKey] ?? '0';
  const wave = Number(value);
  if (!Number.isInteger(wave)) throw new Error(`${object.kind} ${object.metadata.name}: sync wave ${value} is not an integer`);
  return wave;
}

function phaseOf(object: KubeObject): string {
  return object.metadata.annotations?.[hookAnnotation] ?? 'Sync';
}

interface JobShape {
  spec: {
    template: {
      spec: {
        serviceAccountName: string;
        containers: { env?: { valueFrom?: { secretKeyRef?: { name: string }; configMapKeyRef?: { name: string } } }[]; envFrom?: { secretRef?: { name: string }; configMapRef?: { name: string } }[] }[];
      };
    };
  };
}

/** The objects that put a Secret of this name into the namespace. */
function secretSources(objects: readonly KubeObject[], secretName: string): KubeObject[] {
  return objects.filter((o) => o.kind === 'ExternalSecret' && (o as unknown as { spec: { target: { name: string } } }).spec.target.name === secretName);
}

describe.each(environments.map((env) => [env.name, env] as const))('sync order of %s', (_name, env) => {
  const objects = objectsOf(env);
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const one = (kind: string) => {
    const found = byKind(kind);
    expect(found, kind).toHaveLength(1);
    return found[0] as KubeObject;
  };
  const job = one('Job');
  const jobWave = waveOf(job);
  const cluster = one('Cluster');
  const deployment = one('Deployment');

  it('has no PreSync hook: nothing of the Sync phase exists yet when PreSync runs', () => {
    expect(objects.filter((o) => phaseOf(o) === 'PreSync').map((o) => `${o.kind} ${o.metadata.name}`)).toEqual([]);
  });

  it('runs the migration as a Sync-phase hook, replaced on every sync and kept for its logs', () => {
    expect(phaseOf(job)).toBe('Sync');
    expect(job.metadata.annotations?.[hookDeletePolicyAnnotation]).toBe('BeforeHookCreation');
    expect(objects.filter((o) => o.metadata.annotations?.[hookAnnotation] !== undefined)).toEqual([job]);
  });

  it('migrates only after the database is healthy', () => {
    expect(healthChecked.has(kindKey(cluster))).toBe(true);
    expect(waveOf(cluster)).toBeLessThan(jobWave);
  });

  it('migrates only after everything the Job reads exists and is healthy', () => {
    const spec = (job as unknown as JobShape).spec.template.spec;
    const secrets = spec.containers.flatMap((c) => [...(c.env ?? []).map((e) => e.valueFrom?.secretKeyRef?.name), ...(c.envFrom ?? []).map((e) => e.secretRef?.name)]).filter((n) => n !== undefined);
    const configMaps = spec.containers.flatMap((c) => [...(c.env ?? []).map((e) => e.valueFrom?.configMapKeyRef?.name), ...(c.envFrom ?? []).map((e) => e.configMapRef?.name)]).filter((n) => n !== undefined);
    expect(secrets.length).toBeGreaterThan(0);
    const needed = [
      ...objects.filter((o) => o.kind === 'ServiceAccount' && o.metadata.name === spec.serviceAccountName),
      ...configMaps.flatMap((name) => objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.name === name)),
      ...secrets.flatMap((name) => secretSources(objects, name)),
      // The Job's egress to DNS and the database is allowed by NetworkPolicies; without them default deny holds.
      ...byKind('NetworkPolicy'),
      one('Namespace'),
    ];
    expect(needed.filter((o) => o.kind === 'ServiceAccount')).toHaveLength(1);
    expect(needed.filter((o) => o.kind === 'ConfigMap')).toHaveLength(new Set(configMaps).size);
    expect(needed.filter((o) => o.kind === 'ExternalSecret')).toHaveLength(new Set(secrets).size);
    for (const object of needed) {
      expect(phaseOf(object), `${object.kind} ${object.metadata.name}`).toBe('Sync');
      expect(healthChecked.has(kindKey(object)), `${object.kind} has a health check`).toBe(true);
      expect(waveOf(object), `${object.kind} ${object.metadata.name} before the migration`).toBeLessThan(jobWave);
    }
  });

  it('creates the database only after its credentials Secret is healthy', () => {
    const secretName = (cluster as unknown as { spec: { bootstrap: { initdb: { secret: { name: string } } } } }).spec.bootstrap.initdb.secret.name;
    const sources = secretSources(objects, secretName);
    expect(sources).toHaveLength(1);
    for (const source of sources) expect(waveOf(source)).toBeLessThan(waveOf(cluster));
  });

  it('rolls the new pods only after the migration finished', () => {
    expect(waveOf(deployment)).toBeGreaterThan(jobWave);
    for (const object of objects.filter((o) => ['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'].includes(o.kind))) {
      expect(waveOf(object), `${object.kind} ${object.metadata.name}`).toBeGreaterThan(jobWave);
    }
  });

  it('creates the Namespace before anything in it', () => {
    const namespaceWave = waveOf(one('Namespace'));
    for (const object of objects.filter((o) => o.kind !== 'Namespace')) expect(waveOf(object), `${object.kind} ${object.metadata.name}`).toBeGreaterThan(namespaceWave);
  });

  it('does not hold the database or the migration back for a TLS certificate (issuing needs DNS and the gateway)', () => {
    for (const certificate of byKind('Certificate')) expect(waveOf(certificate)).toBeGreaterThan(jobWave);
  });
});
