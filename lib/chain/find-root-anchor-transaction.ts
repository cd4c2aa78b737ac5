// Finds the transaction that anchored a root, whoever sent it: the contract's record (getAnchor)
// says whether and in which block, the RootAnchored log in that block names the transaction. The
// anchoring state machine adopts it, so a batch never waits on a transaction hash the chain no
// longer knows (a lost pool, a replaced transaction, a stale transaction mined after a restart).
import { Transaction } from 'ethers';
import type { RootAnchorTransaction } from './anchor-chain';
import type { RpcConnection } from './connect-chain';
import { ROOT_ANCHORED_TOPIC } from '../proof/anchor-contract-abi';
import { findAnchor } from '../proof/find-anchor';
import { toChainError } from '../proof/to-chain-error';
import { toHex } from '../proof/hex';

/** Null when the contract holds no anchor for the root. ContractNotDeployedError when no contract is there. */
export async function findRootAnchorTransaction(
  { provider, rpcUrl }: RpcConnection,
  contractAddress: string,
  root: Uint8Array,
): Promise<RootAnchorTransaction | null> {
  const anchor = await findAnchor({ provider, rpcUrl }, contractAddress, root);
  if (!anchor) return null;
  try {
    const [log] = await provider.getLogs({
      address: contractAddress,
      topics: [ROOT_ANCHORED_TOPIC, toHex(root)],
      fromBlock: anchor.blockNumber,
      toBlock: anchor.blockNumber,
    });
    if (!log) {
      throw new Error(
        `Root ${toHex(root)} is anchored in block ${anchor.blockNumber} of contract ${contractAddress}, ` +
          'but the node returns no RootAnchored log for it. Is it a pruned node?',
      );
    }
    const tx = await provider.getTransaction(log.transactionHash);
    if (!tx) throw new Error(`The node does not return transaction ${log.transactionHash}, which anchored root ${toHex(root)}.`);
    return {
      anchor,
      txHash: log.transactionHash.toLowerCase(),
      blockHash: log.blockHash.toLowerCase(),
      nonce: BigInt(tx.nonce),
      rawTx: serialized(tx),
    };
  } catch (error) {
    throw toChainError(error, rpcUrl);
  }
}

function serialized(tx: Parameters<typeof Transaction.from>[0]): string | null {
  try {
    return Transaction.from(tx).serialized;
  } catch {
    return null;
  }
}
