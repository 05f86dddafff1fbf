import { createInterface } from 'node:readline/promises';
import { hashPassword } from '../domain/admin/password.js';
import { runCli } from './run-cli.js';

// `npm run hash-password`: reads a password from standard input (never from argv, which
// shells keep in history and `ps` shows) and prints its scrypt hash for ADMIN_PASSWORD_HASH.
runCli(async () => {
  const lines = createInterface({ input: process.stdin, terminal: false });
  if (process.stdin.isTTY) process.stderr.write('Admin password (input is echoed; pipe it in to avoid that): ');
  let password: string | undefined;
  for await (const line of lines) {
    password = line;
    break;
  }
  lines.close();
  if (password === undefined || password.length < 12) throw new Error('a password of at least 12 characters is required on standard input');
  process.stdout.write(`${hashPassword(password)}\n`);
});
