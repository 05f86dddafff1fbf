import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { argocdProjectName, environmentApplicationName, rootApplicationName, rootExclude } from '../src/argocd/definitions.js';
import { dispatchURL, environmentLabel, notifications } from '../src/argocd/notifications.js';
import { argocdInstallVersion, argocdNamespace } from '../src/argocd/platform.js';
import { argocdPath, githubRepository, repoURL, repositoryRoot } from '../src/repository.js';
import { environments, readYamlDocuments, rendered, yamlFilesUnder } from './support/objects.js';

// The loop "Argo CD synced an environment -> verify.yml runs": the subscription annotation on
// each Application, argocd-notifications-cm (service, trigger, template) and the workflow's
// repository_dispatch must agree on every name and on the payload.

interface ConfigMapObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  data: Record<string, string>;
}
interface ApplicationObject {
  kind: string;
  metadata: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { project: string; source: { repoURL: string; path?: string; directory?: { recurse?: boolean; include?: string; exclude?: string } } };
}
interface ProjectObject {
  metadata: { name: string };
  spec: {
    destinations: { server: string; namespace: string }[];
    namespaceResourceWhitelist?: { group: string; kind: string }[];
    namespaceResourceBlacklist?: { group: string; kind: string }[];
  };
}
interface WebhookService {
  url: string;
  headers?: { name: string; value: string }[];
}
interface Trigger {
  description?: string;
  when: string;
  oncePer?: string;
  send: string[];
}
interface Template {
  webhook?: Record<string, { method?: string; path?: string; body?: string }>;
}
interface DispatchBody {
  event_type: string;
  client_payload: Record<string, unknown>;
}
interface Workflow {
  on: {
    repository_dispatch?: { types?: string[] };
    workflow_dispatch?: { inputs?: { environment?: { options?: string[] } } };
  };
}

const argocdDocuments = yamlFilesUnder(path.join(repositoryRoot, argocdPath)).flatMap((file) =>
  readYamlDocuments(file).map((doc) => ({ file: path.relative(repositoryRoot, file), doc: doc as { kind?: string; metadata?: { name?: string } } })),
);
const configMapFile = `${argocdPath}/notifications/${notifications.configMap}.yaml`;
const configMap = (() => {
  const found = argocdDocuments.find(({ doc }) => doc.kind === 'ConfigMap' && doc.metadata?.name === notifications.configMap);
  if (!found) throw new Error(`no ConfigMap ${notifications.configMap} in ${argocdPath}/`);
  return { file: found.file, object: found.doc as unknown as ConfigMapObject };
})();
const data = configMap.object.data;
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape it reads
const entry = <T>(key: string): T => {
  const value = data[key];
  if (value === undefined) throw new Error(`${notifications.configMap} has no ${key}`);
  return parse(value) as T;
};
const applicationFiles = argocdDocuments.filter(({ doc }) => doc.kind === 'Application').map(({ doc }) => doc as unknown as ApplicationObject);
const environmentApplications = environments.map((env) => {
  const app = applicationFiles.find((a) => a.metadata.name === environmentApplicationName(env));
  if (!app) throw new Error(`no Application for ${env.name}`);
  return { env, app };
});

const workflow = parse(readFileSync(path.join(repositoryRoot, '.github/workflows/verify.yml'), 'utf8')) as Workflow;

const subscriptionPrefix = 'notifications.argoproj.io/subscribe.';
/** trigger and service of every subscribe.<trigger>.<service> annotation on an Application. */
function subscriptions(app: ApplicationObject): { trigger: string; service: string; recipients: string }[] {
  return Object.entries(app.metadata.annotations ?? {})
    .filter(([key]) => key.startsWith(subscriptionPrefix))
    .map(([key, recipients]) => {
      const [trigger = '', service = ''] = key.slice(subscriptionPrefix.length).split('.');
      return { trigger, service, recipients };
    });
}

/**
 * Evaluates the only Go-template forms the dispatch body may use, against a sample context:
 * `{{.a.b.c}}` and `{{index .a.b `key`}}`. Anything else fails, so a new construct in the
 * template has to be taught here (and thought about) first.
 */
function renderGoTemplate(template: string, context: unknown): string {
  const lookup = (dotted: string): unknown =>
    dotted
      .slice(1)
      .split('.')
      .reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), context);
  const asString = (value: unknown, expression: string): string => {
    if (typeof value !== 'string') throw new Error(`{{${expression}}} is not a string in the sample context`);
    return value;
  };
  // `{{range $i, $x := .list}}{{if $i}}SEP{{end}}{{$x}}{{end}}`: the list of strings joined by SEP.
  const joined = template.replace(/\{\{range \$i, \$(\w+) := (\.[\w.]+)\}\}\{\{if \$i\}\}([^{]*)\{\{end\}\}\{\{\$(\w+)\}\}\{\{end\}\}/g, (match, item: string, list: string, separator: string, used: string) => {
    const value = lookup(list);
    if (item !== used || !Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`${match}: not a list of strings in the sample context`);
    return value.join(separator);
  });
  return joined.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_match, expression: string) => {
    const field = /^(\.[\w.]+)$/.exec(expression);
    if (field?.[1]) return asString(lookup(field[1]), expression);
    const indexed = /^index (\.[\w.]+) `([^`]+)`$/.exec(expression);
    if (indexed?.[1] && indexed[2]) {
      const map = lookup(indexed[1]);
      return asString(map !== null && typeof map === 'object' ? (map as Record<string, unknown>)[indexed[2]] : undefined, expression);
    }
    throw new Error(`unsupported template expression {{${expression}}}`);
  });
}

/** The commit the sync deployed; main may have moved on since (newestMainRevision). */
const sampleRevision = '0123456789abcdef0123456789abcdef01234567';
const newestMainRevision = 'fedcba9876543210fedcba9876543210fedcba98';
/** status.summary.images as Argo CD reports them (v1alpha1ApplicationSummary.images: image references). */
const sampleImages = ['ghcr.io/bitshop-dev/storefront@sha256:' + 'a'.repeat(64), 'ghcr.io/cloudnative-pg/postgresql:15'];
const sampleContext = (app: ApplicationObject, phase = 'Succeeded', health = 'Healthy') => ({ app: { ...app, status: { sync: { revision: newestMainRevision, status: 'Synced' }, operationState: { phase, syncResult: { revision: sampleRevision } }, health: { status: health }, summary: { images: sampleImages } } } });
function dispatchFor(app: ApplicationObject): DispatchBody {
  const template = entry<Template>(`template.${notifications.template}`);
  const body = template.webhook?.[notifications.service]?.body;
  if (body === undefined) throw new Error(`template ${notifications.template} has no webhook body for ${notifications.service}`);
  return JSON.parse(renderGoTemplate(body, sampleContext(app))) as DispatchBody;
}

describe('Argo CD notifications (argocd-notifications-cm)', () => {
  it('is generated, committed and validates as a ConfigMap in the argocd namespace', () => {
    expect(configMap.file).toBe(configMapFile);
    const generated = rendered.argocd.find((o) => o.kind === 'ConfigMap');
    expect(configMap.object).toEqual(generated);
    expect(() => {
      new ConfigMap(configMap.object).validate();
    }).not.toThrow();
    expect(configMap.object.metadata).toMatchObject({ name: 'argocd-notifications-cm', namespace: argocdNamespace });
    // The labels of Argo CD's own install.yaml, not ours: re-applying it must not fight the root
    // app over them. These are v3.5.1's (manifests/install.yaml, argocd-notifications-cm).
    expect(argocdInstallVersion).toBe('v3.5.1');
    expect(configMap.object.metadata.labels).toEqual({
      'app.kubernetes.io/component': 'notifications-controller',
      'app.kubernetes.io/name': 'argocd-notifications-controller',
      'app.kubernetes.io/part-of': 'argocd',
    });
    for (const value of Object.values(data)) expect(typeof value).toBe('string');
  });

  it('is installed at the Argo CD release whose labels it carries', () => {
    const readme = readFileSync(path.join(repositoryRoot, argocdPath, 'README.md'), 'utf8');
    const installed = [...readme.matchAll(/argoproj\/argo-cd\/(v\d+\.\d+\.\d+)\/manifests\/install\.yaml/g)].map((m) => m[1]);
    expect(installed).toEqual([argocdInstallVersion]);
  });

  it('has a webhook service to this repository\'s dispatches endpoint, with the token read from the Secret', () => {
    const service = entry<WebhookService>(`service.webhook.${notifications.service}`);
    // owner/name derived independently from the one repoURL.
    const slug = repoURL.replace(/^https:\/\/github\.com\//, '').replace(/\.git$/, '');
    expect(githubRepository).toBe(slug);
    expect(service.url).toBe(`https://api.github.com/repos/${slug}/dispatches`);
    expect(service.url).toBe(dispatchURL);
    expect(service.headers).toEqual([
      { name: 'Authorization', value: `token $${notifications.tokenKey}` },
      { name: 'Accept', value: 'application/vnd.github+json' },
    ]);
    expect(notifications.tokenKey).toBe('github-token');
    expect(notifications.secret).toBe('argocd-notifications-secret');
  });

  it('keeps the token out of Git: no Secret anywhere under argocd/, no literal token in the ConfigMap', () => {
    expect(argocdDocuments.filter(({ doc }) => doc.kind === 'Secret')).toEqual([]);
    const text = readFileSync(path.join(repositoryRoot, configMapFile), 'utf8');
    expect(text).not.toMatch(/gh[pousr]_[A-Za-z0-9]{20,}|github_pat_/);
  });

  it('has a trigger that fires once per synced revision, when the sync succeeded and the app became Healthy after it', () => {
    const trigger = entry<Trigger[]>(`trigger.${notifications.trigger}`);
    expect(trigger).toHaveLength(1);
    const [condition] = trigger;
    // The sync operation's revision, not app.status.sync.revision (which moves with every commit to main).
    expect(condition?.oncePer).toBe('app.status.operationState?.syncResult?.revision');
    expect(condition?.when).toContain('app.status.operationState != nil');
    expect(condition?.when).toContain("app.status.operationState.phase in ['Succeeded']");
    expect(condition?.when).toContain("app.status.health.status == 'Healthy'");
    expect(condition?.when).toContain('!time.Parse(app.status.health.lastTransitionTime).Before(time.Parse(app.status.operationState.finishedAt))');
    expect(condition?.send).toEqual([notifications.template]);
  });

  it('sends a POST with a JSON body once the Go-template expressions are filled in', () => {
    const template = entry<Template>(`template.${notifications.template}`);
    expect(Object.keys(template.webhook ?? {})).toEqual([notifications.service]);
    expect(template.webhook?.[notifications.service]?.method).toBe('POST');
    const [first] = environmentApplications;
    if (!first) throw new Error('no environments');
    const body = dispatchFor(first.app);
    expect(Object.keys(body).sort()).toEqual(['client_payload', 'event_type']);
    expect(body.client_payload).toEqual({ environment: first.env.name, revision: sampleRevision, images: sampleImages.join(' '), application: first.app.metadata.name });
  });

  it.each([
    [notifications.syncFailedTrigger, notifications.syncFailedTemplate, "app.status.operationState.phase in ['Error', 'Failed']", 'Failed', 'Healthy'],
    [notifications.degradedTrigger, notifications.degradedTemplate, "app.status.health.status == 'Degraded'", 'Succeeded', 'Degraded'],
  ])('%s sets a failing argocd/<env> commit status on the synced commit, once per synced revision', (trigger, template, condition, phase, health) => {
    const [rule] = entry<Trigger[]>(`trigger.${trigger}`);
    expect(rule?.when).toContain(condition);
    expect(rule?.oncePer).toBe('app.status.operationState?.syncResult?.revision');
    expect(rule?.send).toEqual([template]);
    const service = entry<WebhookService>(`service.webhook.${notifications.statusService}`);
    expect(service.url).toBe(`https://api.github.com/repos/${githubRepository}`);
    const request = entry<Template>(`template.${template}`).webhook?.[notifications.statusService];
    expect(request?.method).toBe('POST');
    for (const { env, app } of environmentApplications) {
      const context = sampleContext(app, phase, health);
      // GitHub REST: POST /repos/{owner}/{repo}/statuses/{sha}.
      expect(service.url + renderGoTemplate(request?.path ?? '', context)).toBe(`https://api.github.com/repos/${githubRepository}/statuses/${sampleRevision}`);
      const body = JSON.parse(renderGoTemplate(request?.body ?? '', context)) as { state: string; context: string; description: string };
      expect(body).toMatchObject({ state: 'failure', context: `argocd/${env.name}` });
      expect(body.description.length).toBeLessThanOrEqual(140);
    }
  });

  it('uses the event type verify.yml listens for', () => {
    const types = workflow.on.repository_dispatch?.types;
    expect(types).toEqual([notifications.eventType]);
    const [first] = environmentApplications;
    if (!first) throw new Error('no environments');
    expect(types).toContain(dispatchFor(first.app).event_type);
  });

  it('every trigger sends existing templates, every template posts to an existing service', () => {
    const keys = Object.keys(data);
    for (const key of keys.filter((k) => k.startsWith('trigger.'))) {
      for (const condition of entry<Trigger[]>(key)) for (const name of condition.send) expect(keys, `${key} sends ${name}`).toContain(`template.${name}`);
    }
    for (const key of keys.filter((k) => k.startsWith('template.'))) {
      for (const service of Object.keys(entry<Template>(key).webhook ?? {})) expect(keys, `${key} uses ${service}`).toContain(`service.webhook.${service}`);
    }
  });

  describe.each(environmentApplications.map(({ env, app }) => [env.name, env, app] as const))('the %s Application', (name, env, app) => {
    it('subscribes to the trigger through the webhook service, and both exist in the ConfigMap', () => {
      const byTrigger = (a: { trigger: string }, b: { trigger: string }) => a.trigger.localeCompare(b.trigger);
      expect(subscriptions(app).sort(byTrigger)).toEqual([
        { trigger: notifications.trigger, service: notifications.service, recipients: '' },
        { trigger: notifications.syncFailedTrigger, service: notifications.statusService, recipients: '' },
        { trigger: notifications.degradedTrigger, service: notifications.statusService, recipients: '' },
      ].sort(byTrigger));
      for (const { trigger, service } of subscriptions(app)) {
        expect(data).toHaveProperty([`trigger.${trigger}`]);
        expect(data).toHaveProperty([`service.webhook.${service}`]);
      }
    });

    it('dispatches its own environment, one verify.yml accepts', () => {
      expect(app.metadata.labels?.[environmentLabel]).toBe(name);
      const body = dispatchFor(app);
      expect(body.client_payload.environment).toBe(env.name);
      expect(body.client_payload.application).toBe(environmentApplicationName(env));
      expect(workflow.on.workflow_dispatch?.inputs?.environment?.options).toContain(body.client_payload.environment);
    });
  });

  it('is synced by the root app, through a project that allows a ConfigMap in the argocd namespace', () => {
    const root = applicationFiles.find((a) => a.metadata.name === rootApplicationName);
    expect(root?.spec.source).toMatchObject({ repoURL, path: argocdPath, directory: { recurse: true } });
    expect(root?.spec.source.directory?.include).toBeUndefined();
    // The root leaves out only argocd/gateway/ (the environments' clusters) and argocd/monitoring/
    // (the management cluster's monitoring namespace): never the notifications.
    expect(root?.spec.source.directory?.exclude).toBe(rootExclude);
    expect(rootExclude).toBe('{gateway/*,monitoring/*}');
    expect(configMapFile.startsWith(`${argocdPath}/`)).toBe(true);
    expect(configMapFile.startsWith(`${argocdPath}/gateway/`)).toBe(false);
    expect(configMapFile.startsWith(`${argocdPath}/monitoring/`)).toBe(false);
    expect(root?.spec.project).toBe(argocdProjectName);
    const project = argocdDocuments.find(({ doc }) => doc.kind === 'AppProject' && doc.metadata?.name === argocdProjectName)?.doc as unknown as ProjectObject;
    expect(project.spec.destinations.map((d) => d.namespace)).toContain(argocdNamespace);
    const isConfigMap = (k: { group: string; kind: string }) => (k.group === '' || k.group === '*') && (k.kind === 'ConfigMap' || k.kind === '*');
    const whitelist = project.spec.namespaceResourceWhitelist;
    if (whitelist !== undefined) expect(whitelist.some(isConfigMap)).toBe(true);
    expect((project.spec.namespaceResourceBlacklist ?? []).some(isConfigMap)).toBe(false);
  });
});
