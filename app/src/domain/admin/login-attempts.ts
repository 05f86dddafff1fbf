import { isIPv4, isIPv6 } from 'node:net';
import type { Queryable } from '../../db/database.js';

// Login attempts per client in a fixed 15-minute window, in the database so every replica
// draws on one budget and a restart does not refill it. An attempt is counted before the
// password is checked, by one upsert, so concurrent guesses cannot all slip past a count read
// earlier; a successful login then deletes the row, so only failures (and attempts still in
// flight) count.

export const loginWindowMinutes = 15;

export interface LoginAttemptCount {
  attempts: number;
  retryAfterSeconds: number;
}

/** Counts one attempt by `client` and returns the count in its current window. */
export async function countLoginAttempt(db: Queryable, client: string, max: number): Promise<LoginAttemptCount> {
  // Past the limit the count stops growing, so a long attack cannot overflow it.
  const { rows } = await db.query<LoginAttemptCount>(
    `INSERT INTO admin_login_attempts AS a (client, attempts, window_ends_at)
     VALUES ($1, 1, now() + make_interval(mins => $2))
     ON CONFLICT (client) DO UPDATE SET
       attempts = CASE WHEN a.window_ends_at <= now() THEN 1 ELSE least(a.attempts + 1, $3 + 1) END,
       window_ends_at = CASE WHEN a.window_ends_at <= now() THEN now() + make_interval(mins => $2) ELSE a.window_ends_at END
     RETURNING attempts, greatest(1, ceil(extract(epoch FROM window_ends_at - now())))::int AS "retryAfterSeconds"`,
    [client, loginWindowMinutes, max],
  );
  const row = rows[0];
  if (row === undefined) throw new Error('upsert ... RETURNING returned no row');
  return row;
}

export async function clearLoginAttempts(db: Queryable, client: string): Promise<void> {
  await db.query('DELETE FROM admin_login_attempts WHERE client = $1', [client]);
}

export async function pruneLoginAttempts(db: Queryable): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM admin_login_attempts WHERE window_ends_at <= now()');
  return rowCount;
}

/**
 * The key a client's attempts are counted under: its IPv4 address, or its IPv6 /64, since
 * one IPv6 host usually holds a whole /64 and could otherwise rotate through fresh budgets.
 */
export function loginClientKey(ip: string): string {
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  const address = ip.split('%')[0] ?? ip;
  const mappedPrefix = '::ffff:';
  if (address.toLowerCase().startsWith(mappedPrefix) && isIPv4(address.slice(mappedPrefix.length))) return address.slice(mappedPrefix.length);
  return `${ipv6Groups(address).slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

function ipv6Groups(address: string): number[] {
  let text = address;
  const embedded = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (embedded) {
    const [a, b, c, d] = embedded.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, embedded.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail = ''] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === '' ? [] : tail.split(':');
  const zeros = text.includes('::') ? 8 - headGroups.length - tailGroups.length : 0;
  return [...headGroups, ...Array<string>(zeros).fill('0'), ...tailGroups].map((group) => parseInt(group, 16));
}
