import type { Environment } from '@storefront/environments';

const unitMs = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** A duration as the environment files write it (30s, 15m, 24h) in milliseconds. */
export function durationMs(duration: string): number {
  const match = /^(\d+)([smh])$/.exec(duration);
  if (match === null) throw new Error(`not a duration: ${duration}`);
  return Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
}

export function formatDuration(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h${minutes % 60 === 0 ? '' : ` ${minutes % 60}m`}`;
}

/** How long a release has run in an environment and how much of its required soak time is left. */
export interface Soak {
  readonly required: string;
  /** When the commit that deployed the release landed on main (Argo CD syncs within minutes). */
  readonly since: string;
  readonly remainingMs: number;
}

export function soakOf(env: Pick<Environment, 'verification'>, deployedAt: string, now: Date): Soak {
  const required = env.verification.requiredSoakTime;
  const requiredMs = durationMs(required);
  const remainingMs = requiredMs === 0 ? 0 : Math.max(0, new Date(deployedAt).getTime() + requiredMs - now.getTime());
  return { required, since: deployedAt, remainingMs };
}

export function describeSoak(soak: Soak): string {
  return soak.remainingMs === 0 ? `${soak.required} required, done (running since ${soak.since})` : `${soak.required} required, ${formatDuration(soak.remainingMs)} left (running since ${soak.since})`;
}
