// The one table of what each spec key means to a shopper: its label, and how its value reads
// (with its unit). The product page's specification table and the listing's spec filters both
// read it, so "Memory" on a filter is "Memory" on the product.

/** How a spec value is written: a plain value, a number with a unit, or a capacity in GB. */
type Format = { unit: string } | 'capacity' | 'plain';

interface SpecKey {
  label: string;
  format: Format;
}

const gb = { unit: 'GB' };

// Spec keys are snake_case identifiers chosen by the catalog; their order here is the order
// of the specification table (jsonb keeps its own, shortest key first).
const specKeys: Readonly<Record<string, SpecKey>> = {
  cpu: { label: 'Processor', format: 'plain' },
  ram_gb: { label: 'Memory', format: gb },
  storage_gb: { label: 'Storage', format: 'capacity' },
  storage_type: { label: 'Storage type', format: 'plain' },
  display_in: { label: 'Screen size', format: { unit: 'in' } },
  resolution: { label: 'Resolution', format: 'plain' },
  panel: { label: 'Panel', format: 'plain' },
  refresh_hz: { label: 'Refresh rate', format: { unit: 'Hz' } },
  response_ms: { label: 'Response time', format: { unit: 'ms' } },
  gpu: { label: 'Graphics', format: 'plain' },
  gpu_chip: { label: 'Graphics processor', format: 'plain' },
  vram_gb: { label: 'Video memory', format: gb },
  memory_type: { label: 'Memory type', format: 'plain' },
  boost_clock_mhz: { label: 'Boost clock', format: { unit: 'MHz' } },
  boost_clock_ghz: { label: 'Boost clock', format: { unit: 'GHz' } },
  base_clock_ghz: { label: 'Base clock', format: { unit: 'GHz' } },
  tdp_w: { label: 'Power', format: { unit: 'W' } },
  length_mm: { label: 'Length', format: { unit: 'mm' } },
  cores: { label: 'Cores', format: 'plain' },
  threads: { label: 'Threads', format: 'plain' },
  socket: { label: 'Socket', format: 'plain' },
  cache_mb: { label: 'Cache', format: { unit: 'MB' } },
  capacity_gb: { label: 'Capacity', format: 'capacity' },
  interface: { label: 'Interface', format: 'plain' },
  form_factor: { label: 'Form factor', format: 'plain' },
  read_mbps: { label: 'Sequential read', format: { unit: 'MB/s' } },
  write_mbps: { label: 'Sequential write', format: { unit: 'MB/s' } },
  tbw: { label: 'Endurance', format: { unit: 'TBW' } },
  modules: { label: 'Modules', format: 'plain' },
  speed_mts: { label: 'Speed', format: { unit: 'MT/s' } },
  cas_latency: { label: 'CAS latency', format: 'plain' },
  voltage_v: { label: 'Voltage', format: { unit: 'V' } },
  weight_kg: { label: 'Weight', format: { unit: 'kg' } },
  os: { label: 'Operating system', format: 'plain' },
  ports: { label: 'Ports', format: 'plain' },
  type: { label: 'Type', format: 'plain' },
  connectivity: { label: 'Connectivity', format: 'plain' },
  battery_hours: { label: 'Battery life', format: { unit: 'hours' } },
  dpi: { label: 'Sensor resolution', format: { unit: 'DPI' } },
  color: { label: 'Colour', format: 'plain' },
  outputs: { label: 'Outputs', format: 'plain' },
  integrated_graphics: { label: 'Integrated graphics', format: 'plain' },
};

const order = Object.keys(specKeys);

function known(key: string): SpecKey | undefined {
  return Object.hasOwn(specKeys, key) ? specKeys[key] : undefined;
}

/** The shopper's name for a spec key; an unknown key reads as its words ("noise_level" → "Noise level"). */
export function specLabel(key: string): string {
  const entry = known(key);
  if (entry !== undefined) return entry.label;
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A size in GB as shops write it: "512 GB", "1 TB". Drives come in binary (1024) and decimal
 * (1000) sizes; both are sold as "1 TB", so whole terabytes of either kind read as terabytes.
 */
export function formatCapacity(sizeGb: number): string {
  if (sizeGb >= 1000) {
    if (sizeGb % 1024 === 0) return `${sizeGb / 1024} TB`;
    if (sizeGb % 1000 === 0) return `${sizeGb / 1000} TB`;
  }
  return `${sizeGb} GB`;
}

function plainValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map((item) => plainValue(item)).join(', ');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** A spec value as the product page shows it, with its unit: "16 GB", "14 in", "1 TB". */
export function specValue(key: string, value: unknown): string {
  const format = known(key)?.format ?? 'plain';
  if (typeof value !== 'number' || format === 'plain') return plainValue(value);
  if (format === 'capacity') return formatCapacity(value);
  return `${String(value)} ${format.unit}`;
}

/** Place of a key in the specification table: known keys in the table's order, then the rest. */
export function specRank(key: string): number {
  const index = order.indexOf(key);
  return index === -1 ? order.length : index;
}
