/** A delivery address as the shopper typed it, one field per line of the label. */
export interface PostalAddress {
  line1: string;
  /** Apartment, floor, reference; '' when none. */
  line2: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/**
 * The address as printed on the parcel, one line per field: what orders store in
 * shipping_address, which orders placed before structured addresses hold as typed.
 */
export function addressLines(address: PostalAddress, countryName: string): string[] {
  return [address.line1, address.line2, `${address.postalCode} ${address.city}`, countryName].filter((line) => line !== '');
}
