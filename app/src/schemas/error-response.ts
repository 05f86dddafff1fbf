import { z } from 'zod';

// The one shape of every API error answer, so clients handle them in one place.
export const errorResponse = z
  .object({
    error: z.object({
      code: z.string().describe('stable machine-readable code, e.g. validation_failed, not_found'),
      message: z.string().describe('what went wrong, for a person'),
      fields: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .describe('one entry per invalid field, with its path in the request'),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorResponse = z.infer<typeof errorResponse>;

/** Response schemas for the errors every API operation can answer with. */
export const commonErrors = {
  400: errorResponse.describe('invalid request: malformed body, wrong types or unknown fields'),
  429: errorResponse.describe('too many requests'),
  503: errorResponse.describe('database_unavailable: the database is away (restart, failover, hang); nothing was changed unless the same Idempotency-Key later returns an order. Retry after the Retry-After header'),
} as const;
