// An AnchorLookup over a fixed, JSON-described chain, for unit tests that must not start a node.
import type { AnchorLookup, AnchorOnChain, AnchorTransaction } from '../anchor-lookup';
import { ContractNotDeployedError } from '../chain-errors';

export interface FakeChain {
  chainId: string;
  /** Addresses with an anchor contract; when set, any other address answers getAnchor with 0x. */
  contracts?: string[];
  anchors: Array<{
    contract: string;
    root: string;
    blockNumber: string;
    blockTime: string;
    firstSequence: string;
    leafCount: string;
    submitter: string;
    previousRoot: string;
  }>;
  transactions: Array<{
    txHash: string;
    blockNumber: string;
    succeeded: boolean;
    to: string | null;
    /** RootAnchored events; the words are decimal strings and 0x-hex as the JSON manifest holds them. */
    anchoredRoots: Array<{ contract: string; root: string; submitter: string; previousRoot: string; leafCount: string; blockTime: string }>;
  }>;
}

export function inMemoryAnchorLookup(chain: FakeChain): AnchorLookup {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return {
    async chainId() {
      return BigInt(chain.chainId);
    },
    async findAnchor(contract, root): Promise<AnchorOnChain | null> {
      // As a node answers getAnchor at an address without code: 0x, which is no anchor contract.
      if (chain.contracts && !chain.contracts.some((c) => same(c, contract))) throw new ContractNotDeployedError(contract, BigInt(chain.chainId));
      const anchor = chain.anchors.find((a) => same(a.contract, contract) && same(a.root, root));
      if (!anchor) return null;
      return {
        blockNumber: BigInt(anchor.blockNumber),
        blockTime: BigInt(anchor.blockTime),
        firstSequence: BigInt(anchor.firstSequence),
        leafCount: BigInt(anchor.leafCount),
        submitter: anchor.submitter,
        previousRoot: anchor.previousRoot,
      };
    },
    async findAnchorTransaction(txHash): Promise<AnchorTransaction | null> {
      const tx = chain.transactions.find((t) => same(t.txHash, txHash));
      if (!tx) return null;
      return {
        ...tx,
        blockNumber: BigInt(tx.blockNumber),
        anchoredRoots: tx.anchoredRoots.map((event) => ({ ...event, leafCount: BigInt(event.leafCount), blockTime: BigInt(event.blockTime) })),
      };
    },
    async blockTime(blockNumber) {
      const anchor = chain.anchors.find((a) => BigInt(a.blockNumber) === blockNumber);
      return anchor ? BigInt(anchor.blockTime) : null;
    },
  };
}
