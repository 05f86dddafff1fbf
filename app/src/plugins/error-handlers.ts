import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DatabaseUnavailableError, DomainError, NotFoundError, type FieldProblem } from '../domain/domain-errors.js';
import type { ErrorResponse } from '../schemas/error-response.js';
import { adminErrorPage } from '../views/admin/error-page.js';
import { errorPage } from '../views/error-page.js';
import { pageContext } from '../routes/page-context.js';

const pageSentences: Record<number, string> = {
  413: 'What was sent is too large for the shop to accept.',
  415: 'The shop cannot read a form sent in this format.',
  429: 'Too many requests from your address: wait a minute, then try again.',
};

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function isAdminPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path === '/admin' || path.startsWith('/admin/');
}

function fieldsOf(error: FastifyError): FieldProblem[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const where = error.validationContext ?? 'body';
  return error.validation.map((problem) => {
    const pointer = problem.instancePath.replace(/^\//, '').replace(/\//g, '.');
    return { path: pointer === '' ? where : `${where}.${pointer}`, message: problem.message ?? 'invalid value' };
  });
}

async function send(request: FastifyRequest, reply: FastifyReply, status: number, body: ErrorResponse, options: { databaseAway?: boolean; missing?: string } = {}): Promise<FastifyReply> {
  reply.code(status);
  if (wantsJson(request)) return reply.type('application/json; charset=utf-8').send(body);
  if (isAdminPage(request)) return reply.type('text/html; charset=utf-8').send(adminErrorPage(status, body.error.message, options.missing));
  let context = { cartCount: 0 };
  // Without a database the page context would only wait for another timeout.
  if (options.databaseAway !== true) {
    try {
      context = await pageContext(request);
    } catch {
      // The database may be the reason we are here; the error page must still render.
    }
  }
  return reply.type('text/html; charset=utf-8').send(errorPage(status, body.error.message, context, options.missing));
}

/**
 * Client mistakes become 4xx answers that say what is wrong; a database that cannot serve
 * becomes 503 with Retry-After; our own faults become a bare 500 with the request id, logged
 * in full but never shown.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof DatabaseUnavailableError) {
      request.log.warn({ err: error.cause }, 'database unavailable');
      reply.header('retry-after', String(error.retryAfterSeconds));
      const message = 'The shop cannot reach its database right now; please try again in a moment.';
      return send(request, reply, 503, { error: { code: 'database_unavailable', message } }, { databaseAway: true });
    }
    if (error instanceof DomainError) {
      return send(request, reply, error.statusCode, {
        error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
      }, error instanceof NotFoundError ? { missing: error.what } : {});
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return send(request, reply, 400, {
        error: { code: 'validation_failed', message: 'the request has invalid fields', fields: fieldsOf(error) },
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, body too large, unsupported media type...
      const code = status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type' : status === 429 ? 'rate_limited' : 'bad_request';
      // Fastify's own wording is Title Case ("Unsupported Media Type"); a page says it plainly.
      const message = wantsJson(request) ? error.message : (pageSentences[status] ?? error.message);
      return send(request, reply, status, { error: { code, message } });
    }
    request.log.error({ err: error }, 'request failed');
    return send(request, reply, 500, {
      error: { code: 'internal_error', message: `an unexpected error occurred; reference ${request.id}` },
    });
  });

  // Probing for pages that do not exist counts against the rate limit like any request.
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, async (request, reply) => {
    return send(request, reply, 404, {
      error: { code: 'not_found', message: wantsJson(request) ? `no route for ${request.method} ${request.url.split('?')[0] ?? ''}` : 'There is no page at this address.' },
    });
  });
}
