import { pgErrorCode, pgErrorCodes } from '../../db/database.js';
import { ConflictError } from '../domain-errors.js';

/**
 * Turns a unique violation into a 409 that names the field, so a duplicate SKU, slug or code
 * is reported as the client's mistake; the unique index, not a prior SELECT, is the judge, so
 * two admins saving at once cannot both win. Other errors pass through unchanged.
 */
export function rethrowDuplicate(error: unknown, what: string, fieldOfColumn: Record<string, string>): never {
  if (pgErrorCode(error) === pgErrorCodes.uniqueViolation && typeof error === 'object' && error !== null) {
    const detail = 'detail' in error && typeof error.detail === 'string' ? error.detail : '';
    const constraint = 'constraint' in error && typeof error.constraint === 'string' ? error.constraint : '';
    const column = /Key \((\w+)\)/.exec(detail)?.[1] ?? Object.keys(fieldOfColumn).find((name) => constraint.endsWith(`_${name}_key`));
    const field = column === undefined ? undefined : fieldOfColumn[column];
    if (field !== undefined) {
      throw new ConflictError('duplicate', `another ${what} already has this ${field}`, [{ path: field, message: `already used by another ${what}` }]);
    }
    throw new ConflictError('duplicate', `another ${what} already has these values`);
  }
  throw error;
}
