import { stockState } from '../../domain/catalog/stock.js';
import { html } from '../html.js';

/** The stylesheet's class for a stock figure: stock-in, stock-low or stock-out. */
export function stockClass(stock: number): string {
  return `stock-${stockState(stock)}`;
}

/** What a card or product page says about stock: "In stock", "Only 3 left", "Out of stock". */
export function stockLabel(stock: number): string {
  const state = stockState(stock);
  if (state === 'out') return html`<span class="${stockClass(stock)}">Out of stock</span>`;
  if (state === 'low') return html`<span class="${stockClass(stock)}">Only ${stock} left</span>`;
  return html`<span class="${stockClass(stock)}">In stock</span>`;
}
