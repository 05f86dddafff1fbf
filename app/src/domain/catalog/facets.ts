import { compareSpecFacetValues, specFacetKeys, specFacetLabel, type SpecFacetKey, type SpecFacetValue, type SpecFacetValues, type SpecSelection } from './spec-facets.js';

// Facet counts: the count shown beside vendor X is how many products match every other active
// filter plus vendor X, so picking it gives exactly that many. One pass over the candidates
// (the products matching search text, price and stock): a product failing no facet counts in
// every facet and is a result; one failing exactly one facet counts in that facet only.

/** What faceting needs of a product. */
export interface Facetable {
  vendor: { slug: string };
  category: { slug: string };
  facetValues: SpecFacetValues;
}

export interface FacetSelection {
  vendors?: readonly string[] | undefined;
  category?: string | undefined;
  specs?: SpecSelection | undefined;
}

export interface FacetOption {
  id: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface FacetCounts {
  /** Products per vendor slug, following every other filter. */
  vendors: ReadonlyMap<string, number>;
  /** Products per category slug, following every other filter. */
  categories: ReadonlyMap<string, number>;
  /** Per spec facet, the values with products in the selection and the selected ones, in order. */
  specs: Readonly<Record<SpecFacetKey, readonly FacetOption[]>>;
}

export interface Faceted<Item> {
  matching: Item[];
  counts: FacetCounts;
}

interface Dimension<Item> {
  accepts: ReadonlySet<string> | undefined;
  counts: Map<string, number>;
  valueOf: (item: Item) => string | undefined;
}

/** True when the selection narrows a spec facet (the database path then filters by id). */
export function hasSpecSelection(specs: SpecSelection | undefined): boolean {
  return specs !== undefined && specFacetKeys.some((key) => (specs[key]?.length ?? 0) > 0);
}

function acceptSet(values: readonly string[] | undefined): ReadonlySet<string> | undefined {
  return values === undefined || values.length === 0 ? undefined : new Set(values);
}

/** The items matching the selection, in the order given, and the counts of every facet. */
export function countFacets<Item extends Facetable>(items: Iterable<Item>, selection: FacetSelection): Faceted<Item> {
  const vendor: Dimension<Item> = { accepts: acceptSet(selection.vendors), counts: new Map(), valueOf: (item) => item.vendor.slug };
  const category: Dimension<Item> = { accepts: acceptSet(selection.category === undefined ? undefined : [selection.category]), counts: new Map(), valueOf: (item) => item.category.slug };
  const spec = (key: SpecFacetKey): Dimension<Item> => ({
    accepts: acceptSet(selection.specs?.[key]),
    counts: new Map(),
    valueOf: (item) => item.facetValues[key]?.id,
  });
  const specDimensions = specFacetKeys.map(spec);
  const dimensions = [vendor, category, ...specDimensions];
  const active = dimensions.filter((dimension) => dimension.accepts !== undefined);
  const bump = (dimension: Dimension<Item>, item: Item): void => {
    const value = dimension.valueOf(item);
    if (value !== undefined) dimension.counts.set(value, (dimension.counts.get(value) ?? 0) + 1);
  };

  const matching: Item[] = [];
  // Only counted values need labels and ranks: remembered from the first product that has each.
  const seen = new Map<string, SpecFacetValue>();
  for (const item of items) {
    let failed: Dimension<Item> | undefined;
    let failures = 0;
    for (const dimension of active) {
      const value = dimension.valueOf(item);
      if (value === undefined || dimension.accepts?.has(value) !== true) {
        failures += 1;
        failed = dimension;
        if (failures > 1) break;
      }
    }
    if (failures === 0) {
      matching.push(item);
      for (const dimension of dimensions) bump(dimension, item);
    } else if (failures === 1 && failed !== undefined) {
      bump(failed, item);
    } else {
      continue;
    }
    specFacetKeys.forEach((key) => {
      const value = item.facetValues[key];
      if (value !== undefined && !seen.has(`${key}:${value.id}`)) seen.set(`${key}:${value.id}`, value);
    });
  }

  const specs = {} as Record<SpecFacetKey, FacetOption[]>;
  specFacetKeys.forEach((key, index) => {
    const dimension = specDimensions[index];
    if (dimension === undefined) return;
    const selected = new Set(selection.specs?.[key] ?? []);
    const ids = new Set([...dimension.counts.keys(), ...selected]);
    const options = [...ids].map((id) => {
      const value = seen.get(`${key}:${id}`);
      return {
        option: { id, label: value?.label ?? specFacetLabel(key, id), count: dimension.counts.get(id) ?? 0, selected: selected.has(id) },
        rank: value?.rank ?? id,
      };
    });
    options.sort((a, b) => compareSpecFacetValues({ rank: a.rank, label: a.option.label }, { rank: b.rank, label: b.option.label }));
    specs[key] = options.map(({ option }) => option);
  });
  return { matching, counts: { vendors: vendor.counts, categories: category.counts, specs } };
}
