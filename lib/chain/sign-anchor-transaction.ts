// Builds and signs the anchor transaction offline, without sending it: the caller stores the raw
// bytes with their nonce first, so after a crash the very same transaction is re-sent instead of
// a second one being signed. A legacy (type 0) transaction with an explicit gas price and limit
// works unchanged on anvil, Besu/Quorum (free gas) and FISCO BCOS's web3 RPC (gas price 0).
import { keccak256, type Wallet } from 'ethers';
import { EVIDENCE_ANCHOR_INTERFACE } from './anchor-abi';

export interface SignedAnchorTransaction {
  rawTx: string;
  txHash: string;
}

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
  const rawTx = await signer.signTransaction({
    type: 0,
    chainId,
    to: contractAddress,
    data,
    nonce: Number(nonce),
    gasPrice,
    gasLimit,
    value: 0n,
  });
  return { rawTx, txHash: keccak256(rawTx) };
}
