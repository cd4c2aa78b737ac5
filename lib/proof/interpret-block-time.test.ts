import { describe, expect, it } from 'vitest';
import { interpretBlockTime } from './interpret-block-time';

describe('interpretBlockTime', () => {
  it('reads Ethereum-style seconds', () => {
    expect(interpretBlockTime(1767225600n)).toEqual({ unit: 'seconds', iso: '2026-01-01T00:00:00.000Z' });
    expect(interpretBlockTime(0n)).toEqual({ unit: 'seconds', iso: '1970-01-01T00:00:00.000Z' });
  });

  it('reads values above 1e12 as milliseconds (FISCO BCOS before 3.12)', () => {
    expect(interpretBlockTime(1767225600123n)).toEqual({ unit: 'milliseconds', iso: '2026-01-01T00:00:00.123Z' });
  });

  it('gives no ISO time for values a Date cannot hold', () => {
    expect(interpretBlockTime(2n ** 64n - 1n)).toEqual({ unit: 'milliseconds', iso: null });
  });

  it('keeps values up to the threshold as seconds', () => {
    expect(interpretBlockTime(1_000_000_000_000n)).toEqual({ unit: 'seconds', iso: '+033658-09-27T01:46:40.000Z' });
  });
});
