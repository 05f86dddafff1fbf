// Every amount a page shows is formatted here. Amounts are integer US cents throughout the shop.

const priceFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** "$1,299.00". */
export function formatPrice(cents: number): string {
  return priceFormat.format(cents / 100);
}

/** A price as machine-read markup states it, without a currency sign: "1299.00" (JSON-LD offers). */
export function decimalPrice(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** A discount line: "-$5.00", or "$0.00" when there is none. */
export function formatDiscount(cents: number): string {
  return cents > 0 ? `-${formatPrice(cents)}` : formatPrice(0);
}

/** A shipping charge: "Free" when nothing is charged. */
export function shippingPrice(cents: number): string {
  return cents === 0 ? 'Free' : formatPrice(cents);
}

/** Dollars as a visitor types them in a price filter and as the listing's address carries them: "25", "19.99". */
export function dollars(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

/** A VAT rate from basis points: "15%", "12.5%". */
export function formatVatRate(rateBasisPoints: number): string {
  return `${String(rateBasisPoints / 100)}%`;
}
