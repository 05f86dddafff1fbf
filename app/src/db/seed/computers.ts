import type { Rng } from './prng.js';
import type { Draft } from './draft.js';

// Laptops and desktops: each line is a real model family; variants combine its processor,
// graphics, memory and storage options the way shops list configurations.

interface ComputerLine {
  vendor: string;
  family: string;
  base: number;
  cpus: readonly string[];
  gpus?: readonly string[];
  rams: readonly number[];
  storages: readonly number[];
  take: number;
  tagline: string;
  /** Laptops: screen; desktops: form factor. */
  display?: { inches: number; resolution: string; panel: string; refresh: number };
  weightKg?: number;
  formFactor?: string;
  os?: string;
  /** Apple prices step more steeply and end in .00. */
  premium?: boolean;
}

const windows = 'Windows 11 Pro';
const home = 'Windows 11 Home';

const laptopLines: readonly ComputerLine[] = [
  { vendor: 'lenovo', family: 'ThinkPad X1 Carbon Gen 12', base: 1449, cpus: ['Intel Core Ultra 5 125U', 'Intel Core Ultra 7 155U', 'Intel Core Ultra 7 165U'], rams: [16, 32, 64], storages: [512, 1024, 2048], take: 4, tagline: 'A carbon-fibre business ultrabook with a legendary keyboard', display: { inches: 14, resolution: '1920x1200', panel: 'IPS', refresh: 60 }, weightKg: 1.09, os: windows },
  { vendor: 'lenovo', family: 'ThinkPad T14 Gen 5', base: 1149, cpus: ['Intel Core Ultra 5 125U', 'Intel Core Ultra 7 155U', 'AMD Ryzen 7 PRO 8840U'], rams: [16, 32], storages: [512, 1024], take: 4, tagline: 'The dependable mainstream ThinkPad, serviceable and MIL-STD tested', display: { inches: 14, resolution: '1920x1200', panel: 'IPS', refresh: 60 }, weightKg: 1.31, os: windows },
  { vendor: 'lenovo', family: 'ThinkPad E16 Gen 2', base: 779, cpus: ['Intel Core Ultra 5 125U', 'AMD Ryzen 5 7535HS', 'AMD Ryzen 7 7735HS'], rams: [8, 16], storages: [256, 512], take: 3, tagline: 'A large-screen ThinkPad for small businesses', display: { inches: 16, resolution: '1920x1200', panel: 'IPS', refresh: 60 }, weightKg: 1.77, os: windows },
  { vendor: 'lenovo', family: 'IdeaPad Slim 5 14', base: 649, cpus: ['AMD Ryzen 5 8645HS', 'AMD Ryzen 7 8845HS', 'Intel Core Ultra 5 125H'], rams: [16], storages: [512, 1024], take: 3, tagline: 'A slim everyday laptop with a bright OLED option', display: { inches: 14, resolution: '1920x1200', panel: 'OLED', refresh: 60 }, weightKg: 1.46, os: home },
  { vendor: 'lenovo', family: 'Yoga 7i 2-in-1 16', base: 949, cpus: ['Intel Core Ultra 5 125U', 'Intel Core Ultra 7 155U'], rams: [16], storages: [512, 1024], take: 3, tagline: 'A convertible that folds into a tablet, pen included', display: { inches: 16, resolution: '1920x1200', panel: 'IPS touch', refresh: 60 }, weightKg: 2.04, os: home },
  { vendor: 'lenovo', family: 'Legion Pro 5 Gen 9', base: 1499, cpus: ['Intel Core i7-14650HX', 'Intel Core i9-14900HX'], gpus: ['NVIDIA GeForce RTX 4060 8GB', 'NVIDIA GeForce RTX 4070 8GB'], rams: [16, 32], storages: [1024], take: 4, tagline: 'A gaming laptop tuned for sustained performance', display: { inches: 16, resolution: '2560x1600', panel: 'IPS', refresh: 240 }, weightKg: 2.5, os: home },
  { vendor: 'dell', family: 'XPS 13 9340', base: 1149, cpus: ['Intel Core Ultra 5 125H', 'Intel Core Ultra 7 155H'], rams: [16, 32], storages: [512, 1024], take: 4, tagline: 'A machined-aluminium ultraportable with an edge-to-edge keyboard', display: { inches: 13.4, resolution: '1920x1200', panel: 'IPS', refresh: 120 }, weightKg: 1.19, os: home },
  { vendor: 'dell', family: 'XPS 16 9640', base: 1899, cpus: ['Intel Core Ultra 7 155H', 'Intel Core Ultra 9 185H'], gpus: ['NVIDIA GeForce RTX 4050 6GB', 'NVIDIA GeForce RTX 4060 8GB', 'NVIDIA GeForce RTX 4070 8GB'], rams: [16, 32, 64], storages: [512, 1024, 2048], take: 4, tagline: 'A large creator laptop with discrete graphics', display: { inches: 16.3, resolution: '3840x2400', panel: 'OLED touch', refresh: 90 }, weightKg: 2.13, os: home },
  { vendor: 'dell', family: 'Latitude 7450', base: 1379, cpus: ['Intel Core Ultra 5 135U', 'Intel Core Ultra 7 165U'], rams: [16, 32], storages: [512], take: 3, tagline: 'A managed business laptop with vPro and long battery life', display: { inches: 14, resolution: '1920x1200', panel: 'IPS', refresh: 60 }, weightKg: 1.36, os: windows },
  { vendor: 'dell', family: 'Inspiron 15 3530', base: 449, cpus: ['Intel Core i3-1305U', 'Intel Core i5-1335U', 'Intel Core i7-1355U'], rams: [8, 16], storages: [256, 512], take: 4, tagline: 'An affordable 15-inch laptop for home and school', display: { inches: 15.6, resolution: '1920x1080', panel: 'IPS', refresh: 120 }, weightKg: 1.62, os: home },
  { vendor: 'dell', family: 'Alienware m16 R2', base: 1649, cpus: ['Intel Core Ultra 7 155H', 'Intel Core Ultra 9 185H'], gpus: ['NVIDIA GeForce RTX 4060 8GB', 'NVIDIA GeForce RTX 4070 8GB'], rams: [16, 32], storages: [1024, 2048], take: 3, tagline: 'Alienware gaming power in a slimmer chassis', display: { inches: 16, resolution: '2560x1600', panel: 'IPS', refresh: 240 }, weightKg: 2.61, os: home },
  { vendor: 'hp', family: 'EliteBook 840 G11', base: 1329, cpus: ['Intel Core Ultra 5 125U', 'Intel Core Ultra 7 155U'], rams: [16, 32], storages: [512, 1024], take: 3, tagline: 'A secure, manageable business notebook with Wolf Security', display: { inches: 14, resolution: '1920x1200', panel: 'IPS', refresh: 60 }, weightKg: 1.36, os: windows },
  { vendor: 'hp', family: 'Spectre x360 14', base: 1449, cpus: ['Intel Core Ultra 5 125H', 'Intel Core Ultra 7 155H'], rams: [16, 32], storages: [512, 1024, 2048], take: 3, tagline: 'A gem-cut convertible with a 2.8K OLED touch screen', display: { inches: 14, resolution: '2880x1800', panel: 'OLED touch', refresh: 120 }, weightKg: 1.44, os: home },
  { vendor: 'hp', family: 'Pavilion 15', base: 549, cpus: ['Intel Core i5-1335U', 'AMD Ryzen 5 7530U', 'AMD Ryzen 7 7730U'], rams: [8, 16], storages: [512], take: 3, tagline: 'A well-rounded everyday laptop', display: { inches: 15.6, resolution: '1920x1080', panel: 'IPS', refresh: 60 }, weightKg: 1.75, os: home },
  { vendor: 'hp', family: 'OMEN 16', base: 1299, cpus: ['Intel Core i7-14700HX', 'AMD Ryzen 7 8845HS'], gpus: ['NVIDIA GeForce RTX 4060 8GB', 'NVIDIA GeForce RTX 4070 8GB'], rams: [16, 32], storages: [1024], take: 3, tagline: 'A gaming laptop with OMEN Tempest cooling', display: { inches: 16.1, resolution: '2560x1440', panel: 'IPS', refresh: 240 }, weightKg: 2.38, os: home },
  { vendor: 'hp', family: 'ProBook 450 G10', base: 799, cpus: ['Intel Core i5-1335U', 'Intel Core i7-1355U'], rams: [8, 16], storages: [256, 512], take: 3, tagline: 'A business laptop with a numeric keypad', display: { inches: 15.6, resolution: '1920x1080', panel: 'IPS', refresh: 60 }, weightKg: 1.79, os: windows },
  { vendor: 'apple', family: 'MacBook Air 13 M3', base: 1099, cpus: ['Apple M3 8-core CPU 8-core GPU', 'Apple M3 8-core CPU 10-core GPU'], rams: [8, 16, 24], storages: [256, 512, 1024], take: 4, tagline: 'A fanless, silent laptop with all-day battery', display: { inches: 13.6, resolution: '2560x1664', panel: 'Liquid Retina IPS', refresh: 60 }, weightKg: 1.24, os: 'macOS', premium: true },
  { vendor: 'apple', family: 'MacBook Air 15 M3', base: 1299, cpus: ['Apple M3 8-core CPU 10-core GPU'], rams: [8, 16, 24], storages: [256, 512, 1024, 2048], take: 4, tagline: 'The bigger Air: a 15-inch screen in a thin, fanless design', display: { inches: 15.3, resolution: '2880x1864', panel: 'Liquid Retina IPS', refresh: 60 }, weightKg: 1.51, os: 'macOS', premium: true },
  { vendor: 'apple', family: 'MacBook Pro 14 M4', base: 1599, cpus: ['Apple M4 10-core CPU 10-core GPU', 'Apple M4 Pro 12-core CPU 16-core GPU', 'Apple M4 Max 14-core CPU 32-core GPU'], rams: [16, 24, 36], storages: [512, 1024, 2048], take: 4, tagline: 'A pro laptop with a mini-LED XDR display', display: { inches: 14.2, resolution: '3024x1964', panel: 'Liquid Retina XDR mini-LED', refresh: 120 }, weightKg: 1.55, os: 'macOS', premium: true },
  { vendor: 'apple', family: 'MacBook Pro 16 M4', base: 2499, cpus: ['Apple M4 Pro 14-core CPU 20-core GPU', 'Apple M4 Max 16-core CPU 40-core GPU'], rams: [24, 48, 64], storages: [512, 1024, 2048], take: 3, tagline: 'The largest, longest-running MacBook Pro', display: { inches: 16.2, resolution: '3456x2234', panel: 'Liquid Retina XDR mini-LED', refresh: 120 }, weightKg: 2.14, os: 'macOS', premium: true },
  { vendor: 'asus', family: 'Zenbook 14 OLED UX3405', base: 999, cpus: ['Intel Core Ultra 5 125H', 'Intel Core Ultra 7 155H'], rams: [16, 32], storages: [512, 1024], take: 3, tagline: 'A light OLED ultrabook with a long-lasting 75 Wh battery', display: { inches: 14, resolution: '2880x1800', panel: 'OLED', refresh: 120 }, weightKg: 1.2, os: home },
  { vendor: 'asus', family: 'Vivobook 15 X1504', base: 479, cpus: ['Intel Core i3-1315U', 'Intel Core i5-1335U', 'Intel Core i7-1355U'], rams: [8, 16], storages: [512], take: 3, tagline: 'An affordable laptop for everyday tasks', display: { inches: 15.6, resolution: '1920x1080', panel: 'IPS', refresh: 60 }, weightKg: 1.7, os: home },
  { vendor: 'asus', family: 'ROG Zephyrus G14', base: 1599, cpus: ['AMD Ryzen 9 8945HS'], gpus: ['NVIDIA GeForce RTX 4060 8GB', 'NVIDIA GeForce RTX 4070 8GB'], rams: [16, 32], storages: [1024], take: 3, tagline: 'A compact gaming laptop with a 3K OLED screen', display: { inches: 14, resolution: '2880x1800', panel: 'OLED', refresh: 120 }, weightKg: 1.5, os: home },
  { vendor: 'asus', family: 'TUF Gaming A15', base: 999, cpus: ['AMD Ryzen 7 7435HS', 'AMD Ryzen 7 8845HS'], gpus: ['NVIDIA GeForce RTX 4050 6GB', 'NVIDIA GeForce RTX 4060 8GB'], rams: [16], storages: [512, 1024], take: 3, tagline: 'A tough, military-grade tested gaming laptop', display: { inches: 15.6, resolution: '1920x1080', panel: 'IPS', refresh: 144 }, weightKg: 2.2, os: home },
  { vendor: 'asus', family: 'ProArt P16 H7606', base: 2199, cpus: ['AMD Ryzen AI 9 HX 370'], gpus: ['NVIDIA GeForce RTX 4060 8GB', 'NVIDIA GeForce RTX 4070 8GB'], rams: [32, 64], storages: [1024, 2048], take: 3, tagline: 'A creator laptop with a 4K OLED screen and the ASUS Dial', display: { inches: 16, resolution: '3840x2400', panel: 'OLED touch', refresh: 60 }, weightKg: 1.85, os: windows },
  { vendor: 'msi', family: 'Stealth 16 AI Studio', base: 2199, cpus: ['Intel Core Ultra 9 185H'], gpus: ['NVIDIA GeForce RTX 4070 8GB', 'NVIDIA GeForce RTX 4080 12GB', 'NVIDIA GeForce RTX 4090 16GB'], rams: [32, 64], storages: [1024, 2048], take: 4, tagline: 'A thin magnesium-alloy laptop for gaming and creative work', display: { inches: 16, resolution: '2560x1600', panel: 'IPS', refresh: 240 }, weightKg: 1.99, os: windows },
  { vendor: 'msi', family: 'Katana 15', base: 999, cpus: ['Intel Core i7-13620H'], gpus: ['NVIDIA GeForce RTX 4050 6GB', 'NVIDIA GeForce RTX 4060 8GB', 'NVIDIA GeForce RTX 4070 8GB'], rams: [16, 32], storages: [1024], take: 3, tagline: 'A sharp-edged gaming laptop at a fair price', display: { inches: 15.6, resolution: '1920x1080', panel: 'IPS', refresh: 144 }, weightKg: 2.25, os: home },
  { vendor: 'msi', family: 'Prestige 14 AI Evo', base: 1099, cpus: ['Intel Core Ultra 5 125H', 'Intel Core Ultra 7 155H'], rams: [16, 32], storages: [512, 1024], take: 3, tagline: 'A business-class ultrabook under 1.5 kg', display: { inches: 14, resolution: '2880x1800', panel: 'OLED', refresh: 60 }, weightKg: 1.49, os: windows },
  { vendor: 'msi', family: 'Raider GE78 HX', base: 2899, cpus: ['Intel Core i9-14900HX'], gpus: ['NVIDIA GeForce RTX 4080 12GB', 'NVIDIA GeForce RTX 4090 16GB'], rams: [32, 64], storages: [2048], take: 2, tagline: 'A desktop-replacement gaming laptop with a light bar', display: { inches: 17, resolution: '2560x1600', panel: 'IPS', refresh: 240 }, weightKg: 3.1, os: home },
];

const desktopLines: readonly ComputerLine[] = [
  { vendor: 'lenovo', family: 'ThinkCentre M90q Gen 5 Tiny', base: 1049, cpus: ['Intel Core i5-14500T', 'Intel Core i7-14700T'], rams: [16, 32], storages: [512, 1024], take: 3, tagline: 'A one-litre business PC that mounts behind a monitor', formFactor: 'Tiny (1 L)', os: windows },
  { vendor: 'lenovo', family: 'Legion Tower 5i Gen 8', base: 1399, cpus: ['Intel Core i5-14400F', 'Intel Core i7-14700F'], gpus: ['NVIDIA GeForce RTX 4060 8GB', 'NVIDIA GeForce RTX 4070 SUPER 12GB'], rams: [16, 32], storages: [1024], take: 3, tagline: 'A tool-less gaming tower with room to grow', formFactor: 'Mid tower', os: home },
  { vendor: 'dell', family: 'OptiPlex 7020 Micro', base: 899, cpus: ['Intel Core i3-14100T', 'Intel Core i5-14500T', 'Intel Core i7-14700T'], rams: [8, 16, 32], storages: [256, 512], take: 3, tagline: 'A compact managed desktop for offices', formFactor: 'Micro', os: windows },
  { vendor: 'dell', family: 'XPS Desktop 8960', base: 1199, cpus: ['Intel Core i7-14700', 'Intel Core i9-14900K'], gpus: ['NVIDIA GeForce RTX 4060 Ti 8GB', 'NVIDIA GeForce RTX 4070 SUPER 12GB'], rams: [16, 32, 64], storages: [1024, 2048], take: 3, tagline: 'A quiet, expandable tower for work and play', formFactor: 'Tower', os: home },
  { vendor: 'dell', family: 'Alienware Aurora R16', base: 1899, cpus: ['Intel Core i7-14700KF', 'Intel Core i9-14900KF'], gpus: ['NVIDIA GeForce RTX 4070 Ti SUPER 16GB', 'NVIDIA GeForce RTX 4080 SUPER 16GB', 'NVIDIA GeForce RTX 4090 24GB'], rams: [32, 64], storages: [1024, 2048], take: 4, tagline: 'A liquid-cooled gaming desktop', formFactor: 'Mid tower', os: home },
  { vendor: 'hp', family: 'EliteDesk 800 G9 Mini', base: 949, cpus: ['Intel Core i5-13500T', 'Intel Core i7-13700T'], rams: [16, 32], storages: [512], take: 3, tagline: 'A business mini PC with Wolf Security', formFactor: 'Mini', os: windows },
  { vendor: 'hp', family: 'OMEN 45L', base: 2299, cpus: ['Intel Core i9-14900K', 'AMD Ryzen 9 7950X3D'], gpus: ['NVIDIA GeForce RTX 4080 SUPER 16GB', 'NVIDIA GeForce RTX 4090 24GB'], rams: [32, 64], storages: [2048], take: 3, tagline: 'A showpiece gaming tower with a Cryo Chamber radiator', formFactor: 'Full tower', os: home },
  { vendor: 'hp', family: 'Pavilion Desktop TP01', base: 599, cpus: ['Intel Core i5-13400', 'AMD Ryzen 7 5700G'], rams: [8, 16], storages: [512, 1024], take: 3, tagline: 'A compact family desktop', formFactor: 'Small tower', os: home },
  { vendor: 'apple', family: 'Mac mini M4', base: 599, cpus: ['Apple M4 10-core CPU 10-core GPU', 'Apple M4 Pro 12-core CPU 16-core GPU'], rams: [16, 24, 32], storages: [256, 512, 1024], take: 4, tagline: 'A five-inch square desktop with Thunderbolt on the front', formFactor: 'Mini', os: 'macOS', premium: true },
  { vendor: 'apple', family: 'iMac 24 M4', base: 1299, cpus: ['Apple M4 8-core CPU 8-core GPU', 'Apple M4 10-core CPU 10-core GPU'], rams: [16, 24, 32], storages: [256, 512, 1024], take: 4, tagline: 'An all-in-one with a 4.5K Retina display, in seven colours', formFactor: 'All-in-one 24-inch', os: 'macOS', premium: true },
  { vendor: 'apple', family: 'Mac Studio M2', base: 1999, cpus: ['Apple M2 Max 12-core CPU 30-core GPU', 'Apple M2 Ultra 24-core CPU 60-core GPU'], rams: [32, 64, 128], storages: [512, 1024, 2048], take: 3, tagline: 'A compact workstation for demanding creative work', formFactor: 'Compact desktop', os: 'macOS', premium: true },
  { vendor: 'asus', family: 'ROG Strix G16CH', base: 1499, cpus: ['Intel Core i7-14700F', 'Intel Core i9-14900F'], gpus: ['NVIDIA GeForce RTX 4060 Ti 8GB', 'NVIDIA GeForce RTX 4070 SUPER 12GB'], rams: [16, 32], storages: [1024], take: 3, tagline: 'A gaming desktop with a tool-free side panel', formFactor: 'Mid tower', os: home },
  { vendor: 'asus', family: 'ExpertCenter D7 SFF', base: 799, cpus: ['Intel Core i5-13400', 'Intel Core i7-13700'], rams: [8, 16], storages: [512], take: 2, tagline: 'A small-form-factor office desktop', formFactor: 'Small form factor', os: windows },
  { vendor: 'msi', family: 'MAG Infinite S3 14th', base: 1099, cpus: ['Intel Core i5-14400F', 'Intel Core i7-14700F'], gpus: ['NVIDIA GeForce RTX 4060 8GB', 'NVIDIA GeForce RTX 4060 Ti 8GB'], rams: [16, 32], storages: [1024], take: 3, tagline: 'A compact gaming desktop', formFactor: 'Small tower', os: home },
  { vendor: 'msi', family: 'MEG Trident X2 14th', base: 3999, cpus: ['Intel Core i9-14900K'], gpus: ['NVIDIA GeForce RTX 4080 SUPER 16GB', 'NVIDIA GeForce RTX 4090 24GB'], rams: [64], storages: [2048], take: 2, tagline: 'A small but uncompromising gaming PC with a touch-glass side panel', formFactor: 'Small form factor', os: windows },
];

function storageLabel(gb: number): string {
  return gb >= 1024 ? `${gb / 1024}TB` : `${gb}GB`;
}

function shortCpu(cpu: string): string {
  return cpu.replace(/^(Intel|AMD|Apple) /, '').replace(/ CPU /, '/').replace(/ GPU$/, '');
}

function shortGpu(gpu: string): string {
  return gpu.replace(/^NVIDIA GeForce /, '').replace(/ \d+GB$/, '');
}

function variants(line: ComputerLine, rng: Rng): { cpu: string; gpu: string | undefined; ram: number; storage: number; price: number }[] {
  const all: { cpu: string; gpu: string | undefined; ram: number; storage: number; price: number }[] = [];
  const gpus: readonly (string | undefined)[] = line.gpus ?? [undefined];
  const step = line.premium ? 200 : 120;
  line.cpus.forEach((cpu, ci) => {
    gpus.forEach((gpu, gi) => {
      line.rams.forEach((ram, ri) => {
        line.storages.forEach((storage, si) => {
          // Plausible upcharges: each tier of CPU, GPU, memory and storage adds its step.
          const price = line.base + ci * (line.premium ? 300 : 150) + gi * 300 + ri * step + si * step;
          all.push({ cpu, gpu, ram, storage, price });
        });
      });
    });
  });
  // The cheapest configuration is always offered; the others are a deterministic sample.
  const [first, ...rest] = all;
  return first ? [first, ...rng.shuffle(rest).slice(0, line.take - 1)] : [];
}

function computerDrafts(lines: readonly ComputerLine[], category: 'laptops' | 'desktops', rng: Rng): Draft[] {
  const drafts: Draft[] = [];
  for (const line of lines) {
    for (const variant of variants(line, rng)) {
      const gpuText = variant.gpu === undefined ? '' : ` ${shortGpu(variant.gpu)}`;
      const screen = line.display ? ` ${line.display.inches}"` : '';
      const name = `${line.family}${screen} ${shortCpu(variant.cpu)}${gpuText} ${variant.ram}GB ${storageLabel(variant.storage)}`;
      // One key per fact: the size once (storage_gb, which the product page writes as "1 TB"),
      // and the kind of drive beside it.
      const specs: Record<string, unknown> = { cpu: variant.cpu, ram_gb: variant.ram, storage_gb: variant.storage, storage_type: 'NVMe SSD' };
      if (line.display) Object.assign(specs, { display_in: line.display.inches, resolution: line.display.resolution, panel: line.display.panel, refresh_hz: line.display.refresh });
      specs.gpu = variant.gpu ?? 'Integrated graphics';
      if (line.formFactor !== undefined) specs.form_factor = line.formFactor;
      if (line.weightKg !== undefined) specs.weight_kg = line.weightKg;
      if (line.os !== undefined) specs.os = line.os;
      const where = line.display
        ? `a ${line.display.inches}-inch ${line.display.resolution} ${line.display.panel} screen at ${line.display.refresh} Hz`
        : `a ${(line.formFactor ?? 'desktop').toLowerCase()} case`;
      const graphics = variant.gpu === undefined ? '' : ` Graphics: ${variant.gpu}.`;
      const description = `${line.tagline}. This ${category === 'laptops' ? 'laptop' : 'desktop computer'} configuration pairs the ${variant.cpu} with ${variant.ram} GB of memory and a ${storageLabel(variant.storage)} NVMe SSD in ${where}.${graphics}${line.weightKg === undefined ? '' : ` Weight: ${line.weightKg} kg.`} Ships with ${line.os ?? 'Windows 11'}.`;
      drafts.push({ vendor: line.vendor, category, name, specs, dollars: variant.price, description, premium: line.premium === true });
    }
  }
  return drafts;
}

export function laptopDrafts(rng: Rng): Draft[] {
  return computerDrafts(laptopLines, 'laptops', rng);
}

export function desktopDrafts(rng: Rng): Draft[] {
  return computerDrafts(desktopLines, 'desktops', rng);
}
