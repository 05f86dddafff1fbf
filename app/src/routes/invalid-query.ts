import type { z } from 'zod';
import { ValidationError } from '../domain/domain-errors.js';

/**
 * A zod failure on an HTML page's query string as the 400 the error handler renders: each
 * parameter named with what is wrong, in the page's message too (a page has no JSON `fields`).
 */
export function invalidQuery(error: z.ZodError): ValidationError {
  const fields = error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || 'query', message: issue.message }));
  const described = fields.map((field) => `"${field.path}": ${field.message}`).join('; ');
  return new ValidationError(fields, `Invalid query parameter ${described}.`);
}
