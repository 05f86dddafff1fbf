import { describe, expect, it } from 'vitest';
import { classifyDatabaseError, isBrokenConnection, isDatabaseUnavailable } from '../../../src/db/unavailable.js';
import { DatabaseUnavailableError } from '../../../src/domain/domain-errors.js';

function withCode(code: string, message = 'x'): Error {
  return Object.assign(new Error(message), { code });
}

// What the error handler turns into 503 and what it leaves a 500 (or a domain answer): the
// messages and codes are the ones node-postgres, pg-pool and PostgreSQL really produce.
describe('database unavailability', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET', 'read ECONNRESET')],
    ['an administrator shutdown', withCode('57P01', 'terminating connection due to administrator command')],
    ['a crash shutdown', withCode('57P02')],
    ['a server still starting up', withCode('57P03', 'the database system is starting up')],
    ['a connection exception (class 08)', withCode('08006')],
    ['a statement timeout', withCode('57014', 'canceling statement due to statement timeout')],
    ['too many connections', withCode('53300')],
    ['a write that reached a standby during failover', withCode('25006', 'cannot execute UPDATE in a read-only transaction')],
    ['a rotated password that reached the role before this pod restarted', withCode('28P01', 'password authentication failed for user "app"')],
    ['a connection the server dropped', new Error('Connection terminated unexpectedly')],
    ['a full pool', new Error('timeout exceeded when trying to connect')],
    ['a connect timeout, by its cause', new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') })],
    ['a server that stopped answering', new Error('Query read timeout')],
    ['a client that already broke', new Error('Client has encountered a connection error and is not queryable')],
  ])('%s is unavailability', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const classified = classifyDatabaseError(error);
    expect(classified).toBeInstanceOf(DatabaseUnavailableError);
    expect((classified as DatabaseUnavailableError).cause).toBe(error);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601')],
    ['a missing table', withCode('42P01')],
    ['a bug of ours', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a value that is not an error', 'boom'],
  ])('%s is not', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(classifyDatabaseError(error)).toBe(error);
  });

  it('discards a connection that broke or timed out, but keeps one whose statement the server cancelled', () => {
    expect(isBrokenConnection(withCode('ECONNRESET'))).toBe(true);
    expect(isBrokenConnection(new Error('Query read timeout'))).toBe(true);
    expect(isBrokenConnection(new DatabaseUnavailableError(new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isBrokenConnection(withCode('57014'))).toBe(false);
    expect(isBrokenConnection(new DatabaseUnavailableError(withCode('57014')))).toBe(false);
    expect(isBrokenConnection(withCode('23505'))).toBe(false);
  });
});
