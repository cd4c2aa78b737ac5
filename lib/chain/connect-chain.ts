// A JSON-RPC connection to the anchoring chain, tuned for one transaction at a time: no response
// cache (a cached pending nonce caused "nonce has already been used" with anvil), no batching
// (it adds ~10 ms per call), fast polling, and a network that is detected once and then fixed.
import { JsonRpcProvider, Network, Wallet } from 'ethers';
import { createFetchRequest } from './create-fetch-request';
import { requestChainId } from './request-chain-id';

export interface ChainConnection {
  provider: JsonRpcProvider;
  /** Present when a private key was given; needed to deploy and anchor, not to read. The operator's key. */
  signer?: Wallet;
  /** Keys of consortium members that anchor their own organization's batches (MEMBER_ANCHOR_KEYS). */
  memberSigners: Wallet[];
  chainId: bigint;
  rpcUrl: string;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** Fails with ChainUnavailableError within about requestTimeoutMs when the node does not answer. */
export async function connectChain({
  rpcUrl,
  privateKey,
  memberPrivateKeys = [],
  requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
}: {
  rpcUrl: string;
  privateKey?: string;
  memberPrivateKeys?: string[];
  requestTimeoutMs?: number;
}): Promise<ChainConnection> {
  // A malformed key fails here, before any network traffic.
  const wallet = privateKey === undefined ? undefined : new Wallet(privateKey);
  const members = memberPrivateKeys.map((key) => new Wallet(key));
  const chainId = await requestChainId({ rpcUrl, timeoutMs: requestTimeoutMs });
  const network = Network.from(chainId);
  const provider = new JsonRpcProvider(createFetchRequest(rpcUrl, requestTimeoutMs), network, {
    staticNetwork: network,
    cacheTimeout: -1,
    batchMaxCount: 1,
    pollingInterval: 200,
  });
  return { provider, signer: wallet?.connect(provider), memberSigners: members.map((m) => m.connect(provider)), chainId, rpcUrl };
}

export function closeChain(connection: ChainConnection): void {
  connection.provider.destroy();
}
