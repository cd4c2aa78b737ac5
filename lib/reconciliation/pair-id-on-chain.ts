// A pair's `bytes32 pairId` on chain (spec §11.1): the 16 bytes of its UUID followed by 16 zero
// bytes. Readable back as the UUID from any block explorer, never zero (a UUID is not all zeros),
// and the same for every party without a lookup. Browser-safe.
import { isUuid } from '../ids';
import { InvalidReconciliationArgumentError } from './reconciliation-anchor-errors';

export function pairIdOnChain(pairId: string): Uint8Array {
  if (!isUuid(pairId)) throw new InvalidReconciliationArgumentError('pairId', `must be a UUID, got ${JSON.stringify(pairId.slice(0, 60))}`);
  const hex = pairId.toLowerCase().replaceAll('-', '');
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
