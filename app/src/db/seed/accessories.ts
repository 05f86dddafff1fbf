import type { Draft } from './draft.js';

// Storage, memory and peripherals: model ranges sold in several capacities or colours.

interface DriveLine {
  vendor: string;
  model: string;
  capacities: readonly number[];
  iface: string;
  formFactor: string;
  readMbps: number;
  writeMbps: number;
  /** Terabytes written per terabyte of capacity (endurance). */
  tbwPerTb: number;
  /** Dollars for 1 TB; other sizes scale sub-linearly. */
  perTb: number;
  note: string;
}

const drives: readonly DriveLine[] = [
  { vendor: 'samsung', model: '990 PRO', capacities: [1000, 2000, 4000], iface: 'PCIe 4.0 x4 NVMe 2.0', formFactor: 'M.2 2280', readMbps: 7450, writeMbps: 6900, tbwPerTb: 600, perTb: 119, note: 'A fast PCIe 4.0 SSD for gaming and creative work' },
  { vendor: 'samsung', model: '990 PRO with Heatsink', capacities: [1000, 2000, 4000], iface: 'PCIe 4.0 x4 NVMe 2.0', formFactor: 'M.2 2280 with heatsink', readMbps: 7450, writeMbps: 6900, tbwPerTb: 600, perTb: 139, note: 'The 990 PRO with an RGB heatsink, ready for PlayStation 5' },
  { vendor: 'samsung', model: '990 EVO Plus', capacities: [1000, 2000, 4000], iface: 'PCIe 4.0 x4 / 5.0 x2 NVMe 2.0', formFactor: 'M.2 2280', readMbps: 7250, writeMbps: 6300, tbwPerTb: 600, perTb: 99, note: 'A DRAM-less SSD that runs cool in laptops' },
  { vendor: 'samsung', model: '870 EVO', capacities: [250, 500, 1000, 2000, 4000], iface: 'SATA 6 Gb/s', formFactor: '2.5-inch', readMbps: 560, writeMbps: 530, tbwPerTb: 600, perTb: 89, note: 'The classic SATA upgrade for older PCs and laptops' },
  { vendor: 'samsung', model: 'T7 Shield Portable SSD', capacities: [1000, 2000, 4000], iface: 'USB 3.2 Gen 2 (USB-C)', formFactor: 'Portable, IP65', readMbps: 1050, writeMbps: 1000, tbwPerTb: 0, perTb: 109, note: 'A rugged, rubber-armoured portable SSD' },
  { vendor: 'samsung', model: 'T9 Portable SSD', capacities: [1000, 2000, 4000], iface: 'USB 3.2 Gen 2x2 (USB-C)', formFactor: 'Portable', readMbps: 2000, writeMbps: 2000, tbwPerTb: 0, perTb: 139, note: 'A 2000 MB/s portable SSD for video crews' },
  { vendor: 'kingston', model: 'KC3000', capacities: [512, 1024, 2048, 4096], iface: 'PCIe 4.0 x4 NVMe', formFactor: 'M.2 2280', readMbps: 7000, writeMbps: 7000, tbwPerTb: 800, perTb: 99, note: 'A high-end PCIe 4.0 SSD with a graphene-aluminium heat spreader' },
  { vendor: 'kingston', model: 'NV3', capacities: [500, 1000, 2000, 4000], iface: 'PCIe 4.0 x4 NVMe', formFactor: 'M.2 2280', readMbps: 6000, writeMbps: 5000, tbwPerTb: 320, perTb: 69, note: 'An affordable PCIe 4.0 SSD for everyday upgrades' },
  { vendor: 'kingston', model: 'FURY Renegade', capacities: [500, 1000, 2000, 4000], iface: 'PCIe 4.0 x4 NVMe', formFactor: 'M.2 2280', readMbps: 7300, writeMbps: 7000, tbwPerTb: 1000, perTb: 109, note: 'A gaming SSD with very high endurance' },
  { vendor: 'kingston', model: 'A400', capacities: [240, 480, 960], iface: 'SATA 6 Gb/s', formFactor: '2.5-inch', readMbps: 500, writeMbps: 450, tbwPerTb: 300, perTb: 59, note: 'An entry-level SATA SSD to revive an old computer' },
  { vendor: 'kingston', model: 'XS1000 External SSD', capacities: [1000, 2000], iface: 'USB 3.2 Gen 2 (USB-C)', formFactor: 'Portable, pocket-sized', readMbps: 1050, writeMbps: 1000, tbwPerTb: 0, perTb: 89, note: 'A pocket-sized external SSD' },
  { vendor: 'corsair', model: 'MP600 PRO LPX', capacities: [1000, 2000, 4000], iface: 'PCIe 4.0 x4 NVMe', formFactor: 'M.2 2280 with low-profile heatsink', readMbps: 7100, writeMbps: 6800, tbwPerTb: 700, perTb: 99, note: 'A heatsink SSD that fits PlayStation 5 and small cases' },
  { vendor: 'corsair', model: 'MP700 PRO', capacities: [1000, 2000, 4000], iface: 'PCIe 5.0 x4 NVMe 2.0', formFactor: 'M.2 2280 with air cooler', readMbps: 12400, writeMbps: 11800, tbwPerTb: 700, perTb: 179, note: 'A PCIe 5.0 SSD for the newest boards' },
];

function capacityLabel(gb: number): string {
  return gb >= 1000 ? `${gb % 1000 === 0 ? gb / 1000 : (gb / 1000).toFixed(0)}TB` : `${gb}GB`;
}

export function storageDrafts(): Draft[] {
  return drives.flatMap((drive) =>
    drive.capacities.map((gb) => {
      const tb = gb / 1000;
      const tbw = Math.round(drive.tbwPerTb * tb);
      return {
        vendor: drive.vendor,
        category: 'storage',
        name: drive.model.endsWith('SSD') ? `${drive.model} ${capacityLabel(gb)}` : `${drive.model} ${capacityLabel(gb)} ${drive.formFactor.startsWith('M.2') ? 'M.2 NVMe' : 'SATA'} SSD`,
        specs: { capacity_gb: gb, interface: drive.iface, form_factor: drive.formFactor, read_mbps: drive.readMbps, write_mbps: drive.writeMbps, ...(tbw > 0 ? { tbw } : {}) },
        // Larger drives cost less per terabyte, small ones more.
        dollars: Math.max(25, drive.perTb * tb ** 0.85 + 10),
        description: `${drive.note}. A ${capacityLabel(gb)} ${drive.formFactor} solid-state drive (SSD) on ${drive.iface}, up to ${drive.readMbps} MB/s read and ${drive.writeMbps} MB/s write${tbw > 0 ? `, rated for ${tbw} TB written` : ''}.`,
      } satisfies Draft;
    }),
  );
}

interface MemoryKit {
  vendor: string;
  series: string;
  type: 'DDR4' | 'DDR5';
  formFactor: 'DIMM' | 'SO-DIMM';
  /** [modules, gigabytes per module, MT/s, CAS latency] */
  kits: readonly (readonly [number, number, number, number])[];
  voltage: number;
  perGb: number;
  note: string;
  colours?: readonly string[];
}

const memoryKits: readonly MemoryKit[] = [
  { vendor: 'kingston', series: 'FURY Beast', type: 'DDR5', formFactor: 'DIMM', kits: [[1, 16, 5200, 40], [2, 16, 5600, 36], [2, 16, 6000, 36], [2, 32, 5600, 40], [2, 32, 6000, 36]], voltage: 1.35, perGb: 3.1, note: 'Low-profile heat spreader, XMP 3.0 and AMD EXPO profiles' },
  { vendor: 'kingston', series: 'FURY Renegade', type: 'DDR5', formFactor: 'DIMM', kits: [[2, 16, 6400, 32], [2, 16, 7200, 38], [2, 24, 6400, 32]], voltage: 1.4, perGb: 4.2, note: 'Binned high-speed memory for overclockers' },
  { vendor: 'kingston', series: 'FURY Beast', type: 'DDR4', formFactor: 'DIMM', kits: [[2, 8, 3200, 16], [2, 16, 3200, 16], [2, 16, 3600, 18]], voltage: 1.35, perGb: 2.2, note: 'A dependable DDR4 upgrade with XMP' },
  { vendor: 'kingston', series: 'ValueRAM', type: 'DDR5', formFactor: 'SO-DIMM', kits: [[1, 8, 5600, 46], [1, 16, 5600, 46], [1, 32, 5600, 46]], voltage: 1.1, perGb: 2.6, note: 'JEDEC-standard laptop memory' },
  { vendor: 'corsair', series: 'Vengeance', type: 'DDR5', formFactor: 'DIMM', kits: [[2, 16, 5600, 36], [2, 16, 6000, 30], [2, 32, 6000, 30], [2, 32, 6400, 32], [2, 48, 5600, 40]], voltage: 1.35, perGb: 3.3, note: 'Compact heat spreader for wide CPU-cooler compatibility', colours: ['Black', 'White'] },
  { vendor: 'corsair', series: 'Dominator Titanium RGB', type: 'DDR5', formFactor: 'DIMM', kits: [[2, 16, 7200, 34], [2, 32, 6600, 32]], voltage: 1.4, perGb: 5.6, note: 'Premium memory with replaceable top bars and 11 RGB LEDs per module' },
  { vendor: 'corsair', series: 'Vengeance LPX', type: 'DDR4', formFactor: 'DIMM', kits: [[2, 8, 3200, 16], [2, 16, 3200, 16], [2, 16, 3600, 18], [2, 32, 3200, 16]], voltage: 1.35, perGb: 2.3, note: 'A low-profile aluminium DDR4 kit' },
  { vendor: 'samsung', series: 'M425R SO-DIMM', type: 'DDR5', formFactor: 'SO-DIMM', kits: [[1, 16, 5600, 46], [1, 32, 5600, 46]], voltage: 1.1, perGb: 2.7, note: 'Samsung-made laptop memory at JEDEC speed' },
  { vendor: 'samsung', series: 'M323R UDIMM', type: 'DDR5', formFactor: 'DIMM', kits: [[1, 16, 5600, 46], [1, 32, 5600, 46]], voltage: 1.1, perGb: 2.6, note: 'Samsung-made desktop memory at JEDEC speed' },
];

export function memoryDrafts(): Draft[] {
  return memoryKits.flatMap((series) =>
    series.kits.flatMap(([modules, perModule, speed, cl]) =>
      (series.colours ?? ['']).map((colour) => {
        const total = modules * perModule;
        const kit = modules > 1 ? ` (${modules}x${perModule}GB)` : '';
        return {
          vendor: series.vendor,
          category: 'memory',
          name: `${series.series} ${total}GB${kit} ${series.type}-${speed} CL${cl} ${series.formFactor}${colour === '' ? '' : ` ${colour}`}`,
          specs: { capacity_gb: total, modules, type: series.type, speed_mts: speed, cas_latency: cl, form_factor: series.formFactor, voltage_v: series.voltage, ...(colour === '' ? {} : { color: colour }) },
          dollars: total * series.perGb * (1 + (speed - 4800) / 12000) + 8,
          description: `${series.note}. ${total} GB ${series.type} ${series.formFactor} ${series.formFactor === 'SO-DIMM' ? 'laptop' : 'desktop'} memory ${modules > 1 ? `kit of ${modules} modules` : 'module'} at ${speed} MT/s, CL${cl}, ${series.voltage} V.`,
        } satisfies Draft;
      }),
    ),
  );
}

interface PeripheralModel {
  vendor: string;
  model: string;
  type: string;
  connectivity: string;
  dollars: number;
  note: string;
  colours?: readonly string[];
  extra?: Record<string, unknown>;
}

const peripherals: readonly PeripheralModel[] = [
  { vendor: 'logitech', model: 'MX Master 3S', type: 'Mouse', connectivity: 'Bluetooth, Logi Bolt', dollars: 99, note: 'A quiet-click productivity mouse with MagSpeed scrolling', colours: ['Graphite', 'Pale Grey'], extra: { dpi: 8000, battery_hours: 1680 } },
  { vendor: 'logitech', model: 'MX Keys S', type: 'Keyboard', connectivity: 'Bluetooth, Logi Bolt', dollars: 109, note: 'A backlit low-profile keyboard with smart actions', colours: ['Graphite', 'Pale Grey'], extra: { layout: 'US English', battery_hours: 240 } },
  { vendor: 'logitech', model: 'MX Anywhere 3S', type: 'Mouse', connectivity: 'Bluetooth', dollars: 79, note: 'A compact mouse that tracks on glass', colours: ['Graphite', 'Pale Grey', 'Rose'], extra: { dpi: 8000, battery_hours: 1680 } },
  { vendor: 'logitech', model: 'G PRO X SUPERLIGHT 2', type: 'Gaming mouse', connectivity: 'LIGHTSPEED wireless', dollars: 159, note: 'A 60 g esports mouse with the HERO 2 sensor', colours: ['Black', 'White', 'Magenta'], extra: { dpi: 32000, battery_hours: 95 } },
  { vendor: 'logitech', model: 'G915 X LIGHTSPEED', type: 'Gaming keyboard', connectivity: 'LIGHTSPEED wireless, Bluetooth', dollars: 229, note: 'A low-profile mechanical keyboard in aluminium', colours: ['Black', 'White'], extra: { layout: 'US English', switches: 'GL Tactile' } },
  { vendor: 'logitech', model: 'G502 X PLUS', type: 'Gaming mouse', connectivity: 'LIGHTSPEED wireless', dollars: 159, note: 'The G502 shape with hybrid optical-mechanical switches and RGB', colours: ['Black', 'White'], extra: { dpi: 25600, battery_hours: 130 } },
  { vendor: 'logitech', model: 'C920s Pro HD Webcam', type: 'Webcam', connectivity: 'USB-A', dollars: 69, note: 'The 1080p webcam with a privacy shutter', extra: { resolution: '1920x1080', fps: 30 } },
  { vendor: 'logitech', model: 'Brio 4K Webcam', type: 'Webcam', connectivity: 'USB-C', dollars: 199, note: 'A 4K webcam with HDR and Windows Hello', extra: { resolution: '3840x2160', fps: 30 } },
  { vendor: 'logitech', model: 'MX Brio', type: 'Webcam', connectivity: 'USB-C', dollars: 199, note: 'A 4K webcam with AI-tuned image and dual microphones', colours: ['Graphite', 'Pale Grey'], extra: { resolution: '3840x2160', fps: 30 } },
  { vendor: 'logitech', model: 'G733 LIGHTSPEED Headset', type: 'Headset', connectivity: 'LIGHTSPEED wireless', dollars: 129, note: 'A light wireless gaming headset with a detachable microphone', colours: ['Black', 'White', 'Lilac'], extra: { battery_hours: 29 } },
  { vendor: 'logitech', model: 'K380 Multi-Device Keyboard', type: 'Keyboard', connectivity: 'Bluetooth', dollars: 39, note: 'A compact keyboard that switches between three devices', colours: ['Graphite', 'Off-White', 'Rose'], extra: { layout: 'US English', battery_hours: 17520 } },
  { vendor: 'logitech', model: 'Lift Vertical Ergonomic Mouse', type: 'Mouse', connectivity: 'Bluetooth, Logi Bolt', dollars: 69, note: 'A 57-degree vertical mouse for small to medium hands', colours: ['Graphite', 'Pale Grey', 'Rose'], extra: { dpi: 4000 } },
  { vendor: 'corsair', model: 'K70 RGB PRO', type: 'Gaming keyboard', connectivity: 'USB-C cable', dollars: 159, note: 'A mechanical keyboard with 8000 Hz polling and PBT caps', extra: { layout: 'US English', switches: 'Cherry MX Red' } },
  { vendor: 'corsair', model: 'K100 RGB', type: 'Gaming keyboard', connectivity: 'USB cable', dollars: 229, note: 'Corsair\'s flagship optical-mechanical keyboard with iCUE control wheel', extra: { layout: 'US English', switches: 'Corsair OPX' } },
  { vendor: 'corsair', model: 'K65 PLUS WIRELESS', type: 'Gaming keyboard', connectivity: 'SLIPSTREAM wireless, Bluetooth, USB-C', dollars: 159, note: 'A 75% hot-swappable wireless keyboard', extra: { layout: 'US English', switches: 'Corsair MLX Red' } },
  { vendor: 'corsair', model: 'HS80 RGB WIRELESS', type: 'Headset', connectivity: 'SLIPSTREAM wireless', dollars: 149, note: 'A wireless headset with Dolby Atmos and a broadcast-grade microphone', extra: { battery_hours: 20 } },
  { vendor: 'corsair', model: 'M65 RGB ULTRA WIRELESS', type: 'Gaming mouse', connectivity: 'SLIPSTREAM wireless, Bluetooth', dollars: 129, note: 'An aluminium FPS mouse with adjustable weights', extra: { dpi: 26000, battery_hours: 120 } },
  { vendor: 'corsair', model: 'VIRTUOSO RGB WIRELESS XT', type: 'Headset', connectivity: 'SLIPSTREAM wireless, Bluetooth, USB', dollars: 269, note: 'A high-fidelity headset in memory foam and aluminium', extra: { battery_hours: 15 } },
  { vendor: 'apple', model: 'Magic Keyboard with Touch ID', type: 'Keyboard', connectivity: 'Bluetooth, USB-C', dollars: 149, note: 'A rechargeable keyboard with Touch ID for Macs with Apple silicon', extra: { layout: 'US English' } },
  { vendor: 'apple', model: 'Magic Keyboard with Touch ID and Numeric Keypad', type: 'Keyboard', connectivity: 'Bluetooth, USB-C', dollars: 179, note: 'The full-size Magic Keyboard with Touch ID', colours: ['White keys', 'Black keys'], extra: { layout: 'US English' } },
  { vendor: 'apple', model: 'Magic Mouse', type: 'Mouse', connectivity: 'Bluetooth, USB-C', dollars: 79, note: 'A Multi-Touch mouse', colours: ['White', 'Black'] },
  { vendor: 'apple', model: 'Magic Trackpad', type: 'Trackpad', connectivity: 'Bluetooth, USB-C', dollars: 129, note: 'A large Force Touch trackpad', colours: ['White', 'Black'] },
  { vendor: 'dell', model: 'Pro Wireless Keyboard and Mouse KM5221W', type: 'Keyboard and mouse', connectivity: '2.4 GHz wireless', dollars: 59, note: 'A full-size office keyboard and mouse set', extra: { layout: 'US English', battery_hours: 26280 } },
  { vendor: 'dell', model: 'Premier Multi-Device Wireless Keyboard and Mouse KM7321W', type: 'Keyboard and mouse', connectivity: 'Bluetooth, 2.4 GHz wireless', dollars: 99, note: 'A set that pairs with three devices at once', extra: { layout: 'US English' } },
  { vendor: 'dell', model: 'UltraSharp Webcam WB7022', type: 'Webcam', connectivity: 'USB-C', dollars: 199, note: 'A 4K webcam with a Sony STARVIS sensor and AI auto-framing', extra: { resolution: '3840x2160', fps: 30 } },
  { vendor: 'dell', model: 'Thunderbolt Dock WD22TB4', type: 'Dock', connectivity: 'Thunderbolt 4', dollars: 289, note: 'A managed dock with 130 W charging for Dell laptops', extra: { ports: '2x DisplayPort, HDMI, RJ45, 4x USB-A, 2x USB-C' } },
  { vendor: 'hp', model: '970 Programmable Wireless Keyboard', type: 'Keyboard', connectivity: 'Bluetooth, 2.4 GHz wireless', dollars: 129, note: 'A backlit keyboard with programmable keys', extra: { layout: 'US English' } },
  { vendor: 'hp', model: '435 Multi-Device Wireless Mouse', type: 'Mouse', connectivity: 'Bluetooth, 2.4 GHz wireless', dollars: 29, note: 'A simple mouse that switches between two devices', extra: { dpi: 4000 } },
  { vendor: 'hp', model: 'HyperX Cloud III Wireless', type: 'Headset', connectivity: '2.4 GHz wireless', dollars: 169, note: 'The comfortable Cloud headset with 120 hours of battery', colours: ['Black', 'Black/Red'], extra: { battery_hours: 120 } },
  { vendor: 'lenovo', model: 'ThinkPad TrackPoint Keyboard II', type: 'Keyboard', connectivity: 'Bluetooth, 2.4 GHz wireless', dollars: 99, note: 'The ThinkPad keyboard with the red TrackPoint, for any desk', extra: { layout: 'US English' } },
  { vendor: 'lenovo', model: 'Legion M600 Wireless Gaming Mouse', type: 'Gaming mouse', connectivity: '2.4 GHz wireless, Bluetooth, USB-C', dollars: 69, note: 'A tri-mode gaming mouse with RGB', extra: { dpi: 16000, battery_hours: 200 } },
  { vendor: 'lenovo', model: 'ThinkPad Universal USB-C Dock', type: 'Dock', connectivity: 'USB-C', dollars: 249, note: 'One cable for three 4K displays, Ethernet and USB', extra: { ports: '2x DisplayPort, HDMI, RJ45, 5x USB-A, USB-C' } },
];

export function peripheralDrafts(): Draft[] {
  return peripherals.flatMap((item) =>
    (item.colours ?? ['']).map((colour) => ({
      vendor: item.vendor,
      category: 'peripherals',
      name: colour === '' ? item.model : `${item.model} ${colour}`,
      specs: { type: item.type, connectivity: item.connectivity, ...(colour === '' ? {} : { color: colour }), ...item.extra },
      dollars: item.dollars,
      description: `${item.note}. ${item.type}, ${item.connectivity}${colour === '' ? '' : `, in ${colour}`}.`,
      premium: item.vendor === 'apple',
    }) satisfies Draft),
  );
}
