// What an admin may upload, apart from the code that enforces it (prepare.ts decodes with
// sharp; the upload form only states the limits).

/** Largest upload accepted: a good phone photo fits, a RAW file or a video does not. */
export const maxUploadBytes = 5 * 1024 * 1024;
/** Longest side accepted, in pixels; also bounds the memory a decode can take. */
export const maxImageSide = 6000;
/** A product's gallery stays small: enough angles to decide, not an album. */
export const maxImagesPerProduct = 8;
