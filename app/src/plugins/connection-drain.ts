import type { FastifyInstance } from 'fastify';

/**
 * While the process drains (app.lifecycle.shuttingDown), every answer is served as usual but
 * closes its connection, so a client or proxy holding a keep-alive connection to this process
 * opens its next one to an instance that is staying. Set at send time, so requests that were
 * already in flight when the drain began carry it too.
 */
export function registerConnectionDrain(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (app.lifecycle.shuttingDown && request.raw.httpVersionMajor === 1) reply.header('connection', 'close');
    done(null, payload);
  });
}
