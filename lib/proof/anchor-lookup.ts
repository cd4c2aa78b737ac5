// The read-only view of the chain that verification needs. lib/proof depends on this interface
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
  /** RootAnchored events of the transaction, with the (lowercase) address of the contract that emitted each */
  anchoredRoots: RootAnchoredEvent[];
}

/** One RootAnchored event as logged (current or legacy layout; both start with these words). */
export interface RootAnchoredEvent {
  contract: string;
  root: string;
  /** Lowercase addresses and 0x-hex words. */
  submitter: string;
  previousRoot: string;
  leafCount: bigint;
  blockTime: bigint;
}

export interface AnchorLookup {
  chainId(): Promise<bigint>;
  findAnchor(contract: string, root: string): Promise<AnchorOnChain | null>;
  findAnchorTransaction(txHash: string): Promise<AnchorTransaction | null>;
  blockTime(blockNumber: bigint): Promise<bigint | null>;
}
