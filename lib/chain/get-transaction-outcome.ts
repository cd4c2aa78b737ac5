// Where a sent transaction stands: not mined (null), or mined in a block, with whether it
// succeeded and the block time the contract recorded for the anchor.
import type { TransactionOutcome } from './anchor-chain';
import type { RpcConnection } from './connect-chain';
import { EVIDENCE_ANCHOR_INTERFACE } from './anchor-abi';
import { toChainError } from '../proof/to-chain-error';

export async function getTransactionOutcome({ provider, rpcUrl }: RpcConnection, txHash: string): Promise<TransactionOutcome | null> {
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
    throw toChainError(error, rpcUrl);
  }
}
