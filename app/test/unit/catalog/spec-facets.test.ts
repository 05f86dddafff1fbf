import { describe, expect, it } from 'vitest';
import { buildSeedCatalog } from '../../../src/db/seed/catalog.js';
import { countFacets, selectionKey, selectionMatcher, type FacetSelection, type Facetable } from '../../../src/domain/catalog/facets.js';
import { specFacetLabel, specFacetValues } from '../../../src/domain/catalog/spec-facets.js';
import { formatCapacity, specLabel, specValue } from '../../../src/domain/catalog/spec-labels.js';

const labelOf = (category: string, specs: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(specFacetValues(category, specs)).map(([key, value]) => [key, value.label]));

describe('spec labels', () => {
  it('labels known keys with their units and reads unknown keys as words', () => {
    expect(`${specLabel('ram_gb')}: ${specValue('ram_gb', 16)}`).toBe('Memory: 16 GB');
    expect(`${specLabel('display_in')}: ${specValue('display_in', 14)}`).toBe('Screen size: 14 in');
    expect(`${specLabel('storage_gb')}: ${specValue('storage_gb', 1024)}`).toBe('Storage: 1 TB');
    expect(specValue('refresh_hz', 144)).toBe('144 Hz');
    expect(specValue('cpu', 'Intel Core i7-14700F')).toBe('Intel Core i7-14700F');
    expect(specValue('fans', 3)).toBe('3');
    expect(specValue('usb_c', true)).toBe('Yes');
    expect(specLabel('fans')).toBe('Fans');
    expect(specLabel('noise_level_db')).toBe('Noise level db');
    // Inherited object keys are not spec keys.
    expect(specLabel('constructor')).toBe('Constructor');
  });

  it('writes capacities as shops do, binary and decimal terabytes alike', () => {
    expect([256, 512, 960, 1000, 1024, 2000, 2048, 4096, 1536].map(formatCapacity)).toEqual(['256 GB', '512 GB', '960 GB', '1 TB', '1 TB', '2 TB', '2 TB', '4 TB', '1536 GB']);
  });

  it('gives no product of the seed catalog two spec rows with the same label', () => {
    for (const product of buildSeedCatalog().products) {
      const labels = Object.keys(product.specs).map(specLabel);
      expect(new Set(labels).size, `${product.name}: ${labels.join(', ')}`).toBe(labels.length);
    }
  });
});

describe('spec facet values', () => {
  it('normalises a laptop: memory, storage, processor family, graphics without its memory, screen bucket', () => {
    expect(labelOf('laptops', { cpu: 'Intel Core i7-14650HX', ram_gb: 16, storage_gb: 1024, gpu: 'NVIDIA GeForce RTX 4070 8GB', display_in: 15.6 })).toEqual({
      memory: '16 GB', storage: '1 TB', cpu: 'Intel Core i7', gpu: 'NVIDIA GeForce RTX 4070', screen: '14–15.9 in',
    });
  });

  it('knows the processor families of the catalog and leaves unknown ones out', () => {
    const family = (cpu: string) => specFacetValues('desktops', { cpu }).cpu?.label;
    expect(family('Intel Core Ultra 7 155H')).toBe('Intel Core Ultra 7');
    expect(family('AMD Ryzen 7 PRO 8840U')).toBe('AMD Ryzen 7');
    expect(family('AMD Ryzen AI 9 HX 370')).toBe('AMD Ryzen AI 9');
    expect(family('Apple M4 Pro 12-core CPU 16-core GPU')).toBe('Apple M4 Pro');
    expect(family('Apple M3 8-core CPU 8-core GPU')).toBe('Apple M3');
    expect(family('Qualcomm Snapdragon X Elite')).toBeUndefined();
    expect(specFacetValues('desktops', { cpu: 'Intel Core i5-14400F' }).cpu?.id).toBe('intel-core-i5');
  });

  it('reads a memory kit and a drive by their capacity, and a graphics card by its chip', () => {
    expect(labelOf('memory', { capacity_gb: 32, modules: 2 })).toEqual({ memory: '32 GB' });
    expect(labelOf('storage', { capacity_gb: 2000 })).toEqual({ storage: '2 TB' });
    expect(labelOf('graphics-cards', { gpu_chip: 'AMD Radeon RX 7800 XT', vram_gb: 16 })).toEqual({ gpu: 'AMD Radeon RX 7800 XT' });
    expect(labelOf('monitors', { display_in: 27 })).toEqual({ screen: '27–31.9 in' });
    expect(labelOf('monitors', { display_in: 13.3 })).toEqual({ screen: 'Under 14 in' });
    expect(labelOf('monitors', { display_in: 49 })).toEqual({ screen: '32 in and larger' });
  });

  it('ignores values of the wrong type or out of range', () => {
    expect(specFacetValues('laptops', { ram_gb: '16', storage_gb: -1, display_in: 'big', cpu: 7, gpu: '' })).toEqual({});
  });

  it('labels an id no product has', () => {
    expect(specFacetLabel('memory', '48-gb')).toBe('48 GB');
    expect(specFacetLabel('screen', '16-18')).toBe('16–17.9 in');
    expect(specFacetLabel('cpu', 'intel-core-i3')).toBe('intel core i3');
  });
});

describe('facet counts', () => {
  const item = (vendor: string, category: string, specs: Record<string, unknown>): Facetable & { name: string } => ({
    name: `${vendor}-${category}-${JSON.stringify(specs)}`,
    vendor: { slug: vendor },
    category: { slug: category },
    facetValues: specFacetValues(category, specs),
  });
  const items = [
    item('acme', 'laptops', { ram_gb: 16 }),
    item('acme', 'laptops', { ram_gb: 32 }),
    item('zeta', 'laptops', { ram_gb: 16 }),
    item('zeta', 'monitors', { display_in: 27 }),
  ];

  it('counts each facet over the products matching every other filter', () => {
    const { matching, counts } = countFacets(items, { vendors: ['acme'], specs: { memory: ['16-gb'] } });
    expect(matching.map((product) => product.name)).toEqual([items[0]?.name]);
    // Vendor counts follow the memory filter: zeta has one 16 GB product.
    expect(Object.fromEntries(counts.vendors)).toEqual({ acme: 1, zeta: 1 });
    // Memory counts follow the vendor filter: acme has one 16 GB and one 32 GB product.
    expect(counts.specs.memory.map((option) => [option.label, option.count, option.selected])).toEqual([['16 GB', 1, true], ['32 GB', 1, false]]);
    expect(Object.fromEntries(counts.categories)).toEqual({ laptops: 1 });
    expect(counts.specs.screen).toEqual([]);
  });

  it('tests one item exactly as counting keeps it, and keys a selection whatever its order', () => {
    const selections: FacetSelection[] = [{}, { vendors: ['zeta'] }, { category: 'laptops', specs: { memory: ['16-gb', '32-gb'] } }, { vendors: ['acme'], specs: { screen: ['27-32'] } }];
    for (const selection of selections) {
      const matches = selectionMatcher(selection);
      expect(items.filter((product) => matches === undefined || matches(product))).toEqual(countFacets(items, selection).matching);
    }
    expect(selectionMatcher({})).toBeUndefined();
    expect(selectionKey({ vendors: ['b', 'a'], specs: { memory: ['32-gb', '16-gb'] } })).toBe(selectionKey({ vendors: ['a', 'b'], specs: { memory: ['16-gb', '32-gb'] } }));
    expect(selectionKey({ vendors: ['a'] })).not.toBe(selectionKey({ category: 'a' }));
  });

  it('keeps a selected value with no products, counted 0, and returns items in the order given', () => {
    const { matching, counts } = countFacets(items, { specs: { memory: ['64-gb'] } });
    expect(matching).toEqual([]);
    expect(counts.specs.memory.map((option) => [option.label, option.count])).toEqual([['16 GB', 2], ['32 GB', 1], ['64 GB', 0]]);
    const all = countFacets(items, {});
    expect(all.matching).toEqual(items);
    expect(Object.fromEntries(all.counts.vendors)).toEqual({ acme: 2, zeta: 2 });
  });
});
