/** The image types the shop accepts for upload. */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

interface Signature {
  type: ImageType;
  pattern: readonly number[];
  /** 0xff where the byte must match, 0x00 where any byte will do. */
  mask: readonly number[];
}

// The rows of the WHATWG MIME Sniffing Standard's image type pattern table for the three types
// we take. A file is what its first bytes say, never what its name or the browser's
// Content-Type claim: a renamed .exe or an SVG (which can carry script) is refused here.
const signatures: readonly Signature[] = [
  { type: 'image/png', pattern: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], mask: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff] },
  { type: 'image/jpeg', pattern: [0xff, 0xd8, 0xff], mask: [0xff, 0xff, 0xff] },
  // "RIFF", four bytes of length, then "WEBPVP".
  {
    type: 'image/webp',
    pattern: [0x52, 0x49, 0x46, 0x46, 0x00, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50],
    mask: [0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
  },
];

function matches(bytes: Uint8Array, signature: Signature): boolean {
  if (bytes.length < signature.pattern.length) return false;
  return signature.pattern.every((expected, index) => ((bytes[index] ?? 0) & (signature.mask[index] ?? 0)) === expected);
}

/** The image type the bytes begin with, or null when they are none we accept. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  return signatures.find((signature) => matches(bytes, signature))?.type ?? null;
}
