-- Carts live server-side behind a cookie; an order copies what it sold so later catalog
-- edits never rewrite history.

CREATE TABLE vouchers (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code             text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{2,31}$'),
  description      text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  kind             text NOT NULL CHECK (kind IN ('percent', 'fixed')),
  -- percent: 1..100; fixed: cents off the subtotal.
  amount           integer NOT NULL CHECK (amount > 0 AND (kind <> 'percent' OR amount <= 100)),
  min_total_cents  integer NOT NULL DEFAULT 0 CHECK (min_total_cents >= 0),
  starts_at        timestamptz,
  ends_at          timestamptz CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at),
  max_redemptions  integer CHECK (max_redemptions IS NULL OR max_redemptions > 0),
  redemptions      integer NOT NULL DEFAULT 0 CHECK (redemptions >= 0),
  active           boolean NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT vouchers_redemptions_within_max CHECK (max_redemptions IS NULL OR redemptions <= max_redemptions)
);

CREATE TABLE carts (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  voucher_code text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX carts_updated_idx ON carts (updated_at);

CREATE TABLE cart_items (
  cart_id    uuid NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
  product_id integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  quantity   integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  added_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cart_id, product_id)
);

CREATE TABLE orders (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number              integer GENERATED ALWAYS AS IDENTITY (START WITH 100001) UNIQUE,
  -- A retried request with the same key finds this row instead of creating another order;
  -- the fingerprint tells a retry from a different request that reuses the key.
  idempotency_key     text UNIQUE CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 1 AND 255),
  request_fingerprint text,
  cart_id             uuid,
  email               text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  customer_name       text NOT NULL CHECK (length(customer_name) BETWEEN 1 AND 200),
  shipping_address    text NOT NULL CHECK (length(shipping_address) BETWEEN 1 AND 1000),
  subtotal_cents      integer NOT NULL CHECK (subtotal_cents >= 0),
  discount_cents      integer NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
  total_cents         integer NOT NULL CHECK (total_cents >= 0),
  voucher_id          integer REFERENCES vouchers (id) ON DELETE RESTRICT,
  voucher_code        text,
  status              text NOT NULL DEFAULT 'placed' CHECK (status IN ('placed', 'paid', 'shipped', 'cancelled')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT orders_total_is_subtotal_less_discount CHECK (total_cents = subtotal_cents - discount_cents)
);

CREATE INDEX orders_created_idx ON orders (created_at DESC);

CREATE TABLE order_items (
  order_id         uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id       integer NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
  sku              text NOT NULL,
  name             text NOT NULL,
  unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
  quantity         integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, product_id)
);

CREATE INDEX order_items_product_idx ON order_items (product_id);
