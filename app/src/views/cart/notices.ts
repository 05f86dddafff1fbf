// Notices after a redirect travel as one of these short codes in the query string and are
// shown as the fixed sentence here, so nothing a visitor puts in a URL reaches the page.

export type NoticeKind = 'ok' | 'warn' | 'error';

export const cartNotices = {
  added: { kind: 'ok', message: 'The product was added to your cart.' },
  capped: { kind: 'warn', message: 'There is not enough stock for the quantity you asked for, so the quantity was lowered to what is available.' },
  out_of_stock: { kind: 'error', message: 'Sorry, that product is out of stock, so your cart was not changed.' },
  unavailable: { kind: 'error', message: 'That product is not available.' },
  invalid_quantity: { kind: 'error', message: 'Enter a quantity from 1 to 99 (0 removes the product).' },
  updated: { kind: 'ok', message: 'The quantity was updated.' },
  removed: { kind: 'ok', message: 'The product was removed from your cart.' },
  voucher_applied: { kind: 'ok', message: 'The voucher was applied.' },
  voucher_removed: { kind: 'ok', message: 'The voucher was removed.' },
  cart_empty: { kind: 'warn', message: 'Your cart is empty: add a product before checking out.' },
} as const satisfies Record<string, { kind: NoticeKind; message: string }>;

export type CartNoticeCode = keyof typeof cartNotices;

export function isCartNoticeCode(value: unknown): value is CartNoticeCode {
  return typeof value === 'string' && Object.hasOwn(cartNotices, value);
}
