import { loadDatabaseConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { runCli } from './run-cli.js';

// `npm run migrate`: the command of the migration Job (an Argo CD PreSync hook) and of local
// setups. Safe to run from several places at once: the advisory lock serialises them.
runCli(async () => {
  const config = loadDatabaseConfig();
  const db = await openDatabase(config, { withoutStatementTimeouts: true });
  try {
    const report = await migrate(db);
    const names = report.applied.map((m) => `${String(m.version).padStart(3, '0')}_${m.name}`);
    process.stdout.write(
      names.length === 0
        ? `migrate: schema up to date (${report.alreadyApplied} migrations applied before) on ${db.kind}\n`
        : `migrate: applied ${names.join(', ')} on ${db.kind}\n`,
    );
  } finally {
    await db.close();
  }
});
