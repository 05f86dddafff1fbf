import { specLabel, specRank, specValue } from '../../domain/catalog/spec-labels.js';

export interface SpecRow {
  label: string;
  value: string;
}

/**
 * A product's specs as its specification table lists them: in the order of the spec-label
 * table (spec-labels.ts, shared with the spec filters), unknown keys after it by name, each
 * with the shopper's label and its value with a unit ("Memory", "16 GB").
 */
export function specRows(specs: Readonly<Record<string, unknown>>): SpecRow[] {
  return Object.entries(specs)
    .sort(([a], [b]) => specRank(a) - specRank(b) || a.localeCompare(b))
    .map(([key, value]) => ({ label: specLabel(key), value: specValue(key, value) }));
}
