import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An admin write to products (and their photos), vendors or categories. */
    changesCatalog?: boolean;
  }
}

/** Products (and their photos), vendors and categories, in the admin pages and the admin API. */
const catalogResource = /^(?:\/api\/v1)?\/admin\/(?:products|vendors|categories)(?:\/|$)/;
const readMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * An admin change to the catalog shows on the storefront at once in the process that made it
 * (other replicas catch up within the cache's TTL). Only routes that say they change the catalog
 * clear it: logging in or out, ending sessions, vouchers and shipping methods leave the cached
 * vendor lists and counts as they were. A refused write (status 400 and up) changed nothing.
 */
export function registerCatalogCacheClearing(scope: FastifyInstance): void {
  // A write route under a catalog resource that forgets to say so would leave the storefront
  // showing the old catalog: it fails at registration, so no build of the app can ship one.
  scope.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (route.config?.changesCatalog !== true && catalogResource.test(route.url) && methods.some((method) => !readMethods.has(method))) {
      throw new Error(`${methods.join(', ')} ${route.url} writes the catalog: mark it config.changesCatalog (routes/admin/catalog-cache-clearing.ts)`);
    }
  });
  scope.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.config.changesCatalog === true && reply.statusCode < 400) scope.catalogCache.clear();
  });
}
