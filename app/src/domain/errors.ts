// Errors the domain throws for a client's mistake or a business rule. The error handler maps
// them to 4xx answers; anything else is a fault of ours and becomes a bare 500.

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
  constructor(what: string) {
    super(404, 'not_found', `${what} not found`);
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
