import type { Database } from '../../db/database.js';
import { CatalogSnapshot } from './snapshot.js';

/** The channel migration 006's triggers notify on every committed catalog change. */
export const catalogChannel = 'catalog_changed';
/** More changed products than this in one batch are read by a full load instead. */
const maxPatchedProducts = 500;
const retryAfterFailureMs = 500;

export interface CatalogSyncEvents {
  /** A new snapshot is in use (after a load or a patch). */
  onSnapshot?(snapshot: CatalogSnapshot, loadMs: number): void;
  /** The snapshot was dropped: pages are read from the database until the next onSnapshot. */
  onUnusable?(reason: string): void;
}

/**
 * Keeps this process's catalog snapshot in step with the database. The snapshot is usable
 * only while the LISTEN connection is up and every change announced on it has been applied:
 *
 * - on LISTEN (first, or after reconnecting) the whole catalog is read again, since changes
 *   made while nobody listened were not heard;
 * - a notification queues the change; batches are applied one at a time, and a change heard
 *   while a load runs is applied after it (the load may have read the row before the commit);
 * - when the connection is lost the snapshot is dropped at once, so nothing is served from
 *   a catalog that may have missed a change, until the reconnect's full load is in.
 *
 * `current` is null whenever the snapshot is unusable; callers then read the database.
 */
export class CatalogSync {
  current: CatalogSnapshot | null = null;
  private listening = false;
  private fullLoad = false;
  private readonly changedProducts = new Set<number>();
  private running = false;
  private stopped = false;
  /** Bumped on every loss, so a load started before it cannot install its result after it. */
  private epoch = 0;
  private unlisten: (() => Promise<void>) | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly db: Database,
    private readonly events: CatalogSyncEvents = {},
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(catalogChannel, {
      onListening: () => {
        this.listening = true;
        this.fullLoad = true;
        this.apply();
      },
      onNotify: (payload) => { this.heard(payload); },
      onLost: (error) => {
        this.listening = false;
        this.drop(`listening connection lost: ${error.message}`);
      },
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.epoch += 1;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.current = null;
    await this.unlisten?.();
  }

  /** A snapshot is in use and no heard change waits to be applied (tests). */
  get settled(): boolean {
    return this.current !== null && !this.running && !this.fullLoad && this.changedProducts.size === 0;
  }

  /** Resolves once a snapshot is in use (tests, the benchmark). */
  whenUsable(): Promise<void> {
    if (this.current !== null) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private heard(payload: string): void {
    const id = payload.startsWith('p:') ? Number(payload.slice(2)) : Number.NaN;
    if (Number.isInteger(id)) this.changedProducts.add(id);
    else this.fullLoad = true;
    this.apply();
  }

  private drop(reason: string): void {
    this.epoch += 1;
    this.fullLoad = false;
    this.changedProducts.clear();
    if (this.current !== null) {
      this.current = null;
      this.events.onUnusable?.(reason);
    }
  }

  private apply(): void {
    if (this.running || this.stopped || !this.listening) return;
    this.running = true;
    void this.drain().finally(() => { this.running = false; });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.listening && (this.fullLoad || this.changedProducts.size > 0)) {
      const epoch = this.epoch;
      const base = this.fullLoad || this.changedProducts.size > maxPatchedProducts ? null : this.current;
      const ids = [...this.changedProducts];
      this.fullLoad = false;
      this.changedProducts.clear();
      const started = performance.now();
      let next: CatalogSnapshot | null;
      try {
        next = (base === null ? null : await base.withProducts(this.db, ids)) ?? (await CatalogSnapshot.load(this.db));
      } catch (error) {
        // Whatever was not applied is unknown now: serve from the database and read it all again.
        if (epoch === this.epoch) {
          this.drop(`catalog load failed: ${error instanceof Error ? error.message : String(error)}`);
          this.retryTimer = setTimeout(() => {
            this.fullLoad = true;
            this.apply();
          }, retryAfterFailureMs);
        }
        return;
      }
      if (epoch !== this.epoch) continue;
      this.current = next;
      this.events.onSnapshot?.(next, performance.now() - started);
      for (const resolve of this.waiters.splice(0)) resolve();
    }
  }
}
