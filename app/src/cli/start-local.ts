import { loadConfig } from '../config.js';
import { makeLocalSecrets } from '../harness/local-secrets.js';
import { startServer, stopOnSignals } from '../server.js';
import { runCli } from './run-cli.js';

// `npm start`: the shop on this machine, embedded database by default, schema migrated and
// the seed catalog loaded into an empty database. Secrets that a cluster gets from its
// Secret are made up for this run when unset (by the harness, as for every shop a test or tool
// starts), and the admin password is shown once here.
runCli(async () => {
  // Nothing routes to a shop on this machine but the person who stops it: no drain delay.
  const env: NodeJS.ProcessEnv = { MIGRATE_ON_START: 'true', SEED_ON_START: 'true', SHUTDOWN_DRAIN_DELAY_MS: '0', ...process.env };
  const secrets = makeLocalSecrets();
  env.SESSION_SECRET ??= secrets.env.SESSION_SECRET;
  let adminPassword: string | undefined;
  if (env.ADMIN_PASSWORD_HASH === undefined) {
    adminPassword = secrets.adminPassword;
    env.ADMIN_PASSWORD_HASH = secrets.env.ADMIN_PASSWORD_HASH;
  }
  const config = loadConfig(env);
  const server = await startServer(config);
  stopOnSignals(server);
  const lines = [
    '',
    `  Shop:     ${server.url}/`,
    `  API docs: ${server.url}/api/docs`,
    `  Metrics:  ${server.metricsUrl}`,
    adminPassword === undefined
      ? `  Admin:    ${server.url}/admin (password from ADMIN_PASSWORD_HASH)`
      : `  Admin:    ${server.url}/admin  password for this run: ${adminPassword}`,
    `  Database: ${config.DATABASE_URL === undefined ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL from DATABASE_URL'}`,
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
});
