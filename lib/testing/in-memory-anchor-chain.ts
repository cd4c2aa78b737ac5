// A second implementation of the anchoring port (lib/chain/anchor-chain.ts) that keeps a whole chain
// in memory: accounts with nonces, a transaction pool, blocks, and the anchor contract's rules
// (members only, a root once, each member's chain of roots). It decodes the very transactions the
// state machine signs, so the fast tests of lib/batches/advance-anchoring.ts exercise the same bytes
// as a node would, in microseconds and with faults at will: a pool that does not mine, dropped
// transactions, reorgs (snapshot and revert, as anvil's evm_revert), a node that is down, a chain
// that lost its state. It is not a mock: it keeps state and enforces the contract's rules; the
// real-node tests (anvil) stay, and the two must agree.
//
// Test-only: production anchors on a real node, and nothing at runtime wants a chain that a restart
// forgets.
import { getAddress, keccak256, toUtf8Bytes, Transaction, type BytesLike } from 'ethers';
import { EVIDENCE_ANCHOR_INTERFACE } from '../chain/anchor-abi';
import type { AnchorChain, RootAnchorTransaction, TransactionOutcome } from '../chain/anchor-chain';
import type { AnchorOnChain } from '../proof/anchor-lookup';
import { AnchorTransactionFailedError, ChainUnavailableError, ContractNotDeployedError } from '../proof/chain-errors';
import { fromHex, toHex } from '../proof/hex';

const ZERO_ROOT = toHex(new Uint8Array(32));
/** What a node asks of a replacement with the same nonce before it drops the first (geth's 10 %). */
const REPLACEMENT_BUMP_PERCENT = 110n;

interface PendingTransaction {
  txHash: string;
  rawTx: string;
  from: string;
  nonce: bigint;
  gasPrice: bigint;
  to: string | null;
  data: string;
}

interface MinedTransaction extends PendingTransaction {
  blockNumber: bigint;
  blockHash: string;
  succeeded: boolean;
  /** Set when the transaction anchored a root. */
  blockTime: bigint | null;
  /** The contract's reason when it reverted (NotMember, ChainBreak, RootAlreadyAnchored...). */
  revertReason: string | null;
}

/** The contract's record of a root (what getAnchor returns), and the transaction that wrote it. */
interface StoredAnchor extends AnchorOnChain {
  txHash: string;
}

interface ContractState {
  members: Set<string>;
  /** By lowercase 0x-hex root. */
  anchors: Map<string, StoredAnchor>;
  lastRoots: Map<string, string>;
}

interface ChainState {
  blocks: { hash: string; timestamp: bigint }[];
  nonces: Map<string, bigint>;
  pool: Map<string, PendingTransaction>;
  mined: Map<string, MinedTransaction>;
  contracts: Map<string, ContractState>;
}

export class InMemoryAnchorChain implements AnchorChain {
  readonly chainId: bigint;
  /** Mine a block on every accepted transaction (anvil's default); false leaves them in the pool. */
  automine = true;
  /** A node that does not answer: every call fails with ChainUnavailableError. */
  down = false;
  /** Calls that fail with ChainUnavailableError while the others answer (a node lost between two calls). */
  readonly failing = new Set<keyof AnchorChain>();
  /** The gas price new transactions are signed with; 0 for a free-gas chain (Besu, FISCO BCOS). */
  currentGasPrice = 1_000_000_000n;
  /** Every call the state machine made, by method name: shows how much it asks of a node. */
  readonly calls = new Map<keyof AnchorChain, number>();

  #state: ChainState;
  #snapshots: ChainState[] = [];
  /** Counts every block ever mined, so a block mined again at the same height after a revert gets a new hash. */
  #blockSerial = 0;
  #contractSerial = 0;

  constructor({ chainId = 31337n }: { chainId?: bigint } = {}) {
    this.chainId = chainId;
    this.#state = this.#genesis();
  }

  // The port.

  async minedNonceCount(account: string): Promise<bigint> {
    this.#answer('minedNonceCount');
    return this.#state.nonces.get(account.toLowerCase()) ?? 0n;
  }

  async gasPrice(): Promise<bigint> {
    this.#answer('gasPrice');
    return this.currentGasPrice;
  }

  async sendRawTransaction(rawTx: string): Promise<'sent' | 'already-seen'> {
    this.#answer('sendRawTransaction');
    const tx = this.#decode(rawTx);
    const state = this.#state;
    if (state.mined.has(tx.txHash) || state.pool.has(tx.txHash)) return 'already-seen';
    if (tx.nonce < (state.nonces.get(tx.from) ?? 0n)) return 'already-seen'; // "nonce too low"
    const rival = [...state.pool.values()].find((other) => other.from === tx.from && other.nonce === tx.nonce);
    if (rival) {
      if (tx.gasPrice * 100n < rival.gasPrice * REPLACEMENT_BUMP_PERCENT) return 'already-seen'; // "replacement transaction underpriced"
      state.pool.delete(rival.txHash);
    }
    state.pool.set(tx.txHash, tx);
    if (this.automine) this.mine();
    return 'sent';
  }

  async transactionOutcome(txHash: string): Promise<TransactionOutcome | null> {
    this.#answer('transactionOutcome');
    const mined = this.#state.mined.get(txHash.toLowerCase());
    if (!mined) return null;
    const { blockNumber, blockHash, succeeded, blockTime } = mined;
    return { txHash: mined.txHash, blockNumber, blockHash, succeeded, blockTime };
  }

  async transactionGasPrice(txHash: string): Promise<bigint | null> {
    this.#answer('transactionGasPrice');
    const key = txHash.toLowerCase();
    return (this.#state.pool.get(key) ?? this.#state.mined.get(key))?.gasPrice ?? null;
  }

  async blockNumber(): Promise<bigint> {
    this.#answer('blockNumber');
    return BigInt(this.#state.blocks.length - 1);
  }

  async isMember(contractAddress: string, account: string): Promise<boolean> {
    this.#answer('isMember');
    return this.#contract(contractAddress).members.has(account.toLowerCase());
  }

  async lastRoot(contractAddress: string, member: string): Promise<Uint8Array> {
    this.#answer('lastRoot');
    return fromHex(this.#contract(contractAddress).lastRoots.get(member.toLowerCase()) ?? ZERO_ROOT, 32);
  }

  async findRootAnchor(contractAddress: string, root: Uint8Array): Promise<RootAnchorTransaction | null> {
    this.#answer('findRootAnchor');
    const stored = this.#contract(contractAddress).anchors.get(toHex(root));
    if (!stored) return null;
    const tx = this.#state.mined.get(stored.txHash)!;
    const { txHash, blockNumber, blockTime, firstSequence, leafCount, submitter, previousRoot } = stored;
    return {
      anchor: { blockNumber, blockTime, firstSequence, leafCount, submitter, previousRoot },
      txHash,
      blockHash: tx.blockHash,
      nonce: tx.nonce,
      rawTx: tx.rawTx,
    };
  }

  // What a test does to the chain.

  /** Deploys an anchor contract with these members; returns its lowercase address. */
  deployAnchorContract(members: readonly string[]): string {
    const address = getAddress(`0x${keccak256(toUtf8Bytes(`anchor contract ${++this.#contractSerial}`)).slice(-40)}`).toLowerCase();
    this.#state.contracts.set(address, {
      members: new Set(members.map((member) => member.toLowerCase())),
      anchors: new Map(),
      lastRoots: new Map(),
    });
    return address;
  }

  addMember(contractAddress: string, account: string): void {
    this.#contract(contractAddress).members.add(account.toLowerCase());
  }

  removeMember(contractAddress: string, account: string): void {
    this.#contract(contractAddress).members.delete(account.toLowerCase());
  }

  /** Mines blocks; each takes every pool transaction whose nonce is next for its sender. */
  mine(blocks = 1): void {
    for (let i = 0; i < blocks; i++) this.#mineBlock();
  }

  /** Removes one pending transaction from the pool, or all of them (anvil_dropTransaction, anvil_dropAllTransactions). */
  dropPending(txHash?: string): void {
    if (txHash === undefined) this.#state.pool.clear();
    else this.#state.pool.delete(txHash.toLowerCase());
  }

  pendingCount(): number {
    return this.#state.pool.size;
  }

  /** Remembers the whole chain, pool included; revert(id) goes back to it (evm_snapshot, evm_revert). */
  snapshot(): number {
    this.#snapshots.push(structuredClone(this.#state));
    return this.#snapshots.length - 1;
  }

  /** Blocks mined since the snapshot leave the chain: a reorg that drops them and their transactions. */
  revert(snapshotId: number): void {
    const saved = this.#snapshots[snapshotId];
    if (!saved) throw new RangeError(`No snapshot ${snapshotId}.`);
    this.#state = structuredClone(saved);
  }

  /** The node lost its state (a dev chain restarted without its state file): a new genesis, no contract. */
  loseState(): void {
    this.#state = this.#genesis();
  }

  /** The mined transactions in block order, for checks such as "no root anchored twice". */
  minedTransactions(): MinedTransaction[] {
    return [...this.#state.mined.values()].sort((a, b) => (a.blockNumber < b.blockNumber ? -1 : a.blockNumber > b.blockNumber ? 1 : 0));
  }

  // Inside.

  #genesis(): ChainState {
    return {
      blocks: [{ hash: this.#nextBlockHash(), timestamp: BigInt(Math.floor(Date.now() / 1000)) }],
      nonces: new Map(),
      pool: new Map(),
      mined: new Map(),
      contracts: new Map(),
    };
  }

  #nextBlockHash(): string {
    return keccak256(toUtf8Bytes(`block ${this.#blockSerial++}`));
  }

  #answer(method: keyof AnchorChain): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    if (this.down || this.failing.has(method)) throw new ChainUnavailableError('http://in-memory-chain.invalid', 'the connection failed (it is down)');
  }

  #contract(contractAddress: string): ContractState {
    const contract = this.#state.contracts.get(contractAddress.toLowerCase());
    if (!contract) throw new ContractNotDeployedError(contractAddress.toLowerCase(), this.chainId);
    return contract;
  }

  #decode(rawTx: string): PendingTransaction {
    let tx: Transaction;
    try {
      tx = Transaction.from(rawTx);
    } catch (error) {
      throw new AnchorTransactionFailedError({ reason: 'rejected', message: `The node refused the anchor transaction: ${(error as Error).message}`, cause: error });
    }
    if (!tx.from) throw new AnchorTransactionFailedError({ reason: 'rejected', message: 'The node refused the anchor transaction: it is not signed' });
    if (tx.chainId !== this.chainId) {
      throw new AnchorTransactionFailedError({ reason: 'rejected', message: `The node refused the anchor transaction: chain id ${tx.chainId}, expected ${this.chainId}` });
    }
    return {
      txHash: keccak256(rawTx),
      rawTx,
      from: tx.from.toLowerCase(),
      nonce: BigInt(tx.nonce),
      gasPrice: tx.gasPrice ?? 0n,
      to: tx.to?.toLowerCase() ?? null,
      data: tx.data,
    };
  }

  #mineBlock(): void {
    const state = this.#state;
    const number = BigInt(state.blocks.length);
    const block = { hash: this.#nextBlockHash(), timestamp: state.blocks[state.blocks.length - 1].timestamp + 1n };
    state.blocks.push(block);
    for (let progressed = true; progressed; ) {
      progressed = false;
      for (const tx of [...state.pool.values()]) {
        const next = state.nonces.get(tx.from) ?? 0n;
        if (tx.nonce < next) state.pool.delete(tx.txHash); // its nonce went to another transaction
        if (tx.nonce !== next) continue;
        state.pool.delete(tx.txHash);
        state.nonces.set(tx.from, next + 1n);
        const revertReason = this.#execute(tx, number, block.timestamp);
        state.mined.set(tx.txHash, {
          ...tx,
          blockNumber: number,
          blockHash: block.hash,
          succeeded: revertReason === null,
          blockTime: revertReason === null && this.#isAnchorCall(tx) ? block.timestamp : null,
          revertReason,
        });
        progressed = true;
      }
    }
  }

  #isAnchorCall(tx: PendingTransaction): boolean {
    return tx.to !== null && this.#state.contracts.has(tx.to) && EVIDENCE_ANCHOR_INTERFACE.getFunction('anchor')!.selector === tx.data.slice(0, 10);
  }

  /** Applies the transaction; the contract's custom error name when it reverts, else null. */
  #execute(tx: PendingTransaction, blockNumber: bigint, blockTime: bigint): string | null {
    if (tx.to === null) return 'NoContractCreation'; // deployments happen through deployAnchorContract
    const contract = this.#state.contracts.get(tx.to);
    if (!contract) return null; // a transfer to an account, or a call to nothing: it succeeds and does nothing
    if (!this.#isAnchorCall(tx)) return 'UnknownFunction';
    const [root, previousRoot, firstSequence, leafCount] = EVIDENCE_ANCHOR_INTERFACE.decodeFunctionData('anchor', tx.data as BytesLike) as unknown as [
      string,
      string,
      bigint,
      bigint,
    ];
    const rootHex = root.toLowerCase();
    if (!contract.members.has(tx.from)) return 'NotMember';
    if (rootHex === ZERO_ROOT) return 'EmptyRoot';
    if (leafCount === 0n) return 'EmptyBatch';
    if (contract.anchors.has(rootHex)) return 'RootAlreadyAnchored';
    if (previousRoot.toLowerCase() !== (contract.lastRoots.get(tx.from) ?? ZERO_ROOT)) return 'ChainBreak';
    contract.anchors.set(rootHex, {
      blockNumber,
      blockTime,
      firstSequence,
      leafCount,
      submitter: tx.from,
      previousRoot: previousRoot.toLowerCase(),
      txHash: tx.txHash,
    });
    contract.lastRoots.set(tx.from, rootHex);
    return null;
  }
}
