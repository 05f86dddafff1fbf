/**
 * At or below this many units a product is low on stock: "Only N left" on its card and page,
 * "only N left" beside a cart line, and on the admin dashboard's and product list's low-stock lists.
 */
export const lowStockThreshold = 5;

/** Stock as the shop shows it: out, low (a few left) or in stock. */
export type StockState = 'in' | 'low' | 'out';

export function stockState(stock: number): StockState {
  if (stock <= 0) return 'out';
  return stock <= lowStockThreshold ? 'low' : 'in';
}
