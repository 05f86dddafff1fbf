import { shopVat } from './shop-country.js';
import { includedVatCents } from './vat.js';

/** What the shopper pays and why: the same figures on the checkout, the order and the admin. */
export interface OrderSummary {
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  /** Charged: subtotal - discount + shipping. */
  totalCents: number;
  /** VAT included in totalCents; null for orders placed before the shop recorded it. */
  vatCents: number | null;
  vatRateBasisPoints: number | null;
}

export function orderSummary(figures: { subtotalCents: number; discountCents: number; shippingCents: number }, rateBasisPoints: number = shopVat.rateBasisPoints): OrderSummary {
  const totalCents = figures.subtotalCents - figures.discountCents + figures.shippingCents;
  return { ...figures, totalCents, vatCents: includedVatCents(totalCents, rateBasisPoints), vatRateBasisPoints: rateBasisPoints };
}
