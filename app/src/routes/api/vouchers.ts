import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/domain-errors.js';
import { evaluateVoucher } from '../../domain/vouchers/evaluate.js';
import { findVoucherByCode } from '../../domain/vouchers/repository.js';
import { commonErrors, errorResponse } from '../../schemas/error-response.js';
import { voucherCheckParams, voucherCheckQuery, voucherCheckResponse } from '../../schemas/vouchers.js';

export async function voucherApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/vouchers/:code',
    {
      schema: {
        tags: ['vouchers'],
        summary: 'Check whether a voucher applies to a subtotal now, and the discount it would give',
        description: 'Codes are case-insensitive. An unknown code is 404; a known one answers 200 with `valid` and, when invalid, the reason.',
        params: voucherCheckParams,
        querystring: voucherCheckQuery,
        response: { 200: voucherCheckResponse, ...commonErrors, 404: errorResponse },
      },
    },
    async (request) => {
      const voucher = await findVoucherByCode(app.db, request.params.code);
      if (voucher === null) throw new NotFoundError('voucher');
      const { subtotalCents } = request.query;
      const evaluation = evaluateVoucher(voucher, subtotalCents, new Date());
      return {
        code: voucher.code,
        valid: evaluation.valid,
        reason: evaluation.valid ? null : evaluation.reason,
        message: evaluation.valid ? null : evaluation.message,
        kind: voucher.kind,
        amount: voucher.amount,
        minTotalCents: voucher.minTotalCents,
        startsAt: voucher.startsAt?.toISOString() ?? null,
        endsAt: voucher.endsAt?.toISOString() ?? null,
        subtotalCents,
        discountCents: evaluation.valid ? evaluation.discountCents : 0,
      };
    },
  );
}
