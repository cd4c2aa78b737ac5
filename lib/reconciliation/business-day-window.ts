// When a statement for business date D may be uploaded (issue #17, the daily cycle): from 00:00 on
// D+1 until the pair's cut-off time on D+1, both in Asia/Shanghai (UTC+8 all year, no daylight
// saving), and never for a date before the pair's first business date. Pure functions over instants,
// so the clock is the caller's (tests pass their own).
import { BusinessDateNotAllowedError, InvalidRequestError, StatementCutOffPassedError } from '../errors';
import { isCalendarDate } from './validate-row';

export const PAIR_TIME_ZONE = 'Asia/Shanghai';
const SHANGHAI_OFFSET_HOURS = 8;
export const CUT_OFF_TIME = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/** A business date from a URL or a form: YYYY-MM-DD and a real calendar date, else 400. */
export function parseBusinessDate(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidRequestError(`businessDate: expected a calendar date YYYY-MM-DD, got ${JSON.stringify(value.slice(0, 40))}.`);
  return value;
}

/** The UTC instant of `hh:mm` Shanghai time on the calendar day after `date`. */
function nextDayAt(date: string, hours: number, minutes: number): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1, hours - SHANGHAI_OFFSET_HOURS, minutes));
}

export function uploadWindowOf(businessDate: string, cutOffTime: string): { opensAt: Date; closesAt: Date } {
  const match = CUT_OFF_TIME.exec(cutOffTime);
  if (!match) throw new Error(`A pair's cut-off time is HH:MM, got ${JSON.stringify(cutOffTime)}.`);
  return { opensAt: nextDayAt(businessDate, 0, 0), closesAt: nextDayAt(businessDate, Number(match[1]), Number(match[2])) };
}

/** Shanghai wall-clock time of an instant, for messages: 2026-12-02 10:00 (Asia/Shanghai). */
export function shanghaiTime(instant: Date): string {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_HOURS * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} (${PAIR_TIME_ZONE})`;
}

/** The business date whose statement a bank sends at `now`: yesterday in Asia/Shanghai. */
export function currentBusinessDate(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_HOURS * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
}

/** Throws unless a statement for `businessDate` may be committed at `now`. */
export function assertUploadWindow({
  businessDate,
  firstBusinessDate,
  cutOffTime,
  now,
}: {
  businessDate: string;
  firstBusinessDate: string;
  cutOffTime: string;
  now: Date;
}): void {
  if (businessDate < firstBusinessDate) {
    throw new BusinessDateNotAllowedError(
      businessDate,
      'before-first-business-date',
      `The pair reconciles from ${firstBusinessDate}; ${businessDate} is before its first business date.`,
    );
  }
  const { opensAt, closesAt } = uploadWindowOf(businessDate, cutOffTime);
  if (now < opensAt) {
    throw new BusinessDateNotAllowedError(
      businessDate,
      'day-not-ended',
      `Business date ${businessDate} has not ended yet: its statement is accepted from ${shanghaiTime(opensAt)} until the cut-off ${shanghaiTime(closesAt)}.`,
    );
  }
  if (now >= closesAt) throw new StatementCutOffPassedError(businessDate, shanghaiTime(closesAt));
}
