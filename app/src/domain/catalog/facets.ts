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

/** How many counted products have a value, and (spec facets) the value itself, for its label and rank. */
export interface Tally {
  count: number;
  value: SpecFacetValue | undefined;
}

interface Dimension<Item> {
  accepts: ReadonlySet<string> | undefined;
  tallies: Map<string, Tally>;
  valueOf: (item: Item) => string | undefined;
  /** The spec value behind an id, kept with the first product counted for it. */
  specValueOf?: (item: Item) => SpecFacetValue | undefined;
}

/** True when the selection narrows a spec facet (the database path then filters by id). */
export function hasSpecSelection(specs: SpecSelection | undefined): boolean {
  return specs !== undefined && specFacetKeys.some((key) => (specs[key]?.length ?? 0) > 0);
}

function acceptSet(values: readonly string[] | undefined): ReadonlySet<string> | undefined {
  return values === undefined || values.length === 0 ? undefined : new Set(values);
}

/** The selection as a test of one item: what countFacets keeps, without counting. */
export function selectionMatcher(selection: FacetSelection): ((item: Facetable) => boolean) | undefined {
  const vendors = acceptSet(selection.vendors);
  const { category } = selection;
  const specs = specFacetKeys.flatMap((key) => {
    const accepts = acceptSet(selection.specs?.[key]);
    return accepts === undefined ? [] : [{ key, accepts }];
  });
  if (vendors === undefined && category === undefined && specs.length === 0) return undefined;
  return (item) =>
    (vendors === undefined || vendors.has(item.vendor.slug)) &&
    (category === undefined || item.category.slug === category) &&
    specs.every(({ key, accepts }) => {
      const id = item.facetValues[key]?.id;
      return id !== undefined && accepts.has(id);
    });
}

/** One string per selection, the same whatever order its values came in. */
export function selectionKey(selection: FacetSelection): string {
  const sorted = (values: readonly string[] | undefined) => [...(values ?? [])].sort();
  return JSON.stringify([sorted(selection.vendors), selection.category ?? null, specFacetKeys.map((key) => sorted(selection.specs?.[key]))]);
}

/** The items matching the selection, in the order given, and the counts of every facet. */
export function countFacets<Item extends Facetable>(items: Iterable<Item>, selection: FacetSelection): Faceted<Item> {
  const vendor: Dimension<Item> = { accepts: acceptSet(selection.vendors), tallies: new Map(), valueOf: (item) => item.vendor.slug };
  const category: Dimension<Item> = { accepts: acceptSet(selection.category === undefined ? undefined : [selection.category]), tallies: new Map(), valueOf: (item) => item.category.slug };
  const spec = (key: SpecFacetKey): Dimension<Item> => ({
    accepts: acceptSet(selection.specs?.[key]),
    tallies: new Map(),
    valueOf: (item) => item.facetValues[key]?.id,
    specValueOf: (item) => item.facetValues[key],
  });
  const specDimensions = specFacetKeys.map(spec);
  const dimensions = [vendor, category, ...specDimensions];
  const active = dimensions.filter((dimension) => dimension.accepts !== undefined);
  // One map lookup per counted value; the spec value is read only the first time.
  const bump = (dimension: Dimension<Item>, item: Item): void => {
    const id = dimension.valueOf(item);
    if (id === undefined) return;
    const tally = dimension.tallies.get(id);
    if (tally === undefined) dimension.tallies.set(id, { count: 1, value: dimension.specValueOf?.(item) });
    else tally.count += 1;
  };

  const matching: Item[] = [];
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
    }
  }

  const countsOf = (dimension: Dimension<Item>): Map<string, number> => new Map([...dimension.tallies].map(([id, tally]) => [id, tally.count]));
  const specs = {} as Record<SpecFacetKey, readonly FacetOption[]>;
  specFacetKeys.forEach((key, index) => {
    specs[key] = specOptions(key, specDimensions[index]?.tallies ?? new Map(), selection.specs?.[key]);
  });
  return { matching, counts: { vendors: countsOf(vendor), categories: countsOf(category), specs } };
}

/**
 * One spec facet's options in order: every value counted, and every selected one even when no
 * product in the selection has it (a filter kept from an old link), at 0.
 */
export function specOptions(key: SpecFacetKey, tallies: ReadonlyMap<string, Tally>, selectedIds: readonly string[] | undefined): FacetOption[] {
  const selected = new Set(selectedIds ?? []);
  const ids = new Set([...tallies.keys(), ...selected]);
  const options = [...ids].map((id) => {
    const tally = tallies.get(id);
    const value = tally?.value;
    return {
      option: { id, label: value?.label ?? specFacetLabel(key, id), count: tally?.count ?? 0, selected: selected.has(id) },
      rank: value?.rank ?? id,
    };
  });
  options.sort((a, b) => compareSpecFacetValues({ rank: a.rank, label: a.option.label }, { rank: b.rank, label: b.option.label }));
  return options.map(({ option }) => option);
}
