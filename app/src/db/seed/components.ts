import type { Draft } from './draft.js';

// Monitors, graphics cards and processors: real model names with their published key specs.

interface MonitorModel {
  vendor: string;
  model: string;
  inches: number;
  resolution: string;
  panel: string;
  refresh: number;
  responseMs: number;
  ports: string;
  dollars: number;
  note: string;
  /** Variants sold under the same model: finish, stand, colour. */
  variants?: readonly { label: string; extra: number }[];
}

const monitors: readonly MonitorModel[] = [
  { vendor: 'dell', model: 'UltraSharp U2724D', inches: 27, resolution: '2560x1440', panel: 'IPS Black', refresh: 120, responseMs: 5, ports: 'HDMI, DisplayPort, USB-C hub', dollars: 449, note: 'An office monitor with deep IPS Black contrast and a USB hub' },
  { vendor: 'dell', model: 'UltraSharp U2724DE', inches: 27, resolution: '2560x1440', panel: 'IPS Black', refresh: 120, responseMs: 5, ports: 'HDMI, DisplayPort, USB-C 90 W, RJ45', dollars: 579, note: 'A USB-C hub monitor that charges a laptop and adds Ethernet' },
  { vendor: 'dell', model: 'UltraSharp U3224KB', inches: 31.5, resolution: '6144x3456', panel: 'IPS Black', refresh: 60, responseMs: 5, ports: 'Thunderbolt 4, HDMI, mini DisplayPort', dollars: 2599, note: 'A 6K monitor with a built-in 4K webcam' },
  { vendor: 'dell', model: 'S2721DGF', inches: 27, resolution: '2560x1440', panel: 'Fast IPS', refresh: 165, responseMs: 1, ports: 'HDMI, DisplayPort', dollars: 319, note: 'A fast QHD gaming monitor with FreeSync Premium Pro' },
  { vendor: 'dell', model: 'Alienware AW3423DWF', inches: 34, resolution: '3440x1440', panel: 'QD-OLED curved', refresh: 165, responseMs: 0.1, ports: 'HDMI, 2x DisplayPort', dollars: 899, note: 'A curved ultrawide QD-OLED for immersive games' },
  { vendor: 'dell', model: 'P2425H', inches: 23.8, resolution: '1920x1080', panel: 'IPS', refresh: 100, responseMs: 5, ports: 'HDMI, DisplayPort, VGA, USB-C', dollars: 199, note: 'A height-adjustable office monitor with a comfort-view filter' },
  { vendor: 'hp', model: 'E24 G5', inches: 23.8, resolution: '1920x1080', panel: 'IPS', refresh: 75, responseMs: 5, ports: 'HDMI, DisplayPort, USB hub', dollars: 219, note: 'A business monitor with Eye Ease low blue light' },
  { vendor: 'hp', model: 'E27 G5', inches: 27, resolution: '1920x1080', panel: 'IPS', refresh: 75, responseMs: 5, ports: 'HDMI, DisplayPort, USB hub', dollars: 269, note: 'A 27-inch business monitor with a four-way adjustable stand' },
  { vendor: 'hp', model: 'OMEN 27qs', inches: 27, resolution: '2560x1440', panel: 'Fast IPS', refresh: 240, responseMs: 1, ports: 'HDMI 2.1, DisplayPort', dollars: 449, note: 'A 240 Hz QHD gaming monitor' },
  { vendor: 'hp', model: 'Z32k G3', inches: 31.5, resolution: '3840x2160', panel: 'IPS Black', refresh: 60, responseMs: 5, ports: 'USB-C 100 W, HDMI, DisplayPort, RJ45', dollars: 869, note: 'A 4K USB-C monitor for professionals' },
  { vendor: 'lenovo', model: 'ThinkVision P27h-30', inches: 27, resolution: '2560x1440', panel: 'IPS', refresh: 60, responseMs: 4, ports: 'USB-C 90 W, HDMI, DisplayPort, RJ45', dollars: 429, note: 'A docking monitor: one cable for power, video and network' },
  { vendor: 'lenovo', model: 'ThinkVision T24i-30', inches: 23.8, resolution: '1920x1080', panel: 'IPS', refresh: 60, responseMs: 4, ports: 'HDMI, DisplayPort, VGA, USB hub', dollars: 199, note: 'A dependable office monitor with a tilt-swivel-pivot stand' },
  { vendor: 'lenovo', model: 'Legion Y27qf-30', inches: 27, resolution: '2560x1440', panel: 'IPS', refresh: 250, responseMs: 0.5, ports: 'HDMI 2.1, DisplayPort, USB-C', dollars: 399, note: 'A 250 Hz esports monitor' },
  { vendor: 'apple', model: 'Studio Display', inches: 27, resolution: '5120x2880', panel: 'Retina IPS', refresh: 60, responseMs: 8, ports: 'Thunderbolt 3, 3x USB-C', dollars: 1599, note: 'A 5K Retina display with a 12 MP Center Stage camera and six speakers', variants: [{ label: 'Standard glass, tilt-adjustable stand', extra: 0 }, { label: 'Standard glass, tilt- and height-adjustable stand', extra: 400 }, { label: 'Nano-texture glass, tilt-adjustable stand', extra: 300 }, { label: 'Nano-texture glass, tilt- and height-adjustable stand', extra: 700 }, { label: 'Standard glass, VESA mount adapter', extra: 0 }] },
  { vendor: 'apple', model: 'Pro Display XDR', inches: 32, resolution: '6016x3384', panel: 'Retina XDR IPS, local dimming', refresh: 60, responseMs: 8, ports: 'Thunderbolt 3, 3x USB-C', dollars: 4999, note: 'A 6K reference display with 1600 nits peak brightness', variants: [{ label: 'Standard glass', extra: 0 }, { label: 'Nano-texture glass', extra: 1000 }] },
  { vendor: 'asus', model: 'ProArt PA278QV', inches: 27, resolution: '2560x1440', panel: 'IPS', refresh: 75, responseMs: 5, ports: 'HDMI, DisplayPort, mini DisplayPort, DVI', dollars: 299, note: 'A factory-calibrated monitor for photo and design work' },
  { vendor: 'asus', model: 'ProArt PA32UCXR', inches: 32, resolution: '3840x2160', panel: 'IPS mini-LED', refresh: 60, responseMs: 5, ports: 'Thunderbolt 4, HDMI, DisplayPort', dollars: 2799, note: 'A 4K mini-LED HDR monitor with a built-in colorimeter' },
  { vendor: 'asus', model: 'ROG Swift OLED PG27AQDM', inches: 26.5, resolution: '2560x1440', panel: 'OLED', refresh: 240, responseMs: 0.03, ports: 'HDMI 2.0, DisplayPort 1.4, USB hub', dollars: 899, note: 'A 240 Hz OLED gaming monitor with custom heatsink' },
  { vendor: 'asus', model: 'ROG Strix XG27ACS', inches: 27, resolution: '2560x1440', panel: 'Fast IPS', refresh: 180, responseMs: 1, ports: 'HDMI, DisplayPort, USB-C', dollars: 329, note: 'A 180 Hz QHD gaming monitor with USB-C' },
  { vendor: 'asus', model: 'TUF Gaming VG27AQ3A', inches: 27, resolution: '2560x1440', panel: 'Fast IPS', refresh: 180, responseMs: 1, ports: 'HDMI, DisplayPort', dollars: 249, note: 'An affordable QHD gaming monitor' },
  { vendor: 'asus', model: 'VA24EHF', inches: 23.8, resolution: '1920x1080', panel: 'IPS', refresh: 100, responseMs: 1, ports: 'HDMI', dollars: 99, note: 'An eye-care monitor for home and study' },
  { vendor: 'msi', model: 'MAG 274QRF QD E2', inches: 27, resolution: '2560x1440', panel: 'Rapid IPS, quantum dot', refresh: 180, responseMs: 1, ports: 'HDMI, DisplayPort, USB-C', dollars: 299, note: 'A wide-gamut quantum-dot gaming monitor' },
  { vendor: 'msi', model: 'MPG 321URX QD-OLED', inches: 31.5, resolution: '3840x2160', panel: 'QD-OLED', refresh: 240, responseMs: 0.03, ports: 'HDMI 2.1, DisplayPort 1.4, USB-C 90 W', dollars: 949, note: 'A 4K 240 Hz QD-OLED with USB-C power delivery' },
  { vendor: 'msi', model: 'PRO MP243X', inches: 23.8, resolution: '1920x1080', panel: 'IPS', refresh: 100, responseMs: 4, ports: 'HDMI, DisplayPort', dollars: 109, note: 'A business monitor with an anti-flicker panel' },
  { vendor: 'samsung', model: 'Odyssey G5 G55C', inches: 27, resolution: '2560x1440', panel: 'VA curved', refresh: 165, responseMs: 1, ports: 'HDMI, DisplayPort', dollars: 229, note: 'A 1000R curved QHD gaming monitor', variants: [{ label: '27-inch', extra: 0 }, { label: '32-inch', extra: 70 }] },
  { vendor: 'samsung', model: 'Odyssey G7 G70D', inches: 28, resolution: '3840x2160', panel: 'IPS', refresh: 144, responseMs: 1, ports: 'HDMI 2.1, DisplayPort, USB hub', dollars: 599, note: 'A 4K 144 Hz smart gaming monitor' },
  { vendor: 'samsung', model: 'Odyssey OLED G9 G95SD', inches: 49, resolution: '5120x1440', panel: 'QD-OLED curved', refresh: 240, responseMs: 0.03, ports: 'HDMI 2.1, DisplayPort 1.4, USB hub', dollars: 1599, note: 'A 49-inch dual-QHD super-ultrawide OLED' },
  { vendor: 'samsung', model: 'Odyssey Neo G8 G85NB', inches: 32, resolution: '3840x2160', panel: 'VA mini-LED curved', refresh: 240, responseMs: 1, ports: 'HDMI 2.1, DisplayPort 1.4', dollars: 1099, note: 'A 4K 240 Hz mini-LED gaming monitor' },
  { vendor: 'samsung', model: 'ViewFinity S8 S80UD', inches: 27, resolution: '3840x2160', panel: 'IPS', refresh: 60, responseMs: 5, ports: 'HDMI, DisplayPort, USB-C 90 W', dollars: 399, note: 'A 4K monitor with USB-C charging for creators' },
  { vendor: 'samsung', model: 'Smart Monitor M8 M80D', inches: 32, resolution: '3840x2160', panel: 'VA', refresh: 60, responseMs: 4, ports: 'HDMI, USB-C 65 W, Wi-Fi', dollars: 649, note: 'A 4K smart monitor with streaming apps and a SlimFit camera', variants: [{ label: 'Warm White', extra: 0 }, { label: 'Daylight Blue', extra: 0 }, { label: 'Spring Green', extra: 0 }, { label: 'Sunset Pink', extra: 0 }] },
];

export function monitorDrafts(): Draft[] {
  return monitors.flatMap((monitor) =>
    (monitor.variants ?? [{ label: '', extra: 0 }]).map((variant) => {
      // Odyssey G5 sizes are variants of one model; everything else keeps its own size.
      const inches = variant.label === '32-inch' ? 32 : monitor.inches;
      const name = `${monitor.model} ${inches}" ${monitor.resolution} ${monitor.refresh}Hz${variant.label === '' || variant.label.endsWith('-inch') ? '' : ` (${variant.label})`}`;
      return {
        vendor: monitor.vendor,
        category: 'monitors',
        name,
        specs: { display_in: inches, resolution: monitor.resolution, panel: monitor.panel, refresh_hz: monitor.refresh, response_ms: monitor.responseMs, ports: monitor.ports, ...(variant.label === '' || variant.label.endsWith('-inch') ? {} : { variant: variant.label }) },
        dollars: monitor.dollars + variant.extra,
        description: `${monitor.note}. A ${inches}-inch ${monitor.panel} monitor, ${monitor.resolution} at ${monitor.refresh} Hz, ${monitor.responseMs} ms response time. Inputs: ${monitor.ports}.`,
        premium: monitor.vendor === 'apple',
      } satisfies Draft;
    }),
  );
}

interface GpuChip {
  name: string;
  brand: 'NVIDIA' | 'AMD' | 'Intel';
  vram: number;
  memory: string;
  boost: number;
  tdp: number;
  msrp: number;
}

const chips: Record<string, GpuChip> = {
  '4060': { name: 'GeForce RTX 4060', brand: 'NVIDIA', vram: 8, memory: 'GDDR6', boost: 2460, tdp: 115, msrp: 299 },
  '4060ti': { name: 'GeForce RTX 4060 Ti', brand: 'NVIDIA', vram: 8, memory: 'GDDR6', boost: 2535, tdp: 160, msrp: 399 },
  '4070s': { name: 'GeForce RTX 4070 SUPER', brand: 'NVIDIA', vram: 12, memory: 'GDDR6X', boost: 2475, tdp: 220, msrp: 599 },
  '4070tis': { name: 'GeForce RTX 4070 Ti SUPER', brand: 'NVIDIA', vram: 16, memory: 'GDDR6X', boost: 2610, tdp: 285, msrp: 799 },
  '4080s': { name: 'GeForce RTX 4080 SUPER', brand: 'NVIDIA', vram: 16, memory: 'GDDR6X', boost: 2550, tdp: 320, msrp: 999 },
  '4090': { name: 'GeForce RTX 4090', brand: 'NVIDIA', vram: 24, memory: 'GDDR6X', boost: 2520, tdp: 450, msrp: 1599 },
  '7600': { name: 'Radeon RX 7600', brand: 'AMD', vram: 8, memory: 'GDDR6', boost: 2655, tdp: 165, msrp: 269 },
  '7700xt': { name: 'Radeon RX 7700 XT', brand: 'AMD', vram: 12, memory: 'GDDR6', boost: 2544, tdp: 245, msrp: 419 },
  '7800xt': { name: 'Radeon RX 7800 XT', brand: 'AMD', vram: 16, memory: 'GDDR6', boost: 2430, tdp: 263, msrp: 499 },
  '7900gre': { name: 'Radeon RX 7900 GRE', brand: 'AMD', vram: 16, memory: 'GDDR6', boost: 2245, tdp: 260, msrp: 549 },
  '7900xt': { name: 'Radeon RX 7900 XT', brand: 'AMD', vram: 20, memory: 'GDDR6', boost: 2400, tdp: 315, msrp: 749 },
  '7900xtx': { name: 'Radeon RX 7900 XTX', brand: 'AMD', vram: 24, memory: 'GDDR6', boost: 2500, tdp: 355, msrp: 949 },
  a580: { name: 'Arc A580', brand: 'Intel', vram: 8, memory: 'GDDR6', boost: 2000, tdp: 185, msrp: 179 },
  a750: { name: 'Arc A750', brand: 'Intel', vram: 8, memory: 'GDDR6', boost: 2400, tdp: 225, msrp: 229 },
  a770: { name: 'Arc A770', brand: 'Intel', vram: 16, memory: 'GDDR6', boost: 2400, tdp: 225, msrp: 329 },
  b570: { name: 'Arc B570', brand: 'Intel', vram: 10, memory: 'GDDR6', boost: 2600, tdp: 150, msrp: 219 },
  b580: { name: 'Arc B580', brand: 'Intel', vram: 12, memory: 'GDDR6', boost: 2670, tdp: 190, msrp: 249 },
};

interface BoardLine {
  vendor: string;
  series: string;
  chips: readonly string[];
  /** Share above the chip's list price for better cooling and factory overclock. */
  premium: number;
  overclockMhz: number;
  fans: number;
  lengthMm: number;
  note: string;
}

const boards: readonly BoardLine[] = [
  { vendor: 'asus', series: 'ROG Strix', chips: ['4070s', '4070tis', '4080s', '4090'], premium: 0.2, overclockMhz: 150, fans: 3, lengthMm: 336, note: 'Flagship ROG cooling with axial-tech fans and a vapour chamber' },
  { vendor: 'asus', series: 'TUF Gaming', chips: ['4060ti', '4070s', '4070tis', '4080s', '4090', '7800xt', '7900xt', '7900xtx'], premium: 0.08, overclockMhz: 60, fans: 3, lengthMm: 320, note: 'Military-grade components and a metal backplate' },
  { vendor: 'asus', series: 'Dual', chips: ['4060', '4060ti', '4070s', '7600', '7700xt'], premium: 0.02, overclockMhz: 30, fans: 2, lengthMm: 227, note: 'A compact two-fan card that fits small cases' },
  { vendor: 'asus', series: 'ProArt', chips: ['4060ti', '4070s', '4080s'], premium: 0.12, overclockMhz: 60, fans: 3, lengthMm: 300, note: 'A quiet, understated card for creators, 2.5 slots thick' },
  { vendor: 'msi', series: 'Gaming X Slim', chips: ['4060ti', '4070s', '4070tis', '4080s', '4090'], premium: 0.1, overclockMhz: 75, fans: 3, lengthMm: 322, note: 'TRI FROZR 3 cooling in a slimmer shroud' },
  { vendor: 'msi', series: 'Ventus 2X', chips: ['4060', '4060ti', '4070s'], premium: 0, overclockMhz: 15, fans: 2, lengthMm: 235, note: 'A no-frills dual-fan card' },
  { vendor: 'msi', series: 'Ventus 3X', chips: ['4070tis', '4080s'], premium: 0.02, overclockMhz: 15, fans: 3, lengthMm: 308, note: 'A no-frills triple-fan card' },
  { vendor: 'msi', series: 'Suprim X', chips: ['4080s', '4090'], premium: 0.18, overclockMhz: 120, fans: 3, lengthMm: 336, note: 'MSI\'s top card with a brushed-metal shroud and dual BIOS' },
  { vendor: 'amd', series: 'Made by AMD', chips: ['7600', '7700xt', '7800xt', '7900gre', '7900xt', '7900xtx'], premium: 0, overclockMhz: 0, fans: 3, lengthMm: 287, note: 'AMD\'s reference design' },
  { vendor: 'intel', series: 'Limited Edition', chips: ['a580', 'a750', 'a770', 'b570', 'b580'], premium: 0, overclockMhz: 0, fans: 2, lengthMm: 272, note: 'Intel\'s own Arc card with AV1 encoding and XeSS upscaling' },
];

export function graphicsCardDrafts(): Draft[] {
  return boards.flatMap((board) =>
    board.chips.map((key) => {
      const chip = chips[key];
      if (!chip) throw new Error(`unknown chip ${key}`);
      const oc = board.overclockMhz > 0 ? ' OC' : '';
      const name = board.vendor === 'amd' || board.vendor === 'intel'
        ? `${chip.brand} ${chip.name} ${chip.vram}GB ${board.series}`
        : `${board.series} ${chip.name}${oc} ${chip.vram}GB ${chip.memory}`;
      const boost = chip.boost + board.overclockMhz;
      return {
        vendor: board.vendor,
        category: 'graphics-cards',
        name,
        specs: { gpu_chip: `${chip.brand} ${chip.name}`, vram_gb: chip.vram, memory_type: chip.memory, boost_clock_mhz: boost, tdp_w: chip.tdp, length_mm: board.lengthMm, fans: board.fans, outputs: chip.brand === 'NVIDIA' ? 'HDMI 2.1a, 3x DisplayPort 1.4a' : 'HDMI 2.1, 3x DisplayPort 2.1', interface: 'PCIe 4.0 x16' },
        dollars: chip.msrp * (1 + board.premium),
        description: `${board.note}. A ${chip.brand} ${chip.name} graphics card with ${chip.vram} GB of ${chip.memory}, boost clock up to ${boost} MHz, ${chip.tdp} W board power, ${board.lengthMm} mm long with ${board.fans} fans.`,
      } satisfies Draft;
    }),
  );
}

// name, cores, threads, base GHz, boost GHz, socket, TDP W, cache MB, integrated graphics, list price
type CpuRow = readonly [string, number, number, number, number, string, number, number, string | null, number];

const intelCpus: readonly CpuRow[] = [
  ['Core i3-14100', 4, 8, 3.5, 4.7, 'LGA1700', 60, 12, 'Intel UHD 730', 134],
  ['Core i5-14400', 10, 16, 2.5, 4.7, 'LGA1700', 65, 20, 'Intel UHD 730', 221],
  ['Core i5-14400F', 10, 16, 2.5, 4.7, 'LGA1700', 65, 20, null, 196],
  ['Core i5-14600K', 14, 20, 3.5, 5.3, 'LGA1700', 125, 24, 'Intel UHD 770', 319],
  ['Core i5-14600KF', 14, 20, 3.5, 5.3, 'LGA1700', 125, 24, null, 294],
  ['Core i7-14700', 20, 28, 2.1, 5.4, 'LGA1700', 65, 33, 'Intel UHD 770', 384],
  ['Core i7-14700K', 20, 28, 3.4, 5.6, 'LGA1700', 125, 33, 'Intel UHD 770', 409],
  ['Core i7-14700KF', 20, 28, 3.4, 5.6, 'LGA1700', 125, 33, null, 384],
  ['Core i9-14900K', 24, 32, 3.2, 6.0, 'LGA1700', 125, 36, 'Intel UHD 770', 589],
  ['Core i9-14900KF', 24, 32, 3.2, 6.0, 'LGA1700', 125, 36, null, 564],
  ['Core i9-14900KS', 24, 32, 3.2, 6.2, 'LGA1700', 150, 36, 'Intel UHD 770', 689],
  ['Core Ultra 5 225', 10, 10, 3.3, 4.9, 'LGA1851', 65, 20, 'Intel Graphics', 236],
  ['Core Ultra 5 245K', 14, 14, 4.2, 5.2, 'LGA1851', 125, 24, 'Intel Graphics', 309],
  ['Core Ultra 7 265K', 20, 20, 3.9, 5.5, 'LGA1851', 125, 30, 'Intel Graphics', 394],
  ['Core Ultra 7 265KF', 20, 20, 3.9, 5.5, 'LGA1851', 125, 30, null, 379],
  ['Core Ultra 9 285K', 24, 24, 3.7, 5.7, 'LGA1851', 125, 36, 'Intel Graphics', 589],
];

const amdCpus: readonly CpuRow[] = [
  ['Ryzen 5 5600X', 6, 12, 3.7, 4.6, 'AM4', 65, 32, null, 159],
  ['Ryzen 7 5800X3D', 8, 16, 3.4, 4.5, 'AM4', 105, 96, null, 329],
  ['Ryzen 5 7600', 6, 12, 3.8, 5.1, 'AM5', 65, 32, 'AMD Radeon Graphics', 199],
  ['Ryzen 5 7600X', 6, 12, 4.7, 5.3, 'AM5', 105, 32, 'AMD Radeon Graphics', 229],
  ['Ryzen 7 7700', 8, 16, 3.8, 5.3, 'AM5', 65, 32, 'AMD Radeon Graphics', 289],
  ['Ryzen 7 7700X', 8, 16, 4.5, 5.4, 'AM5', 105, 32, 'AMD Radeon Graphics', 299],
  ['Ryzen 7 7800X3D', 8, 16, 4.2, 5.0, 'AM5', 120, 96, 'AMD Radeon Graphics', 449],
  ['Ryzen 9 7900X', 12, 24, 4.7, 5.6, 'AM5', 170, 64, 'AMD Radeon Graphics', 399],
  ['Ryzen 9 7950X', 16, 32, 4.5, 5.7, 'AM5', 170, 64, 'AMD Radeon Graphics', 549],
  ['Ryzen 9 7950X3D', 16, 32, 4.2, 5.7, 'AM5', 120, 128, 'AMD Radeon Graphics', 649],
  ['Ryzen 5 8600G', 6, 12, 4.3, 5.0, 'AM5', 65, 16, 'AMD Radeon 760M', 229],
  ['Ryzen 7 8700G', 8, 16, 4.2, 5.1, 'AM5', 65, 16, 'AMD Radeon 780M', 329],
  ['Ryzen 5 9600X', 6, 12, 3.9, 5.4, 'AM5', 65, 32, 'AMD Radeon Graphics', 279],
  ['Ryzen 7 9700X', 8, 16, 3.8, 5.5, 'AM5', 65, 32, 'AMD Radeon Graphics', 359],
  ['Ryzen 7 9800X3D', 8, 16, 4.7, 5.2, 'AM5', 120, 96, 'AMD Radeon Graphics', 479],
  ['Ryzen 9 9900X', 12, 24, 4.4, 5.6, 'AM5', 120, 64, 'AMD Radeon Graphics', 499],
  ['Ryzen 9 9950X', 16, 32, 4.3, 5.7, 'AM5', 170, 64, 'AMD Radeon Graphics', 649],
];

function cpuDraft(vendor: 'intel' | 'amd', row: CpuRow): Draft {
  const [model, cores, threads, base, boost, socket, tdp, cache, igpu, dollars] = row;
  const brand = vendor === 'intel' ? 'Intel' : 'AMD';
  return {
    vendor,
    category: 'processors',
    name: `${brand} ${model} ${cores}-Core ${boost.toFixed(1)} GHz ${socket} Boxed`,
    specs: { cores, threads, base_clock_ghz: base, boost_clock_ghz: boost, socket, tdp_w: tdp, cache_mb: cache, integrated_graphics: igpu ?? 'None (graphics card required)' },
    dollars,
    description: `${brand} ${model} desktop processor for ${socket} boards: ${cores} cores and ${threads} threads, ${base.toFixed(1)} GHz base and up to ${boost.toFixed(1)} GHz boost, ${cache} MB cache, ${tdp} W TDP. ${igpu === null ? 'No integrated graphics: pair it with a graphics card.' : `Integrated ${igpu}.`}`,
  };
}

export function processorDrafts(): Draft[] {
  return [...intelCpus.map((row) => cpuDraft('intel', row)), ...amdCpus.map((row) => cpuDraft('amd', row))];
}
