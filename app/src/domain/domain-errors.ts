// Errors the domain throws for a client's mistake or a business rule. The error handler maps
// them to 4xx answers, a database that cannot serve to 503; anything else is a fault of ours
// and becomes a bare 500.

export interface FieldProblem {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  /** What was looked for (product, vendor, order...), so a page can say so in its own words. */
  readonly what: string;

  constructor(what: string) {
    super(404, 'not_found', `${what} not found`);
    this.what = what;
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, fields?: FieldProblem[]) {
    super(409, code, message, fields);
  }
}

/** A request that is well-formed but breaks a rule (voucher expired, not enough stock...). */
export class UnprocessableError extends DomainError {
  constructor(code: string, message: string, fields?: FieldProblem[]) {
    super(422, code, message, fields);
  }
}

export class ValidationError extends DomainError {
  constructor(fields: FieldProblem[], message = 'the request has invalid fields') {
    super(400, 'validation_failed', message, fields);
  }
}

/**
 * The database cannot serve right now: restarting, failing over, unreachable, or too slow to
 * answer within the configured timeouts. Not a fault in the request, nor (by itself) a bug:
 * the error handler answers 503 with Retry-After, and a client that retries with the same
 * Idempotency-Key gets exactly one order, even when the lost answer was to a COMMIT.
 */
export class DatabaseUnavailableError extends Error {
  /** Seconds a client should wait before retrying (the Retry-After header). */
  readonly retryAfterSeconds = 1;

  constructor(cause: unknown) {
    super('the database is unavailable; retry shortly', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}
