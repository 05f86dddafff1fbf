import { describe, expect, it } from 'vitest';
import { buildSearchTerms, maxSearchLength } from '../../../src/domain/catalog/search.js';

describe('search terms', () => {
  it('treats missing, empty and blank text as no search', () => {
    expect(buildSearchTerms(undefined)).toBeNull();
    expect(buildSearchTerms('')).toBeNull();
    expect(buildSearchTerms('   \t\n')).toBeNull();
  });

  it('offers the last word as a prefix, lowercased, with the words before it', () => {
    expect(buildSearchTerms('  ThinkPad Carb ')).toEqual({ text: 'ThinkPad Carb', prefix: 'carb', rest: 'ThinkPad' });
    expect(buildSearchTerms('monitor')).toEqual({ text: 'monitor', prefix: 'monitor', rest: '' });
    expect(buildSearchTerms('Café')).toMatchObject({ prefix: 'café' });
  });

  it('offers no prefix for a closed phrase, an excluded word, a trailing operator or a one-letter word', () => {
    expect(buildSearchTerms('"rtx 4070"')?.prefix).toBeNull();
    expect(buildSearchTerms('"rtx 4070')?.prefix).toBeNull();
    expect(buildSearchTerms('laptop -gaming')?.prefix).toBeNull();
    expect(buildSearchTerms('laptop &')?.prefix).toBeNull();
    expect(buildSearchTerms('laptop x')?.prefix).toBeNull();
  });

  it('keeps only letters and digits in the prefix, whatever was typed', () => {
    const terms = buildSearchTerms("x' OR 1=1; DROP TABLE products:*");
    expect(terms?.prefix).toBeNull();
    const word = buildSearchTerms("'; select:*abc");
    expect(word?.prefix).toBe('abc');
  });

  it('cuts very long text and replaces control characters', () => {
    const terms = buildSearchTerms(`${'a'.repeat(5000)} b`);
    expect(terms?.text.length).toBe(maxSearchLength);
    expect(buildSearchTerms('ssd\u0000nvme')?.text).toBe('ssd nvme');
  });
});
