import type { FastifyInstance } from 'fastify';

// Liveness says the process can serve; readiness adds the database and shutdown state, so
// Kubernetes stops routing to a pod that is draining or has lost its database.
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { config: { rateLimit: false }, schema: { hide: true } }, async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  app.get('/readyz', { config: { rateLimit: false }, schema: { hide: true } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (app.lifecycle.shuttingDown) return reply.code(503).send({ status: 'shutting down' });
    try {
      await app.db.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'readiness: database did not answer');
      return reply.code(503).send({ status: 'database unavailable' });
    }
    return reply.send({ status: 'ready' });
  });
}
