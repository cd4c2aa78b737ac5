// Builds and signs the anchor transaction offline, without sending it (signContractTransaction):
// the anchoring state machine stores the raw bytes with their nonce before anything is sent.
import type { Wallet } from 'ethers';
import { EVIDENCE_ANCHOR_INTERFACE } from './anchor-abi';
import { signContractTransaction, type SignedContractTransaction } from './sign-contract-transaction';

export type SignedAnchorTransaction = SignedContractTransaction;

export async function signAnchorTransaction(
  signer: Wallet,
  {
    chainId,
    contractAddress,
    root,
    previousRoot,
    firstSequence,
    leafCount,
    auditHead,
    nonce,
    gasPrice,
    gasLimit,
  }: {
    chainId: bigint;
    contractAddress: string;
    root: Uint8Array;
    previousRoot: Uint8Array;
    firstSequence: bigint;
    leafCount: number;
    /** The audit log's head entry hash when the batch was sealed; 32 zero bytes when there was none. */
    auditHead: Uint8Array;
    nonce: bigint;
    gasPrice: bigint;
    gasLimit: bigint;
  },
): Promise<SignedAnchorTransaction> {
  if (auditHead.length !== 32) throw new RangeError(`auditHead must be 32 bytes, got ${auditHead.length}.`);
  const data = EVIDENCE_ANCHOR_INTERFACE.encodeFunctionData('anchor', [root, previousRoot, firstSequence, leafCount, auditHead]);
  return signContractTransaction(signer, { chainId, contractAddress, data, nonce, gasPrice, gasLimit });
}
