import { describe, expect, it } from 'vitest';
import { sniffImageType } from '../../../src/domain/images/sniff.js';

const bytes = (...values: (number | string)[]) => Buffer.concat(values.map((value) => (typeof value === 'string' ? Buffer.from(value, 'latin1') : Buffer.from([value]))));

describe('image type sniffing', () => {
  it('knows PNG, JPEG and WebP by their first bytes', () => {
    expect(sniffImageType(bytes(0x89, 'PNG\r\n\x1a\n', 'rest'))).toBe('image/png');
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0, 'JFIF'))).toBe('image/jpeg');
    expect(sniffImageType(bytes('RIFF', 0x24, 0x00, 0x00, 0x00, 'WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses other types and near misses', () => {
    expect(sniffImageType(bytes('GIF89a'))).toBeNull();
    expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    // A RIFF that is audio, not a picture.
    expect(sniffImageType(bytes('RIFF', 0x24, 0x00, 0x00, 0x00, 'WAVEfmt '))).toBeNull();
    // The PNG signature cut short, and one byte wrong.
    expect(sniffImageType(bytes(0x89, 'PNG\r\n'))).toBeNull();
    expect(sniffImageType(bytes(0x89, 'PNG\r\n\x1a\x0b'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});
