// A JSON-RPC connection to the anchoring chain, tuned for one request at a time: no response cache
// (a cached pending nonce caused "nonce has already been used" with anvil), no batching (it adds
// ~10 ms per call), fast polling, and a network that is detected once and then fixed. Holds no keys:
// verifiers read with it as it is, and lib/chain/connect-chain.ts adds the signers.
import { JsonRpcProvider, Network } from 'ethers';
import { createFetchRequest } from './create-fetch-request';
import { requestChainId } from './request-chain-id';

export interface ReadOnlyChainConnection {
  provider: JsonRpcProvider;
  chainId: bigint;
  rpcUrl: string;
}

/** Fails with ChainUnavailableError within about requestTimeoutMs when the node does not answer. */
export async function connectReadOnlyChain({
  rpcUrl,
  requestTimeoutMs,
}: {
  rpcUrl: string;
  requestTimeoutMs: number;
}): Promise<ReadOnlyChainConnection> {
  const chainId = await requestChainId({ rpcUrl, timeoutMs: requestTimeoutMs });
  const network = Network.from(chainId);
  const provider = new JsonRpcProvider(createFetchRequest(rpcUrl, requestTimeoutMs), network, {
    staticNetwork: network,
    cacheTimeout: -1,
    batchMaxCount: 1,
    pollingInterval: 200,
  });
  return { provider, chainId, rpcUrl };
}
