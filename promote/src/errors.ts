/** Exit codes: 1 something failed, 2 bad flags or input, 3 a rule refused the promotion. */
export const exitCodes = { failed: 1, usage: 2, refused: 3 } as const;

/** Bad flags or a bad environment: one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A promotion rule said no (missing gate, hold, digest never in stage): exit code 3. */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

/** GitHub or git failed; the message says what and what was cleaned up: exit code 1. */
export class ToolError extends Error {
  override name = 'ToolError';
}
