// The cost of facet counting on a large catalog, in memory: what CatalogSnapshot.listWithFacets
// adds to the render of a listing page that is not in the render cache yet. The seed catalog's
// products are repeated up to --size products (default 10,000), as the large-catalog bench does.
import { parseArgs } from 'node:util';
import { buildSeedCatalog } from '../src/db/seed/catalog.js';
import { countFacets, type FacetSelection, type Facetable } from '../src/domain/catalog/facets.js';
import { specFacetValues } from '../src/domain/catalog/spec-facets.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: '10000' } } });
const size = Number(values.size);
if (!Number.isInteger(size) || size < 1 || size > 1_000_000) {
  process.stderr.write(`bench:facets: --size must be a whole number from 1 to 1000000, got "${values.size}"\n`);
  process.exit(1);
}

const seed = buildSeedCatalog().products;
const items: Facetable[] = Array.from({ length: size }, (_, index) => {
  const product = seed[index % seed.length];
  if (product === undefined) throw new Error('the seed catalog is empty');
  return { vendor: { slug: product.vendor }, category: { slug: product.category }, facetValues: specFacetValues(product.category, product.specs) };
});

const selections: Record<string, FacetSelection> = {
  'no filter': {},
  'one category': { category: 'laptops' },
  'category, two vendors, memory, processor': { category: 'laptops', vendors: ['dell', 'lenovo'], specs: { memory: ['16-gb'], cpu: ['intel-core-i7', 'intel-core-ultra-7'] } },
};

const lines: string[] = [];
for (const [name, selection] of Object.entries(selections)) {
  for (let n = 0; n < 50; n += 1) countFacets(items, selection);
  const runs = 200;
  const started = performance.now();
  let matched = 0;
  for (let n = 0; n < runs; n += 1) matched = countFacets(items, selection).matching.length;
  const micros = ((performance.now() - started) * 1000) / runs;
  lines.push(`${name.padEnd(44)} ${micros.toFixed(0).padStart(7)} µs per listing  (${matched} of ${size} match)`);
}
process.stdout.write(`facet counting over ${size} products, in memory:\n${lines.join('\n')}\n`);
