// One bank's side of a pair's day, anchored on the ReconciliationAnchor (docs/reconciliation-format.md
// §11.3): transaction 1 or 2 of the day's three. Plain values in, the mined transaction out; the
// future outbox signs the same call data (encodeAnchorSideCall) with signContractTransaction and
// stores it before sending, as the evidence anchoring does.
import type { Wallet } from 'ethers';
import type { ChainConnection } from './connect-chain';
import { describeReconciliationRevert } from './describe-reconciliation-revert';
import { RECONCILIATION_ANCHOR_INTERFACE } from './reconciliation-anchor-abi';
import { sendContractTransaction, type SentContractTransaction } from './send-contract-transaction';
import { encodeBusinessDate } from '../reconciliation/business-date';
import { checkBytes32, checkContractAddress, checkSide } from '../reconciliation/check-day-values';
import { InvalidReconciliationArgumentError } from '../reconciliation/reconciliation-anchor-errors';
import { SIGN_OFF_PARTIES } from '../reconciliation/statement-typed-data';

export interface ReconciliationSide {
  /** The pair's 32-byte identifier. */
  pairId: Uint8Array;
  /** YYYY-MM-DD. */
  businessDate: string;
  bank: 'bank-a' | 'bank-b';
  /** The side's Merkle root and row count (§4.1). */
  root: Uint8Array;
  rowCount: number;
  /** SHA-256 of the side receipt Evident signed for it. */
  receiptHash: Uint8Array;
}

/** The ABI-encoded anchorSide call. Throws InvalidReconciliationArgumentError naming a wrong value. */
export function encodeAnchorSideCall(side: ReconciliationSide): string {
  if (side.bank !== 'bank-a' && side.bank !== 'bank-b') {
    throw new InvalidReconciliationArgumentError('bank', `must be bank-a or bank-b, got ${JSON.stringify(side.bank)}`);
  }
  const { root, rowCount } = checkSide('side', side);
  return RECONCILIATION_ANCHOR_INTERFACE.encodeFunctionData('anchorSide', [
    checkBytes32('pairId', side.pairId),
    encodeBusinessDate(side.businessDate),
    SIGN_OFF_PARTIES[side.bank],
    root,
    rowCount,
    checkBytes32('receiptHash', side.receiptHash),
  ]);
}

/**
 * Sends anchorSide from `signer`, a consortium member (Evident's operator key in open mode), and
 * waits until it is mined. A refusal by the contract throws AnchorTransactionFailedError with
 * `revertError` (NotMember, SideAlreadyAnchored, …) and a message that says why.
 */
export async function anchorReconciliationSide(
  connection: ChainConnection,
  { signer, contractAddress, side, receiptTimeoutMs }: { signer: Wallet; contractAddress: string; side: ReconciliationSide; receiptTimeoutMs?: number },
): Promise<SentContractTransaction> {
  const data = encodeAnchorSideCall(side);
  return sendContractTransaction(connection, signer, {
    contractAddress: checkContractAddress('contractAddress', contractAddress),
    contractInterface: RECONCILIATION_ANCHOR_INTERFACE,
    data,
    call: `anchorSide for ${side.bank} of pair ${checkBytes32('pairId', side.pairId)} on ${side.businessDate}`,
    explainRevert: describeReconciliationRevert,
    receiptTimeoutMs,
  });
}
