import type { Environment, EnvironmentName } from '@storefront/environments';

/**
 * The gates a digest passes in an environment before it may move on, as GitHub commit-status
 * contexts on the commit that deployed it there. Named here and nowhere else: the verification
 * workflow sets them (`npm run promote -- gate`), `plan` shows them, `open` requires them.
 */
export const gateKinds = ['e2e', 'load', 'slo'] as const;
export type GateKind = (typeof gateKinds)[number];

export const gateDescriptions: Record<GateKind, string> = {
  e2e: 'Playwright @smoke journeys (npm run e2e) against the environment URL',
  load: "k6 profile of the environment (verification.loadProfile) against its URL, k6's SLO thresholds",
  slo: "SLO analysis (npm run promote -- slo): the app's error rate, p95 latency and checkout failures in Prometheus over the soak window",
};

/** The gates an environment's releases must pass there: e2e and load everywhere, slo where it has verification.slo. */
export function requiredGates(env: Pick<Environment, 'verification'>): GateKind[] {
  return env.verification.slo === undefined ? ['e2e', 'load'] : ['e2e', 'load', 'slo'];
}

export function gateContext(kind: GateKind, env: EnvironmentName): string {
  return `${kind}/${env}`;
}

export type GateState = 'success' | 'failure' | 'error' | 'pending' | 'missing' | 'unknown';

export interface GateResult {
  readonly kind: GateKind;
  readonly context: string;
  readonly state: GateState;
  readonly description: string | undefined;
  /** The e2e HTML report or the load summary, as the verification workflow linked it. */
  readonly url: string | undefined;
}

export interface CommitStatus {
  readonly context: string;
  readonly state: string;
  readonly description?: string | null;
  readonly target_url?: string | null;
}

/** Reads the gates of `env` out of a commit's statuses (GitHub lists the newest first). */
export function evaluateGates(env: EnvironmentName, statuses: readonly CommitStatus[] | undefined, kinds: readonly GateKind[] = ['e2e', 'load']): GateResult[] {
  return kinds.map((kind) => {
    const context = gateContext(kind, env);
    if (statuses === undefined) return { kind, context, state: 'unknown', description: 'not checked (no GITHUB_TOKEN)', url: undefined };
    const status = statuses.find((s) => s.context === context);
    if (status === undefined) return { kind, context, state: 'missing', description: undefined, url: undefined };
    const state: GateState = status.state === 'success' || status.state === 'failure' || status.state === 'error' || status.state === 'pending' ? status.state : 'unknown';
    return { kind, context, state, description: status.description ?? undefined, url: status.target_url ?? undefined };
  });
}

export function gatesPassed(gates: readonly GateResult[]): boolean {
  return gates.every((gate) => gate.state === 'success');
}
