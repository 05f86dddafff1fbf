import type { Database, Queryable } from '../../db/database.js';
import { NotFoundError, ValidationError } from '../domain-errors.js';
import { shippingMethodColumns, type ShippingMethod } from '../shipping/methods.js';
import { created, diff, writeAudit, type AuditContext } from './audit.js';
import { rethrowDuplicate } from './conflicts.js';

/** What the admin may change; the code is what API clients send, so it stays. */
export interface ShippingMethodFields {
  name: string;
  priceCents: number;
  freeAboveCents: number | null;
  deliveryEstimate: string;
  /** Checkout lists methods by position, lowest first. */
  position: number;
  active: boolean;
}

/** A new method: its fields and the code it will keep. */
export interface NewShippingMethod extends ShippingMethodFields {
  code: string;
}

export async function listShippingMethods(db: Queryable): Promise<ShippingMethod[]> {
  const { rows } = await db.query<ShippingMethod>(`SELECT ${shippingMethodColumns} FROM shipping_methods ORDER BY position, id`);
  return rows;
}

export async function getShippingMethod(db: Queryable, id: number): Promise<ShippingMethod> {
  const { rows } = await db.query<ShippingMethod>(`SELECT ${shippingMethodColumns} FROM shipping_methods WHERE id = $1`, [id]);
  if (!rows[0]) throw new NotFoundError('shipping method');
  return rows[0];
}

function auditable(method: ShippingMethodFields): Record<string, unknown> {
  return {
    name: method.name,
    priceCents: method.priceCents,
    freeAboveCents: method.freeAboveCents,
    deliveryEstimate: method.deliveryEstimate,
    position: method.position,
    active: method.active,
  };
}

/** Adds a method (offered at once when active) and records it in the audit log; a used code is a 409 on `code`. */
export async function createShippingMethod(db: Database, audit: AuditContext, input: NewShippingMethod): Promise<ShippingMethod> {
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO shipping_methods (code, name, price_cents, free_above_cents, delivery_estimate, position, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [input.code, input.name, input.priceCents, input.freeAboveCents, input.deliveryEstimate, input.position, input.active],
      );
      const id = (rows[0] as { id: number }).id;
      await writeAudit(tx, audit, { action: 'shipping_method.create', entity: 'shipping_method', entityId: String(id), details: { code: input.code, changes: created(auditable(input)) } });
      return getShippingMethod(tx, id);
    });
  } catch (error) {
    rethrowDuplicate(error, 'shipping method', { code: 'code' });
  }
}

/**
 * Changes one method and records it in the audit log in the same transaction. The last
 * active method cannot be switched off: the checkout would have nothing to offer.
 */
export async function updateShippingMethod(db: Database, audit: AuditContext, id: number, next: ShippingMethodFields): Promise<ShippingMethod> {
  return db.transaction(async (tx) => {
    // Every method row locked in id order, so two admins switching off the last two methods
    // at once cannot both see the other still active.
    await tx.query('SELECT id FROM shipping_methods ORDER BY id FOR UPDATE');
    const before = await getShippingMethod(tx, id);
    if (before.active && !next.active) {
      const { rows } = await tx.query<{ others: number }>('SELECT count(*)::int AS others FROM shipping_methods WHERE active AND id <> $1', [id]);
      if ((rows[0]?.others ?? 0) === 0) {
        throw new ValidationError([{ path: 'active', message: 'this is the only active method: activate another one first, or checkout would offer none' }]);
      }
    }
    const changes = diff(auditable(before), auditable(next));
    if (Object.keys(changes).length === 0) return before;
    await tx.query(
      `UPDATE shipping_methods SET name = $2, price_cents = $3, free_above_cents = $4, delivery_estimate = $5, position = $6, active = $7, updated_at = now()
        WHERE id = $1`,
      [id, next.name, next.priceCents, next.freeAboveCents, next.deliveryEstimate, next.position, next.active],
    );
    await writeAudit(tx, audit, { action: 'shipping_method.update', entity: 'shipping_method', entityId: String(id), details: { code: before.code, changes } });
    return getShippingMethod(tx, id);
  });
}
