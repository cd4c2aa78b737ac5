// Anchors one batch's Merkle root on chain as the signer's next link after previousRoot, idempotently:
// a root already on chain (anchored by an earlier attempt whose answer was lost, or by another member)
// is reported, not sent again. So a caller may retry after any failure, ChainUnavailableError included,
// without anchoring twice. A simple direct sender, for tests and operator tools.
import {
  getAddress,
  hexlify,
  isCallException,
  type ErrorDescription,
  type TransactionReceipt,
} from 'ethers';
import type { AnchorOnChain } from '../proof/anchor-lookup';
import { ROOT_ANCHORED_TOPIC } from '../proof/anchor-contract-abi';
import { EVIDENCE_ANCHOR_INTERFACE } from '../chain/anchor-abi';
import type { ChainConnection, RpcConnection } from '../chain/connect-chain';
import { describeError } from '../chain/describe-error';
import { AnchorTransactionFailedError, ChainUnavailableError } from '../proof/chain-errors';
import { findAnchor } from '../proof/find-anchor';
import { toChainError } from '../proof/to-chain-error';
import { waitForReceipt } from '../chain/wait-for-receipt';

export interface AnchorRecord {
  txHash: string;
  blockNumber: bigint;
  /** block.timestamp as the chain reports it: seconds on Ethereum clients, maybe ms on FISCO BCOS. */
  blockTime: bigint;
  chainId: bigint;
  /** Lowercase 0x-hex. */
  contractAddress: string;
  /** Lowercase 0x-hex; another member's address when that member anchored the root first. */
  submitter: string;
  /** The submitter's root anchored before this one (32 zero bytes for its first), lowercase 0x-hex. */
  previousRoot: string;
  /** True when the root was on chain before this call; nothing was sent then. */
  alreadyAnchored: boolean;
}

const UINT64_LIMIT = 1n << 64n;
const ANCHOR_POLL_INTERVAL_MS = 150;

export async function anchorRoot(
  connection: ChainConnection,
  {
    contractAddress,
    root,
    previousRoot,
    firstSequence,
    leafCount,
    auditHead = new Uint8Array(32),
    receiptTimeoutMs = 60_000,
  }: {
    contractAddress: string;
    /** The 32-byte Merkle root. */
    root: Uint8Array;
    /**
     * The signer's last anchored root (readLastRoot), 32 zero bytes for its first anchor; the contract
     * refuses any other value with ChainBreak.
     */
    previousRoot: Uint8Array;
    /** Sequence number of the batch's first leaf. */
    firstSequence: bigint;
    leafCount: number;
    /** The audit log head to anchor with the root (the RootAnchored event carries it); zeros by default. */
    auditHead?: Uint8Array;
    receiptTimeoutMs?: number;
  },
): Promise<AnchorRecord> {
  if (!(root instanceof Uint8Array) || root.length !== 32) {
    throw new RangeError(`root must be a 32-byte Uint8Array, got ${root?.length ?? typeof root} bytes.`);
  }
  if (root.every((byte) => byte === 0)) throw new RangeError('root must not be all zeros.');
  if (!(previousRoot instanceof Uint8Array) || previousRoot.length !== 32) {
    throw new RangeError(
      `previousRoot must be a 32-byte Uint8Array (all zeros for a member's first anchor), got ${previousRoot?.length ?? typeof previousRoot} bytes.`,
    );
  }
  if (firstSequence < 0n || firstSequence >= UINT64_LIMIT) {
    throw new RangeError(`firstSequence must fit in a uint64, got ${firstSequence}.`);
  }
  if (!(auditHead instanceof Uint8Array) || auditHead.length !== 32) {
    throw new RangeError(`auditHead must be a 32-byte Uint8Array, got ${auditHead?.length ?? typeof auditHead} bytes.`);
  }
  if (!Number.isSafeInteger(leafCount) || leafCount < 1) {
    throw new RangeError(`leafCount must be a positive integer, got ${leafCount}.`);
  }
  const { signer, provider, rpcUrl, chainId } = connection;
  if (!signer) throw new TypeError('anchorRoot needs a chain connection opened with a private key.');
  const contract = getAddress(contractAddress).toLowerCase();
  const rootHex = hexlify(root);
  const reportExisting = (anchor: AnchorOnChain) =>
    recordOfExistingAnchor(connection, { contract, rootHex, chainId, anchor });

  const existing = await findAnchor({ provider, rpcUrl }, contract, root);
  if (existing) return reportExisting(existing);

  let txHash: string;
  try {
    const tx = await signer.sendTransaction({
      to: contract,
      data: EVIDENCE_ANCHOR_INTERFACE.encodeFunctionData('anchor', [
        rootHex,
        hexlify(previousRoot),
        firstSequence,
        leafCount,
        hexlify(auditHead),
      ]),
    });
    txHash = tx.hash;
  } catch (error) {
    // Gas estimation simulates the call, so contract reverts surface here, before anything is sent.
    const revert = decodeRevert(error);
    if (revert?.name === 'RootAlreadyAnchored') {
      // Estimation runs against the pending block: a transaction for this root (ours from an earlier
      // attempt whose receipt timed out, or another member's) is mined or about to be.
      return reportExisting(await waitForAnchor(connection, contract, root, receiptTimeoutMs));
    }
    if (revert) {
      throw new AnchorTransactionFailedError({
        reason: 'contract-revert',
        revertError: revert.name,
        message: `The anchor contract ${contract} refused root ${rootHex}: ${revert.name}${explainRevert(revert, signer.address)}`,
        cause: error,
      });
    }
    const chainError = toChainError(error, rpcUrl);
    if (chainError instanceof ChainUnavailableError) throw chainError;
    throw new AnchorTransactionFailedError({
      reason: 'rejected',
      message: `The node refused the transaction anchoring root ${rootHex}: ${describeError(error)}`,
      cause: error,
    });
  }

  const receipt = await waitForReceipt(connection, txHash, { timeoutMs: receiptTimeoutMs });
  if (receipt.status !== 1) {
    // Another member's transaction for the same root may have been mined between our estimate and ours.
    const anchored = await findAnchor({ provider, rpcUrl }, contract, root);
    if (anchored) return reportExisting(anchored);
    throw new AnchorTransactionFailedError({
      reason: 'reverted',
      txHash,
      message: `The transaction anchoring root ${rootHex} reverted in block ${receipt.blockNumber} (${txHash}).`,
    });
  }
  const event = findRootAnchoredEvent(receipt, contract, rootHex);
  return {
    txHash,
    blockNumber: BigInt(receipt.blockNumber),
    // The event carries the block.timestamp the contract stored, which saves reading the block.
    blockTime: event.blockTime,
    chainId,
    contractAddress: contract,
    submitter: event.submitter,
    previousRoot: event.previousRoot,
    alreadyAnchored: false,
  };
}

async function waitForAnchor(
  { provider, rpcUrl }: ChainConnection,
  contract: string,
  root: Uint8Array,
  timeoutMs: number,
): Promise<AnchorOnChain> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const anchored = await findAnchor({ provider, rpcUrl }, contract, root);
    if (anchored) return anchored;
    if (Date.now() >= deadline) {
      throw new ChainUnavailableError(
        rpcUrl,
        `a pending transaction anchoring root ${hexlify(root)} was not mined within ${timeoutMs} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, ANCHOR_POLL_INTERVAL_MS));
  }
}

async function recordOfExistingAnchor(
  { provider, rpcUrl }: RpcConnection,
  { contract, rootHex, chainId, anchor }: { contract: string; rootHex: string; chainId: bigint; anchor: AnchorOnChain },
): Promise<AnchorRecord> {
  let logs;
  try {
    logs = await provider.getLogs({
      address: contract,
      topics: [ROOT_ANCHORED_TOPIC, rootHex],
      fromBlock: anchor.blockNumber,
      toBlock: anchor.blockNumber,
    });
  } catch (error) {
    throw toChainError(error, rpcUrl);
  }
  const log = logs[0];
  if (!log) {
    throw new Error(
      `Root ${rootHex} is anchored in block ${anchor.blockNumber} of contract ${contract}, ` +
        'but the node returns no RootAnchored log for it. Is it a pruned node?',
    );
  }
  return {
    txHash: log.transactionHash.toLowerCase(),
    blockNumber: anchor.blockNumber,
    blockTime: anchor.blockTime,
    chainId,
    contractAddress: contract,
    submitter: anchor.submitter,
    previousRoot: anchor.previousRoot,
    alreadyAnchored: true,
  };
}

function findRootAnchoredEvent(
  receipt: TransactionReceipt,
  contract: string,
  rootHex: string,
): { blockTime: bigint; submitter: string; previousRoot: string } {
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== contract || log.topics[0] !== ROOT_ANCHORED_TOPIC) continue;
    if (log.topics[1]?.toLowerCase() !== rootHex) continue;
    const parsed = EVIDENCE_ANCHOR_INTERFACE.parseLog(log);
    if (!parsed) continue;
    return {
      blockTime: parsed.args.blockTime as bigint,
      submitter: (parsed.args.submitter as string).toLowerCase(),
      previousRoot: (parsed.args.previousRoot as string).toLowerCase(),
    };
  }
  throw new Error(`Transaction ${receipt.hash} succeeded but emitted no RootAnchored event for root ${rootHex}.`);
}

function decodeRevert(error: unknown): ErrorDescription | undefined {
  if (!isCallException(error) || !error.data) return undefined;
  return EVIDENCE_ANCHOR_INTERFACE.parseError(error.data) ?? undefined;
}

function explainRevert(revert: ErrorDescription, signerAddress: string): string {
  if (revert.name === 'NotMember') {
    return (
      ` (${signerAddress.toLowerCase()} is not a member; a majority of the members must vote it in with ` +
      'proposeMembership and approveMembership).'
    );
  }
  if (revert.name === 'ChainBreak') {
    const [member, expected, given] = revert.args as unknown as [string, string, string];
    return (
      ` (previousRoot ${given.toLowerCase()} is not the last root ${member.toLowerCase()} anchored, ` +
      `${expected.toLowerCase()}; read it with readLastRoot).`
    );
  }
  return '.';
}
