// Checks of the values that name and describe a reconciliation day on chain (§11): the same rules
// ReconciliationAnchor.sol applies, applied first here so that a wrong argument is refused with its
// name before anything is signed or sent. Browser-safe.
import { getAddress } from 'ethers';
import { toHex } from '../proof/hex';
import { InvalidReconciliationArgumentError } from './reconciliation-anchor-errors';

/** SHA-256 of the empty string: the root of a side with no rows (§4.1). */
export const EMPTY_SIDE_ROOT_HEX = '0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const ZERO_HASH_HEX = `0x${'0'.repeat(64)}`;

/** The 32 bytes as lowercase 0x-hex; zero refused unless allowed. */
export function checkBytes32(argument: string, bytes: Uint8Array, { allowZero = false } = {}): string {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) {
    const got = bytes instanceof Uint8Array ? `${bytes.length} bytes` : typeof bytes;
    throw new InvalidReconciliationArgumentError(argument, `must be 32 bytes (a Uint8Array), got ${got}`);
  }
  const hex = toHex(bytes);
  if (!allowZero && hex === ZERO_HASH_HEX) throw new InvalidReconciliationArgumentError(argument, 'must not be 32 zero bytes');
  return hex;
}

/** A side's root and row count, as the contract accepts them: an empty side has the empty root. */
export function checkSide(argument: string, side: { root: Uint8Array; rowCount: number }): { root: string; rowCount: bigint } {
  if (side === null || typeof side !== 'object') throw new InvalidReconciliationArgumentError(argument, `must be { root, rowCount }, got ${String(side)}`);
  const root = checkBytes32(`${argument}.root`, side.root);
  const { rowCount } = side;
  if (!Number.isSafeInteger(rowCount) || rowCount < 0) {
    throw new InvalidReconciliationArgumentError(`${argument}.rowCount`, `must be a whole number of rows, 0 or more, got ${String(rowCount)}`);
  }
  if (rowCount === 0 && root !== EMPTY_SIDE_ROOT_HEX) {
    throw new InvalidReconciliationArgumentError(
      `${argument}.root`,
      `of a side with no rows must be SHA-256 of the empty string (${EMPTY_SIDE_ROOT_HEX}), got ${root}`,
    );
  }
  return { root, rowCount: BigInt(rowCount) };
}

/** The ReconciliationAnchor's address, lowercase. */
export function checkContractAddress(argument: string, address: string): string {
  try {
    return getAddress(address).toLowerCase();
  } catch {
    throw new InvalidReconciliationArgumentError(
      argument,
      `must be a 20-byte 0x-hex address (lowercase, or with a valid EIP-55 checksum), got ${JSON.stringify(address)}`,
    );
  }
}
