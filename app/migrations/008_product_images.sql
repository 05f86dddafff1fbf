-- Uploaded product photos, kept in the database so every replica serves the same bytes with
-- nothing on a pod's disk (its root filesystem is read-only). The upload is checked and resized
-- once, when it arrives: product_images keeps the original as sent, product_image_variants the
-- WebP renditions pages link to, each addressed by the SHA-256 of its own bytes (the URL's
-- version, so it can be cached for a year). Serving is one indexed read.

CREATE TABLE product_images (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  product_id   integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  position     integer NOT NULL CHECK (position >= 0),
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
  width        integer NOT NULL CHECK (width > 0),
  height       integer NOT NULL CHECK (height > 0),
  byte_size    integer NOT NULL CHECK (byte_size > 0),
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  bytes        bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  -- The same file twice on one product is a mistake, not a second photo.
  UNIQUE (product_id, content_hash)
);
CREATE INDEX product_images_product ON product_images (product_id, position, id);

CREATE TABLE product_image_variants (
  image_id     integer NOT NULL REFERENCES product_images (id) ON DELETE CASCADE,
  width        integer NOT NULL CHECK (width > 0),
  height       integer NOT NULL CHECK (height > 0),
  content_type text NOT NULL CHECK (content_type = 'image/webp'),
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  bytes        bytea NOT NULL,
  PRIMARY KEY (image_id, width)
);
CREATE INDEX product_image_variants_hash ON product_image_variants (content_hash);

-- A product's photos are part of what the catalog snapshot holds (see 006): any change to
-- them announces that product, whoever writes it.
CREATE FUNCTION notify_catalog_product_image_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('catalog_changed', 'p:' || OLD.product_id);
  ELSE
    PERFORM pg_notify('catalog_changed', 'p:' || NEW.product_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER product_images_notify_catalog AFTER INSERT OR UPDATE OR DELETE ON product_images
  FOR EACH ROW EXECUTE FUNCTION notify_catalog_product_image_changed();
CREATE TRIGGER product_images_truncate_notify_catalog AFTER TRUNCATE ON product_images
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_table_changed('*');
