import { describe, expect, it } from 'vitest';
import { lowStockThreshold } from '../../../src/domain/catalog/stock.js';
import { formatDateTime, formatDay } from '../../../src/views/presenters/dates.js';
import { formatFileSize } from '../../../src/views/presenters/file-size.js';
import { decimalPrice, dollars, formatDiscount, formatPrice, formatVatRate, shippingPrice } from '../../../src/views/presenters/money.js';
import { specRows } from '../../../src/views/presenters/specs.js';
import { stockClass, stockLabel } from '../../../src/views/presenters/stock.js';

describe('presenters', () => {
  it('writes money in US dollars from cents', () => {
    expect(formatPrice(129_900)).toBe('$1,299.00');
    expect(formatPrice(5)).toBe('$0.05');
    expect(formatDiscount(500)).toBe('-$5.00');
    expect(formatDiscount(0)).toBe('$0.00');
    expect(shippingPrice(0)).toBe('Free');
    expect(shippingPrice(1490)).toBe('$14.90');
    expect([2500, 1999, 1950].map(dollars)).toEqual(['25', '19.99', '19.50']);
    expect(formatVatRate(1500)).toBe('15%');
    expect(formatVatRate(1250)).toBe('12.5%');
    expect([129_900, 5, 1950].map(decimalPrice)).toEqual(['1299.00', '0.05', '19.50']);
  });

  it('writes file sizes in KiB below a MiB, never as nothing', () => {
    expect([10, 230 * 1024, 1024 * 1024, 1.44 * 1024 * 1024].map(formatFileSize)).toEqual(['1 KiB', '230 KiB', '1.0 MiB', '1.4 MiB']);
  });

  it('writes dates in UTC, whatever the process time zone', () => {
    const late = new Date('2026-12-06T23:30:00Z');
    expect(formatDateTime(late)).toBe('Dec 6, 2026, 11:30 PM UTC');
    expect(formatDay(late)).toBe('2026-12-06');
  });

  it('labels stock as out, low up to the threshold, and in above it', () => {
    expect(stockLabel(0)).toBe('<span class="stock-out">Out of stock</span>');
    expect(stockLabel(lowStockThreshold)).toBe(`<span class="stock-low">Only ${lowStockThreshold} left</span>`);
    expect(stockLabel(lowStockThreshold + 1)).toBe('<span class="stock-in">In stock</span>');
    expect([0, 1, lowStockThreshold, lowStockThreshold + 1].map(stockClass)).toEqual(['stock-out', 'stock-low', 'stock-low', 'stock-in']);
  });

  it('lists specs in the table order with labels and units, unknown keys last by name', () => {
    expect(specRows({ noise_db: 21, ram_gb: 16, cpu: 'Intel Core i7-1360P', storage_gb: 1024, fans: 2 })).toEqual([
      { label: 'Processor', value: 'Intel Core i7-1360P' },
      { label: 'Memory', value: '16 GB' },
      { label: 'Storage', value: '1 TB' },
      { label: 'Fans', value: '2' },
      { label: 'Noise db', value: '21' },
    ]);
    expect(specRows({})).toEqual([]);
  });
});
