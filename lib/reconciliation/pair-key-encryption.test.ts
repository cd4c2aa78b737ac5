import { describe, expect, it } from 'vitest';
import { decryptPairKey, encryptPairKey } from './pair-key-encryption';

const secret = 's'.repeat(40);
const pairKey = new Uint8Array(32).map((_, i) => i);
const pairId = '6f1c2b7e-4d3a-4c1b-9e8f-0a1b2c3d4e5f';

describe('pair key at rest', () => {
  it('opens with the same secret and pair id; the stored bytes do not contain the key', () => {
    const encrypted = encryptPairKey({ pairKey, pairId, secret });
    expect(encrypted).toHaveLength(61);
    expect(Buffer.from(encrypted).includes(Buffer.from(pairKey.subarray(0, 8)))).toBe(false);
    expect(decryptPairKey({ encrypted, pairId, secret })).toEqual(pairKey);
    expect(encryptPairKey({ pairKey, pairId, secret })).not.toEqual(encrypted);
  });

  it('refuses another secret, another pair and altered bytes, without saying the key', () => {
    const encrypted = encryptPairKey({ pairKey, pairId, secret });
    expect(() => decryptPairKey({ encrypted, pairId, secret: 't'.repeat(40) })).toThrow(/does not open/);
    expect(() => decryptPairKey({ encrypted, pairId: pairId.replace('6f', '7f'), secret })).toThrow(/does not open/);
    const altered = encrypted.slice();
    altered[20] ^= 1;
    expect(() => decryptPairKey({ encrypted: altered, pairId, secret })).toThrow(/does not open/);
    expect(() => decryptPairKey({ encrypted: encrypted.subarray(1), pairId, secret })).toThrow(/not in a known form/);
  });
});
