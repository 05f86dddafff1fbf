import pg from 'pg';
import type { ListenHandlers } from './database.js';

export interface ListenerOptions {
  connectionString: string;
  channel: string;
  /** Shown in pg_stat_activity, so an operator (or a test) can find this connection. */
  applicationName: string;
  connectTimeoutMs: number;
  /** First wait before reconnecting; it doubles per failure up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /**
   * How often the connection proves it is alive with a round trip, and how long that may take
   * before the connection counts as lost. A server or network that hangs closes no socket, and
   * TCP keepalive would take minutes to notice: meanwhile this process would miss changes and
   * not know it. Defaults 500 ms and 1000 ms, so a silent loss is noticed within 1.5 s.
   */
  heartbeatMs?: number;
  heartbeatTimeoutMs?: number;
}

// Channel names are identifiers and cannot travel as parameters; the shop's are fixed strings.
const channelPattern = /^[a-z_][a-z0-9_]*$/;

/**
 * One dedicated connection that LISTENs on a channel, outside the request pool so a busy pool
 * can never starve it and a pooled client's LISTEN cannot leak to another request. When the
 * connection is lost (server restart, pg_terminate_backend, network) it says so at once
 * (onLost), then reconnects with backoff and says onListening only after LISTEN succeeded.
 */
export function listenOnPostgres(options: ListenerOptions, handlers: ListenHandlers): Promise<() => Promise<void>> {
  if (!channelPattern.test(options.channel)) throw new Error(`listen: invalid channel name ${JSON.stringify(options.channel)}`);
  const retryMs = options.retryMs ?? 100;
  const maxRetryMs = options.maxRetryMs ?? 2_000;
  let stopped = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wait = retryMs;
  const heartbeatMs = options.heartbeatMs ?? 500;
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 1_000;
  let heartbeat: NodeJS.Timeout | undefined;

  const lost = (current: pg.Client, error: Error): void => {
    if (client !== current) return;
    client = undefined;
    clearInterval(heartbeat);
    current.removeAllListeners('notification');
    current.end().catch(() => undefined);
    if (stopped) return;
    handlers.onLost(error);
    timer = setTimeout(connect, wait);
    wait = Math.min(maxRetryMs, wait * 2);
  };

  const connect = (): void => {
    timer = undefined;
    if (stopped) return;
    const current = new pg.Client({
      connectionString: options.connectionString,
      application_name: options.applicationName,
      connectionTimeoutMillis: options.connectTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client = current;
    current.on('error', (error) => { lost(current, error); });
    current.on('end', () => { lost(current, new Error('listening connection closed')); });
    current.on('notification', (message) => {
      if (client === current && message.channel === options.channel) handlers.onNotify(message.payload ?? '');
    });
    current
      .connect()
      // LISTEN takes no parameters; the channel is a constant of the code, quoted as an identifier.
      // nosemgrep: sql-built-from-strings -- identifier from the code (catalog-sync's channel constant), escaped by pg
      .then(() => current.query(`LISTEN ${current.escapeIdentifier(options.channel)}`))
      .then(
        () => {
          if (client !== current || stopped) return;
          wait = retryMs;
          let pendingSince: number | undefined;
          heartbeat = setInterval(() => {
            if (pendingSince !== undefined) {
              if (performance.now() - pendingSince > heartbeatTimeoutMs) lost(current, new Error(`no answer to the heartbeat within ${heartbeatTimeoutMs} ms`));
              return;
            }
            pendingSince = performance.now();
            current.query('SELECT 1').then(
              () => { pendingSince = undefined; },
              (error: unknown) => { lost(current, error instanceof Error ? error : new Error(String(error))); },
            );
          }, Math.min(heartbeatMs, heartbeatTimeoutMs / 2));
          heartbeat.unref();
          handlers.onListening();
        },
        (error: unknown) => { lost(current, error instanceof Error ? error : new Error(String(error))); },
      );
  };

  connect();
  return Promise.resolve(async () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    clearInterval(heartbeat);
    const current = client;
    client = undefined;
    await current?.end().catch(() => undefined);
  });
}
