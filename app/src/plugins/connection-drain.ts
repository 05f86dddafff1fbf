import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
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

interface ConnectionState {
  /** The request being received or answered on this connection, if any. */
  request: IncomingMessage | undefined;
  requestStartedAt: number;
}

export interface ConnectionTracker {
  /**
   * Once the listener has closed, Node closes idle connections but stops enforcing its header
   * and request timeouts, so a connection that never completes a request would hold the
   * shutdown until its deadline. From now until the returned function is called: a connection
   * with no request under way is closed (no new request is expected once the listener is
   * gone), and one whose body is still arriving after `requestTimeoutMs` is cut. Requests
   * fully received are left to finish.
   */
  closeStalledWhileClosing(requestTimeoutMs: number): () => void;
}

export function trackConnections(server: Server): ConnectionTracker {
  const connections = new Map<Socket, ConnectionState>();
  server.on('connection', (socket: Socket) => {
    connections.set(socket, { request: undefined, requestStartedAt: 0 });
    socket.once('close', () => connections.delete(socket));
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const state = connections.get(request.socket);
    if (!state) return;
    state.request = request;
    state.requestStartedAt = performance.now();
    response.once('close', () => {
      if (state.request === request) state.request = undefined;
    });
  });

  return {
    closeStalledWhileClosing(requestTimeoutMs) {
      const sweep = (): void => {
        if (server.listening) return;
        const now = performance.now();
        for (const [socket, state] of connections) {
          const stalledBody = state.request !== undefined && !state.request.complete && now - state.requestStartedAt > requestTimeoutMs;
          if (stalledBody) socket.destroy();
          // An answer may still be leaving the socket's buffer: end() lets it go first.
          else if (state.request === undefined && socket.writableLength > 0) socket.end();
          else if (state.request === undefined) socket.destroy();
        }
      };
      const timer = setInterval(sweep, 250);
      return () => { clearInterval(timer); };
    },
  };
}
