import { describe, expect, it } from 'vitest';
import { configKeys, configSchema, databaseConfigSchema, requiredConfigKeys } from '@storefront/app/config';
import { createMetrics } from '@storefront/app/metrics';
import { appSettingValue, type Environment } from '@storefront/environments';
import { acmeSolverPodLabels } from '../src/constructs/network-policies.js';
import { databasePodLabels, names, platform, ports } from '../src/names.js';
import { all, environments, find, objectsOf, selects, type Container, type LabelSelector, type Workload } from './support/objects.js';

// Rules every environment must keep, checked on the synthesized objects.

interface NetworkPolicyObject {
  metadata: { name: string };
  spec: {
    podSelector: LabelSelector;
    policyTypes: string[];
    ingress?: { from?: { namespaceSelector?: LabelSelector; podSelector?: LabelSelector }[]; ports?: { port: number | string }[] }[];
    egress?: { to?: { namespaceSelector?: LabelSelector; podSelector?: LabelSelector }[]; ports?: { port: number | string; protocol: string }[] }[];
  };
}
interface ListenerSetObject {
  metadata: { name: string };
  spec: { parentRef: Record<string, string>; listeners: Record<string, unknown>[] };
}
interface HttpRouteObject {
  metadata: { name: string };
  spec: { parentRefs: Record<string, string>[]; hostnames: string[]; rules: { backendRefs?: { kind?: string; name: string; port: number }[]; filters?: unknown[] }[] };
}
interface ServiceObject {
  metadata: { name: string; labels: Record<string, string> };
  spec: { selector: Record<string, string>; ports: { name: string; port: number; targetPort: string | number }[] };
}

const digestImage = /^[a-z0-9./-]+@sha256:[0-9a-f]{64}$/;

function workloads(env: Environment): Workload[] {
  return [...all<Workload>(objectsOf(env), 'Deployment'), ...all<Workload>(objectsOf(env), 'Job')];
}

function containersOf(workload: Workload): Container[] {
  return [...workload.spec.template.spec.containers, ...(workload.spec.template.spec.initContainers ?? [])];
}

describe.each(environments.map((env) => [env.name, env] as const))('%s', (_name, env) => {
  const objects = objectsOf(env);
  const deployment = find<Workload>(objects, 'Deployment', names.deployment);
  const web = deployment.spec.template.spec.containers[0];
  if (!web) throw new Error('the Deployment has no container');
  const configMap = find<{ data: Record<string, string> }>(objects, 'ConfigMap', names.configMap);

  describe('pods', () => {
    it.each(workloads(env).map((w) => [`${w.kind} ${w.metadata.name}`, w] as const))('%s runs non-root, read-only, without capabilities, with RuntimeDefault seccomp', (_label, workload) => {
      const pod = workload.spec.template.spec;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const container of containersOf(workload)) {
        expect(container.securityContext).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(container.securityContext?.capabilities?.add).toBeUndefined();
        expect(container.securityContext?.privileged).not.toBe(true);
      }
    });

    it.each(workloads(env).map((w) => [`${w.kind} ${w.metadata.name}`, w] as const))('%s pins its image by digest, never a mutable tag', (_label, workload) => {
      for (const container of containersOf(workload)) {
        expect(container.image).toMatch(digestImage);
        expect(container.image.split('@')[0]).not.toMatch(/:[^/]+$/);
      }
    });

    it.each(workloads(env).map((w) => [`${w.kind} ${w.metadata.name}`, w] as const))('%s sets CPU and memory requests and limits', (_label, workload) => {
      for (const container of containersOf(workload)) {
        expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
        expect(Object.keys(container.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
      }
    });

    it.each(workloads(env).map((w) => [`${w.kind} ${w.metadata.name}`, w] as const))('%s can write only to /tmp, an emptyDir', (_label, workload) => {
      const volumes = workload.spec.template.spec.volumes ?? [];
      for (const container of containersOf(workload)) {
        for (const mount of container.volumeMounts ?? []) {
          expect(mount.mountPath).toBe('/tmp');
          expect(volumes.find((v) => v.name === mount.name)?.emptyDir).toBeDefined();
        }
      }
    });

    it('the service account mounts no token', () => {
      expect(find<{ automountServiceAccountToken?: boolean }>(objects, 'ServiceAccount', names.serviceAccount).automountServiceAccountToken).toBe(false);
    });

    it('Argo CD never prunes or deletes the objects that hold data: the Namespace and the database', () => {
      for (const kind of ['Namespace', 'Cluster']) {
        const object = find<{ metadata: { annotations?: Record<string, string> } }>(objects, kind);
        expect(object.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
      }
    });

    it('the namespace enforces the restricted Pod Security Standard', () => {
      const namespace = find<{ metadata: { labels: Record<string, string> } }>(objects, 'Namespace');
      expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    });
  });

  describe('the web Deployment', () => {
    it('probes /healthz for startup and liveness and /readyz for readiness on the http port', () => {
      expect(web.startupProbe?.httpGet).toEqual({ path: '/healthz', port: ports.http.name });
      expect(web.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: ports.http.name });
      expect(web.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: ports.http.name });
      expect(web.ports).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'http', containerPort: 8080 }), expect.objectContaining({ name: 'metrics', containerPort: 9464 })]));
    });

    it('gives the app\'s drain delay plus its shutdown timeout room within the grace period, with no preStop delay on top', () => {
      // The app drains itself on SIGTERM; a preStop sleep would hold readiness up and keep-alive
      // connections open while it waits.
      expect(web.lifecycle?.preStop).toBeUndefined();
      const drainMs = Number(configMap.data.SHUTDOWN_DRAIN_DELAY_MS);
      const shutdownMs = Number(configMap.data.SHUTDOWN_TIMEOUT_MS);
      expect(drainMs).toBeGreaterThanOrEqual(5_000);
      expect(shutdownMs).toBe(appSettingValue(env.app, 'SHUTDOWN_TIMEOUT_MS'));
      expect(drainMs + shutdownMs).toBeLessThan((deployment.spec.template.spec.terminationGracePeriodSeconds ?? 30) * 1000);
    });

    it('spreads pods across zones and nodes', () => {
      const keys = (deployment.spec.template.spec.topologySpreadConstraints ?? []).map((c) => c.topologyKey);
      expect(keys).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
      for (const constraint of deployment.spec.template.spec.topologySpreadConstraints ?? []) expect(selects(constraint.labelSelector, deployment.spec.template.metadata.labels)).toBe(true);
    });

    it('leaves the replica count to the HorizontalPodAutoscaler', () => {
      expect(deployment.spec.replicas).toBeUndefined();
      const hpa = find<{ spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number; maxReplicas: number } }>(objects, 'HorizontalPodAutoscaler');
      expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: names.deployment });
      expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([env.autoscaling.minReplicas, env.autoscaling.maxReplicas]);
    });

    it('has a PodDisruptionBudget over its pods wherever it runs more than one replica, and it never blocks every eviction', () => {
      const budgets = all<{ spec: { selector: LabelSelector; maxUnavailable?: number; minAvailable?: number } }>(objects, 'PodDisruptionBudget');
      const covering = budgets.filter((b) => selects(b.spec.selector, deployment.spec.template.metadata.labels));
      if (env.autoscaling.minReplicas > 1) expect(covering).toHaveLength(1);
      for (const budget of covering) {
        expect(budget.spec.maxUnavailable).toBeGreaterThanOrEqual(1);
        if (env.autoscaling.minReplicas > 1) expect(budget.spec.maxUnavailable).toBeLessThan(env.autoscaling.minReplicas);
      }
    });
  });

  describe('environment variables against the app\'s config schema (@storefront/app/config)', () => {
    const names_ = [...Object.keys(configMap.data), ...(web.env ?? []).map((e) => e.name)];

    it('sets only variables the app knows, each once', () => {
      expect(names_.filter((n) => !(configKeys as readonly string[]).includes(n))).toEqual([]);
      expect(new Set(names_).size).toBe(names_.length);
      expect(web.envFrom).toEqual([{ configMapRef: { name: names.configMap } }]);
    });

    it('names the release the pod runs (image digest and revision of the environment file) for storefront_build_info', () => {
      const value = (name: string) => web.env?.find((e) => e.name === name)?.value;
      expect(value('RELEASE_DIGEST')).toBe(env.image.digest);
      expect(value('RELEASE_REVISION')).toBe(env.image.revision);
      expect(env.image.digest === undefined || web.image.endsWith(`@${env.image.digest}`)).toBe(true);
    });

    it('copies the environment file\'s app settings into the ConfigMap as written', () => {
      expect(Object.keys(env.app).length).toBeGreaterThan(0);
      for (const [key, value] of Object.entries(env.app)) expect(configMap.data[key], key).toBe(value);
    });

    it('sets every variable the app requires', () => {
      expect(requiredConfigKeys.filter((key) => !names_.includes(key))).toEqual([]);
    });

    it('never sets the local-run-only MIGRATE_ON_START or SEED_ON_START: clusters migrate with the Sync-phase hook Job', () => {
      expect(names_).not.toContain('MIGRATE_ON_START');
      expect(names_).not.toContain('SEED_ON_START');
    });

    it('takes DATABASE_URL, SESSION_SECRET and ADMIN_PASSWORD_HASH from the Secret the ExternalSecret creates', () => {
      const secretRefs = (web.env ?? []).filter((e) => e.valueFrom !== undefined).map((e) => [e.name, e.valueFrom?.secretKeyRef?.name, e.valueFrom?.secretKeyRef?.key]);
      expect(secretRefs).toEqual(['DATABASE_URL', 'SESSION_SECRET', 'ADMIN_PASSWORD_HASH'].map((key) => [key, names.appSecret, key]));
      const externalSecret = find<{ spec: { target: { name: string; template: { data: Record<string, string> } } } }>(objects, 'ExternalSecret', names.appSecret);
      expect(externalSecret.spec.target.name).toBe(names.appSecret);
      expect(Object.keys(externalSecret.spec.target.template.data).sort()).toEqual(['ADMIN_PASSWORD_HASH', 'DATABASE_URL', 'SESSION_SECRET']);
    });

    it('parses with the app\'s own schema into the container contract', () => {
      const secrets = { DATABASE_URL: 'postgresql://app:pw@storefront-db-rw:5432/app', SESSION_SECRET: 'x'.repeat(48), ADMIN_PASSWORD_HASH: `scrypt$15$8$1$${'A'.repeat(22)}$${'B'.repeat(44)}` };
      const config = configSchema.parse({ ...configMap.data, ...secrets });
      expect(config).toMatchObject({ HOST: '0.0.0.0', PORT: 8080, METRICS_PORT: 9464, TRUST_PROXY: { hops: 1 }, PUBLIC_URL: `https://${env.host}`, LOG_LEVEL: appSettingValue(env.app, 'LOG_LEVEL'), MIGRATE_ON_START: false, SEED_ON_START: false });
    });

    it('gives the migration Job only what the database commands read', () => {
      const job = find<Workload>(objects, 'Job', names.migrationJob);
      const container = job.spec.template.spec.containers[0];
      expect(container?.command).toEqual(['node', 'dist/cli/migrate.js']);
      expect(container?.image).toBe(web.image);
      const jobEnv = (container?.env ?? []).map((e) => e.name).sort();
      expect(jobEnv).toEqual(['DATABASE_URL', 'LOG_LEVEL']);
      expect(jobEnv.filter((n) => !Object.keys(databaseConfigSchema.shape).includes(n))).toEqual([]);
      expect(job.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'Sync' });
    });
  });

  describe('network', () => {
    const policies = all<NetworkPolicyObject>(objects, 'NetworkPolicy');
    const podLabelSets: [string, Record<string, string>][] = [
      ...workloads(env).map((w): [string, Record<string, string>] => [`${w.kind} ${w.metadata.name}`, w.spec.template.metadata.labels]),
      ['database pods', databasePodLabels()],
      ['ACME HTTP-01 solver pods', { ...acmeSolverPodLabels }],
    ];

    it('denies all ingress and egress by default', () => {
      expect(policies.find((p) => p.metadata.name === 'default-deny')?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    });

    it.each(podLabelSets)('a NetworkPolicy selects the %s', (_label, labels) => {
      const selecting = policies.filter((p) => selects(p.spec.podSelector, labels));
      expect(selecting.some((p) => p.spec.policyTypes.includes('Ingress'))).toBe(true);
      expect(selecting.some((p) => p.spec.policyTypes.includes('Egress'))).toBe(true);
    });

    it('lets the web pods receive only HTTP from the Envoy proxies of the Gateway and metrics from monitoring', () => {
      const webLabels = deployment.spec.template.metadata.labels;
      const rules = policies.filter((p) => selects(p.spec.podSelector, webLabels)).flatMap((p) => p.spec.ingress ?? []);
      const allowed = rules.map((r) => [r.from?.map((f) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name']), r.ports?.map((p) => p.port)]);
      expect(allowed).toEqual([
        [[platform.gateway.namespace], [8080]],
        [['monitoring'], [9464]],
      ]);
      // Only the proxies of the storefront Gateway, not any pod of Envoy Gateway's namespace.
      expect(rules[0]?.from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': platform.gateway.namespace } }, podSelector: { matchLabels: platform.gateway.podLabels } }]);
      expect(platform.gateway.podLabels).toMatchObject({ 'gateway.envoyproxy.io/owning-gateway-name': platform.gateway.name, 'gateway.envoyproxy.io/owning-gateway-namespace': platform.gateway.namespace });
    });

    it('lets the Gateway reach the HTTP-01 solver pods of cert-manager, and nothing else reach them', () => {
      const rules = policies.filter((p) => selects(p.spec.podSelector, acmeSolverPodLabels)).flatMap((p) => p.spec.ingress ?? []);
      expect(rules.map((r) => r.from)).toEqual([[{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': platform.gateway.namespace } }, podSelector: { matchLabels: platform.gateway.podLabels } }]]);
    });

    it('lets the app pods reach only DNS, the database and the trace collector', () => {
      const webLabels = deployment.spec.template.metadata.labels;
      const egress = policies.filter((p) => selects(p.spec.podSelector, webLabels)).flatMap((p) => p.spec.egress ?? []);
      expect(egress.map((r) => r.ports?.map((p) => `${p.protocol}/${String(p.port)}`))).toEqual([['UDP/53', 'TCP/53'], ['TCP/5432'], [`TCP/${new URL(env.tracing.endpoint).port}`]]);
      expect(egress[1]?.to).toEqual([{ podSelector: { matchLabels: databasePodLabels() } }]);
      const collectorNamespace = new URL(env.tracing.endpoint).hostname.split('.')[1];
      expect(egress[2]?.to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': collectorNamespace } } }]);
      expect(configMap.data.OTEL_EXPORTER_OTLP_ENDPOINT).toBe(env.tracing.endpoint);
      expect(configMap.data.OTEL_TRACES_SAMPLER_ARG).toBe(String(env.tracing.samplingRatio));
    });
  });

  describe('exposure', () => {
    const services = all<ServiceObject>(objects, 'Service');
    const listenerSet = find<ListenerSetObject>(objects, 'ListenerSet');
    const routes = all<HttpRouteObject>(objects, 'HTTPRoute');
    const route = find<HttpRouteObject>(objects, 'HTTPRoute', names.route);
    const redirect = find<HttpRouteObject>(objects, 'HTTPRoute', names.redirectRoute);

    it('serves https://<host> on its own listener of the shared Gateway, with the certificate cert-manager issues for it', () => {
      expect(listenerSet.spec.parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: platform.gateway.name, namespace: platform.gateway.namespace });
      expect(listenerSet.spec.listeners).toEqual([
        expect.objectContaining({ name: platform.gateway.httpsListener, hostname: env.host, port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: names.tlsSecret }] } }),
      ]);
      const certificate = find<{ spec: { secretName: string; dnsNames: string[]; issuerRef: { kind: string; name: string } } }>(objects, 'Certificate');
      expect(certificate.spec).toMatchObject({ secretName: names.tlsSecret, dnsNames: [env.host], issuerRef: { kind: 'ClusterIssuer', name: env.tls.clusterIssuer } });
      expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: listenerSet.metadata.name, sectionName: platform.gateway.httpsListener }]);
      expect(route.spec.hostnames).toEqual([env.host]);
    });

    it('answers plain HTTP for the host only with a redirect to HTTPS', () => {
      expect(redirect.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: platform.gateway.name, namespace: platform.gateway.namespace, sectionName: platform.gateway.httpListener }]);
      expect(redirect.spec.hostnames).toEqual([env.host]);
      expect(redirect.spec.rules).toEqual([{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }]);
    });

    it('lets the namespace attach to the Gateway', () => {
      expect(find<{ metadata: { labels: Record<string, string> } }>(objects, 'Namespace').metadata.labels).toMatchObject(platform.gateway.namespaceLabels);
    });

    it('never routes to the metrics port', () => {
      const metricsTargets = new Set<string | number>([ports.metrics.name, ports.metrics.port]);
      const backends = routes.flatMap((r) => r.spec.rules.flatMap((rule) => rule.backendRefs ?? []));
      expect(backends.length).toBeGreaterThan(0);
      for (const backend of backends) {
        expect(backend.kind ?? 'Service').toBe('Service');
        const service = services.find((s) => s.metadata.name === backend.name);
        expect(service).toBeDefined();
        const port = service?.spec.ports.find((p) => p.port === backend.port);
        expect(port).toBeDefined();
        expect(metricsTargets.has(port?.targetPort ?? '')).toBe(false);
        for (const servicePort of service?.spec.ports ?? []) expect(metricsTargets.has(servicePort.targetPort)).toBe(false);
      }
    });

    it('lets the ServiceMonitor scrape the metrics port of the metrics Service', () => {
      const monitor = find<{ spec: { selector: LabelSelector; endpoints: { port: string; path: string }[] } }>(objects, 'ServiceMonitor');
      const scraped = services.filter((s) => selects(monitor.spec.selector, s.metadata.labels));
      expect(scraped.map((s) => s.metadata.name)).toEqual([names.metricsService]);
      expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'metrics', path: '/metrics' })]);
      expect(scraped[0]?.spec.ports.map((p) => p.name)).toEqual(['metrics']);
    });
  });

  describe('alerts', () => {
    const rule = find<{ spec: { groups: { name: string; rules: { alert?: string; record?: string; expr: string; for?: string }[] }[] } }>(objects, 'PrometheusRule');
    const alerts = rule.spec.groups.filter((g) => g.name === `storefront.${env.name}`).flatMap((g) => g.rules);
    const rules = rule.spec.groups.flatMap((g) => g.rules);

    it('cover error rate, p95 latency, restarts and readiness with the environment\'s thresholds', () => {
      expect(alerts.map((a) => a.alert)).toEqual(expect.arrayContaining(['StorefrontHighErrorRate', 'StorefrontHighLatencyP95', 'StorefrontPodRestarting', 'StorefrontNotReady']));
      expect(alerts.find((a) => a.alert === 'StorefrontHighErrorRate')?.expr).toContain(`> ${env.alerts.errorRatePercent}`);
      expect(alerts.find((a) => a.alert === 'StorefrontHighLatencyP95')?.expr).toContain(`> ${env.alerts.latencyP95Seconds}`);
      for (const alert of alerts) expect(alert.for).toBe(env.alerts.for);
    });

    it('query only metrics the app (its registry, @storefront/app/metrics) or kube-state-metrics export', () => {
      const appMetrics = createMetrics()
        .registry.getMetricsAsArray() // histograms (they have observe) export _bucket, _count and _sum series
        .flatMap((m) => ('observe' in m ? [`${m.name}_bucket`, `${m.name}_count`, `${m.name}_sum`] : [m.name]));
      const kubeStateMetrics = ['kube_pod_container_status_restarts_total', 'kube_deployment_status_replicas_available', 'kube_deployment_spec_replicas'];
      const recorded = rules.flatMap((r) => (r.record === undefined ? [] : [r.record]));
      const known = new Set([...appMetrics, ...kubeStateMetrics, ...recorded]);
      for (const alert of rules) {
        const metrics = (alert.expr.match(/\b[a-z_:]+(?=\{)|\bstorefront:[a-z0-9_:]+/g) ?? []).filter((name) => !['by', 'sum', 'rate', 'increase', 'histogram_quantile'].includes(name));
        expect(metrics.length).toBeGreaterThan(0);
        expect(metrics.filter((m) => !known.has(m))).toEqual([]);
      }
    });
  });
});

describe('prod differs where prod should', () => {
  const byName = new Map(environments.map((env) => [env.name, env]));
  const dev = byName.get('dev');
  const stage = byName.get('stage');
  const prod = byName.get('prod');

  it('runs more replicas with a higher ceiling than stage and dev', () => {
    if (!dev || !stage || !prod) throw new Error('missing an environment');
    expect(prod.autoscaling.minReplicas).toBeGreaterThan(stage.autoscaling.minReplicas);
    expect(prod.autoscaling.maxReplicas).toBeGreaterThan(stage.autoscaling.maxReplicas);
    expect(stage.autoscaling.minReplicas).toBeGreaterThanOrEqual(dev.autoscaling.minReplicas);
  });

  it('keeps a larger share of pods through a drain than stage', () => {
    if (!stage || !prod) throw new Error('missing an environment');
    const share = (env: Environment) => (env.autoscaling.minReplicas - env.disruptionBudget.maxUnavailable) / env.autoscaling.minReplicas;
    expect(share(prod)).toBeGreaterThan(share(stage));
  });

  it('runs a replicated database', () => {
    expect(prod?.database.instances).toBeGreaterThanOrEqual(3);
  });
});
