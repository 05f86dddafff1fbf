// Dates as pages show them. Every date is shown in UTC, so one instant reads the same on
// every replica and for every reader.

const dateTimeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** "Dec 6, 2026, 9:01 PM UTC": the admin's lists and audit log. */
export function formatDateTime(date: Date): string {
  return `${dateTimeFormat.format(date)} UTC`;
}

/** "2026-12-06": the day an order was placed, on the shopper's order page. */
export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
