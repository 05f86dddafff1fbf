-- An order id is no longer enough to read an order: the reader also presents an access token
-- the checkout returned. Only SHA-256 digests of tokens are stored. A replayed checkout (same
-- Idempotency-Key, same request) issues a fresh token, so the row keeps the newest few; the
-- default is a constant, so adding the column does not rewrite the table. Orders placed before
-- this migration have no token: only admins see them.
ALTER TABLE orders
  ADD COLUMN access_token_sha256 bytea[] NOT NULL DEFAULT '{}'
    CONSTRAINT orders_access_tokens_bounded CHECK (cardinality(access_token_sha256) <= 5);

-- Carts expire CART_TTL_DAYS after their last use (carts.updated_at, bumped on use) and a
-- periodic job deletes them oldest first through carts_updated_idx (migration 002).
COMMENT ON COLUMN carts.updated_at IS 'last use of the cart (changed or read); carts unused for CART_TTL_DAYS are expired';
