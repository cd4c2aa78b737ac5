// Where a sent transaction stands: not mined (null), or mined in a block, with whether it
// succeeded and the block time the contract recorded for the anchor.
import type { JsonRpcProvider } from 'ethers';
import { EVIDENCE_ANCHOR_INTERFACE } from './anchor-abi';
import { toChainError } from './to-chain-error';

export interface TransactionOutcome {
  txHash: string;
  blockNumber: bigint;
  blockHash: string;
  succeeded: boolean;
  /** block.timestamp as the contract stored it in RootAnchored; null when no such event. */
  blockTime: bigint | null;
}

export async function getTransactionOutcome(provider: JsonRpcProvider, txHash: string): Promise<TransactionOutcome | null> {
  try {
    const receipt = await provider.getTransactionReceipt(txHash);
    if (!receipt) return null;
    let blockTime: bigint | null = null;
    for (const log of receipt.logs) {
      const parsed = EVIDENCE_ANCHOR_INTERFACE.parseLog(log);
      if (parsed?.name === 'RootAnchored') blockTime = BigInt(parsed.args.getValue('blockTime'));
    }
    return {
      txHash: receipt.hash.toLowerCase(),
      blockNumber: BigInt(receipt.blockNumber),
      blockHash: receipt.blockHash.toLowerCase(),
      succeeded: receipt.status === 1,
      blockTime,
    };
  } catch (error) {
    throw toChainError(error, provider._getConnection().url);
  }
}
