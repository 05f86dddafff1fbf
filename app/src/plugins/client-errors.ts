import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { ErrorResponse } from '../schemas/error-response.js';

// Answers Node and Fastify write themselves, before any route or hook runs: a request line or
// headers Node cannot parse or that are too large, a client too slow to send its request, a
// URL the router refuses. Their default bodies have their own shape and, for the router's,
// echo the URL back; here they get the shop's error shape, its security headers and a
// request id like every other answer.

interface ClientErrorAnswer {
  status: number;
  body: ErrorResponse;
}

function answerFor(code: string): ClientErrorAnswer {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, body: { error: { code: 'request_timeout', message: 'the request did not arrive in time' } } };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, body: { error: { code: 'headers_too_large', message: 'the request line and headers are too large' } } };
    default:
      return { status: 400, body: { error: { code: 'bad_request', message: 'the request could not be parsed as HTTP' } } };
  }
}

interface SocketWithResponse extends Socket {
  // Node's own link from a socket to the response being written on it.
  _httpMessage?: { headersSent?: boolean } | null;
}

type ClientErrorHandler = NonNullable<FastifyServerOptions['clientErrorHandler']>;

/**
 * Fastify's clientErrorHandler: the socket-level errors. The connection is closed after the
 * answer, as Node does, since the parser cannot tell where the next request would start.
 */
export function clientErrorHandler(securityHeaders: Record<string, string>): ClientErrorHandler {
  return function handleClientError(this: { log: FastifyRequest['log'] }, error: ConnectionError, socket: Socket) {
    // A reset connection has nobody to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    // A response already under way cannot be replaced by another one.
    if ((socket as SocketWithResponse)._httpMessage?.headersSent === true || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, body } = answerFor(error.code);
    const requestId = randomUUID();
    this.log.info({ reqId: requestId, code: error.code, statusCode: status }, 'client error answered before routing');
    const payload = JSON.stringify(body);
    const headers: Record<string, string> = {
      ...securityHeaders,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(payload)),
      'cache-control': 'no-store',
      'x-request-id': requestId,
      connection: 'close',
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.end(`HTTP/1.1 ${String(status)} ${STATUS_CODES[status] ?? ''}\r\n${head}\r\n${payload}`);
    // end() flushes the answer; a client that never reads it must not keep the socket.
    setTimeout(() => socket.destroy(), 1_000).unref();
  };
}

function frameworkAnswerFor(error: FastifyError): ClientErrorAnswer {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return { status: 414, body: { error: { code: 'uri_too_long', message: 'a part of the address is too long' } } };
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return { status: 400, body: { error: { code: 'bad_url', message: 'the address is not validly encoded' } } };
  }
  return { status: 500, body: { error: { code: 'internal_error', message: 'an unexpected error occurred' } } };
}

type FrameworkErrorHandler = NonNullable<FastifyServerOptions['frameworkErrors']>;

/**
 * Fastify's frameworkErrors: what the router refuses (an over-long path parameter, a badly
 * encoded URL). These requests skip every hook, so the headers hooks add are set here.
 */
export function frameworkErrorHandler(securityHeaders: Record<string, string>): FrameworkErrorHandler {
  return function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    const { status, body } = frameworkAnswerFor(error);
    // The log line names the error code only: the URL may carry a cart or order id.
    if (status >= 500) request.log.error({ code: error.code }, 'router failed');
    else request.log.info({ code: error.code, statusCode: status }, 'request refused by the router');
    void reply
      .code(status)
      .headers({ ...securityHeaders, 'cache-control': 'no-store', 'x-request-id': request.id })
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(body));
  };
}
