import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createShippingMethod, getShippingMethod, listShippingMethods, updateShippingMethod } from '../../domain/admin/shipping.js';
import { DomainError, NotFoundError } from '../../domain/domain-errors.js';
import { auditContext, registerAdminGuard } from '../../plugins/admin-auth.js';
import type { AdminFrame, FormState } from '../../views/admin/layout.js';
import { shippingFormPage, shippingListPage } from '../../views/admin/shipping.js';
import { stateWithProblems } from './forms.js';
import { newShippingForm, parseNewShippingForm, parseShippingForm, shippingToForm } from './shipping-form.js';

// The admin's shipping pages, in a scope of their own behind the same guard as every admin
// page (session, CSRF on POST, no-store, noindex); changes go through domain/admin/shipping.ts,
// which writes the audit row in the change's transaction.

const idParam = z.object({ id: z.string().regex(/^\d{1,9}$/).transform(Number) });

function idOf(request: FastifyRequest): number {
  const parsed = idParam.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError('shipping method');
  return parsed.data.id;
}

function frameFor(request: FastifyRequest, reply: FastifyReply): AdminFrame {
  const saved = (request.query as { saved?: unknown } | undefined)?.saved === 'shipping';
  return { csrfToken: reply.generateCsrf(), ...(saved ? { notice: 'Shipping method saved.' } : {}) };
}

function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page);
}

export async function adminShippingPages(app: FastifyInstance): Promise<void> {
  await registerAdminGuard(app, 'html');

  app.get('/admin/shipping', { schema: { hide: true } }, async (request, reply) => {
    return sendPage(reply, shippingListPage(frameFor(request, reply), await listShippingMethods(app.db)));
  });

  const newForm = async (request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) =>
    sendPage(reply, shippingFormPage(frameFor(request, reply), null, state ?? newShippingForm(await listShippingMethods(app.db))), status);

  app.get('/admin/shipping/new', { schema: { hide: true } }, async (request, reply) => newForm(request, reply, null));

  app.post('/admin/shipping/new', { schema: { hide: true } }, async (request, reply) => {
    const parsed = parseNewShippingForm(request.body);
    if (!parsed.ok) return newForm(request, reply, parsed.state, 400);
    try {
      await createShippingMethod(app.db, auditContext(request), parsed.value);
    } catch (error) {
      if (error instanceof DomainError && error.fields !== undefined && error.fields.length > 0) {
        return newForm(request, reply, stateWithProblems(parsed.values, error.fields), error.statusCode);
      }
      throw error;
    }
    return reply.redirect('/admin/shipping?saved=shipping', 303);
  });

  const form = async (request: FastifyRequest, reply: FastifyReply, id: number, state: FormState | null, status = 200) => {
    const method = await getShippingMethod(app.db, id);
    return sendPage(reply, shippingFormPage(frameFor(request, reply), method, state ?? shippingToForm(method)), status);
  };

  app.get('/admin/shipping/:id/edit', { schema: { hide: true } }, async (request, reply) => form(request, reply, idOf(request), null));

  app.post('/admin/shipping/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request);
    await getShippingMethod(app.db, id);
    const parsed = parseShippingForm(request.body);
    if (!parsed.ok) return form(request, reply, id, parsed.state, 400);
    try {
      await updateShippingMethod(app.db, auditContext(request), id, parsed.value);
    } catch (error) {
      if (error instanceof DomainError && error.fields !== undefined && error.fields.length > 0) {
        return form(request, reply, id, stateWithProblems(parsed.values, error.fields), error.statusCode);
      }
      throw error;
    }
    return reply.redirect('/admin/shipping?saved=shipping', 303);
  });
}
