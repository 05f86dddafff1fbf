import type { FastifyInstance } from 'fastify';
import { createLoginLimiter } from '../../plugins/admin-auth.js';
import { adminApi } from './api.js';
import { registerCatalogCacheClearing } from './catalog-cache-clearing.js';
import { adminPages } from './pages.js';
import { adminShippingPages } from './shipping-pages.js';

// Pages and API each get their own encapsulated scope with the admin guard (session, CSRF,
// no-store); nothing here leaks hooks or decorators into the storefront's routes. The login
// limiter is shared, so the form and the API draw on one budget of attempts per client.
// Catalog writes in either scope clear the catalog cache (catalog-cache-clearing.ts).
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  registerCatalogCacheClearing(app);
  const limitLogin = createLoginLimiter(app);
  await app.register(adminPages, { limitLogin });
  await app.register(adminShippingPages);
  await app.register(adminApi, { prefix: '/api/v1/admin', limitLogin });
}
