import { describe, expect, it } from 'vitest';
import { ByteLru } from '../../../src/domain/catalog/byte-lru.js';

describe('ByteLru', () => {
  const sized = (maxEntries: number, maxBytes: number) => new ByteLru<string>(maxEntries, maxBytes, (value) => value.length);

  it('drops the least recently used entry beyond the entry limit', () => {
    const lru = sized(2, 1_000);
    lru.set('a', 'x');
    lru.set('b', 'x');
    expect(lru.get('a')).toBe('x');
    lru.set('c', 'x');
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual(['x', undefined, 'x']);
    expect(lru.size).toBe(2);
  });

  it('keeps the sum of sizes (values and keys) under the byte limit', () => {
    const lru = sized(100, 100);
    for (let i = 0; i < 10; i += 1) lru.set(`k${i}`, 'v'.repeat(30));
    expect(lru.byteSize).toBeLessThanOrEqual(100);
    expect(lru.size).toBe(2);
    expect(lru.get('k9')).toBeDefined();
    expect(lru.get('k0')).toBeUndefined();
  });

  it('never holds a value larger than the whole budget, and replaces a key in place', () => {
    const lru = sized(10, 50);
    lru.set('big', 'v'.repeat(60));
    expect(lru.get('big')).toBeUndefined();
    lru.set('a', 'one');
    lru.set('a', 'three');
    expect(lru.size).toBe(1);
    expect(lru.byteSize).toBe('three'.length + 2);
  });
});
