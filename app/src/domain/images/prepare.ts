import { createHash } from 'node:crypto';
import type Sharp from 'sharp';
import { ValidationError } from '../domain-errors.js';
import { sniffImageType, type ImageType } from './sniff.js';
import { maxImageSide, maxUploadBytes } from './upload-limits.js';

/** Widths the storefront's srcset offers; a smaller upload is never enlarged. */
export const variantWidths = [320, 640, 1280] as const;

export interface ImageVariant {
  width: number;
  height: number;
  contentType: 'image/webp';
  contentHash: string;
  bytes: Buffer;
}

export interface PreparedImage {
  contentType: ImageType;
  /** As shown, after the EXIF orientation is applied. */
  width: number;
  height: number;
  contentHash: string;
  bytes: Buffer;
  variants: ImageVariant[];
}

const sharpNames: Record<ImageType, string> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp' };

// sharp's native library takes about 150 ms to load, and only an upload needs it: it is loaded
// by the first upload, not by every start of every replica.
let sharpLoading: Promise<typeof Sharp> | undefined;

function loadSharp(): Promise<typeof Sharp> {
  sharpLoading ??= import('sharp').then((module) => module.default);
  return sharpLoading;
}

function refuse(message: string): never {
  throw new ValidationError([{ path: 'image', message }], message);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Checks an uploaded file and makes its renditions, once, at upload time: its type from its
 * first bytes, its size, its dimensions from its header (before anything is decoded, so a tiny
 * file claiming 100,000 pixels a side is refused cheaply), then a full decode. Renditions are
 * WebP without the upload's metadata (no camera serial or GPS position reaches the shop).
 * Every refusal is a ValidationError on the `image` field, in words an admin can act on.
 */
export async function prepareImage(bytes: Buffer, options: { truncated: boolean }): Promise<PreparedImage> {
  if (options.truncated || bytes.length > maxUploadBytes) refuse(`The file is larger than ${maxUploadBytes / 1024 / 1024} MiB. Choose a smaller image.`);
  if (bytes.length === 0) refuse('Choose an image file to upload.');
  const contentType = sniffImageType(bytes);
  if (contentType === null) refuse('The file is not a PNG, JPEG or WebP image.');
  const sharp = await loadSharp();
  const decoder = () => sharp(bytes, { limitInputPixels: maxImageSide * maxImageSide, failOn: 'error' });
  let width: number;
  let height: number;
  try {
    const metadata = await decoder().metadata();
    if (metadata.format !== sharpNames[contentType]) refuse('The file is not a PNG, JPEG or WebP image.');
    ({ width, height } = metadata.autoOrient);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    refuse('The file could not be read as an image. It may be damaged.');
  }
  if (width > maxImageSide || height > maxImageSide) {
    refuse(`The image is ${width} × ${height} pixels; at most ${maxImageSide} pixels on each side are accepted.`);
  }
  const variants: ImageVariant[] = [];
  try {
    for (const target of variantWidths) {
      const { data, info } = await decoder().rotate().resize({ width: target, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
      if (variants.some((variant) => variant.width === info.width)) continue;
      variants.push({ width: info.width, height: info.height, contentType: 'image/webp', contentHash: sha256(data), bytes: data });
    }
  } catch {
    refuse('The file could not be read as an image. It may be damaged.');
  }
  return { contentType, width, height, contentHash: sha256(bytes), bytes, variants };
}
