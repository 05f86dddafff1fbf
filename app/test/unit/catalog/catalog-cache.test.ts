import { describe, expect, it } from 'vitest';
import { CatalogCache } from '../../../src/domain/catalog/catalog-cache.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

describe('CatalogCache counts', () => {
  it('loads a count once per key until the TTL passes', async () => {
    const time = clock();
    const cache = new CatalogCache(1000, 10, time.now);
    let loads = 0;
    const load = async () => { loads += 1; return 42; };
    expect(await cache.remember('a', load)).toBe(42);
    expect(await cache.remember('a', load)).toBe(42);
    expect(loads).toBe(1);
    time.advance(1001);
    await cache.remember('a', load);
    expect(loads).toBe(2);
  });

  it('keeps separate counts per key and forgets everything on clear', async () => {
    const cache = new CatalogCache(60_000);
    expect(await cache.remember('a', async () => 1)).toBe(1);
    expect(await cache.remember('b', async () => 2)).toBe(2);
    cache.clear();
    expect(await cache.remember('a', async () => 3)).toBe(3);
  });

  it('forgets one key and keeps the others', async () => {
    const cache = new CatalogCache(60_000);
    await cache.remember('a', async () => 1);
    await cache.remember('b', async () => 2);
    cache.forget('a');
    expect(await cache.remember('a', async () => 10)).toBe(10);
    expect(await cache.remember('b', async () => 20)).toBe(2);
  });

  it('does not remember a failed load', async () => {
    const cache = new CatalogCache(60_000);
    await expect(cache.remember('a', async () => { throw new Error('db down'); })).rejects.toThrow('db down');
    expect(await cache.remember('a', async () => 7)).toBe(7);
  });

  it('holds at most maxCounts keys, dropping the oldest', async () => {
    const cache = new CatalogCache(60_000, 2);
    await cache.remember('a', async () => 1);
    await cache.remember('b', async () => 2);
    await cache.remember('c', async () => 3);
    expect(await cache.remember('a', async () => 10)).toBe(10);
    expect(await cache.remember('c', async () => 30)).toBe(3);
  });

  it('is off with a TTL of 0', async () => {
    const cache = new CatalogCache(0);
    let loads = 0;
    await cache.remember('a', async () => { loads += 1; return 1; });
    await cache.remember('a', async () => { loads += 1; return 1; });
    expect(loads).toBe(2);
  });
});
