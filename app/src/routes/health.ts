import type { FastifyInstance } from 'fastify';

// The kubelet gives /readyz 2 s (timeoutSeconds in the manifests); answering 503 before it
// gives up keeps the reason in our logs. A database slower than the query timeout fails
// requests anyway, so readiness never waits longer than that either.
const readinessBudgetMs = 1_500;

export function readinessTimeoutMs(queryTimeoutMs: number): number {
  return Math.min(readinessBudgetMs, queryTimeoutMs);
}

// Liveness says the process can serve; readiness adds the database and shutdown state, so
// Kubernetes stops routing to a pod that is draining or has lost its database.
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { config: { rateLimit: false }, schema: { hide: true } }, async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  app.get('/readyz', { config: { rateLimit: false }, schema: { hide: true } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (app.lifecycle.shuttingDown) return reply.code(503).send({ status: 'shutting down' });
    let timer: NodeJS.Timeout | undefined;
    let databaseAnswered = true;
    const timeoutMs = readinessTimeoutMs(app.config.DATABASE_QUERY_TIMEOUT_MS);
    try {
      // A database that hangs must fail the probe, not hold it until the kubelet gives up.
      await Promise.race([
        app.db.ping(),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => { reject(new Error(`no answer within ${timeoutMs} ms`)); }, timeoutMs);
        }),
      ]);
    } catch (error) {
      request.log.warn({ err: error }, 'readiness: database did not answer');
      databaseAnswered = false;
    } finally {
      clearTimeout(timer);
    }
    if (!databaseAnswered) return reply.code(503).send({ status: 'database unavailable' });
    return reply.send({ status: 'ready' });
  });
}
