import { describe, expect, it } from 'vitest';
import { parseAuditFilters } from '../audit/audit-filters';
import { evidenceSearchSchema } from '../evidence/evidence-schemas';
import { displayDaySchema, endOfDisplayDay, isReversedDayRange, startOfDisplayDay } from './display-day';

describe('display days', () => {
  it('are Asia/Shanghai calendar days as UTC instants', () => {
    expect(startOfDisplayDay('2026-11-25').toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(endOfDisplayDay('2026-11-25').toISOString()).toBe('2026-11-25T16:00:00.000Z');
  });

  it('refuse dates that are not on the calendar instead of querying with an invalid date', () => {
    for (const day of ['2026-11-25', '2028-02-29']) expect(displayDaySchema.safeParse(day).success).toBe(true);
    for (const day of ['2026-13-01', '2026-02-30', '2027-02-29', '2026-11-5', 'yesterday']) expect(displayDaySchema.safeParse(day).success).toBe(false);
    // The evidence search drops what a person mistyped in the URL; the audit filters say so (400).
    expect(evidenceSearchSchema.parse({ from: '2026-13-45' }).from).toBeUndefined();
    expect(() => parseAuditFilters({ from: '2026-13-45' })).toThrow(/from/);
  });

  it('know a range that ends before it starts, which the audit export refuses (400) rather than answer empty', () => {
    expect(isReversedDayRange('2026-11-25', '2026-11-24')).toBe(true);
    expect(isReversedDayRange('2026-11-25', '2026-11-25')).toBe(false);
    expect(isReversedDayRange('2026-09-30', '2026-10-01')).toBe(false);
    expect(isReversedDayRange('2026-11-25', undefined)).toBe(false);
    expect(() => parseAuditFilters({ from: '2026-11-25', to: '2026-11-24' })).toThrow('Audit filter to: is before `from`: the range holds no day');
    expect(parseAuditFilters({ from: '2026-11-24', to: '2026-11-24' })).toMatchObject({ from: '2026-11-24', to: '2026-11-24' });
  });
});
