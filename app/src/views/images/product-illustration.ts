import { createHash } from 'node:crypto';
import { html } from '../html.js';

// Every product gets a drawn illustration instead of a photo: generated from its name, vendor
// and category, the same bytes every time on every replica, nothing downloaded or stored. The
// category picks the object drawn (a laptop, a tower, a monitor, a graphics card...), a digest of
// the name picks the accent colour, and the vendor and product name are written in. The URL
// carries a digest of everything drawn, so the image can be cached for a year: a renamed
// product gets a new address.

/** What an illustration is drawn from. */
export interface IllustrationSubject {
  slug: string;
  name: string;
  vendorName: string;
  categorySlug: string;
}

/** What the drawing of a catalog product (a card or the full product) is made from. */
export function illustrationSubject(product: { slug: string; name: string; vendor: { name: string }; category: { slug: string } }): IllustrationSubject {
  return { slug: product.slug, name: product.name, vendorName: product.vendor.name, categorySlug: product.category.slug };
}

/** Drawn at 4:3; the page scales it, the SVG stays sharp. */
export const illustrationWidth = 480;
export const illustrationHeight = 360;

/** Bump when the drawing changes, so every URL changes with it. */
const drawingRevision = '1';

function digest(subject: IllustrationSubject): Buffer {
  return createHash('sha256').update(`${drawingRevision}\u0000${subject.name}\u0000${subject.vendorName}\u0000${subject.categorySlug}`).digest();
}

// Every card of every listing render asks for its version, and hashing was about a quarter of
// a catalog page's render (npm run bench's render reference). A version changes only with what
// is drawn, so it is remembered per subject; past a bound no catalog reaches (renames leave old
// entries behind) the memory starts again rather than grow.
const rememberedVersions = new Map<string, string>();
const maxRememberedVersions = 50_000;

/** Twelve hex digits of the digest: the image's version in its URL. */
export function illustrationVersion(subject: IllustrationSubject): string {
  const key = `${subject.name}\u0000${subject.vendorName}\u0000${subject.categorySlug}`;
  let version = rememberedVersions.get(key);
  if (version === undefined) {
    if (rememberedVersions.size >= maxRememberedVersions) rememberedVersions.clear();
    version = digest(subject).subarray(0, 6).toString('hex');
    rememberedVersions.set(key, version);
  }
  return version;
}

export function productImageUrl(subject: IllustrationSubject): string {
  return `/images/products/${subject.slug}/${illustrationVersion(subject)}.svg`;
}

// One object per category, drawn in a 480x360 box with its centre around (240, 150); `accent` is
// the product's colour. Unknown categories get a generic box.
const shapes: Record<string, (accent: string) => string> = {
  laptops: (accent) => `<rect x="130" y="60" width="220" height="140" rx="10" fill="#1f2933"/><rect x="142" y="72" width="196" height="116" rx="4" fill="${accent}"/><path d="M100 210h280l-20 24H120z" fill="#3e4c59"/><rect x="210" y="212" width="60" height="6" rx="3" fill="#9aa5b1"/>`,
  desktops: (accent) => `<rect x="180" y="40" width="120" height="210" rx="10" fill="#1f2933"/><rect x="196" y="60" width="88" height="8" rx="4" fill="${accent}"/><rect x="196" y="76" width="88" height="8" rx="4" fill="#52606d"/><circle cx="240" cy="220" r="10" fill="${accent}"/><rect x="196" y="100" width="88" height="90" rx="6" fill="#323f4b"/>`,
  monitors: (accent) => `<rect x="100" y="40" width="280" height="170" rx="10" fill="#1f2933"/><rect x="112" y="52" width="256" height="146" rx="4" fill="${accent}"/><rect x="225" y="210" width="30" height="30" fill="#3e4c59"/><rect x="180" y="238" width="120" height="10" rx="5" fill="#3e4c59"/>`,
  'graphics-cards': (accent) => `<rect x="90" y="80" width="300" height="130" rx="12" fill="#1f2933"/><circle cx="170" cy="145" r="44" fill="#323f4b"/><circle cx="170" cy="145" r="14" fill="${accent}"/><circle cx="310" cy="145" r="44" fill="#323f4b"/><circle cx="310" cy="145" r="14" fill="${accent}"/><rect x="120" y="210" width="180" height="14" fill="#c9a227"/>`,
  processors: (accent) => `<rect x="160" y="70" width="160" height="160" rx="10" fill="#9aa5b1"/><rect x="185" y="95" width="110" height="110" rx="6" fill="#1f2933"/><rect x="205" y="115" width="70" height="70" rx="4" fill="${accent}"/><path d="M150 90h-16M150 120h-16M150 150h-16M150 180h-16M150 210h-16M330 90h16M330 120h16M330 150h16M330 180h16M330 210h16" stroke="#c9a227" stroke-width="6"/>`,
  storage: (accent) => `<rect x="100" y="110" width="280" height="80" rx="8" fill="#1f2933"/><rect x="120" y="125" width="70" height="50" rx="4" fill="#323f4b"/><rect x="200" y="125" width="70" height="50" rx="4" fill="#323f4b"/><rect x="290" y="130" width="60" height="40" rx="4" fill="${accent}"/><rect x="360" y="130" width="20" height="40" fill="#c9a227"/>`,
  memory: (accent) => `<rect x="80" y="110" width="320" height="80" rx="6" fill="${accent}"/><rect x="100" y="125" width="50" height="40" fill="#1f2933"/><rect x="165" y="125" width="50" height="40" fill="#1f2933"/><rect x="265" y="125" width="50" height="40" fill="#1f2933"/><rect x="330" y="125" width="50" height="40" fill="#1f2933"/><path d="M90 190h300" stroke="#c9a227" stroke-width="10" stroke-dasharray="6 4"/>`,
  peripherals: (accent) => `<rect x="70" y="150" width="250" height="80" rx="10" fill="#1f2933"/><path d="M85 170h220M85 190h220M85 210h220" stroke="#52606d" stroke-width="10" stroke-dasharray="14 6"/><rect x="340" y="120" width="70" height="110" rx="35" fill="#1f2933"/><rect x="372" y="130" width="6" height="30" rx="3" fill="${accent}"/>`,
};

const genericShape = (accent: string): string => `<rect x="150" y="60" width="180" height="180" rx="16" fill="#1f2933"/><rect x="175" y="85" width="130" height="130" rx="8" fill="${accent}"/>`;

/** Splits a name into at most two lines of about `width` characters, the rest cut with an ellipsis. */
function nameLines(name: string, width = 34): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= 2) return lines;
  const second = lines[1] ?? '';
  return [lines[0] ?? '', `${second.length > width - 1 ? second.slice(0, width - 1) : second}…`];
}

/** The SVG document; text is escaped, and it holds no script, link or external reference. */
export function productIllustration(subject: IllustrationSubject): string {
  const bytes = digest(subject);
  const hue = Math.round(((bytes[6] ?? 0) / 255) * 360);
  const accent = `hsl(${hue} 65% 55%)`;
  const draw = shapes[subject.categorySlug] ?? genericShape;
  const lines = nameLines(subject.name);
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${illustrationWidth} ${illustrationHeight}" width="${illustrationWidth}" height="${illustrationHeight}" role="img">
<rect width="${illustrationWidth}" height="${illustrationHeight}" fill="hsl(${hue} 40% 94%)"/>
!${draw(accent)}
<text x="240" y="290" text-anchor="middle" font-family="system-ui, sans-serif" font-size="18" font-weight="700" fill="#1a1d21">${subject.vendorName}</text>
!${lines.map((line, index) => html`<text x="240" y="${314 + index * 22}" text-anchor="middle" font-family="system-ui, sans-serif" font-size="16" fill="#323f4b">${line}</text>`)}
</svg>`;
}
