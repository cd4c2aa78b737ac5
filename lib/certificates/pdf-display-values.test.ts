import { describe, expect, it } from 'vitest';
import { blockTimeToDate, displayText, formatByteSize, formatChinaTime } from './pdf-display-values';

describe('PDF display values', () => {
  it('prints times in China Standard Time whatever the machine time zone', () => {
    expect(formatChinaTime(new Date('2025-12-31T23:59:30.000Z'))).toBe('2026-01-01 07:59:30 (UTC+8)');
    expect(formatChinaTime(new Date('2026-06-30T16:00:00+08:00'))).toBe('2026-06-30 16:00:00 (UTC+8)');
  });

  it('reads block timestamps in seconds, and in milliseconds above 10^12 (FISCO BCOS before 3.12)', () => {
    expect(blockTimeToDate('1767225600').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(blockTimeToDate('1767225600123').toISOString()).toBe('2026-01-01T00:00:00.123Z');
    expect(blockTimeToDate('0').toISOString()).toBe('1970-01-01T00:00:00.000Z');
  });

  it('prints the exact byte count first, then a binary unit', () => {
    expect(formatByteSize(10)).toBe('10 字节 bytes');
    expect(formatByteSize(1_284_566)).toBe('1,284,566 字节 bytes (1.23 MiB)');
    expect(formatByteSize(5 * 1024 ** 3)).toBe('5,368,709,120 字节 bytes (5.00 GiB)');
  });

  it('prints a dash for absent or blank text and removes control characters', () => {
    expect(displayText(undefined)).toBe('—');
    expect(displayText('  \n ')).toBe('—');
    expect(displayText('借款合同\n第二行\u0000')).toBe('借款合同 第二行');
  });
});
