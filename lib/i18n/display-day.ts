// Calendar days as people type them in filters (YYYY-MM-DD), in the display time zone
// (Asia/Shanghai, UTC+8, no daylight saving), turned into the UTC instants the database compares.
// One place for the evidence search and the audit log, so both read "2026-11-25" the same way.
import { z } from 'zod';

// Asia/Shanghai has had no daylight saving time since 1991, so a fixed offset is exact.
const DISPLAY_OFFSET = '+08:00';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A real calendar day: 2026-02-30 and 2026-13-01 are refused, not turned into an invalid date. */
export const displayDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isCalendarDay, 'is not a calendar day');

/** The first instant of the day in Asia/Shanghai. */
export function startOfDisplayDay(day: string): Date {
  return new Date(`${day}T00:00:00.000${DISPLAY_OFFSET}`);
}

/** The first instant after the day in Asia/Shanghai (for `< end` comparisons). */
export function endOfDisplayDay(day: string): Date {
  return new Date(startOfDisplayDay(day).getTime() + DAY_MS);
}

/** A range whose last day comes before its first holds no day: a filter says so rather than
 * silently finding nothing. Days compare as text, YYYY-MM-DD being in calendar order. */
export function isReversedDayRange(from: string | undefined, to: string | undefined): boolean {
  return from !== undefined && to !== undefined && to < from;
}

function isCalendarDay(day: string): boolean {
  const utcMidnight = Date.parse(`${day}T00:00:00.000Z`);
  return !Number.isNaN(utcMidnight) && new Date(utcMidnight).toISOString().slice(0, 10) === day;
}
