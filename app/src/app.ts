import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { publicUrl, type Config } from './config.js';
import type { Database } from './db/database.js';
import { CatalogCache } from './domain/catalog/catalog-cache.js';
import { CatalogSync } from './domain/catalog/catalog-sync.js';
import { appVersion, registerBuildInfo, unknownRelease } from './observability/build-info.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { AccessLog, loggerOptions } from './observability/logger.js';
import { registerErrorHandlers } from './plugins/error-handlers.js';
import { cartPruning, type CartPruningOptions } from './plugins/cart-pruning.js';
import { registerOpenApi } from './plugins/openapi.js';
import { clientErrorHandler, frameworkErrorHandler } from './plugins/client-errors.js';
import { registerConnectionDrain } from './plugins/connection-drain.js';
import { registerSecurityHeaders, securityHeaderValues } from './plugins/security-headers.js';
import { trustProxyOption } from './plugins/trust-proxy.js';
import { adminRoutes } from './routes/admin/index.js';
import { apiRoutes } from './routes/api/index.js';
import { healthRoutes } from './routes/health.js';
import { storefrontRoutes } from './routes/storefront/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Database;
    metrics: Metrics;
    lifecycle: { shuttingDown: boolean };
    /** Absolute base URL of the shop, without a trailing slash. */
    baseUrl: string;
    /** Cookies carry the Secure flag when the shop is served over https. */
    cookieSecure: boolean;
    catalogCache: CatalogCache;
    /** The in-memory catalog; null when CATALOG_SNAPSHOT is off. */
    catalogSync: CatalogSync | null;
  }
}

export interface BuildAppOptions {
  config: Config;
  db: Database;
  /** false silences logs (tests); default: JSON lines at config.LOG_LEVEL. */
  logger?: FastifyServerOptions['logger'];
  metrics?: Metrics;
  /** The expired-cart job's timing; integration tests, which age carts by hand, turn its timer off. */
  cartPruning?: Partial<CartPruningOptions>;
}

const assetsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');
const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;
const connectionsCheckingIntervalMs = 1_000;

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, db } = options;
  // Answers written before any hook runs carry the same headers as every other answer.
  const edgeSecurityHeaders = securityHeaderValues({ https: publicUrl(config).startsWith('https://') });
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config),
    logController: new AccessLog(),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    // Keep a caller's request id when it looks like one, so a trace can cross services;
    // genReqId reads the header itself so a malformed id is replaced, not trusted.
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
    },
    // When the listener closes (after the drain delay, see server.ts) idle connections close
    // and in-flight requests finish. A request that still arrives on an open connection is
    // served, not refused with Fastify's 503: its answer closes the connection.
    forceCloseConnections: 'idle',
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Slow clients: Fastify's default requestTimeout of 0 would let a body trickle in forever.
    // Both bounds cover receiving the request only, never the time a handler takes.
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout: config.HEADERS_TIMEOUT_MS,
      // Node checks both timeouts on this interval (30 s by default), which would add up to
      // 30 s to every bound above.
      connectionsCheckingInterval: connectionsCheckingIntervalMs,
    },
    clientErrorHandler: clientErrorHandler(edgeSecurityHeaders),
    frameworkErrors: frameworkErrorHandler(edgeSecurityHeaders),
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const metrics = options.metrics ?? createMetrics();
  app.decorate('config', config);
  app.decorate('db', db);
  app.decorate('metrics', metrics);
  registerBuildInfo(metrics.registry, { version: appVersion(), revision: config.RELEASE_REVISION ?? unknownRelease, digest: config.RELEASE_DIGEST ?? unknownRelease });
  app.decorate('lifecycle', { shuttingDown: false });
  app.decorate('baseUrl', publicUrl(config));
  app.decorate('cookieSecure', publicUrl(config).startsWith('https://'));

  // Admin catalog writes clear it in the admin routes' scope (routes/admin/catalog-cache-clearing.ts).
  app.decorate('catalogCache', new CatalogCache(config.CATALOG_CACHE_TTL_MS));

  if (config.CATALOG_SNAPSHOT) {
    const sync = new CatalogSync(db, {
      onSnapshot: (snapshot, loadMs) => {
        app.catalogCache.clear();
        metrics.catalogSnapshotUsable.set(1);
        metrics.catalogSnapshotLoads.inc();
        metrics.catalogSnapshotProducts.set(snapshot.productCount);
        app.log.debug({ products: snapshot.productCount, loadMs: Math.round(loadMs) }, 'catalog snapshot in use');
      },
      onUnusable: (reason) => {
        app.catalogCache.clear();
        metrics.catalogSnapshotUsable.set(0);
        app.log.warn({ reason }, 'catalog snapshot dropped: reading the database until it is loaded again');
      },
    });
    // Loading runs in the background: until it is in, pages read the database as before.
    await sync.start();
    metrics.responseCache.watch(() => sync.current?.renders ?? null);
    app.addHook('onClose', async () => { await sync.stop(); });
    app.decorate('catalogSync', sync);
  } else {
    app.decorate('catalogSync', null);
  }

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route template, not the URL, so label cardinality stays bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  registerSecurityHeaders(app, { https: app.cookieSecure });
  registerConnectionDrain(app);
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.RATE_LIMIT_MAX,
    timeWindow: '1 minute',
  });
  await app.register(fastifyCookie, { secret: config.SESSION_SECRET });
  await app.register(fastifyFormbody, { bodyLimit: config.BODY_LIMIT_BYTES });
  await app.register(fastifyStatic, {
    root: assetsDir,
    prefix: '/assets/',
    maxAge: '1h',
    index: false,
    list: false,
  });

  registerErrorHandlers(app);
  await registerOpenApi(app);
  await app.register(healthRoutes);
  await app.register(storefrontRoutes);
  await app.register(apiRoutes);
  await app.register(cartPruning, options.cartPruning ?? {});
  await app.register(adminRoutes);

  return app;
}
