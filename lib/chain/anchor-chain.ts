// The anchoring state machine's port to the chain: everything lib/batches/advance-anchoring.ts asks
// of a chain, and nothing more. Two implementations: the JSON-RPC driver that production and the
// real-anvil tests use (create-json-rpc-anchor-chain.ts), and an in-memory chain for fast tests of
// the state machine (lib/testing/in-memory-anchor-chain.ts).
//
// Contract for implementations: addresses and hashes come back lowercase 0x-hex; a chain that does
// not answer throws ChainUnavailableError (the state machine stops its round and retries later);
// a contract address without the anchor contract throws ContractNotDeployedError.
import type { AnchorOnChain } from '../proof/anchor-lookup';

export interface AnchorChain {
  /** The EIP-155 chain id every anchor transaction is signed for. */
  readonly chainId: bigint;
  /** How many of the account's transactions are mined: the nonce its next transaction takes. */
  minedNonceCount(account: string): Promise<bigint>;
  /** The gas price to sign new transactions with (0 on free-gas chains). */
  gasPrice(): Promise<bigint>;
  /**
   * Sends a signed transaction. A transaction the node already has or has mined, or whose nonce is
   * spent, is 'already-seen', not an error: the outcome decides what happened. A refusal of the
   * transaction itself throws AnchorTransactionFailedError ('rejected').
   */
  sendRawTransaction(rawTx: string): Promise<'sent' | 'already-seen'>;
  /** Null while the transaction is not mined (or no longer is, after a reorg). */
  transactionOutcome(txHash: string): Promise<TransactionOutcome | null>;
  /** The gas price of a transaction the node knows, pending or mined; null when it knows none. */
  transactionGasPrice(txHash: string): Promise<bigint | null>;
  /** The number of the chain's latest block. */
  blockNumber(): Promise<bigint>;
  /** Whether the anchor contract lists the address as a consortium member, i.e. may anchor. */
  isMember(contractAddress: string, account: string): Promise<boolean>;
  /** The root the member anchored last (32 zero bytes before its first): its next anchor's previousRoot. */
  lastRoot(contractAddress: string, member: string): Promise<Uint8Array>;
  /** The transaction that anchored a root on the contract, whoever sent it; null when it is not anchored. */
  findRootAnchor(contractAddress: string, root: Uint8Array): Promise<RootAnchorTransaction | null>;
}

/** Where a mined transaction stands. */
export interface TransactionOutcome {
  txHash: string;
  blockNumber: bigint;
  blockHash: string;
  succeeded: boolean;
  /** block.timestamp as the contract stored it in RootAnchored; null when no such event. */
  blockTime: bigint | null;
}

export interface RootAnchorTransaction {
  anchor: AnchorOnChain;
  /** Lowercase 0x-hex. */
  txHash: string;
  blockHash: string;
  /** The sender's nonce of that transaction. */
  nonce: bigint;
  /** The signed transaction, so a reorg can re-send it; null when the node cannot give it back. */
  rawTx: string | null;
}
