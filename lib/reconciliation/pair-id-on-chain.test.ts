// The on-chain pairId of spec §11.1, pinned by the vector the spec prints.
import { describe, expect, it } from 'vitest';
import { toHex } from '../proof/hex';
import { pairIdOnChain } from './pair-id-on-chain';
import { InvalidReconciliationArgumentError } from './reconciliation-anchor-errors';

const PAIR = '6f1c2b7e-4d3a-4e8b-9c1d-2a3b4c5d6e7f';

describe('pairIdOnChain', () => {
  it('is the UUID’s 16 bytes then 16 zero bytes, as §11.1 prints it', () => {
    expect(toHex(pairIdOnChain(PAIR))).toBe('0x6f1c2b7e4d3a4e8b9c1d2a3b4c5d6e7f00000000000000000000000000000000');
  });

  it('names a pair the same whatever the case of its UUID, and reads back as the UUID', () => {
    expect(pairIdOnChain(PAIR.toUpperCase())).toEqual(pairIdOnChain(PAIR));
    const hex = toHex(pairIdOnChain(PAIR)).slice(2, 34);
    expect(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`).toBe(PAIR);
  });

  it('refuses anything but a UUID, naming the argument', () => {
    for (const bad of ['', 'not-a-uuid', `${PAIR}0`, ` ${PAIR}`, PAIR.replaceAll('-', '')]) {
      expect(() => pairIdOnChain(bad)).toThrow(InvalidReconciliationArgumentError);
    }
    expect(() => pairIdOnChain('x')).toThrow(/pairId must be a UUID/);
  });
});
