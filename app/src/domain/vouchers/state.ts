/** What a voucher is at a given moment, from its switch and its validity window. */
export type VoucherState = 'active' | 'inactive' | 'scheduled' | 'expired';

export interface VoucherWindow {
  active: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
}

export const voucherStateLabels: Record<VoucherState, string> = {
  active: 'Active',
  inactive: 'Inactive',
  scheduled: 'Scheduled',
  expired: 'Expired',
};

/**
 * The one place that reads a voucher's window: the admin lists and the checkout's evaluation
 * both ask it, so a voucher never shows "Active" while checkout refuses it. The window is
 * half-open, [startsAt, endsAt): valid from its first instant, expired at its last.
 */
export function voucherState(voucher: VoucherWindow, now: Date): VoucherState {
  if (!voucher.active) return 'inactive';
  if (voucher.startsAt !== null && voucher.startsAt.getTime() > now.getTime()) return 'scheduled';
  if (voucher.endsAt !== null && voucher.endsAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
