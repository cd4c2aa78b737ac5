import { describe, expect, it } from 'vitest';
import { isPinnedDateTime } from './iso-date-time';

describe('the pinned date-time form', () => {
  it('accepts RFC 3339 date-times with Z or an offset and 0 to 9 fraction digits', () => {
    for (const text of ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.1Z', '2026-12-03T08:15:30.123456789+08:00', '2024-02-29T23:59:59-05:30', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59+00:00']) {
      expect(isPinnedDateTime(text), text).toBe(true);
    }
  });

  it('refuses every other spelling', () => {
    for (const text of [
      '2026-01-01t00:00:00z', '2026-01-01 00:00:00Z', '2026-01-01T00:00Z', '2026-01-01T00:00:00', '2026-01-01T00:00:00.Z',
      '2026-01-01T00:00:00.1234567890Z', '0000-01-01T00:00:00Z', '2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z',
      '2026-01-01T24:00:00Z', '2026-01-01T23:60:00Z', '2026-12-31T23:59:60Z', '2026-01-01T00:00:00-00:00', '2026-01-01T00:00:00+24:00',
      '2026-01-01T00:00:00+0800', '+02026-01-01T00:00:00Z', '20260101T000000Z', '2026-W01-1T00:00:00Z', '2026-001T00:00:00Z',
    ]) {
      expect(isPinnedDateTime(text), text).toBe(false);
    }
  });
});
