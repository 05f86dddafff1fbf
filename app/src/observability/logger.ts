import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

// Anything that can carry a credential is censored before a log line is written.
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'body.password',
  'DATABASE_URL',
  'SESSION_SECRET',
  'ADMIN_PASSWORD_HASH',
  'config.DATABASE_URL',
  'config.SESSION_SECRET',
  'config.ADMIN_PASSWORD_HASH',
];

export function loggerOptions(config: Pick<Config, 'LOG_LEVEL'>): NonNullable<FastifyServerOptions['logger']> {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  };
}
