// The seed catalog's vendors and categories. Intel and AMD stand in for two of the usual PC
// brands so the Processors category (and AMD's and Intel's own graphics cards) has real makers.

export interface SeedVendor {
  slug: string;
  name: string;
  code: string;
  country: string;
  website: string;
  description: string;
}

export const seedVendors: readonly SeedVendor[] = [
  { slug: 'lenovo', name: 'Lenovo', code: 'LEN', country: 'CN', website: 'https://www.lenovo.com', description: 'Maker of ThinkPad business laptops, Legion gaming machines and ThinkVision monitors.' },
  { slug: 'dell', name: 'Dell', code: 'DEL', country: 'US', website: 'https://www.dell.com', description: 'XPS, Latitude and Alienware computers and UltraSharp monitors from Round Rock, Texas.' },
  { slug: 'hp', name: 'HP', code: 'HPI', country: 'US', website: 'https://www.hp.com', description: 'EliteBook, Spectre and OMEN computers, monitors and peripherals, including HyperX headsets.' },
  { slug: 'apple', name: 'Apple', code: 'APL', country: 'US', website: 'https://www.apple.com', description: 'Mac computers on Apple silicon, displays and Magic accessories.' },
  { slug: 'asus', name: 'ASUS', code: 'ASU', country: 'TW', website: 'https://www.asus.com', description: 'Zenbook, ROG and ProArt laptops, desktops, monitors and graphics cards.' },
  { slug: 'msi', name: 'MSI', code: 'MSI', country: 'TW', website: 'https://www.msi.com', description: 'Gaming and creator laptops, desktops, monitors and GeForce graphics cards.' },
  { slug: 'samsung', name: 'Samsung', code: 'SAM', country: 'KR', website: 'https://www.samsung.com', description: 'Odyssey and ViewFinity monitors, and the SSDs and memory chips much of the industry builds on.' },
  { slug: 'logitech', name: 'Logitech', code: 'LOG', country: 'CH', website: 'https://www.logitech.com', description: 'Mice, keyboards, webcams and headsets, from the MX series to Logitech G gaming gear.' },
  { slug: 'corsair', name: 'Corsair', code: 'COR', country: 'US', website: 'https://www.corsair.com', description: 'Vengeance and Dominator memory, fast NVMe SSDs and gaming peripherals.' },
  { slug: 'kingston', name: 'Kingston', code: 'KIN', country: 'US', website: 'https://www.kingston.com', description: 'Memory modules and SSDs, from ValueRAM to the FURY gaming range.' },
  { slug: 'intel', name: 'Intel', code: 'INT', country: 'US', website: 'https://www.intel.com', description: 'Core processors for desktops and Arc graphics cards.' },
  { slug: 'amd', name: 'AMD', code: 'AMD', country: 'US', website: 'https://www.amd.com', description: 'Ryzen processors and Radeon graphics cards.' },
];

export interface SeedCategory {
  slug: string;
  name: string;
  code: string;
  description: string;
}

export const seedCategories: readonly SeedCategory[] = [
  { slug: 'laptops', name: 'Laptops', code: 'NB', description: 'Ultrabooks, business notebooks, gaming and creator laptops.' },
  { slug: 'desktops', name: 'Desktops', code: 'DT', description: 'Mini PCs, all-in-ones, office towers and gaming rigs.' },
  { slug: 'monitors', name: 'Monitors', code: 'MN', description: 'Office, creator and high-refresh gaming displays, IPS to OLED.' },
  { slug: 'graphics-cards', name: 'Graphics cards', code: 'GC', description: 'GeForce, Radeon and Arc cards for gaming, AI and video work.' },
  { slug: 'processors', name: 'Processors', code: 'CP', description: 'Intel Core and AMD Ryzen desktop processors.' },
  { slug: 'storage', name: 'Storage', code: 'ST', description: 'NVMe and SATA SSDs and portable drives.' },
  { slug: 'memory', name: 'Memory', code: 'ME', description: 'DDR5 and DDR4 desktop and laptop memory kits.' },
  { slug: 'peripherals', name: 'Peripherals', code: 'PE', description: 'Keyboards, mice, webcams, headsets and docks.' },
];

export type CategorySlug = 'laptops' | 'desktops' | 'monitors' | 'graphics-cards' | 'processors' | 'storage' | 'memory' | 'peripherals';
