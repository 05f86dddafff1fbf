-- The normalised spec filter values of each product (memory "16 GB", processor family "Intel
-- Core i7", screen "14–15.9 in"), kept beside its specs so that a listing read from the database
-- counts its facets in SQL instead of fetching every candidate's specs. The values are derived
-- by the shop's code (src/domain/catalog/spec-facets.ts), the one definition the in-memory
-- snapshot also uses; facet_values_version names the rules that derived them.
--
-- A row whose specs or category change, or a new row, is marked stale here, whoever writes it
-- (admin, seed, an older release, a hand-run statement); the shop derives the values again
-- before it counts (src/domain/catalog/facet-values-refresh.ts). So does a new version of the rules.

ALTER TABLE products ADD COLUMN facet_values jsonb;
ALTER TABLE products ADD COLUMN facet_values_version integer;

CREATE FUNCTION products_facet_values_stale() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.facet_values := NULL;
  NEW.facet_values_version := NULL;
  RETURN NEW;
END;
$$;

CREATE TRIGGER products_facet_values_stale_on_insert BEFORE INSERT ON products
  FOR EACH ROW EXECUTE FUNCTION products_facet_values_stale();
CREATE TRIGGER products_facet_values_stale_on_update BEFORE UPDATE OF specs, category_id ON products
  FOR EACH ROW
  WHEN (OLD.specs IS DISTINCT FROM NEW.specs OR OLD.category_id IS DISTINCT FROM NEW.category_id)
  EXECUTE FUNCTION products_facet_values_stale();

-- A category's slug decides how its products' sizes read (a memory kit's capacity is memory).
CREATE FUNCTION categories_slug_changed_facet_values_stale() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE products SET facet_values = NULL, facet_values_version = NULL WHERE category_id = NEW.id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER categories_slug_changed_facet_values_stale AFTER UPDATE OF slug ON categories
  FOR EACH ROW
  WHEN (OLD.slug IS DISTINCT FROM NEW.slug)
  EXECUTE FUNCTION categories_slug_changed_facet_values_stale();

-- Deriving the values changes nothing a page shows (the in-memory snapshot derives its own from
-- the specs), so the shop's refresh must not announce every product it derives on
-- catalog_changed: after a seed that would make each replica reload the catalog for nothing.
-- Only the refresh sets facet_values_version to a value; every other update leaves it as it was
-- or (specs or category changed) clears it, and those are still announced.
DROP TRIGGER products_notify_catalog ON products;
CREATE TRIGGER products_notify_catalog AFTER INSERT OR DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION notify_catalog_product_changed();
CREATE TRIGGER products_update_notify_catalog AFTER UPDATE ON products
  FOR EACH ROW
  WHEN (NEW.facet_values_version IS NULL OR NEW.facet_values_version IS NOT DISTINCT FROM OLD.facet_values_version)
  EXECUTE FUNCTION notify_catalog_product_changed();
