// Polls for a transaction receipt with a deadline. ethers' wait() has hung indefinitely against
// anvil, which mines asynchronously, so no code path here waits without a bound.
import type { TransactionReceipt } from 'ethers';
import type { RpcConnection } from './connect-chain';
import { ChainUnavailableError } from '../proof/chain-errors';
import { toChainError } from '../proof/to-chain-error';

const POLL_INTERVAL_MS = 150;

/** Throws ChainUnavailableError when the transaction is not mined within timeoutMs. */
export async function waitForReceipt(
  { provider, rpcUrl }: RpcConnection,
  txHash: string,
  { timeoutMs }: { timeoutMs: number },
): Promise<TransactionReceipt> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let receipt: TransactionReceipt | null;
    try {
      receipt = await provider.getTransactionReceipt(txHash);
    } catch (error) {
      throw toChainError(error, rpcUrl);
    }
    if (receipt) return receipt;
    if (Date.now() >= deadline) {
      throw new ChainUnavailableError(rpcUrl, `transaction ${txHash} was not mined within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
