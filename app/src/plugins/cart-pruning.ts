import type { FastifyInstance } from 'fastify';
import { pruneExpiredCarts, type PruneOptions } from '../domain/cart/lifetime.js';

// Expired carts are already invisible (every read checks their age); this job only reclaims
// their rows. Every replica runs it: the DELETE skips rows another replica holds, so they
// share the work instead of queueing on each other.

export interface CartPruningOptions extends PruneOptions {
  intervalMs: number;
  /** The first run comes after a random delay up to this, so replicas started together spread out. */
  firstRunMaxDelayMs: number;
  /** false: no timer at all (integration tests, which age carts by hand and prune explicitly). */
  scheduled: boolean;
}

export const defaultCartPruning: CartPruningOptions = {
  intervalMs: 60 * 60 * 1000,
  firstRunMaxDelayMs: 60 * 1000,
  batchSize: 500,
  maxBatches: 20,
  scheduled: true,
};

/**
 * Starts the periodic prune when the app is ready and stops it when the app closes, waiting
 * for a run in progress so the database is not closed under it. The timer is unref'd: it
 * never keeps a process alive on its own.
 */
export async function cartPruning(app: FastifyInstance, overrides: Partial<CartPruningOptions> = {}): Promise<void> {
  const options = { ...defaultCartPruning, ...overrides };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function prune(): Promise<void> {
    try {
      const deleted = await pruneExpiredCarts(app.db, app.config.CART_TTL_DAYS, options);
      if (deleted > 0) app.log.info({ deletedCarts: deleted, cartTtlDays: app.config.CART_TTL_DAYS }, 'expired carts deleted');
    } catch (error) {
      app.log.warn({ err: error }, 'deleting expired carts failed; the next run tries again');
    }
  }

  function schedule(delayMs: number): void {
    timer = setTimeout(() => {
      if (stopped || app.lifecycle.shuttingDown) return;
      running = prune().finally(() => {
        running = undefined;
        if (!stopped) schedule(options.intervalMs);
      });
    }, delayMs);
    timer.unref();
  }

  app.addHook('onReady', async () => {
    if (!options.scheduled) return;
    schedule(Math.floor(Math.random() * options.firstRunMaxDelayMs));
  });
  app.addHook('onClose', async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  });
}
