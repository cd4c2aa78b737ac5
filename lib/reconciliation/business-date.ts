// A business date crosses the chain as the number YYYYMMDD (uint32: 2026-12-01 is 20261201), which
// sorts as the dates do and reads the same in a block explorer. Browser-safe.
import { InvalidReconciliationArgumentError } from './reconciliation-anchor-errors';
import { isCalendarDate } from './validate-row';

/** '2026-12-01' → 20261201. Throws InvalidReconciliationArgumentError naming `argument` unless it is a calendar date. */
export function encodeBusinessDate(date: string, argument = 'businessDate'): number {
  if (typeof date !== 'string' || !isCalendarDate(date)) {
    throw new InvalidReconciliationArgumentError(argument, `must be a calendar date YYYY-MM-DD (years 0001–9999), got ${JSON.stringify(date)}`);
  }
  return Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

/** 20261201 → '2026-12-01'. Throws InvalidReconciliationArgumentError unless the number is a calendar date's. */
export function decodeBusinessDate(value: number | bigint, argument = 'businessDate'): string {
  const number = Number(value);
  const text = Number.isSafeInteger(number) && number >= 0 ? String(number).padStart(8, '0') : '';
  const date = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  if (text.length !== 8 || !isCalendarDate(date)) {
    throw new InvalidReconciliationArgumentError(argument, `must be a date as the number YYYYMMDD, got ${String(value)}`);
  }
  return date;
}
