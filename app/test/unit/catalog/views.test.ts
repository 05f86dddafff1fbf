import { describe, expect, it } from 'vitest';
import { listingQueryString, type ListingState } from '../../../src/views/catalog/listing-query.js';
import { pagination } from '../../../src/views/catalog/parts.js';
import { metaDescription } from '../../../src/views/catalog/product.js';

const base: ListingState = { vendors: [], inStock: false, specs: {}, page: 1 };

describe('catalog view helpers', () => {
  it('writes listing addresses with parameters in one order and page 1 left out', () => {
    expect(listingQueryString(base)).toBe('');
    expect(listingQueryString({ ...base, sort: 'name', vendors: ['b', 'a'], q: 'ssd', minCents: 9_999, maxCents: 20_000, inStock: true, page: 3 })).toBe(
      '?q=ssd&vendor=b&vendor=a&min=99.99&max=200&inStock=true&sort=name&page=3',
    );
    expect(listingQueryString({ ...base, page: 3 }, { page: 1 })).toBe('');
    expect(listingQueryString({ ...base, q: 'a&b=c' })).toBe('?q=a%26b%3Dc');
    expect(listingQueryString({ ...base, specs: { screen: ['14-16'], memory: ['16-gb', '32-gb'] }, sort: 'name' })).toBe('?memory=16-gb&memory=32-gb&screen=14-16&sort=name');
  });

  it('writes the address of a listing without one filter, back at page 1', () => {
    const state: ListingState = { ...base, vendors: ['acme', 'zeta'], category: 'laptops', inStock: true, specs: { memory: ['16-gb'] }, sort: 'price_asc', page: 2 };
    expect(listingQueryString(state, { page: 1, without: { kind: 'vendor', value: 'acme' } })).toBe('?vendor=zeta&category=laptops&inStock=true&memory=16-gb&sort=price_asc');
    expect(listingQueryString(state, { page: 1, without: { kind: 'memory', value: '16-gb' } })).toBe('?vendor=acme&vendor=zeta&category=laptops&inStock=true&sort=price_asc');
    expect(listingQueryString(state, { page: 1, without: { kind: 'inStock' } })).toBe('?vendor=acme&vendor=zeta&category=laptops&memory=16-gb&sort=price_asc');
    expect(listingQueryString(state, { sort: null, omit: 'category' })).toBe('?vendor=acme&vendor=zeta&inStock=true&memory=16-gb&page=2');
  });

  it('paginates with first and last pages, gaps, rel links and the current page marked', () => {
    expect(pagination(1, 1, String)).toBe('');
    const middle = pagination(6, 12, (page) => `/p?page=${page}`);
    expect(middle).toContain('rel="prev"');
    expect(middle).toContain('rel="next"');
    expect(middle).toMatch(/page&#61;6" aria-current="page"/);
    expect(middle.match(/aria-current/g)).toHaveLength(1);
    expect(middle.match(/…/g)).toHaveLength(2);
    expect(pagination(12, 12, String)).not.toContain('rel="next"');
  });

  it('shortens long meta descriptions at a word and falls back when empty', () => {
    expect(metaDescription('', 'fallback')).toBe('fallback');
    expect(metaDescription('Short  text\nhere.', 'x')).toBe('Short text here.');
    const long = metaDescription('word '.repeat(80), 'x');
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long.endsWith('word...')).toBe(true);
  });

});
