import { describe, expect, it } from 'vitest';
import { asSentence, errorPage } from '../../../src/views/error-page.js';

describe('error page copy', () => {
  it('turns the domain’s lower-case messages into sentences', () => {
    expect(asSentence('the request has invalid fields')).toBe('The request has invalid fields.');
    expect(asSentence('Invalid query parameter "page": expected a page number.')).toBe('Invalid query parameter "page": expected a page number.');
    expect(asSentence('  wait!  ')).toBe('Wait!');
    expect(asSentence('')).toBe('');
  });

  it('shows the sentence, not the raw message, on a 4xx page', () => {
    const page = errorPage(409, 'the voucher code is already used', { cartCount: 0 });
    expect(page).toContain('<p>The voucher code is already used.</p>');
    expect(page).toContain('<h1 id="error-title">Request not accepted</h1>');
  });

  it('words a 404 by what was missing, and falls back to the page for anything else', () => {
    expect(errorPage(404, 'product not found', { cartCount: 0 }, 'product')).toContain('We could not find that product.');
    expect(errorPage(404, 'cart not found', { cartCount: 0 }, 'cart')).toContain('There is no page at this address.');
    expect(errorPage(404, 'cart not found', { cartCount: 0 }, 'cart')).not.toContain('cart not found');
  });
});
