import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { describe, expect, it } from 'vitest';
import { rootApplicationName } from '../src/argocd/definitions.js';
import {
  managementClusterKinds,
  managementFolder,
  managementMonitoringNamespace,
  managementProjectName,
  managementPrometheusApplicationName,
  monitoringApplicationName,
  monitoringFolder,
  notificationsAlerts,
  notificationsMetrics,
  notificationsRunbook,
} from '../src/argocd/management.js';
import { argocdInstallVersion, argocdNamespace, inClusterServer, platformAddOns, platformApplicationName, platformRolloutOrder } from '../src/argocd/platform.js';
import { argocdPath, repoURL, repositoryRoot } from '../src/repository.js';
import { readYamlDocuments, rendered, yamlFilesUnder } from './support/objects.js';

// The management cluster watches its own notifications controller: a kube-prometheus-stack of
// its own, a ServiceMonitor, and the alerts (run under promtool in notifications-alerts.test.ts).

interface Doc {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: Record<string, unknown> & {
    project?: string;
    source?: { repoURL: string; path?: string; targetRevision: string; helm?: { valuesObject?: Record<string, unknown> } };
    destination?: { server?: string; name?: string; namespace: string };
  };
}
const documents = yamlFilesUnder(path.join(repositoryRoot, argocdPath)).flatMap((file) => readYamlDocuments(file).map((doc) => ({ file: path.relative(repositoryRoot, file), doc: doc as Doc })));
const named = (kind: string, name: string): Doc => {
  const found = documents.find(({ doc }) => doc.kind === kind && doc.metadata.name === name)?.doc;
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const prometheusAddOn = platformAddOns.find((addOn) => addOn.name === 'kube-prometheus-stack');
if (!prometheusAddOn) throw new Error('no kube-prometheus-stack add-on');

describe('the management cluster\'s project', () => {
  const project = named('AppProject', managementProjectName);

  it('allows only the monitoring namespace of the cluster Argo CD runs in', () => {
    expect(project.spec.destinations).toEqual([{ server: inClusterServer, namespace: managementMonitoringNamespace }]);
  });

  it('allows only the cluster-scoped kinds kube-prometheus-stack installs, and only this repository and that chart repository', () => {
    expect(project.spec.clusterResourceWhitelist).toEqual(managementClusterKinds);
    expect(JSON.stringify(project.spec.clusterResourceWhitelist)).not.toContain('*');
    expect(project.spec.sourceRepos).toEqual([repoURL, prometheusAddOn.repoURL]);
  });

  it('covers the management cluster\'s two Applications, and no other', () => {
    const members = documents.filter(({ doc }) => doc.kind === 'Application' && doc.spec.project === managementProjectName).map(({ doc }) => doc.metadata.name);
    expect(members.sort()).toEqual([managementPrometheusApplicationName, monitoringApplicationName].sort());
  });
});

describe('kube-prometheus-stack in the management cluster (argocd/management/, written by hand)', () => {
  const app = named('Application', managementPrometheusApplicationName);
  const versions = Object.fromEntries(platformRolloutOrder.map((env) => [env, named('Application', platformApplicationName(prometheusAddOn, env)).spec.source?.targetRevision ?? '']));

  it('is the only file there', () => {
    expect(readdirSync(path.join(repositoryRoot, argocdPath, managementFolder))).toEqual(['kube-prometheus-stack.yaml']);
  });

  it('matches the environments\' add-on, but for its destination, project and values (Prometheus and Alertmanager, no Grafana)', () => {
    const values = app.spec.source?.helm?.valuesObject ?? {};
    const expected = new Application({
      metadata: { name: managementPrometheusApplicationName, namespace: argocdNamespace, labels: { 'app.kubernetes.io/part-of': 'bitshop' }, annotations: { 'argocd.argoproj.io/sync-wave': '-1' }, finalizers: ['resources-finalizer.argocd.argoproj.io/foreground'] },
      spec: {
        project: managementProjectName,
        source: { repoURL: prometheusAddOn.repoURL, chart: prometheusAddOn.chart, targetRevision: app.spec.source?.targetRevision ?? '', helm: { releaseName: prometheusAddOn.name, valuesObject: values } },
        destination: { server: inClusterServer, namespace: managementMonitoringNamespace },
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'], retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } } },
      },
    }).toJSON();
    expect(app).toEqual(expected);
    expect(values).toMatchObject({ grafana: { enabled: false } });
    expect(values).not.toHaveProperty('alertmanager.enabled', false);
    expect(values).not.toHaveProperty('prometheus.enabled', false);
    // Each of these would put a Service into kube-system, outside the project.
    for (const component of ['kubeControllerManager', 'kubeScheduler', 'kubeEtcd', 'kubeProxy', 'coreDns']) expect(values, component).toHaveProperty(`${component}.enabled`, false);
  });

  it('runs a chart version an environment\'s cluster already runs, never ahead of dev\'s', () => {
    const version = app.spec.source?.targetRevision ?? '';
    console.log(`kube-prometheus-stack: management ${version}, ${Object.entries(versions).map(([env, v]) => `${env} ${v}`).join(', ')}`);
    expect(Object.values(versions)).toContain(version);
  });

  it('is found by Renovate\'s argocd manager', () => {
    const config = JSON.parse(readFileSync(path.join(repositoryRoot, 'renovate.json'), 'utf8')) as { argocd: { managerFilePatterns: string[] } };
    const patterns = config.argocd.managerFilePatterns.map((p) => new RegExp(p.slice(1, -1))); // eslint-disable-line security/detect-non-literal-regexp -- renovate.json's own patterns
    expect(patterns.some((p) => p.test(`${argocdPath}/${managementFolder}/kube-prometheus-stack.yaml`))).toBe(true);
  });
});

describe('argocd/monitoring/: the notifications controller watched', () => {
  const app = named('Application', monitoringApplicationName);
  const monitor = named('ServiceMonitor', 'argocd-notifications-controller');
  const rule = named('PrometheusRule', 'argocd-notifications') as Doc & { spec: { groups: { rules: { alert: string; expr: string; labels: Record<string, string>; annotations: Record<string, string> }[] }[] } };

  it('is synced by its own Application into the management cluster\'s monitoring namespace, after kube-prometheus-stack brings the CRDs', () => {
    expect(app.spec.project).toBe(managementProjectName);
    expect(app.spec.source).toMatchObject({ repoURL, path: `${argocdPath}/${monitoringFolder}`, directory: { recurse: false } });
    expect(app.spec.destination).toEqual({ server: inClusterServer, namespace: managementMonitoringNamespace });
    expect(documents.filter(({ file }) => file.startsWith(`${argocdPath}/${monitoringFolder}/`)).map(({ doc }) => doc.metadata.namespace)).toEqual([managementMonitoringNamespace, managementMonitoringNamespace]);
    expect(rendered.monitoring).toHaveLength(2);
  });

  it('is kept out of the root, whose project allows neither the namespace nor the kinds', () => {
    const root = named('Application', rootApplicationName) as Doc & { spec: { source: { directory: { exclude: string } } } };
    expect(root.spec.source.directory.exclude).toBe(`{gateway/*,${monitoringFolder}/*}`);
  });

  it('scrapes the Service Argo CD\'s install.yaml gives the notifications controller', () => {
    // argocd-notifications-controller-metrics in manifests/install.yaml of v3.5.1: label
    // app.kubernetes.io/name: argocd-notifications-controller-metrics, port "metrics" 9001.
    expect(argocdInstallVersion).toBe('v3.5.1');
    expect(monitor.spec).toEqual({
      namespaceSelector: { matchNames: [argocdNamespace] },
      selector: { matchLabels: { 'app.kubernetes.io/name': notificationsMetrics.service } },
      endpoints: [{ port: 'metrics', interval: '30s' }],
    });
  });

  it('alerts with a severity, a summary, a description and a runbook that exists and has a section per alert', () => {
    const rules = rule.spec.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(notificationsAlerts.map((a) => a.alert));
    const runbook = readFileSync(path.join(repositoryRoot, 'docs', 'runbooks', 'argocd-notifications.md'), 'utf8');
    const anchors = runbook.split('\n').filter((line) => line.startsWith('## ')).map((line) => line.slice(3).trim().toLowerCase().replace(/[^a-z0-9 -]/g, '').replaceAll(' ', '-'));
    for (const r of rules) {
      expect(['warning', 'critical']).toContain(r.labels.severity);
      expect(r.annotations.summary).toBeTruthy();
      expect(r.annotations.description).toBeTruthy();
      expect(r.annotations.runbook_url).toBe(`${notificationsRunbook}#${r.alert.toLowerCase()}`);
      expect(anchors).toContain(r.alert.toLowerCase());
      expect(r.expr).toContain(`job="${notificationsMetrics.service}"`);
    }
    expect(existsSync(path.join(repositoryRoot, 'docs', 'runbooks', 'argocd-notifications.md'))).toBe(true);
  });
});
