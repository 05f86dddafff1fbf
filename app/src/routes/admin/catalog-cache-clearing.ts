import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An admin write to products (and their photos), vendors or categories. */
    changesCatalog?: boolean;
  }
}

/**
 * An admin change to the catalog shows on the storefront at once in the process that made it
 * (other replicas catch up within the cache's TTL). Only routes that say they change the catalog
 * clear it: logging in or out, ending sessions, vouchers and shipping methods leave the cached
 * vendor lists and counts as they were. A refused write (status 400 and up) changed nothing.
 */
export function registerCatalogCacheClearing(scope: FastifyInstance): void {
  scope.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.config.changesCatalog === true && reply.statusCode < 400) scope.catalogCache.clear();
  });
}
