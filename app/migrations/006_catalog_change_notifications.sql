-- Every committed change to the catalog tables is announced on the channel catalog_changed,
-- so each shop process can keep its in-memory catalog (src/domain/catalog/snapshot.ts) in
-- step. pg_notify inside a trigger is transactional: listeners hear of a change only when it
-- commits, and never of one rolled back. Triggers, not the writers, send it, so no write path
-- (admin, checkout, seed, a hand-run UPDATE) can forget.
-- Payloads: 'p:<id>' for a product row, 'v' for vendors, 'c' for categories, '*' for a TRUNCATE.

CREATE FUNCTION notify_catalog_product_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('catalog_changed', 'p:' || OLD.id);
  ELSE
    PERFORM pg_notify('catalog_changed', 'p:' || NEW.id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION notify_catalog_table_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('catalog_changed', TG_ARGV[0]);
  RETURN NULL;
END;
$$;

CREATE TRIGGER products_notify_catalog AFTER INSERT OR UPDATE OR DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION notify_catalog_product_changed();
CREATE TRIGGER products_truncate_notify_catalog AFTER TRUNCATE ON products
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_table_changed('*');
CREATE TRIGGER vendors_notify_catalog AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON vendors
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_table_changed('v');
CREATE TRIGGER categories_notify_catalog AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_table_changed('c');
