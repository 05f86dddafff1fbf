// What the shop promises about delivery, returns and warranty, stated once: the product page
// shows it, and checkout and order confirmation can show the same words. Each sentence must
// stay true of the code: the delivery charge is 0 because an order's total is its subtotal
// less its voucher (domain/orders/place-order.ts), with no delivery line.

/** Delivery added to an order, in cents: none (the delivery sentence below says so). */
export const deliveryChargeCents = 0;
/** Days after delivery within which an unused product can be sent back for a refund. */
export const returnWindowDays = 30;

export interface ShopPolicy {
  delivery: string;
  returns: string;
  warranty: string;
}

export const shopPolicy: Readonly<ShopPolicy> = Object.freeze({
  delivery: 'Free delivery: no delivery charge is added to your order.',
  returns: `Changed your mind? Send an unused product back within ${returnWindowDays} days of delivery for a full refund.`,
  warranty: 'Every product is new and comes with its manufacturer’s warranty.',
});
