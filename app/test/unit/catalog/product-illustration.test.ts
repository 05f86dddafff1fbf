import { describe, expect, it } from 'vitest';
import { illustrationVersion, productIllustration, productImageUrl } from '../../../src/views/images/product-illustration.js';

const laptop = { slug: 'zen-book-14', name: 'Zen Book 14', vendorName: 'ASUS', categorySlug: 'laptops' };

describe('product illustrations', () => {
  it('draws the same bytes for the same product, and another object per category', () => {
    expect(productIllustration(laptop)).toBe(productIllustration({ ...laptop }));
    const drawings = new Set(['laptops', 'desktops', 'monitors', 'graphics-cards', 'processors', 'storage', 'memory', 'peripherals'].map((categorySlug) => productIllustration({ ...laptop, categorySlug }).replace(/hsl\([^)]*\)/g, '')));
    expect(drawings.size).toBe(8);
  });

  it('versions the URL by everything drawn, not by the slug', () => {
    expect(productImageUrl(laptop)).toMatch(/^\/images\/products\/zen-book-14\/[0-9a-f]{12}\.svg$/);
    expect(illustrationVersion({ ...laptop, slug: 'other' })).toBe(illustrationVersion(laptop));
    for (const changed of [{ name: 'Zen Book 15' }, { vendorName: 'Asus' }, { categorySlug: 'monitors' }]) {
      expect(illustrationVersion({ ...laptop, ...changed })).not.toBe(illustrationVersion(laptop));
    }
  });

  it('gives the same version from memory as from the digest, also after the memory filled up and started again', () => {
    const first = illustrationVersion({ ...laptop, name: 'Remembered laptop' });
    for (let index = 0; index < 50_001; index += 1) illustrationVersion({ ...laptop, name: `Laptop ${index}` });
    expect(illustrationVersion({ ...laptop, name: 'Remembered laptop' })).toBe(first);
    expect(illustrationVersion({ ...laptop, name: 'Laptop 7' })).not.toBe(illustrationVersion({ ...laptop, name: 'Laptop 8' }));
  });

  it('writes a long name on two lines at most, cut with an ellipsis', () => {
    const svg = productIllustration({ ...laptop, name: 'Extremely Long Product Name With Many Words That Go On And On Beyond Two Lines Of Text' });
    const lines = [...svg.matchAll(/font-size="16"[^>]*>([^<]*)<\/text>/g)].map((match) => match[1] ?? '');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/…$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(35);
  });
});
