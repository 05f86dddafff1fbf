import type { Cart } from '../domain/cart/read.js';
import type { Order } from '../domain/orders/read.js';
import type { CartResponse } from './cart.js';
import type { OrderResponse } from './orders.js';

// Domain values to API bodies: dates become ISO strings, nothing else changes shape.

export function cartBody(cart: Cart, notice?: string): CartResponse {
  const { updatedAt, ...rest } = cart;
  return { ...rest, updatedAt: updatedAt.toISOString(), ...(notice === undefined ? {} : { notice }) };
}

export function orderBody(order: Order): OrderResponse {
  return { ...order, status: order.status as OrderResponse['status'], createdAt: order.createdAt.toISOString() };
}
