import { describe, expect, it } from 'vitest';
import { assertUploadWindow, currentBusinessDate, parseBusinessDate, uploadWindowOf } from './business-day-window';

describe('the upload window of a business date', () => {
  it('opens at 00:00 and closes at the cut-off on the next day, Asia/Shanghai', () => {
    expect(uploadWindowOf('2026-12-31', '10:30')).toEqual({
      opensAt: new Date('2026-12-31T16:00:00.000Z'),
      closesAt: new Date('2027-01-01T02:30:00.000Z'),
    });
  });

  it('refuses before the first business date, before the day ended, and from the cut-off on', () => {
    const at = (now: string, businessDate = '2026-12-01') => () =>
      assertUploadWindow({ businessDate, firstBusinessDate: '2026-11-01', cutOffTime: '10:00', now: new Date(now) });
    expect(at('2026-12-01T16:00:00.000Z')).not.toThrow();
    expect(at('2026-12-02T01:59:59.999Z')).not.toThrow();
    expect(at('2026-12-01T15:59:59.999Z')).toThrow(/has not ended yet: its statement is accepted from 2026-12-02 00:00 \(Asia\/Shanghai\)/);
    expect(at('2026-12-02T02:00:00.000Z')).toThrow(/cut-off for business date 2026-12-01 was 2026-12-02 10:00 \(Asia\/Shanghai\)/);
    expect(at('2026-11-01T01:00:00.000Z', '2026-10-31')).toThrow(/before its first business date/);
  });

  it('the business date a bank sends now is yesterday in Asia/Shanghai, and its window is open', () => {
    expect(currentBusinessDate(new Date('2026-12-01T15:59:59.999Z'))).toBe('2026-11-30');
    expect(currentBusinessDate(new Date('2026-12-01T16:00:00.000Z'))).toBe('2026-12-01');
    expect(currentBusinessDate(new Date('2027-01-01T00:00:00.000Z'))).toBe('2026-12-31');
    for (const now of ['2026-12-01T16:00:00.000Z', '2026-12-02T09:00:00.000Z', '2026-12-02T15:58:59.999Z'].map((iso) => new Date(iso))) {
      expect(() => assertUploadWindow({ businessDate: currentBusinessDate(now), firstBusinessDate: '2026-11-01', cutOffTime: '23:59', now })).not.toThrow();
    }
  });

  it('reads only real calendar dates', () => {
    expect(parseBusinessDate('2028-02-29')).toBe('2028-02-29');
    for (const bad of ['2026-02-29', '2026-1-01', '20261201', '']) expect(() => parseBusinessDate(bad)).toThrow(/calendar date/);
  });
});
