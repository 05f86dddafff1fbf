// Reference 2: the catalog page rendered by the shop's own views from a list held in memory,
// served by Fastify. The gap between this and the real /products page is what the database
// round trips cost; the gap between this and the bare server is what rendering costs.
import Fastify from 'fastify';
import { listCategories } from '../dist/domain/catalog/categories.js';
import { listWithFacets } from '../dist/domain/catalog/facet-listing.js';
import { listVendors } from '../dist/domain/catalog/vendors.js';
import { migrate } from '../dist/db/migrate.js';
import { openPglite } from '../dist/db/pglite.js';
import { seedCatalog } from '../dist/db/seed/index.js';
import { listingSection } from '../dist/views/catalog/listing.js';
import { breadcrumbs } from '../dist/views/catalog/parts.js';
import { html } from '../dist/views/html.js';
import { layout } from '../dist/views/layout.js';

const port = Number(process.env.PORT);

// Load the same first page the real /products shows, once, then close the database.
const db = await openPglite({});
await migrate(db);
await seedCatalog(db);
const state = { vendors: [], inStock: false, specs: {}, page: 1 };
const [{ result, facets }, vendors, categories] = await Promise.all([listWithFacets(db, { page: 1 }), listVendors(db), listCategories(db)]);
await db.close();

const app = Fastify({ logger: false });
app.get('/products', async (_request, reply) => {
  const trail = breadcrumbs([{ label: 'Home', href: '/' }, { label: 'Catalog' }]);
  const body = html`!${trail}<h1>All products</h1>!${listingSection({ basePath: '/products', state, result, facets, vendors, categories })}`;
  const page = layout(
    {
      title: 'All products',
      description: `Browse ${result.total} computers, parts and peripherals at Bitshop: filter by vendor, category, price and stock.`,
      canonical: `http://127.0.0.1:${port}/products`,
    },
    { cartCount: 0 },
    body,
  );
  return reply.type('text/html; charset=utf-8').send(page);
});
await app.listen({ port, host: '127.0.0.1' });
