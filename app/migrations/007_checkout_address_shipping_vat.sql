-- Checkout: structured addresses, shipping methods with their cost, and the VAT each order
-- included. Additive only, so a release from before this file keeps running on this schema
-- (it writes orders without these columns; their defaults and NULLs mean "not recorded").

-- Shipping rules live here, not in code, so the admin can change prices without a release.
-- An order copies the method's name, estimate and the cost it charged, so later edits never
-- rewrite history.
CREATE TABLE shipping_methods (
  id                integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code              text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9-]{1,31}$'),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  price_cents       integer NOT NULL CHECK (price_cents BETWEEN 0 AND 1000000),
  -- Goods worth at least this much (after the voucher) ship free; NULL: never free.
  free_above_cents  integer CHECK (free_above_cents IS NULL OR free_above_cents BETWEEN 0 AND 100000000),
  delivery_estimate text NOT NULL CHECK (length(delivery_estimate) BETWEEN 1 AND 160),
  position          integer NOT NULL DEFAULT 0,
  active            boolean NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);

INSERT INTO shipping_methods (code, name, price_cents, free_above_cents, delivery_estimate, position) VALUES
  ('standard', 'Standard', 690, 15000, 'dispatched within 1 business day, delivered in 2 to 4 business days', 1),
  ('express', 'Express', 1490, NULL, 'dispatched the same business day when ordered by 14:00, delivered the next business day', 2);

-- Orders placed before this migration keep their free-form shipping_address (NOT NULL, still
-- written by every checkout as the address's printed lines) and NULL structured columns: they
-- stay readable exactly as the shopper wrote them, nothing is guessed or split.
ALTER TABLE orders
  ADD COLUMN address_line1 text CHECK (length(address_line1) BETWEEN 1 AND 200),
  ADD COLUMN address_line2 text CHECK (length(address_line2) <= 200),
  ADD COLUMN postal_code text CHECK (length(postal_code) BETWEEN 1 AND 20),
  ADD COLUMN city text CHECK (length(city) BETWEEN 1 AND 100),
  ADD COLUMN country text CHECK (country ~ '^[A-Z]{2}$'),
  ADD COLUMN shipping_method_id integer REFERENCES shipping_methods (id) ON DELETE RESTRICT,
  ADD COLUMN shipping_method_name text,
  ADD COLUMN shipping_delivery_estimate text,
  ADD COLUMN shipping_cents integer NOT NULL DEFAULT 0 CHECK (shipping_cents >= 0),
  ADD COLUMN vat_rate_basis_points integer CHECK (vat_rate_basis_points BETWEEN 0 AND 10000),
  ADD COLUMN vat_cents integer CHECK (vat_cents >= 0),
  ADD CONSTRAINT orders_structured_address_complete CHECK (
    (address_line1 IS NULL AND postal_code IS NULL AND city IS NULL AND country IS NULL)
    OR (address_line1 IS NOT NULL AND postal_code IS NOT NULL AND city IS NOT NULL AND country IS NOT NULL)
  );

-- total_cents keeps its meaning and its check (total = subtotal - discount), so older releases
-- still write valid rows; what the shopper is charged is total_cents + shipping_cents.
COMMENT ON COLUMN orders.total_cents IS 'goods after the voucher (subtotal_cents - discount_cents); the amount charged is total_cents + shipping_cents';
COMMENT ON COLUMN orders.vat_cents IS 'VAT included in the amount charged, at vat_rate_basis_points (1500 = 15%); NULL for orders placed before migration 007';
