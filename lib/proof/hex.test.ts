import { describe, expect, it } from 'vitest';
import { fromHex, InvalidHexError, toHex, type InvalidHexReason } from './hex';

function reason(run: () => unknown): InvalidHexReason | 'no error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    if (error instanceof InvalidHexError) return error.reason;
    throw error;
  }
}

describe('toHex / fromHex', () => {
  it('round-trips lowercase, 0x-prefixed', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const hex = toHex(bytes);
    expect(hex).toMatch(/^0x[0-9a-f]{512}$/);
    expect(fromHex(hex, 256)).toEqual(bytes);
    expect(toHex(new Uint8Array(0))).toBe('0x');
    expect(fromHex('0x')).toEqual(new Uint8Array(0));
  });

  it('accepts upper-case digits but emits lowercase', () => {
    expect(toHex(fromHex('0xABcd'))).toBe('0xabcd');
  });

  it('names what is wrong', () => {
    expect(reason(() => fromHex('abcd'))).toBe('missing-prefix');
    expect(reason(() => fromHex('0Xabcd'))).toBe('missing-prefix');
    expect(reason(() => fromHex('0xabc'))).toBe('odd-length');
    expect(reason(() => fromHex('0xabzz'))).toBe('invalid-character');
    expect(reason(() => fromHex('0x 1'))).toBe('invalid-character');
    expect(reason(() => fromHex('0xabcd', 32))).toBe('wrong-length');
    expect(reason(() => fromHex(42 as unknown as string))).toBe('not-a-string');
    expect(() => fromHex('0xabzz')).toThrow('non-hex character "z" at position 4');
    expect(() => fromHex('0xabcd', 32)).toThrow('is 2 bytes long; expected 32');
  });

  it('accepts a subarray view without copying the whole buffer into the output', () => {
    const backing = Uint8Array.of(1, 2, 3, 4);
    expect(toHex(backing.subarray(1, 3))).toBe('0x0203');
  });
});
