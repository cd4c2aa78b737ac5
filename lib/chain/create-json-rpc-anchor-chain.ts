// The anchoring port (anchor-chain.ts) over a JSON-RPC node: anvil in development and tests, Besu or
// FISCO BCOS's web3 RPC in production. Every failure to reach the node comes out as
// ChainUnavailableError naming the node.
import type { AnchorChain } from './anchor-chain';
import type { ReadOnlyChainConnection } from '../proof/connect-read-only-chain';
import { broadcastRawTransaction } from './broadcast-raw-transaction';
import { findRootAnchorTransaction } from './find-root-anchor-transaction';
import { getTransactionOutcome } from './get-transaction-outcome';
import { readIsMember } from './read-is-member';
import { readLastRoot } from './read-last-root';
import { toChainError } from '../proof/to-chain-error';

export function createJsonRpcAnchorChain(connection: ReadOnlyChainConnection): AnchorChain {
  const { provider, rpcUrl, chainId } = connection;
  const reading = async <T>(read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      throw toChainError(error, rpcUrl);
    }
  };
  return {
    chainId,
    minedNonceCount: (account) => reading(async () => BigInt(await provider.getTransactionCount(account, 'latest'))),
    gasPrice: () => reading(async () => BigInt((await provider.send('eth_gasPrice', [])) as string)),
    sendRawTransaction: (rawTx) => broadcastRawTransaction(connection, rawTx),
    transactionOutcome: (txHash) => getTransactionOutcome(connection, txHash),
    transactionGasPrice: (txHash) => reading(async () => (await provider.getTransaction(txHash))?.gasPrice ?? null),
    blockNumber: () => reading(async () => BigInt(await provider.getBlockNumber())),
    isMember: (contractAddress, account) => readIsMember(connection, contractAddress, account),
    lastRoot: (contractAddress, member) => readLastRoot(connection, contractAddress, member),
    findRootAnchor: (contractAddress, root) => findRootAnchorTransaction(connection, contractAddress, root),
  };
}
