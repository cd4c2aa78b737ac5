// An AnchorLookup over a fixed, JSON-described chain, for unit tests that must not start a node.
import type { AnchorLookup, AnchorOnChain, AnchorTransaction } from '../../chain/anchor-lookup';

export interface FakeChain {
  chainId: string;
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
    anchoredRoots: Array<{ contract: string; root: string }>;
  }>;
}

export function inMemoryAnchorLookup(chain: FakeChain): AnchorLookup {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return {
    async chainId() {
      return BigInt(chain.chainId);
    },
    async findAnchor(contract, root): Promise<AnchorOnChain | null> {
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
      return tx ? { ...tx, blockNumber: BigInt(tx.blockNumber) } : null;
    },
    async blockTime(blockNumber) {
      const anchor = chain.anchors.find((a) => BigInt(a.blockNumber) === blockNumber);
      return anchor ? BigInt(anchor.blockTime) : null;
    },
  };
}
