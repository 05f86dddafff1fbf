import { Counter, Gauge, type Registry } from 'prom-client';

// The rendered-response cache (CatalogSnapshot.renders): is it answering, and what does it
// hold. A low hit ratio with a full cache says it is too small; with an empty one, that the
// snapshot changes too often (every catalog change starts a new, empty cache).

/** What the cache did for one cacheable request. */
export type ResponseCacheResult =
  /** Sent from the cache, without rendering. */
  | 'hit'
  /** Rendered, then kept for the next request of the same URL. */
  | 'miss'
  /** Not cacheable: a cart or admin session cookie (one visitor's page), or no usable snapshot (CATALOG_SNAPSHOT off, loading, listening connection down). */
  | 'bypass';

export interface ResponseCacheContents {
  readonly size: number;
  readonly byteSize: number;
}

export interface ResponseCacheMetrics {
  requests: Counter<'result'>;
  /** The cache the gauges read on each scrape; null while there is none (both read 0 then, as they do when never set). */
  watch(current: () => ResponseCacheContents | null): void;
}

export function createResponseCacheMetrics(registry: Registry): ResponseCacheMetrics {
  let current: (() => ResponseCacheContents | null) | undefined;
  const contentsGauge = (name: string, help: string, read: (contents: ResponseCacheContents) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        if (current === undefined) return;
        const contents = current();
        this.set(contents === null ? 0 : read(contents));
      },
    });
  contentsGauge('storefront_response_cache_entries', 'Rendered catalog responses held for the current catalog snapshot', (contents) => contents.size);
  contentsGauge('storefront_response_cache_bytes', 'Bytes of rendered catalog responses held for the current catalog snapshot (bodies, ETags, keys)', (contents) => contents.byteSize);
  const requests = new Counter({
    name: 'storefront_response_cache_requests_total',
    help: 'Cacheable catalog requests (pages and API reads) by what the rendered-response cache did: hit, miss or bypass',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  // Every result from the first scrape on, so a ratio is defined before the first miss.
  for (const result of ['hit', 'miss', 'bypass'] satisfies ResponseCacheResult[]) requests.inc({ result }, 0);
  return {
    requests,
    watch(read) {
      current = read;
    },
  };
}
