import type { Database, Queryable } from '../../db/database.js';
import { ConflictError, NotFoundError } from '../domain-errors.js';

/** The most of one product a cart line may hold (the cart_items CHECK agrees). */
export const maxLineQuantity = 99;

export interface LineChange {
  productId: number;
  productName: string;
  /** What the customer asked the line to hold. */
  requested: number;
  /** What it holds now: the request capped at the stock and at 99. */
  quantity: number;
  capped: boolean;
}

interface ProductStock {
  id: number;
  name: string;
  stock: number;
  active: boolean;
}

async function lockCart(tx: Queryable, cartId: string): Promise<void> {
  // Locking the cart row serialises changes to one cart, so two tabs adding the same product
  // cannot both read the old quantity and lose an add.
  const { rows } = await tx.query('SELECT 1 FROM carts WHERE id = $1 FOR UPDATE', [cartId]);
  if (rows.length === 0) throw new NotFoundError('cart');
}

async function productStock(tx: Queryable, productId: number): Promise<ProductStock> {
  const { rows } = await tx.query<ProductStock>('SELECT id, name, stock, active FROM products WHERE id = $1', [productId]);
  const product = rows[0];
  if (product === undefined) throw new NotFoundError('product');
  return product;
}

function outOfStock(product: ProductStock): ConflictError {
  return new ConflictError('out_of_stock', `${product.name} is out of stock`, [{ path: 'productId', message: 'out of stock' }]);
}

async function currentQuantity(tx: Queryable, cartId: string, productId: number): Promise<number> {
  const { rows } = await tx.query<{ quantity: number }>('SELECT quantity FROM cart_items WHERE cart_id = $1 AND product_id = $2', [cartId, productId]);
  return rows[0]?.quantity ?? 0;
}

async function writeLine(tx: Queryable, cartId: string, productId: number, quantity: number): Promise<void> {
  if (quantity === 0) {
    await tx.query('DELETE FROM cart_items WHERE cart_id = $1 AND product_id = $2', [cartId, productId]);
  } else {
    await tx.query(
      `INSERT INTO cart_items (cart_id, product_id, quantity) VALUES ($1, $2, $3)
       ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity`,
      [cartId, productId, quantity],
    );
  }
  await tx.query('UPDATE carts SET updated_at = now() WHERE id = $1', [cartId]);
}

/**
 * Sets a line to `requested` units (0 removes it), capped so the cart never holds more than
 * the stock. Asking for units of a product that has none is refused with out_of_stock.
 */
export async function setLineQuantity(db: Database, cartId: string, productId: number, requested: number): Promise<LineChange> {
  return db.transaction(async (tx) => {
    await lockCart(tx, cartId);
    const product = await productStock(tx, productId);
    const available = product.active ? product.stock : 0;
    if (requested > 0 && available === 0) throw outOfStock(product);
    const quantity = Math.min(requested, available, maxLineQuantity);
    await writeLine(tx, cartId, productId, quantity);
    return { productId, productName: product.name, requested, quantity, capped: quantity < requested };
  });
}

/** Adds units to a line (merged with what it holds), with the same caps as setLineQuantity. */
export async function addToCart(db: Database, cartId: string, productId: number, units: number): Promise<LineChange> {
  return db.transaction(async (tx) => {
    await lockCart(tx, cartId);
    const product = await productStock(tx, productId);
    const available = product.active ? product.stock : 0;
    if (available === 0) throw outOfStock(product);
    const requested = (await currentQuantity(tx, cartId, productId)) + units;
    const quantity = Math.min(requested, available, maxLineQuantity);
    await writeLine(tx, cartId, productId, quantity);
    return { productId, productName: product.name, requested, quantity, capped: quantity < requested };
  });
}

export async function removeFromCart(db: Database, cartId: string, productId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await lockCart(tx, cartId);
    await writeLine(tx, cartId, productId, 0);
  });
}

export async function productIdBySku(db: Queryable, sku: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM products WHERE sku = $1', [sku]);
  const row = rows[0];
  if (row === undefined) throw new NotFoundError('product');
  return row.id;
}
