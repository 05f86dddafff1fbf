// `npm run promote -- <command> [flags]`: see `npm run promote -- help` and docs/delivery.md.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCommand, usage } from './cli.js';
import { checkCommand } from './commands/check.js';
import { deployedCommand, gateCommand } from './commands/gate.js';
import { sloCommand } from './commands/slo.js';
import { staleCommand } from './commands/stale.js';
import { openCommand, planCommand, rollbackCommand } from './commands/promote.js';
import { releaseCommand } from './commands/release.js';
import { statusCommand } from './commands/status.js';
import { exitCodes, RefusedError, ToolError, UsageError } from './errors.js';
import { redactUrls } from './git.js';
import { openSession, type Runtime } from './session.js';

/** Runs one command; returns the exit code. Errors are one line on `err`, the token never. */
export async function run(argv: readonly string[], runtime: Runtime & { err: (text: string) => void }): Promise<number> {
  const secrets = [runtime.env.GITHUB_TOKEN?.trim(), runtime.env.PROMETHEUS_TOKEN?.trim(), runtime.env.ARGOCD_AUTH_TOKEN?.trim()].filter((secret): secret is string => secret !== undefined && secret !== '');
  const clean = (text: string) => secrets.reduce((redacted, secret) => redacted.replaceAll(secret, '***'), redactUrls(text));
  try {
    const parsed = parseCommand(argv);
    if (parsed === 'help') {
      runtime.out(usage);
      return 0;
    }
    if (parsed.command === 'release') return await releaseCommand(runtime, parsed.options);
    if (parsed.command === 'check') return await checkCommand(runtime, parsed.options);
    const session = await openSession(runtime, parsed.options.base);
    switch (parsed.command) {
      case 'status':
        return await statusCommand(session, runtime, parsed.options);
      case 'plan':
        return await planCommand(session, runtime, parsed.options);
      case 'open':
        return await openCommand(session, runtime, parsed.options);
      case 'rollback':
        return await rollbackCommand(session, runtime, parsed.options);
      case 'gate':
        return await gateCommand(session, runtime, parsed.options);
      case 'deployed':
        return await deployedCommand(session, runtime, parsed.options);
      case 'slo':
        return await sloCommand(session, runtime, parsed.options);
      case 'stale':
        return await staleCommand(session, runtime, parsed.options);
    }
  } catch (error) {
    const message = clean(error instanceof Error ? error.message : String(error));
    if (error instanceof UsageError) {
      runtime.err(`promote: ${message}`);
      return exitCodes.usage;
    }
    if (error instanceof RefusedError) {
      runtime.err(`promote: refused: ${message}`);
      return exitCodes.refused;
    }
    runtime.err(`promote: ${error instanceof ToolError ? '' : 'unexpected error: '}${message}`);
    return exitCodes.failed;
  }
}

// eslint-disable-next-line security/detect-non-literal-fs-filename -- this process's own script path
const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  process.exitCode = await run(process.argv.slice(2), {
    cwd: process.env.INIT_CWD ?? process.cwd(),
    env: process.env,
    out: (text) => {
      process.stdout.write(`${text}\n`);
    },
    err: (text) => {
      process.stderr.write(`${text}\n`);
    },
    now: () => new Date(),
  });
}
