// Reference 3: the products API's first page (GET /api/v1/products) built with the shop's own
// serialiser from a list held in memory and sent as JSON by Fastify: the JSON counterpart of
// the render reference, the limit the API could reach without a database.
import Fastify from 'fastify';
import { listProducts } from '../dist/domain/catalog/products.js';
import { migrate } from '../dist/db/migrate.js';
import { openPglite } from '../dist/db/pglite.js';
import { seedCatalog } from '../dist/db/seed/index.js';
import { productJson } from '../dist/routes/api/catalog.js';

const port = Number(process.env.PORT);
const baseUrl = `http://127.0.0.1:${port}`;

const db = await openPglite({});
await migrate(db);
await seedCatalog(db);
const result = await listProducts(db, { page: 1 });
await db.close();

const app = Fastify({ logger: false });
app.get('/api/v1/products', async () => ({
  items: result.items.map((product) => productJson(baseUrl, product)),
  page: result.page,
  pageSize: result.pageSize,
  total: result.total,
  totalPages: result.totalPages,
}));
await app.listen({ port, host: '127.0.0.1' });
