// The one country the shop sells in and the tax its prices include. Every price in the shop is
// in US dollars with VAT included (the footer says so): Ecuador uses the US dollar as its
// currency and its consumer law requires prices shown to shoppers to include IVA, its VAT.
// The general rate is 15% since 1 April 2024 (Executive Decree 198); the law lets the
// President set it between 13% and 15%, so when it changes, this is the one line to edit.
// Each order stores the rate it was charged at, so old orders keep their figures.

export const shopCountry = {
  /** ISO 3166-1 alpha-2, as orders store it. */
  code: 'EC',
  name: 'Ecuador',
  /** Ecuador's postal codes have six digits (e.g. 170150 in Quito); blanks around them are trimmed. */
  postalCodePattern: /^\s*\d{6}\s*$/,
  postalCodeExample: '170150',
} as const;

export const shopVat = {
  /** Shown to shoppers: "includes IVA (VAT) 15%". */
  name: 'IVA (VAT)',
  /** 1500 basis points = 15%. */
  rateBasisPoints: 1500,
} as const;
