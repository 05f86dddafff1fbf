/**
 * The VAT contained in a price that includes it, in whole cents: gross × rate / (1 + rate),
 * rounded half up to the cent. Integer arithmetic only (basis points: 1500 = 15%), so no
 * binary fraction can tip a half cent either way.
 *
 * The shop computes it once on the amount charged (goods after the voucher, plus shipping),
 * not per line: one rate applies to everything it sells, and a sum of per-line roundings
 * could differ from the total's by a few cents.
 */
export function includedVatCents(grossCents: number, rateBasisPoints: number): number {
  if (!Number.isSafeInteger(grossCents) || grossCents < 0) throw new RangeError(`gross must be a whole number of cents >= 0, got ${grossCents}`);
  if (!Number.isInteger(rateBasisPoints) || rateBasisPoints < 0 || rateBasisPoints > 10_000) {
    throw new RangeError(`VAT rate must be 0 to 10000 basis points, got ${rateBasisPoints}`);
  }
  const denominator = 10_000 + rateBasisPoints;
  // round(g·r/d) half up = floor((2·g·r + d) / 2d); 2·g·r stays below 2^53 for any order total.
  return Math.floor((2 * grossCents * rateBasisPoints + denominator) / (2 * denominator));
}
