import { z } from 'zod';
import { appSettingsSchema } from './app-settings.js';

// The only per-environment knobs. Every object is strict (unknown keys are errors) and every
// setting that is the same everywhere has a default here, so an environment file holds only
// what differs. The cdk8s app (manifests/) and the promotion tool both import this schema.

export const environmentNames = ['dev', 'stage', 'prod'] as const;
export type EnvironmentName = (typeof environmentNames)[number];

/** Environments that only ever run an image by digest, never by tag. */
export const digestOnlyEnvironments: readonly EnvironmentName[] = ['stage', 'prod'];

const digestPattern = /^sha256:[0-9a-f]{64}$/;
const revisionPattern = /^[0-9a-f]{40}$/;
const repositoryPattern = /^[a-z0-9][a-z0-9.:-]*\/[a-z0-9][a-z0-9._/-]*[a-z0-9]$/;
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const hostPattern = /^[a-z0-9][a-z0-9.-]{0,251}\.[a-z]{2,63}$/;
const dnsLabel = /^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$|^[a-z0-9]$/;
/** Kubernetes quantities as this repository writes them: CPU in millicores or cores, memory in Mi/Gi. */
const cpuQuantity = z.string().regex(/^\d+m$|^\d+$|^\d+\.\d+$/, { error: 'expected a CPU quantity such as 250m or 1' });
const memoryQuantity = z.string().regex(/^\d+(?:Mi|Gi)$/, { error: 'expected a memory quantity such as 256Mi or 1Gi' });
/**
 * The Argo CD cluster an environment runs in, by the name it is registered under in Argo CD
 * (`argocd cluster add <context> --name <name>`; the cluster Secret's `name`), not by API server
 * URL: the name is what Application and AppProject destinations match, it survives the cluster's
 * endpoint changing (a rebuilt or migrated cluster is re-registered under the same name), and it
 * keeps provider endpoints out of Git. `in-cluster` is refused: that is the cluster Argo CD runs
 * in, which runs no environment (argocd/README.md).
 */
export const argocdInClusterName = 'in-cluster';
const clusterName = z
  .string({ error: 'expected the name of the Argo CD cluster this environment runs in, such as bitshop-dev' })
  .regex(dnsLabel, { error: 'expected an Argo CD cluster name: lowercase letters, digits and dashes, such as bitshop-dev (a name registered with argocd cluster add --name, not a server URL)' })
  .refine((name) => name !== argocdInClusterName, { error: `expected the environment's own cluster: ${argocdInClusterName} is the cluster Argo CD runs in, where no environment runs` });
/** http://<service>.<namespace>.svc[.cluster.local]:<port>: the OTLP base URL, no path. */
export const otlpEndpointPattern = /^http:\/\/[a-z0-9-]+\.([a-z0-9-]+)\.svc(?:\.cluster\.local)?:(\d{1,5})$/;
const sloObjective = z.number({ error: 'expected a percentage' }).min(90, { error: 'expected at least 90 (percent)' }).max(99.99, { error: 'expected at most 99.99 (percent): 100 leaves no error budget' });
const sloWindow = z.string().regex(/^\d+d$/, { error: 'expected a window in days such as 30d' });
/** Bounds of the app's http_request_duration_seconds histogram (app/src/observability/metrics.ts) an SLO may use. */
export const latencyBuckets = [0.1, 0.25, 0.5, 1, 2.5] as const;
const duration = z.string().regex(/^\d+[smh]$/, { error: 'expected a duration such as 30s, 10m or 1h' });

const count = (min: number, max: number) =>
  z
    .number({ error: 'expected a whole number' })
    .int({ error: 'expected a whole number' })
    .min(min, { error: `expected at least ${min}` })
    .max(max, { error: `expected at most ${max}` });

const resourceAmounts = z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity });

export const imageSchema = z
  .strictObject({
    repository: z.string().regex(repositoryPattern, { error: 'expected an image repository such as ghcr.io/owner/name (no tag, no digest)' }),
    digest: z.string().regex(digestPattern, { error: 'expected a digest: sha256: followed by 64 lowercase hex characters' }).optional(),
    tag: z.string().regex(tagPattern, { error: 'expected an image tag' }).optional(),
    /**
     * The commit on main the image was built from (release.yml's github.sha): with the digest it
     * is the release unit, so `plan` lists exactly the commits between two releases.
     */
    revision: z.string().regex(revisionPattern, { error: 'expected the full 40-hex commit the image was built from' }).optional(),
  })
  .refine((image) => (image.digest === undefined) !== (image.tag === undefined), { error: 'expected exactly one of digest or tag' })
  .refine((image) => image.revision === undefined || image.digest !== undefined, { error: 'expected a digest with revision: a source revision belongs to a released image', path: ['revision'] });

export const environmentSchema = z
  .strictObject({
    /** Must equal the file name: environments/<name>.yaml. */
    name: z.enum(environmentNames, { error: `expected one of ${environmentNames.join(', ')}` }),
    image: imageSchema,
    /** Public host name; the shared Gateway serves https://<host> (its ListenerSet and HTTPRoute) with a cert-manager certificate. */
    host: z.string().regex(hostPattern, { error: 'expected a lowercase DNS host name such as shop.example.com' }),
    /** The Argo CD cluster name of the cluster this environment (and its platform add-ons) runs in; one environment per cluster. */
    cluster: clusterName,
    tls: z
      .strictObject({
        clusterIssuer: z.string().regex(dnsLabel, { error: 'expected the name of a cert-manager ClusterIssuer' }).default('letsencrypt'),
      })
      .prefault({}),
    /** HorizontalPodAutoscaler bounds; the Deployment itself sets no replica count. */
    autoscaling: z
      .strictObject({
        minReplicas: count(1, 50),
        maxReplicas: count(1, 100),
        targetCpuUtilizationPercent: count(10, 100).default(70),
      })
      .refine((a) => a.maxReplicas >= a.minReplicas, { error: 'expected maxReplicas >= minReplicas' }),
    /** Voluntary disruptions: at most this many pods down at once during drains. */
    disruptionBudget: z.strictObject({ maxUnavailable: count(1, 50) }),
    resources: z.strictObject({ requests: resourceAmounts, limits: resourceAmounts }),
    /** The app's variables (app/src/config.ts) this environment's ConfigMap sets, validated by the app's own schema. */
    app: appSettingsSchema,
    database: z.strictObject({
      /** CloudNativePG instances: 1 is a single primary, 3 gives two synchronous-capable replicas. */
      instances: count(1, 5),
      storageSize: z.string().regex(/^\d+Gi$/, { error: 'expected a volume size such as 10Gi' }),
      storageClass: z.string().regex(dnsLabel, { error: 'expected a StorageClass name' }).optional(),
    }),
    secrets: z.strictObject({
      /** External Secrets ClusterSecretStore that holds this environment's secrets. */
      clusterSecretStore: z.string().regex(dnsLabel, { error: 'expected a ClusterSecretStore name' }),
      /** Key (path) in that store; its properties are session-secret, admin-password-hash, db-password. */
      key: z.string().regex(/^[a-z0-9][a-z0-9/_.-]*$/, { error: 'expected a secret key such as storefront/dev' }),
      refreshInterval: duration.default('1h'),
    }),
    alerts: z
      .strictObject({
        /** Share of requests answered 5xx, in percent, over 5 minutes. */
        errorRatePercent: z.number({ error: 'expected a number' }).positive({ error: 'expected a percentage above 0' }).max(100, { error: 'expected at most 100' }).default(5),
        /** p95 request latency in seconds over 5 minutes. */
        latencyP95Seconds: z.number({ error: 'expected a number' }).positive({ error: 'expected seconds above 0' }).default(1),
        /** Container restarts per hour that page. */
        restartsPerHour: count(1, 100).default(3),
        /** How long a condition must hold before the alert fires. */
        for: duration.default('10m'),
        severity: z.enum(['warning', 'critical'], { error: 'expected warning or critical' }).default('warning'),
      })
      .prefault({}),
    /**
     * Where the app sends its traces (OTLP over HTTP) and which share of requests it traces.
     * The collector is a platform service addressed in-cluster (service.namespace.svc:port), so
     * the app's NetworkPolicy can allow exactly that namespace and port. Defaults here, not in
     * each file: stage and prod render with their release's schema, which learns these keys
     * only when a release that has them is promoted there.
     */
    tracing: z
      .strictObject({
        endpoint: z
          .string()
          .regex(otlpEndpointPattern, { error: 'expected an in-cluster OTLP/HTTP address such as http://otel-collector.observability.svc:4318' })
          .default('http://otel-collector.observability.svc:4318'),
        /** Share of new traces kept (parent-based: a caller's decision wins). */
        samplingRatio: z.number({ error: 'expected a number' }).min(0, { error: 'expected a ratio from 0 to 1' }).max(1, { error: 'expected a ratio from 0 to 1' }).default(0.1),
      })
      .prefault({}),
    /**
     * Service level objectives, in percent of requests over `window`; the multi-window,
     * multi-burn-rate alerts (manifests/src/constructs/slo-rules.ts) are generated from them.
     */
    slo: z
      .strictObject({
        availability: z
          .strictObject({
            /** Requests answered without a 5xx. */
            objective: sloObjective.default(99.5),
            window: sloWindow.default('30d'),
          })
          .prefault({}),
        latency: z
          .strictObject({
            /** Requests answered within thresholdSeconds. */
            objective: sloObjective.default(99),
            /** A bucket bound of http_request_duration_seconds, so the SLI is exact. */
            thresholdSeconds: z.union(latencyBuckets.map((b) => z.literal(b)), { error: `expected one of the request histogram's bounds: ${latencyBuckets.join(', ')}` }).default(0.5),
            window: sloWindow.default('30d'),
          })
          .prefault({}),
      })
      .prefault({}),
    /**
     * How verify.yml checks a release here after a deploy, and how long it must have run before
     * it moves on. Read by .github/workflows/verify.yml and the promotion tool; see
     * docs/delivery.md, "Gates per environment".
     */
    verification: z
      .strictObject({
        /** Also run the journeys that write (Playwright tag @writes: checkout, admin); never on prod. */
        writes: z.boolean({ error: 'expected true or false' }).default(false),
        /** The k6 profile (load/lib/profiles.ts): `browse` only reads; `verify` adds paced checkouts. */
        loadProfile: z.enum(['browse', 'verify'], { error: 'expected browse or verify' }).default('browse'),
        /**
         * How the gates trust this environment's certificate: `public` (a CA every client trusts)
         * or `letsencrypt-staging` (the runner fetches Let's Encrypt's staging roots and hands
         * them to Playwright and k6).
         */
        trust: z.enum(['public', 'letsencrypt-staging'], { error: 'expected public or letsencrypt-staging' }).default('public'),
        /** How long a release must have run here (since the commit that deployed it) before it may be promoted onward. */
        requiredSoakTime: duration.default('0s'),
        /** The SLO analysis (`promote -- slo`): the app's own metrics in Prometheus over `window` after the deploy. */
        slo: z
          .strictObject({
            window: duration,
            /** Share of requests answered 5xx, in percent. */
            errorRatePercent: z.number({ error: 'expected a number' }).min(0, { error: 'expected a percentage of 0 or more' }).max(100, { error: 'expected at most 100' }),
            latencyP95Seconds: z.number({ error: 'expected a number' }).positive({ error: 'expected seconds above 0' }),
            /** storefront_checkout_failures_total may grow by at most this much over the window. */
            checkoutFailures: count(0, 1_000_000),
          })
          .optional(),
      })
      .prefault({}),
  })
  .superRefine((env, ctx) => {
    if (digestOnlyEnvironments.includes(env.name) && env.image.tag !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['image', 'tag'], message: `${env.name} runs images by digest only: replace the tag with digest: sha256:<64 hex>` });
    }
    const { verification } = env;
    if ((env.name === 'prod' || !verification.writes) && (verification.writes || verification.loadProfile !== 'browse')) {
      ctx.addIssue({ code: 'custom', path: ['verification', verification.writes ? 'writes' : 'loadProfile'], message: `${env.name === 'prod' ? 'prod is verified read-only' : 'writes: false means read-only'}: expected writes: false and loadProfile: browse` });
    }
    if (env.tls.clusterIssuer === 'letsencrypt-staging' && verification.trust !== 'letsencrypt-staging') {
      ctx.addIssue({ code: 'custom', path: ['verification', 'trust'], message: 'the certificate comes from letsencrypt-staging, which no client trusts: expected trust: letsencrypt-staging' });
    }
    if (env.disruptionBudget.maxUnavailable >= env.autoscaling.minReplicas && env.autoscaling.minReplicas > 1) {
      ctx.addIssue({ code: 'custom', path: ['disruptionBudget', 'maxUnavailable'], message: 'expected fewer than autoscaling.minReplicas, or a drain could take every pod down' });
    }
  });

export type Environment = z.output<typeof environmentSchema>;
export type EnvironmentInput = z.input<typeof environmentSchema>;
