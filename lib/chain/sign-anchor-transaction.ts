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
    nonce: bigint;
    gasPrice: bigint;
    gasLimit: bigint;
  },
): Promise<SignedAnchorTransaction> {
  const data = EVIDENCE_ANCHOR_INTERFACE.encodeFunctionData('anchor', [root, previousRoot, firstSequence, leafCount]);
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
