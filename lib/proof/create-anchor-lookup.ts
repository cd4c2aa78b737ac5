// The AnchorLookup that verification uses, over a plain JSON-RPC endpoint. Imports ethers only, so
// the browser verifier, the CLI and the API share it. Every answer is the node's own data, with
// hex in lowercase 0x form; a node that does not answer in time gives ChainUnavailableError.
import { getAddress, toQuantity } from 'ethers';
import type { AnchorLookup, AnchorOnChain, AnchorTransaction, RootAnchoredEvent } from './anchor-lookup';
import { ANCHOR_LOOKUP_INTERFACE, LEGACY_ROOT_ANCHORED_INTERFACE, LEGACY_ROOT_ANCHORED_TOPIC, ROOT_ANCHORED_TOPIC } from './anchor-contract-abi';
import { connectReadOnlyChain, type ReadOnlyChainConnection } from './connect-read-only-chain';
import { findAnchor } from './find-anchor';
import { toChainError } from './to-chain-error';

export interface ClosableAnchorLookup extends AnchorLookup {
  /** Releases the provider; later calls reconnect. */
  close(): void;
}

const TX_HASH = /^0x[0-9a-fA-F]{64}$/;
// Both layouts index root and submitter the same way, which is all verification reads.
/** A RootAnchored log (current or legacy layout) with its words, or null for any other log or one whose
 * data does not decode as the event. */
function decodeRootAnchored(log: { address: string; topics: readonly string[]; data: string }): RootAnchoredEvent | null {
  const topic = log.topics[0];
  const iface = topic === ROOT_ANCHORED_TOPIC ? ANCHOR_LOOKUP_INTERFACE : topic === LEGACY_ROOT_ANCHORED_TOPIC ? LEGACY_ROOT_ANCHORED_INTERFACE : null;
  if (!iface || log.topics.length !== 3) return null;
  let parsed;
  try {
    parsed = iface.parseLog({ topics: [...log.topics], data: log.data });
  } catch {
    return null;
  }
  if (!parsed) return null;
  return {
    contract: log.address.toLowerCase(),
    root: log.topics[1]!.toLowerCase(),
    submitter: (parsed.args.getValue('submitter') as string).toLowerCase(),
    previousRoot: (parsed.args.getValue('previousRoot') as string).toLowerCase(),
    leafCount: parsed.args.getValue('leafCount') as bigint,
    blockTime: parsed.args.getValue('blockTime') as bigint,
  };
}

export function createAnchorLookup({
  rpcUrl,
  timeoutMs = 10_000,
}: {
  rpcUrl: string;
  timeoutMs?: number;
}): ClosableAnchorLookup {
  // Connected on first use, and again after a failed attempt, so a node that comes back is found.
  let connection: Promise<ReadOnlyChainConnection> | undefined;
  const connect = (): Promise<ReadOnlyChainConnection> => {
    connection ??= connectReadOnlyChain({ rpcUrl, requestTimeoutMs: timeoutMs }).catch((error: unknown) => {
      connection = undefined;
      throw error;
    });
    return connection;
  };

  return {
    async chainId(): Promise<bigint> {
      return (await connect()).chainId;
    },

    async findAnchor(contract: string, root: string): Promise<AnchorOnChain | null> {
      return findAnchor(await connect(), contract, root);
    },

    async findAnchorTransaction(txHash: string): Promise<AnchorTransaction | null> {
      if (!TX_HASH.test(txHash)) throw new RangeError(`txHash must be 32 bytes of 0x-hex, got ${JSON.stringify(txHash)}.`);
      const { provider } = await connect();
      let receipt;
      try {
        receipt = await provider.getTransactionReceipt(txHash.toLowerCase());
      } catch (error) {
        throw toChainError(error, rpcUrl);
      }
      if (!receipt) return null;
      return {
        txHash: receipt.hash.toLowerCase(),
        blockNumber: BigInt(receipt.blockNumber),
        succeeded: receipt.status === 1,
        to: receipt.to === null ? null : getAddress(receipt.to).toLowerCase(),
        anchoredRoots: receipt.logs.flatMap((log) => {
          const event = decodeRootAnchored(log);
          return event ? [event] : [];
        }),
      };
    },

    async blockTime(blockNumber: bigint): Promise<bigint | null> {
      if (blockNumber < 0n) throw new RangeError(`blockNumber must not be negative, got ${blockNumber}.`);
      const { provider } = await connect();
      // Raw RPC rather than getBlock(): the timestamp stays an exact bigint, and ethers' block
      // formatter cannot reject the non-standard block fields of consortium chains.
      let block: { timestamp?: unknown } | null;
      try {
        block = await provider.send('eth_getBlockByNumber', [toQuantity(blockNumber), false]);
      } catch (error) {
        throw toChainError(error, rpcUrl);
      }
      if (!block || typeof block.timestamp !== 'string') return null;
      return BigInt(block.timestamp);
    },

    close(): void {
      const pending = connection;
      connection = undefined;
      pending?.then((open) => open.provider.destroy(), () => undefined);
    },
  };
}
