// The hash of the chain's genesis block: the chain's identity behind an RPC URL. A dev chain that
// lost its state, or another network behind the same URL, answers with a different one.
import type { RpcConnection } from './connect-chain';
import { toChainError } from '../proof/to-chain-error';

/** Lowercase 0x-hex. */
export async function readGenesisHash({ provider, rpcUrl }: RpcConnection): Promise<string> {
  let block: { hash?: string } | null;
  try {
    block = (await provider.send('eth_getBlockByNumber', ['0x0', false])) as { hash?: string } | null;
  } catch (error) {
    throw toChainError(error, rpcUrl);
  }
  if (!block?.hash) throw new Error('The chain node returned no genesis block (eth_getBlockByNumber 0x0).');
  return block.hash.toLowerCase();
}
