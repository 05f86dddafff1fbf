import { stringify } from 'yaml';
import type { Environment } from '@storefront/environments';
import { githubRepository } from '../repository.js';

// Argo CD notifications: after an environment's Application is synced and healthy, Argo CD
// sends GitHub a repository_dispatch, which starts .github/workflows/verify.yml for that
// environment. Every name the Applications' subscription annotation, the ConfigMap and the
// workflow share is defined here.

export const notifications = {
  /** The ConfigMap the Argo CD notifications controller reads (fixed name, in the argocd namespace). */
  configMap: 'argocd-notifications-cm',
  /** The Secret it resolves `$key` references from; not in Git (see argocd/README.md). */
  secret: 'argocd-notifications-secret',
  /** Key in that Secret: a GitHub token allowed to create repository_dispatch events here. */
  tokenKey: 'github-token',
  /** Webhook service (service.webhook.<name>). */
  service: 'github-dispatch',
  /** Webhook service for commit statuses: the repository's API root, the template adds the path. */
  statusService: 'github-status',
  /** Templates that set a failing commit status `argocd/<env>` on the synced commit. */
  syncFailedTemplate: 'app-sync-failed-status',
  degradedTemplate: 'app-health-degraded-status',
  /** Triggers: the sync failed; the app became Degraded. */
  syncFailedTrigger: 'on-sync-failed',
  degradedTrigger: 'on-health-degraded',
  /** Template (template.<name>) that renders the dispatch request. */
  template: 'app-sync-succeeded-dispatch',
  /** Trigger (trigger.<name>): synced and healthy, once per revision. */
  trigger: 'on-deployed',
  /** repository_dispatch event type; verify.yml's `on.repository_dispatch.types`. */
  eventType: 'argocd-sync-succeeded',
} as const;

/** Label on each environment's Application naming its environment (the dispatch payload reads it). */
export const environmentLabel = 'bitshop.dev/environment';

export function environmentLabels(env: Pick<Environment, 'name'>): Record<string, string> {
  return { [environmentLabel]: env.name };
}

/** The annotations that subscribe an Application to each trigger through its webhook service. */
export const subscriptionAnnotation: Readonly<Record<string, string>> = {
  [`notifications.argoproj.io/subscribe.${notifications.trigger}.${notifications.service}`]: '',
  [`notifications.argoproj.io/subscribe.${notifications.syncFailedTrigger}.${notifications.statusService}`]: '',
  [`notifications.argoproj.io/subscribe.${notifications.degradedTrigger}.${notifications.statusService}`]: '',
};

/** Commit-status context a failed sync or a degraded app sets (the gates are <kind>/<env>). */
export const deployStatusContext = `argocd/{{index .app.metadata.labels \`${environmentLabel}\`}}`;

/** GitHub REST endpoint that creates a repository_dispatch event in this repository. */
export const dispatchURL = `https://api.github.com/repos/${githubRepository}/dispatches`;

/** The repository's REST root; the status templates append /statuses/<sha>. */
export const repositoryURL = `https://api.github.com/repos/${githubRepository}`;

/**
 * The webhook body: JSON with Go-template expressions evaluated by Argo CD against the
 * Application. The label key is a Go raw string (backquotes), so the body stays valid JSON
 * text and needs no escaping.
 */
export const dispatchBody = JSON.stringify({
  event_type: notifications.eventType,
  client_payload: {
    environment: `{{index .app.metadata.labels \`${environmentLabel}\`}}`,
    // What the sync deployed (see deployedRevision), not the newest commit of main.
    revision: '{{.app.status.operationState.syncResult.revision}}',
    // What Argo CD reports running (status.summary.images, a list of image references), space
    // separated: verify.yml refuses a deploy notification whose release digest is not among them.
    images: '{{range $i, $image := .app.status.summary.images}}{{if $i}} {{end}}{{$image}}{{end}}',
    application: '{{.app.metadata.name}}',
  },
});

/** A failing commit status (GitHub REST "Create a commit status") on the commit the sync was about. */
export function failureStatusBody(description: string): string {
  return JSON.stringify({
    state: 'failure',
    context: deployStatusContext,
    description,
  });
}

/** The commit a failed sync tried to deploy, or the last one synced for a degraded app. */
const syncedRevisionPath = '/statuses/{{.app.status.operationState.syncResult.revision}}';

/**
 * The revision a sync operation deployed. Not `app.status.sync.revision`: that is the newest
 * commit of main Argo CD compared against and moves with every commit to main (a docs change,
 * another environment's promotion) while the last sync stays Succeeded, so it would dispatch
 * every environment again on each commit. The operation's revision changes only when a sync runs.
 */
export const deployedRevision = 'app.status.operationState?.syncResult?.revision';

/**
 * The last sync succeeded and the Application is Healthy, and that health was reached after
 * the sync finished (as Argo CD's own catalog trigger on-deployed): otherwise the dispatch can
 * fire right after the sync, while the old pods still report Healthy and the rollout has not
 * started. Where Argo CD does not set health.lastTransitionTime, it falls back to the plain check.
 */
export const deployedCondition = [
  'app.status.operationState != nil',
  "app.status.operationState.phase in ['Succeeded']",
  "app.status.health.status == 'Healthy'",
  '(app.status.health.lastTransitionTime == nil or !time.Parse(app.status.health.lastTransitionTime).Before(time.Parse(app.status.operationState.finishedAt)))',
].join(' and ');

/** The data of argocd-notifications-cm (format: Argo CD operator manual, "Notifications"). */
export function notificationsConfig(): Record<string, string> {
  const yaml = (value: unknown) => stringify(value, { lineWidth: 0 });
  return {
    [`service.webhook.${notifications.service}`]: yaml({
      url: dispatchURL,
      headers: [
        { name: 'Authorization', value: `token $${notifications.tokenKey}` },
        { name: 'Accept', value: 'application/vnd.github+json' },
      ],
    }),
    [`service.webhook.${notifications.statusService}`]: yaml({
      url: repositoryURL,
      headers: [
        { name: 'Authorization', value: `token $${notifications.tokenKey}` },
        { name: 'Accept', value: 'application/vnd.github+json' },
      ],
    }),
    [`template.${notifications.template}`]: yaml({
      webhook: { [notifications.service]: { method: 'POST', body: dispatchBody } },
    }),
    [`template.${notifications.syncFailedTemplate}`]: yaml({
      webhook: { [notifications.statusService]: { method: 'POST', path: syncedRevisionPath, body: failureStatusBody('Argo CD sync {{.app.status.operationState.phase}}: see the Application in Argo CD') } },
    }),
    [`template.${notifications.degradedTemplate}`]: yaml({
      webhook: { [notifications.statusService]: { method: 'POST', path: syncedRevisionPath, body: failureStatusBody('Argo CD reports the app Degraded after this sync') } },
    }),
    [`trigger.${notifications.trigger}`]: yaml([
      {
        description: 'Application is synced and healthy: start verify.yml for its environment. Once per synced revision.',
        oncePer: deployedRevision,
        when: deployedCondition,
        send: [notifications.template],
      },
    ]),
    // As the catalog's on-sync-failed and on-health-degraded, once per synced revision so a
    // flapping app does not post a status on every reconcile.
    [`trigger.${notifications.syncFailedTrigger}`]: yaml([
      {
        description: 'The sync failed: a failing argocd/<env> status on the commit it tried to deploy.',
        oncePer: deployedRevision,
        when: "app.status.operationState != nil and app.status.operationState.phase in ['Error', 'Failed']",
        send: [notifications.syncFailedTemplate],
      },
    ]),
    [`trigger.${notifications.degradedTrigger}`]: yaml([
      {
        description: 'The app is Degraded: a failing argocd/<env> status on the commit last synced.',
        oncePer: deployedRevision,
        when: "app.status.operationState != nil and app.status.health.status == 'Degraded'",
        send: [notifications.degradedTemplate],
      },
    ]),
  };
}
