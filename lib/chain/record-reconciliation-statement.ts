// The pair's statement for the day with both banks' sign-offs, recorded on the ReconciliationAnchor
// (docs/reconciliation-format.md §11.3): the day's third transaction, sent by Evident once both sides
// are anchored. The contract recovers each signer and checks it is a member; here the two sign-offs
// are checked to be of the same day and the signatures to be canonical, so that a mismatch is named
// by its argument before anything is sent. Plain values in, the mined transaction out.
import type { Wallet } from 'ethers';
import type { ChainConnection } from './connect-chain';
import { describeReconciliationRevert } from './describe-reconciliation-revert';
import { RECONCILIATION_ANCHOR_INTERFACE } from './reconciliation-anchor-abi';
import { sendContractTransaction, type SentContractTransaction } from './send-contract-transaction';
import { statementSignOffTypedData, type StatementSignOff } from '../reconciliation/statement-typed-data';
import { InvalidReconciliationArgumentError } from '../reconciliation/reconciliation-anchor-errors';
import { checkCanonicalSignature } from '../proof/recover-certificate-signer';

export interface SignedSignOff {
  signOff: StatementSignOff;
  /** 65 bytes r ‖ s ‖ v, 0x-hex. */
  signature: string;
}

/**
 * The ABI-encoded recordStatement call for bank A's and bank B's signed sign-offs, which must be of
 * the same chain, contract, pair, day, statement and sides. Throws InvalidReconciliationArgumentError
 * naming what differs or is wrong.
 */
export function encodeRecordStatementCall(bankA: SignedSignOff, bankB: SignedSignOff): string {
  if (bankA.signOff.party !== 'bank-a') throw new InvalidReconciliationArgumentError('bankA.signOff.party', `must be bank-a, got ${bankA.signOff.party}`);
  if (bankB.signOff.party !== 'bank-b') throw new InvalidReconciliationArgumentError('bankB.signOff.party', `must be bank-b, got ${bankB.signOff.party}`);
  const a = statementSignOffTypedData(bankA.signOff);
  const b = statementSignOffTypedData(bankB.signOff);
  for (const field of ['pairId', 'businessDate', 'statementHash', 'rootA', 'rowCountA', 'rootB', 'rowCountB'] as const) {
    if (a.value[field] !== b.value[field]) {
      throw new InvalidReconciliationArgumentError(
        `bankB.signOff.${field}`,
        `is ${String(b.value[field])} but bank A signed ${String(a.value[field])}: both banks sign off the same day, statement and sides`,
      );
    }
  }
  for (const field of ['chainId', 'verifyingContract'] as const) {
    if (a.domain[field] !== b.domain[field]) {
      throw new InvalidReconciliationArgumentError(`bankB.signOff.${field === 'verifyingContract' ? 'contract' : field}`, `differs from bank A's (${String(a.domain[field])})`);
    }
  }
  for (const [argument, { signature }] of [['bankA.signature', bankA], ['bankB.signature', bankB]] as const) {
    try {
      checkCanonicalSignature(signature);
    } catch (error) {
      throw new InvalidReconciliationArgumentError(argument, `is not a canonical signature (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return RECONCILIATION_ANCHOR_INTERFACE.encodeFunctionData('recordStatement', [
    a.value.pairId,
    a.value.businessDate,
    a.value.statementHash,
    [a.value.decision, b.value.decision],
    [a.value.objectionsHash, b.value.objectionsHash],
    bankA.signature,
    bankB.signature,
  ]);
}

/**
 * Sends recordStatement from `signer`, Evident's member key, and waits until it is mined. A refusal
 * by the contract throws AnchorTransactionFailedError with `revertError` (SignerNotMember,
 * SideNotAnchored, StatementAlreadyRecorded, MalleableSignature, …) and a message that says why.
 */
export async function recordReconciliationStatement(
  connection: ChainConnection,
  { signer, bankA, bankB, receiptTimeoutMs }: { signer: Wallet; bankA: SignedSignOff; bankB: SignedSignOff; receiptTimeoutMs?: number },
): Promise<SentContractTransaction> {
  const data = encodeRecordStatementCall(bankA, bankB);
  const { domain, value } = statementSignOffTypedData(bankA.signOff);
  if (domain.chainId !== connection.chainId) {
    throw new InvalidReconciliationArgumentError(
      'bankA.signOff.chainId',
      `is ${String(domain.chainId)} but the chain connected to is ${connection.chainId}: a signature for another chain recovers no member here`,
    );
  }
  return sendContractTransaction(connection, signer, {
    contractAddress: String(domain.verifyingContract),
    contractInterface: RECONCILIATION_ANCHOR_INTERFACE,
    data,
    call: `recordStatement for pair ${String(value.pairId)} on ${bankA.signOff.businessDate}`,
    explainRevert: describeReconciliationRevert,
    receiptTimeoutMs,
  });
}
