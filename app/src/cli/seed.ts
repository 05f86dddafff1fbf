import { loadDatabaseConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { seedIfEmpty } from '../db/seed/index.js';
import { runCli } from './run-cli.js';

// `npm run seed`: loads the deterministic seed catalog (vendors, categories, products,
// vouchers) into a migrated database. A catalog that already has products is left as it is,
// so running it twice, or against a live shop, changes nothing.
runCli(async () => {
  const config = loadDatabaseConfig();
  const db = await openDatabase(config);
  try {
    const started = performance.now();
    const seeded = await seedIfEmpty(db);
    const { rows } = await db.query<{ vendors: number; categories: number; products: number; vouchers: number }>(
      `SELECT (SELECT count(*)::int FROM vendors) AS vendors, (SELECT count(*)::int FROM categories) AS categories,
              (SELECT count(*)::int FROM products) AS products, (SELECT count(*)::int FROM vouchers) AS vouchers`,
    );
    const counts = rows[0];
    if (!counts) throw new Error('could not count the catalog');
    const summary = `${counts.vendors} vendors, ${counts.categories} categories, ${counts.products} products, ${counts.vouchers} vouchers`;
    process.stdout.write(
      seeded
        ? `seed: loaded the seed catalog on ${db.kind} in ${Math.round(performance.now() - started)} ms: ${summary}\n`
        : `seed: the catalog already has products on ${db.kind}; nothing seeded (${summary})\n`,
    );
  } finally {
    await db.close();
  }
});
