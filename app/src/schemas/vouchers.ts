import { z } from 'zod';
import { voucherRejections } from '../domain/vouchers/evaluate.js';

export const voucherCheckParams = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/, { error: 'expected a voucher code: 3-32 letters, digits, _ or -' })
    // A voucher of the seed catalog: on a fresh shop the example answers 200, not 404.
    .meta({ examples: ['WELCOME10'] }),
});

export const voucherCheckQuery = z.strictObject({
  subtotalCents: z.coerce
    .number({ error: 'expected a whole number of cents' })
    .int({ error: 'expected a whole number of cents' })
    .min(0, { error: 'expected 0 or more' })
    .max(1_000_000_000, { error: 'expected at most 1000000000' }),
});

export const voucherCheckResponse = z
  .object({
    code: z.string(),
    valid: z.boolean(),
    reason: z.enum(voucherRejections).nullable().describe('why the voucher gives no discount; null when valid'),
    message: z.string().nullable(),
    kind: z.enum(['percent', 'fixed']),
    amount: z.int().describe('percent (1-100) or cents off'),
    minTotalCents: z.int(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    subtotalCents: z.int(),
    discountCents: z.int().describe('the discount it would give on subtotalCents now'),
  })
  .meta({ id: 'VoucherCheck' });
