import type { Queryable } from '../../src/db/database.js';
import { insertCategory, insertProduct, insertVendor, type CategoryRow, type ProductRow, type VendorRow } from './fixtures.js';

// A small catalog whose every row a test can reason about: two vendors, two categories,
// products at known prices, stock levels and dates, one inactive product, and one product
// that mentions another only in its description (for search ranking).

export interface CatalogFixture {
  vendors: { acme: VendorRow; zeta: VendorRow };
  categories: { laptops: CategoryRow; monitors: CategoryRow };
  products: {
    featherbook: ProductRow;
    powerbook: ProductRow;
    ultrabook: ProductRow;
    vision: ProductRow;
    view: ProductRow;
    hidden: ProductRow;
  };
}

async function setCreated(db: Queryable, product: ProductRow, day: number): Promise<void> {
  await db.query('UPDATE products SET created_at = $2::timestamptz WHERE id = $1', [product.id, `2026-01-${String(day).padStart(2, '0')}T12:00:00Z`]);
}

export async function insertCatalogFixture(db: Queryable): Promise<CatalogFixture> {
  const acme = await insertVendor(db, { slug: 'acme', name: 'Acme', description: 'Acme makes laptops and monitors.', website: 'https://acme.example', country: 'US' });
  const zeta = await insertVendor(db, { slug: 'zeta', name: 'Zeta Systems', description: 'Zeta builds thin machines.', country: 'DE' });
  const laptops = await insertCategory(db, { slug: 'laptops', name: 'Laptops', description: 'Portable computers.', position: 1 });
  const monitors = await insertCategory(db, { slug: 'monitors', name: 'Monitors', description: 'Displays.', position: 2 });

  const featherbook = await insertProduct(db, {
    sku: 'ACM-FB14', slug: 'acme-featherbook-14', name: 'Acme Featherbook 14', description: 'A light 14-inch laptop for travel.',
    priceCents: 99_900, stock: 10, vendorId: acme.id, categoryId: laptops.id, specs: { cpu: 'Intel Core Ultra 5 125U', ram_gb: 16, display_in: 14 },
  });
  const powerbook = await insertProduct(db, {
    sku: 'ACM-PB16', slug: 'acme-powerbook-16', name: 'Acme Powerbook 16', description: 'A 16-inch workstation laptop.',
    priceCents: 199_900, stock: 0, vendorId: acme.id, categoryId: laptops.id, specs: { cpu: 'Intel Core i9-14900HX', ram_gb: 64 },
  });
  const ultrabook = await insertProduct(db, {
    sku: 'ZET-UB13', slug: 'zeta-ultrabook-13', name: 'Zeta Ultrabook 13', description: 'A 13-inch ultrabook, featherlight and quiet.',
    priceCents: 129_900, stock: 3, vendorId: zeta.id, categoryId: laptops.id, specs: { cpu: 'AMD Ryzen 7 8840U', ram_gb: 32 },
  });
  const vision = await insertProduct(db, {
    sku: 'ZET-V27', slug: 'zeta-vision-27', name: 'Zeta Vision 27 Monitor', description: 'A 27-inch monitor that pairs well with a Featherbook.',
    priceCents: 39_900, stock: 50, vendorId: zeta.id, categoryId: monitors.id, specs: { display_in: 27, refresh_hz: 144 },
  });
  const view = await insertProduct(db, {
    sku: 'ACM-V24', slug: 'acme-view-24', name: 'Acme View 24 Monitor', description: 'An office monitor.',
    priceCents: 19_900, stock: 7, vendorId: acme.id, categoryId: monitors.id, specs: { display_in: 24 },
  });
  const hidden = await insertProduct(db, {
    sku: 'ACM-PROTO', slug: 'acme-hidden-prototype', name: 'Acme Hidden Prototype', description: 'Not for sale.',
    priceCents: 500, stock: 5, vendorId: acme.id, categoryId: laptops.id, active: false,
  });
  // Known dates make "newest first" checkable: the view is newest, the featherbook oldest.
  await setCreated(db, featherbook, 1);
  await setCreated(db, powerbook, 2);
  await setCreated(db, ultrabook, 3);
  await setCreated(db, vision, 4);
  await setCreated(db, view, 5);
  await setCreated(db, hidden, 6);
  return { vendors: { acme, zeta }, categories: { laptops, monitors }, products: { featherbook, powerbook, ultrabook, vision, view, hidden } };
}
