// Sends an already signed transaction. Re-sending one the node already has, or one already mined,
// is not an error here: the receipt decides what happened.
import type { RpcConnection } from './connect-chain';
import { AnchorTransactionFailedError } from '../proof/chain-errors';
import { toChainError } from '../proof/to-chain-error';

const ALREADY_SEEN = /already known|known transaction|already imported|nonce too low|nonce has already been used|replacement transaction underpriced|transaction already exists/i;

export async function broadcastRawTransaction({ provider, rpcUrl }: RpcConnection, rawTx: string): Promise<'sent' | 'already-seen'> {
  try {
    await provider.send('eth_sendRawTransaction', [rawTx]);
    return 'sent';
  } catch (error) {
    const chainError = toChainError(error, rpcUrl);
    if (chainError !== error) throw chainError;
    const message = String((error as { error?: { message?: string } }).error?.message ?? (error as Error).message);
    if (ALREADY_SEEN.test(message)) return 'already-seen';
    throw new AnchorTransactionFailedError({ reason: 'rejected', message: `The node refused the anchor transaction: ${message}`, cause: error });
  }
}
