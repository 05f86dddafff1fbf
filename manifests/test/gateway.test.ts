import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '@storefront/app/config';
import { platformAddOns } from '../src/argocd/platform.js';
import { platform } from '../src/names.js';
import { repositoryRoot } from '../src/repository.js';
import { environments, find, objectsOf, readYamlDocuments, yamlFilesUnder } from './support/objects.js';
import { validateObject } from './support/validate.js';

// argocd/gateway/ is written by hand (like argocd/platform/): these tests hold it to the names
// the generated manifests use, and the Gateway's upstream idle timeout below the shop's
// keep-alive timeout.

interface Metadata {
  name: string;
  namespace?: string;
  annotations?: Record<string, string>;
}
interface GatewayObject {
  kind: 'Gateway';
  metadata: Metadata;
  spec: {
    gatewayClassName: string;
    allowedListeners: { namespaces: { from: string; selector?: { matchLabels: Record<string, string> } } };
    listeners: { name: string; protocol: string; port: number; allowedRoutes: { namespaces: { from: string; selector?: { matchLabels: Record<string, string> } } } }[];
  };
}
interface GatewayClassObject {
  kind: 'GatewayClass';
  metadata: Metadata;
  spec: { controllerName: string };
}
interface BackendTrafficPolicyObject {
  kind: 'BackendTrafficPolicy';
  metadata: Metadata;
  spec: { targetRefs: { group: string; kind: string; name: string }[]; timeout: { http: { connectionIdleTimeout: string } } };
}

const files = yamlFilesUnder(path.join(repositoryRoot, 'argocd', 'gateway'));
const objects = files.flatMap((file) => readYamlDocuments(file)) as (GatewayObject | GatewayClassObject | BackendTrafficPolicyObject)[];
const only = <K extends string>(kind: K) => {
  const found = objects.filter((o) => o.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as Extract<(typeof objects)[number], { kind: K }>;
};

/** A Gateway API / Envoy Gateway duration (`1h`, `60s`, `500ms`, combined) in milliseconds. */
function milliseconds(duration: string): number {
  const parts = [...duration.matchAll(/(\d+)(ms|h|m|s)/g)];
  if (parts.map((p) => p[0]).join('') !== duration) throw new Error(`not a duration: ${duration}`);
  const unit = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;
  return parts.reduce((sum, [, value, suffix]) => sum + Number(value) * unit[suffix as keyof typeof unit], 0);
}

describe('the platform Gateway (argocd/gateway/)', () => {
  const gatewayClass = only('GatewayClass');
  const gateway = only('Gateway');
  const policy = only('BackendTrafficPolicy');

  it('holds exactly a GatewayClass, the Gateway and its BackendTrafficPolicy, each valid against its schema', () => {
    expect(objects.map((o) => o.kind).sort()).toEqual(['BackendTrafficPolicy', 'Gateway', 'GatewayClass']);
    for (const object of objects) expect(validateObject(object)).toEqual([]);
  });

  it('is run by Envoy Gateway, in the namespace of its add-on (where its proxies run)', () => {
    expect(gatewayClass.metadata.name).toBe(platform.gateway.className);
    expect(gatewayClass.spec.controllerName).toBe(platform.gateway.controllerName);
    expect(gateway.spec.gatewayClassName).toBe(platform.gateway.className);
    expect(gateway.metadata).toMatchObject({ name: platform.gateway.name, namespace: platform.gateway.namespace });
    expect(platformAddOns.find((addOn) => addOn.chart === 'gateway-helm')?.namespace).toBe(platform.gateway.namespace);
  });

  it('is synced after the add-ons, and waits for their CRDs instead of failing the dry run', () => {
    for (const object of objects) {
      expect(Number(object.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBeGreaterThan(-1);
      expect(object.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('SkipDryRunOnMissingResource=true');
    }
  });

  it('owns only the plain-HTTP listener; listeners and routes attach only from labelled namespaces, which every environment is', () => {
    expect(gateway.spec.listeners.map((l) => [l.name, l.protocol, l.port])).toEqual([[platform.gateway.httpListener, 'HTTP', 80]]);
    const selector = { from: 'Selector', selector: { matchLabels: platform.gateway.namespaceLabels } };
    expect(gateway.spec.allowedListeners.namespaces).toEqual(selector);
    expect(gateway.spec.listeners[0]?.allowedRoutes.namespaces).toEqual(selector);
    for (const env of environments) {
      const namespace = find<{ metadata: { labels: Record<string, string> } }>(objectsOf(env), 'Namespace');
      expect(namespace.metadata.labels).toMatchObject(platform.gateway.namespaceLabels);
    }
  });

  it('closes idle upstream connections before the shop does, in every environment', () => {
    expect(policy.metadata.namespace).toBe(gateway.metadata.namespace);
    expect(policy.spec.targetRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: gateway.metadata.name }]);
    const gatewayIdleMs = milliseconds(policy.spec.timeout.http.connectionIdleTimeout);
    for (const env of environments) {
      const configMap = find<{ data: Record<string, string> }>(objectsOf(env), 'ConfigMap');
      const secrets = { DATABASE_URL: 'postgresql://app:pw@db:5432/app', SESSION_SECRET: 'x'.repeat(48), ADMIN_PASSWORD_HASH: `scrypt$15$8$1$${'A'.repeat(22)}$${'B'.repeat(44)}` };
      const keepAliveMs = configSchema.parse({ ...configMap.data, ...secrets }).KEEP_ALIVE_TIMEOUT_MS;
      console.log(`${env.name}: gateway upstream idle timeout ${String(gatewayIdleMs)} ms < shop keep-alive ${String(keepAliveMs)} ms`);
      expect(gatewayIdleMs).toBeLessThan(keepAliveMs);
    }
  });

  it('is reached only by the objects it names: HTTPRoutes on its http listener, ListenerSets on it', () => {
    for (const env of environments) {
      const refs = objectsOf(env).flatMap((o) => {
        const spec = o.spec as { parentRef?: { name: string; namespace?: string }; parentRefs?: { kind?: string; name: string; namespace?: string; sectionName?: string }[] } | undefined;
        return [...(spec?.parentRef ? [{ ...spec.parentRef, kind: 'Gateway' }] : []), ...(spec?.parentRefs ?? [])];
      });
      for (const ref of refs.filter((r) => r.kind === 'Gateway')) {
        expect(ref).toMatchObject({ name: gateway.metadata.name, namespace: gateway.metadata.namespace });
        if ('sectionName' in ref && ref.sectionName !== undefined) expect(gateway.spec.listeners.map((l) => l.name)).toContain(ref.sectionName);
      }
    }
  });
});

describe('the CRD validator for Envoy Gateway kinds', () => {
  const policy = only('BackendTrafficPolicy');

  it('rejects an unknown (misspelt) field', () => {
    const broken = structuredClone(policy) as unknown as { spec: { timeout: { http: Record<string, unknown> } } };
    broken.spec.timeout.http = { conectionIdleTimeout: '60s' };
    expect(validateObject(broken)).toEqual(['gateway.envoyproxy.io/v1alpha1/BackendTrafficPolicy: unknown field /spec/timeout/http/conectionIdleTimeout']);
  });

  it('rejects a malformed duration', () => {
    const broken = structuredClone(policy) as unknown as { spec: { timeout: { http: Record<string, unknown> } } };
    broken.spec.timeout.http = { connectionIdleTimeout: 'one minute' };
    expect(validateObject(broken).join('\n')).toMatch(/connectionIdleTimeout must match pattern/);
  });
});
