// A JSON-RPC connection to the anchoring chain with the operator's and members' signing keys, over
// the read-only connection of the proof core (lib/proof/connect-read-only-chain.ts), and the
// anchoring state machine's port to that chain (anchor-chain.ts).
import { Wallet } from 'ethers';
import { connectReadOnlyChain, type ReadOnlyChainConnection } from '../proof/connect-read-only-chain';
import type { AnchorChain } from './anchor-chain';
import { createJsonRpcAnchorChain } from './create-json-rpc-anchor-chain';

/**
 * What a chain read needs: the provider, and the URL that errors name (kept beside the provider:
 * ethers gives it back only through a private method).
 */
export type RpcConnection = Pick<ReadOnlyChainConnection, 'provider' | 'rpcUrl'>;

export interface ChainConnection extends ReadOnlyChainConnection {
  /** Present when a private key was given; needed to deploy and anchor, not to read. The operator's key. */
  signer?: Wallet;
  /** Keys of consortium members that anchor their own organization's batches (MEMBER_ANCHOR_KEYS). */
  memberSigners: Wallet[];
  /** The same node, as the anchoring state machine sees it. */
  anchorChain: AnchorChain;
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
  const connection = await connectReadOnlyChain({ rpcUrl, requestTimeoutMs });
  const { provider } = connection;
  return {
    ...connection,
    signer: wallet?.connect(provider),
    memberSigners: members.map((m) => m.connect(provider)),
    anchorChain: createJsonRpcAnchorChain(connection),
  };
}

export function closeChain(connection: ChainConnection): void {
  connection.provider.destroy();
}
