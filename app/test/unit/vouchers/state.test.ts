import { describe, expect, it } from 'vitest';
import { voucherState, voucherStateLabels } from '../../../src/domain/vouchers/state.js';

const start = new Date('2026-06-01T00:00:00Z');
const end = new Date('2026-07-01T00:00:00Z');
const ms = (date: Date, offset: number) => new Date(date.getTime() + offset);

describe('voucher state', () => {
  const windowed = { active: true, startsAt: start, endsAt: end };

  it('is scheduled until the first instant of its window, and active from it', () => {
    expect(voucherState(windowed, ms(start, -1))).toBe('scheduled');
    expect(voucherState(windowed, start)).toBe('active');
    expect(voucherState(windowed, ms(start, 1))).toBe('active');
  });

  it('is active until the last instant before its end, and expired from the end on', () => {
    expect(voucherState(windowed, ms(end, -1))).toBe('active');
    expect(voucherState(windowed, end)).toBe('expired');
    expect(voucherState(windowed, ms(end, 86_400_000))).toBe('expired');
  });

  it('is never active with a past window, whichever bound is open', () => {
    expect(voucherState({ active: true, startsAt: null, endsAt: end }, ms(end, 1))).toBe('expired');
    expect(voucherState({ active: true, startsAt: start, endsAt: null }, ms(start, -1))).toBe('scheduled');
    expect(voucherState({ active: true, startsAt: null, endsAt: null }, end)).toBe('active');
  });

  it('is inactive when switched off, whatever its window says', () => {
    expect(voucherState({ ...windowed, active: false }, ms(start, 1))).toBe('inactive');
    expect(voucherState({ ...windowed, active: false }, ms(end, 1))).toBe('inactive');
  });

  it('has a sentence-case label for each state', () => {
    expect(Object.values(voucherStateLabels)).toEqual(['Active', 'Inactive', 'Scheduled', 'Expired']);
  });
});
