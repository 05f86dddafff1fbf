import type { Server } from 'node:http';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { seedIfEmpty } from './db/seed/index.js';
import { instrumentDatabase } from './observability/database-metrics.js';
import { createMetrics } from './observability/metrics.js';
import { startMetricsServer } from './observability/metrics-server.js';
import { shutdownTracing } from './observability/tracing-shutdown.js';
import { trackConnections } from './plugins/connection-drain.js';

// Starting and stopping the shop: open the database, serve, and stop cleanly on SIGTERM. Config
// arrives as a value; the process entry (cli/serve.ts) and the local launcher read it.

export interface RunningServer {
  url: string;
  metricsUrl: string;
  stop(reason: string): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const started = performance.now();
  const metrics = createMetrics();
  const db = instrumentDatabase(await openDatabase(config), metrics.database);
  if (config.MIGRATE_ON_START) await migrate(db);
  if (config.SEED_ON_START) await seedIfEmpty(db);
  const app = await buildApp({ config, db, metrics });
  const connections = trackConnections(app.server);
  await app.listen({ port: config.PORT, host: config.HOST });
  const metricsServer: Server = await startMetricsServer(metrics.registry, config.METRICS_PORT, config.HOST);
  app.log.info({ database: db.kind, startupMs: Math.round(performance.now() - started) }, 'storefront ready');

  let stopping: Promise<void> | undefined;
  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      // Readiness fails at once, but the listener keeps serving for the drain delay: endpoints
      // and proxies need that long to stop sending new requests here, and every answer in the
      // meantime closes its keep-alive connection (plugins/connection-drain.ts).
      app.lifecycle.shuttingDown = true;
      app.log.info({ reason, drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS }, 'shutting down: readiness fails, serving until the drain delay ends');
      await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DRAIN_DELAY_MS));

      app.log.info({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'drain delay over: listener closing, finishing in-flight requests');
      const deadline = setTimeout(() => {
        app.log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting');
        process.exit(1);
      }, config.SHUTDOWN_TIMEOUT_MS);
      deadline.unref();
      const stopSweeping = connections.closeStalledWhileClosing(config.REQUEST_TIMEOUT_MS);
      await app.close();
      stopSweeping();
      await new Promise<void>((resolve) => metricsServer.close(() => { resolve(); }));
      await db.close();
      await shutdownTracing();
      clearTimeout(deadline);
      app.log.info('shutdown complete');
    })();
    return stopping;
  };

  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  return { url: `http://${host}:${config.PORT}`, metricsUrl: `http://${host}:${config.METRICS_PORT}/metrics`, stop };
}

export function stopOnSignals(server: RunningServer): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      server.stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
    });
  }
}
