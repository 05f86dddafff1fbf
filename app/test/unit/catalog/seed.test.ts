import { describe, expect, it } from 'vitest';
import { buildSeedCatalog, slugify } from '../../../src/db/seed/catalog.js';
import { createRng } from '../../../src/db/seed/prng.js';

describe('seed generator', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
    for (const value of first) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('keeps integers within both bounds and shuffles without losing items', () => {
    const rng = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i += 1) seen.add(rng.int(1, 3));
    expect([...seen].sort()).toEqual([1, 2, 3]);
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('turns product names into valid slugs', () => {
    expect(slugify('Dell XPS 13 9340 13.4" Core Ultra 7 155H 32GB 1TB')).toBe('dell-xps-13-9340-13-4-in-core-ultra-7-155h-32gb-1tb');
    expect(slugify('Samsung 990 EVO Plus')).toBe('samsung-990-evo-plus');
    expect(slugify('Crème Brûlée / Édition')).toBe('creme-brulee-edition');
    const long = slugify('word '.repeat(60));
    expect(long.length).toBeLessThanOrEqual(110);
    expect(long).toMatch(/^[a-z0-9-]+$/);
    expect(long).not.toMatch(/^-|--|-$/);
  });

  it('builds the same catalog every time', () => {
    expect(buildSeedCatalog()).toEqual(buildSeedCatalog());
  });

  it('prices products like a shop: .99 endings, Apple .00', () => {
    const { products } = buildSeedCatalog();
    for (const product of products) {
      expect(product.priceCents % 100, product.name).toBe(product.vendor === 'apple' ? 0 : 99);
    }
  });
});
