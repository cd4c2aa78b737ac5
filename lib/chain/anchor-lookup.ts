// The read-only view of the chain that verification needs. lib/verify depends on this interface
// only, so the browser, the CLI and the API can each supply their own implementation.

export interface AnchorOnChain {
  blockNumber: bigint;
  blockTime: bigint;
  firstSequence: bigint;
  leafCount: bigint;
  /** The member that anchored the root, lowercase 0x-hex. */
  submitter: string;
  /** That member's root anchored before this one (32 zero bytes for its first), lowercase 0x-hex. */
  previousRoot: string;
}

export interface AnchorTransaction {
  txHash: string;
  blockNumber: bigint;
  succeeded: boolean;
  to: string | null;
  /** roots from RootAnchored logs, each with the (lowercase) address of the contract that emitted it */
  anchoredRoots: Array<{ contract: string; root: string }>;
}

export interface AnchorLookup {
  chainId(): Promise<bigint>;
  findAnchor(contract: string, root: string): Promise<AnchorOnChain | null>;
  findAnchorTransaction(txHash: string): Promise<AnchorTransaction | null>;
  blockTime(blockNumber: bigint): Promise<bigint | null>;
}
