import { formatCapacity, specLabel } from './spec-labels.js';

// Spec filters of a computer store, derived from each product's specs: the raw values vary
// ("Intel Core i7-14700F", "NVIDIA GeForce RTX 4060 8GB", 15.6) and a filter needs a few
// normalised ones ("Intel Core i7", "NVIDIA GeForce RTX 4060", "14–15.9 in"). One function
// derives them, and both the in-memory snapshot and the database path call it, so both agree.

export const specFacetKeys = ['memory', 'storage', 'cpu', 'gpu', 'screen'] as const;
export type SpecFacetKey = (typeof specFacetKeys)[number];

/** One normalised value: its id (what the URL carries), its label, and its place in the list. */
export interface SpecFacetValue {
  id: string;
  label: string;
  /** Sorts the options of one facet: a number (size) or the label (names). */
  rank: number | string;
}

export type SpecFacetValues = Partial<Record<SpecFacetKey, SpecFacetValue>>;
/** The values a shopper picked per facet (several in one facet: any of them). */
export type SpecSelection = Partial<Record<SpecFacetKey, readonly string[]>>;

/** Screen sizes in buckets a shopper thinks in; `below` is exclusive (15.6 is in 14–15.9). */
export const screenBuckets = [
  { id: 'under-14', label: 'Under 14 in', below: 14 },
  { id: '14-16', label: '14–15.9 in', below: 16 },
  { id: '16-18', label: '16–17.9 in', below: 18 },
  { id: '18-27', label: '18–26.9 in', below: 27 },
  { id: '27-32', label: '27–31.9 in', below: 32 },
  { id: '32-plus', label: '32 in and larger', below: Number.POSITIVE_INFINITY },
] as const;
export const screenBucketIds = screenBuckets.map((bucket) => bucket.id) as [string, ...string[]];

/** Size ids ("16-gb", "1-tb"): what the memory and storage filters accept. */
export const sizeIdPattern = /^[1-9]\d{0,5}-(?:gb|tb)$/;

export const specFacetLabels: Readonly<Record<SpecFacetKey, string>> = {
  memory: specLabel('ram_gb'),
  storage: specLabel('storage_gb'),
  cpu: 'Processor family',
  gpu: specLabel('gpu'),
  screen: specLabel('display_in'),
};

function slugify(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function sizeValue(sizeGb: number | undefined): SpecFacetValue | undefined {
  if (sizeGb === undefined || !Number.isInteger(sizeGb)) return undefined;
  const label = formatCapacity(sizeGb);
  // Rank by what the label says, so "1 TB" of either kind sorts as 1000 GB.
  const rank = label.endsWith(' TB') ? Number(label.slice(0, -3)) * 1000 : sizeGb;
  return { id: slugify(label), label, rank };
}

// Families as shops group processors: the brand line and tier, without the model number.
const cpuFamilies: readonly RegExp[] = [
  /^Intel Core Ultra \d/,
  /^Intel Core i\d/,
  /^Intel Core \d/,
  /^AMD Ryzen (?:AI |Threadripper )?\d/,
  /^Apple M\d+(?: (?:Pro|Max|Ultra))?/,
];

function cpuValue(cpu: unknown): SpecFacetValue | undefined {
  if (typeof cpu !== 'string') return undefined;
  for (const family of cpuFamilies) {
    const match = family.exec(cpu);
    if (match) return { id: slugify(match[0]), label: match[0], rank: match[0] };
  }
  return undefined;
}

function gpuValue(gpu: unknown): SpecFacetValue | undefined {
  if (typeof gpu !== 'string' || gpu.trim() === '') return undefined;
  // The same chip with another amount of memory is the same choice of graphics.
  const label = gpu.replace(/\s+\d+\s?GB$/i, '').trim();
  return { id: slugify(label), label, rank: label };
}

function screenValue(inches: number | undefined): SpecFacetValue | undefined {
  if (inches === undefined) return undefined;
  const index = screenBuckets.findIndex((bucket) => inches < bucket.below);
  const bucket = screenBuckets[index];
  return bucket === undefined ? undefined : { id: bucket.id, label: bucket.label, rank: index };
}

/**
 * The version of the rules below. The database keeps each product's values with the version
 * that derived them (products.facet_values); change this number with the rules, and every
 * product's values are derived again before the next count (facet-values-refresh.ts).
 */
export const specFacetRulesVersion = 1;

/** The spec keys specFacetValues reads: all the database path needs to fetch of each candidate. */
export const specFacetSourceKeys = ['ram_gb', 'storage_gb', 'capacity_gb', 'cpu', 'gpu', 'gpu_chip', 'display_in'] as const;

/**
 * The normalised facet values of one product. A memory kit's and a drive's size is its
 * `capacity_gb`; a computer's are `ram_gb` and `storage_gb`. A graphics card names its chip
 * in `gpu_chip`, a computer its graphics in `gpu`.
 */
export function specFacetValues(categorySlug: string, specs: Readonly<Record<string, unknown>>): SpecFacetValues {
  const values: SpecFacetValues = {};
  const capacity = positiveNumber(specs.capacity_gb);
  const memory = sizeValue(positiveNumber(specs.ram_gb) ?? (categorySlug === 'memory' ? capacity : undefined));
  const storage = sizeValue(positiveNumber(specs.storage_gb) ?? (categorySlug === 'storage' ? capacity : undefined));
  const cpu = cpuValue(specs.cpu);
  const gpu = gpuValue(specs.gpu ?? specs.gpu_chip);
  const screen = screenValue(positiveNumber(specs.display_in));
  if (memory) values.memory = memory;
  if (storage) values.storage = storage;
  if (cpu) values.cpu = cpu;
  if (gpu) values.gpu = gpu;
  if (screen) values.screen = screen;
  return values;
}

/**
 * A label for a value id no product in the selection has (a filter kept from an old link):
 * sizes and screen buckets read exactly; a name reads as its words.
 */
export function specFacetLabel(key: SpecFacetKey, id: string): string {
  if (key === 'screen') return screenBuckets.find((bucket) => bucket.id === id)?.label ?? id;
  const size = /^(\d+)-(gb|tb)$/.exec(id);
  if ((key === 'memory' || key === 'storage') && size) return `${size[1] ?? ''} ${(size[2] ?? '').toUpperCase()}`;
  return id.replace(/-/g, ' ');
}

// One collator for every comparison: localeCompare with options builds a new one per call,
// which made sorting a page's filter options a tenth of its cost.
const names = new Intl.Collator('en');
const numbered = new Intl.Collator('en', { numeric: true });

export function compareSpecFacetValues(a: Pick<SpecFacetValue, 'rank' | 'label'>, b: Pick<SpecFacetValue, 'rank' | 'label'>): number {
  if (typeof a.rank === 'number' && typeof b.rank === 'number') return a.rank - b.rank;
  return numbered.compare(String(a.rank), String(b.rank)) || names.compare(a.label, b.label);
}
