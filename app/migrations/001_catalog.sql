-- Catalog: vendors and categories are tables of their own; products reference both.
-- Prices are integer cents; stock can never go below zero (the checkout relies on it).

CREATE TABLE vendors (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  website     text CHECK (website IS NULL OR website ~ '^https?://'),
  country     text CHECK (country IS NULL OR country ~ '^[A-Z]{2}$'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE categories (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  position    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku         text NOT NULL UNIQUE CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{2,39}$'),
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
  vendor_id   integer NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
  category_id integer NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
  price_cents integer NOT NULL CHECK (price_cents >= 0),
  stock       integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
  specs       jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(specs) = 'object'),
  active      boolean NOT NULL DEFAULT true,
  -- Weighted document for full-text search: name and SKU rank above spec values, which rank
  -- above the description. A stored generated column keeps it in step with every write.
  search      tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', name), 'A') ||
                setweight(to_tsvector('simple', sku), 'A') ||
                setweight(jsonb_to_tsvector('english', specs, '["string", "numeric"]'), 'B') ||
                setweight(to_tsvector('english', description), 'C')
              ) STORED,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX products_search_idx ON products USING gin (search);
CREATE INDEX products_vendor_idx ON products (vendor_id);
CREATE INDEX products_category_idx ON products (category_id);
CREATE INDEX products_price_idx ON products (price_cents);
CREATE INDEX products_name_idx ON products (name, id);
CREATE INDEX products_created_idx ON products (created_at DESC, id DESC);
