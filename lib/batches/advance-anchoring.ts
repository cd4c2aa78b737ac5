// The anchoring state machine. Each call moves every unfinished batch as far as the chain allows:
//
//   sealed → signed     sign the anchor transaction offline; the raw bytes, nonce and previous root
//                       are stored in the same DB transaction, before anything is sent. The contract
//                       is asked first whether the root is already anchored: then that anchor is
//                       adopted (→ included) and nothing is signed
//   signed → broadcast  send the stored raw transaction (the same bytes on every retry)
//   broadcast → included  its receipt appears, or the contract holds the root under another
//                       transaction (a replaced or stale one), which is adopted; a nonce the chain
//                       spent on another transaction sends the batch back to sealed; a transaction
//                       stuck past stuckAfterMs is re-sent, or replaced with the same nonce and a
//                       higher gas price where gas costs something
//   included → final    CHAIN_CONFIRMATIONS blocks deep and still in the same block; a reorg that
//                       dropped it adopts the root's new anchor if there is one, else sends the
//                       batch back to broadcast (or to sealed when it holds no signed transaction)
//
// Each batch holds one organization's evidence. It is signed with that lender's own member key when
// the operator has set one (organization.anchor_member_address, key in MEMBER_ANCHOR_KEYS), else with
// the operator's key. A lender batch whose key is missing, or whose address the contract does not
// list as a member, waits as `sealed` with the reason in last_anchor_error; other lanes go on.
//
// Each transition is one function over the call's AnchoringContext: signSealedBatches,
// broadcastSigned, followBroadcast (with adoptAnchorOfRoot and unstick), followIncluded (finalize,
// or recoverFromReorg). Only advanceAnchoring calls them, and it talks to the chain through the
// AnchorChain port only (lib/chain/anchor-chain.ts): a JSON-RPC node in production, an in-memory
// chain in the state machine's fast tests (lib/testing/in-memory-anchor-chain.ts).
//
// Only the holder of the anchoring lock calls this, so one process owns the signers' nonces. Every
// transition is committed before the next side effect, so a crash at any point resumes from the
// stored state. The contract refuses a root twice and a break in the member's chain of roots.
// Each anchor also carries the audit log head recorded when the batch was sealed, so the log's
// history up to that entry is fixed on chain too (lib/audit/verify-audit-chain.ts checks it).
import { appendAuditEntry, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import type { Batch } from '../db/generated/client';
import type { Wallet } from 'ethers';
import type { AnchorChain, TransactionOutcome } from '../chain/anchor-chain';
import { signAnchorTransaction } from '../chain/sign-anchor-transaction';
import { nextAnchorNonce } from './next-anchor-nonce';
import { fromHex, toHex } from '../proof/hex';

export interface AnchoringSettings {
  contractAddress: string;
  confirmations: number;
  stuckAfterMs: number;
  gasLimit: bigint;
  /** Upper bound on signed-but-not-final batches, so a backlog never floods the node. */
  maxInFlight: number;
}

/** The keys anchoring signs with. Signing is offline: the chain port never sees a key. */
export interface AnchoringKeys {
  /** The operator's key; anchoring refuses to run without it. */
  operator?: Wallet;
  /** Consortium members' keys, for lenders that anchor with their own (MEMBER_ANCHOR_KEYS). */
  members: readonly Wallet[];
}

export interface AnchoringProgress {
  signed: number;
  broadcast: number;
  included: number;
  finalized: number;
  reorged: number;
  replaced: number;
  reverted: number;
  /** Batches whose root the contract already held under a transaction they did not store. */
  adopted: number;
  /** Batches sent back to sealed because the chain spent their nonce on another transaction. */
  resigned: number;
  error?: Error;
}

/** What every transition of one advanceAnchoring call shares. */
interface AnchoringContext {
  prisma: PrismaClient;
  chain: AnchorChain;
  settings: AnchoringSettings;
  log: (line: string) => void;
  progress: AnchoringProgress;
  /** The operator's key. */
  operator: Wallet;
  /** Every key this process holds, by lowercase address. */
  signers: Map<string, Wallet>;
  /** Whether the contract lists a member address, read once per call. */
  membership: Map<string, boolean>;
  /** Each submitter's mined nonce count, read once per call and before any receipt of this call. */
  minedNonces: Map<string, bigint>;
}

const IN_FLIGHT = ['signed', 'broadcast', 'included'] as const;
const FEE_BUMP_PERCENT = 125n;
/** How long a broadcast batch whose nonce is still open waits before its root is looked up. */
const ROOT_LOOKUP_AFTER_MS = 2_000;

/**
 * One round of the state machine. Never throws once it has started: an error (the chain or the
 * database unavailable) ends the round and is returned in progress.error, and the next round
 * resumes from what was committed.
 */
export async function advanceAnchoring({
  prisma,
  chain,
  keys,
  settings,
  log = () => undefined,
}: {
  prisma: PrismaClient;
  chain: AnchorChain;
  keys: AnchoringKeys;
  settings: AnchoringSettings;
  log?: (line: string) => void;
}): Promise<AnchoringProgress> {
  const progress: AnchoringProgress = {
    signed: 0,
    broadcast: 0,
    included: 0,
    finalized: 0,
    reorged: 0,
    replaced: 0,
    reverted: 0,
    adopted: 0,
    resigned: 0,
  };
  const { operator } = keys;
  if (!operator) throw new Error('Anchoring needs a signer: ANCHOR_PRIVATE_KEY');
  const ctx: AnchoringContext = {
    prisma,
    chain,
    settings,
    log,
    progress,
    operator,
    signers: new Map([operator, ...keys.members].map((wallet) => [wallet.address.toLowerCase(), wallet])),
    membership: new Map(),
    minedNonces: new Map(),
  };
  try {
    await signSealedBatches(ctx);
    // Batches signed with an earlier (rotated) key are still followed to final: re-sending their
    // stored transaction and reading receipts needs no key.
    const batches = await prisma.batch.findMany({
      where: { status: { in: [...IN_FLIGHT] }, chainId: chain.chainId },
      orderBy: [{ anchorSubmitter: 'asc' }, { nonce: 'asc' }],
    });
    const head = batches.some((b) => b.status === 'included') ? await chain.blockNumber() : 0n;
    for (const batch of batches) {
      if (batch.status === 'signed') await broadcastSigned(ctx, batch);
      else if (batch.status === 'broadcast') await followBroadcast(ctx, batch);
      else await followIncluded(ctx, batch, head);
    }
  } catch (error) {
    // The port has already turned an unreachable node into ChainUnavailableError.
    progress.error = error as Error;
  }
  return progress;
}

/** sealed → signed (or → included when the root is anchored already). */
async function signSealedBatches(ctx: AnchoringContext) {
  const { prisma, chain, settings, progress } = ctx;
  const inFlight = await prisma.batch.count({ where: { status: { in: [...IN_FLIGHT] } } });
  const room = settings.maxInFlight - inFlight;
  if (room <= 0) return;
  // Not limited to `room`: batches of a lane that must wait may come first.
  const sealed = await prisma.batch.findMany({
    where: { status: 'sealed' },
    orderBy: { firstSequence: 'asc' },
    include: { organization: { select: { name: true, anchorMemberAddress: true } } },
  });
  if (sealed.length === 0) return;
  const gasPrice = await chain.gasPrice();
  const waitingLanes = new Set<string | null>();
  for (const batch of sealed) {
    if (progress.signed >= room) return;
    // A lane's batches chain their roots in order: none is signed while an earlier one waits.
    if (waitingLanes.has(batch.organizationId)) continue;
    // Anchored already (a transaction from before a crash or a chain reset, or another member's):
    // adopt that anchor instead of signing a transaction the contract would refuse.
    if (await adoptAnchorOfRoot(ctx, batch, settings.contractAddress)) continue;
    const signer = await signerFor(ctx, batch);
    if (!signer) {
      waitingLanes.add(batch.organizationId);
      continue;
    }
    const submitter = signer.address.toLowerCase();
    await prisma.$transaction(async (tx) => {
      const signedBefore = { chainId: chain.chainId, anchorSubmitter: submitter, status: { not: 'sealed' as const } };
      // Right after the key's last stored transaction (a batch's or a reconciliation day's), or the
      // chain's count when the key was used elsewhere (deploys).
      const nonce = await nextAnchorNonce(tx, { chainId: chain.chainId, submitter, minedNonceCount: await chain.minedNonceCount(submitter) });
      // Each anchor names the member's previous root; the contract refuses a break in that chain.
      const lastRoot = await tx.batch.findFirst({
        where: { ...signedBefore, contractAddress: settings.contractAddress },
        orderBy: { nonce: 'desc' },
        select: { root: true },
      });
      const previousRoot = lastRoot?.root ?? (await chain.lastRoot(settings.contractAddress, submitter));
      const signed = await signAnchorTransaction(signer, {
        chainId: chain.chainId,
        contractAddress: settings.contractAddress,
        root: batch.root,
        previousRoot,
        firstSequence: batch.firstSequence,
        leafCount: batch.leafCount,
        auditHead: auditHeadOf(batch),
        nonce,
        gasPrice,
        gasLimit: settings.gasLimit,
      });
      await tx.batch.update({
        where: { id: batch.id, status: 'sealed' },
        data: {
          status: 'signed',
          chainId: chain.chainId,
          contractAddress: settings.contractAddress,
          anchorSubmitter: submitter,
          previousRoot: new Uint8Array(previousRoot),
          nonce,
          rawTx: signed.rawTx,
          txHash: signed.txHash,
          replacedTxHashes: [],
          signedAt: new Date(),
          anchorAttempts: { increment: 1 },
          lastAnchorError: null,
        },
      });
    });
    progress.signed++;
  }
}

/** The key that anchors this batch, or null when it must wait (the reason is stored and logged once). */
async function signerFor(
  ctx: AnchoringContext,
  batch: Batch & { organization: { name: string; anchorMemberAddress: string | null } | null },
) {
  const { prisma, chain, settings, log, operator, signers, membership } = ctx;
  const member = batch.organization?.anchorMemberAddress;
  if (!member) return operator;
  const wallet = signers.get(member);
  let reason: string | null = null;
  if (!wallet) {
    reason = `no key for consortium member ${member} of ${batch.organization!.name}: add it to MEMBER_ANCHOR_KEYS`;
  } else {
    if (!membership.has(member)) membership.set(member, await chain.isMember(settings.contractAddress, member));
    if (!membership.get(member)) {
      reason = `${member} of ${batch.organization!.name} is not a member of the anchor contract ${settings.contractAddress}: the consortium must add it first`;
    }
  }
  if (reason === null) return wallet!;
  if (batch.lastAnchorError !== reason) {
    log(`batch ${batch.id} waits: ${reason}`);
    await prisma.batch.update({ where: { id: batch.id, status: 'sealed' }, data: { lastAnchorError: reason } });
  }
  return null;
}

/** signed → broadcast: sends the stored bytes; the same ones on every retry. */
async function broadcastSigned(ctx: AnchoringContext, batch: Batch) {
  const { prisma, chain, progress } = ctx;
  await chain.sendRawTransaction(batch.rawTx!);
  await prisma.batch.update({ where: { id: batch.id, status: 'signed' }, data: { status: 'broadcast', broadcastAt: new Date() } });
  progress.broadcast++;
}

/** broadcast → included, or → sealed when its nonce went to another transaction; unsticks a stuck one. */
async function followBroadcast(ctx: AnchoringContext, batch: Batch) {
  const { prisma, chain, settings, log, progress } = ctx;
  // Read before the receipts: a nonce spent by then belongs to a transaction whose receipt they show.
  const nonceSpent = (await minedNonceCount(ctx, batch.anchorSubmitter!)) > batch.nonce!;
  for (const txHash of [batch.txHash!, ...batch.replacedTxHashes]) {
    const outcome = await chain.transactionOutcome(txHash);
    if (!outcome) continue;
    if (!outcome.succeeded) {
      // Refused as RootAlreadyAnchored: some other transaction anchored the root first.
      if (await adoptAnchorOfRoot(ctx, batch, batch.contractAddress!)) return;
      // The nonce is spent; the batch is signed again with the next one.
      log(`anchor transaction ${txHash} of batch ${batch.id} reverted; signing it again`);
      await prisma.batch.update({
        where: { id: batch.id, status: 'broadcast' },
        data: { ...CLEARED_SIGNING, status: 'sealed', lastAnchorError: `transaction ${txHash} reverted` },
      });
      progress.reverted++;
      return;
    }
    await prisma.batch.update({
      where: { id: batch.id, status: 'broadcast' },
      data: {
        status: 'included',
        txHash: outcome.txHash,
        blockNumber: outcome.blockNumber,
        blockHash: outcome.blockHash,
        blockTime: outcome.blockTime,
        lastAnchorError: null,
      },
    });
    progress.included++;
    return;
  }
  // No receipt under any hash this batch stored ("nonce too low" on a re-send ends up here too):
  // the contract knows whether the root is anchored, and by which transaction. Asked at once when
  // the nonce is spent, else only once the transaction has had time to be mined, to spare the node.
  const waited = Date.now() - (batch.broadcastAt?.getTime() ?? 0) >= ROOT_LOOKUP_AFTER_MS;
  if ((nonceSpent || waited) && (await adoptAnchorOfRoot(ctx, batch, batch.contractAddress!))) return;
  if (nonceSpent) {
    const reason = `nonce ${batch.nonce} of ${batch.anchorSubmitter} was used by another transaction (a lost or replaced chain)`;
    log(`batch ${batch.id}: ${reason}; signing it again`);
    await prisma.batch.update({
      where: { id: batch.id, status: 'broadcast' },
      data: { ...CLEARED_SIGNING, status: 'sealed', lastAnchorError: reason },
    });
    progress.resigned++;
    return;
  }
  if (Date.now() - (batch.broadcastAt?.getTime() ?? 0) < settings.stuckAfterMs) return;
  await unstick(ctx, batch);
}

async function minedNonceCount(ctx: AnchoringContext, submitter: string): Promise<bigint> {
  const { chain, minedNonces } = ctx;
  if (!minedNonces.has(submitter)) minedNonces.set(submitter, await chain.minedNonceCount(submitter));
  return minedNonces.get(submitter)!;
}

/**
 * Makes the transaction that anchored the batch's root on the contract its own, whichever it is,
 * and moves the batch to included. False when the root is not anchored there.
 */
async function adoptAnchorOfRoot(ctx: AnchoringContext, batch: Batch, contractAddress: string): Promise<boolean> {
  const { prisma, chain, log, progress } = ctx;
  const found = await chain.findRootAnchor(contractAddress, batch.root);
  if (!found) return false;
  const submitter = found.anchor.submitter;
  if (batch.status === 'included' && found.txHash === batch.txHash && found.blockHash === batch.blockHash) return false;
  await prisma.$transaction(async (tx) => {
    // A batch that still counts on that nonce for its own transaction lost it: sign that one again.
    const holder = await tx.batch.findFirst({
      where: { chainId: chain.chainId, anchorSubmitter: submitter, nonce: found.nonce, id: { not: batch.id } },
    });
    if (holder && (holder.status === 'signed' || holder.status === 'broadcast')) {
      await tx.batch.update({
        where: { id: holder.id },
        data: { ...CLEARED_SIGNING, status: 'sealed', lastAnchorError: `nonce ${found.nonce} anchored batch ${batch.id} instead` },
      });
    }
    await tx.batch.update({
      where: { id: batch.id, status: batch.status },
      data: {
        status: 'included',
        chainId: chain.chainId,
        contractAddress: contractAddress.toLowerCase(),
        anchorSubmitter: submitter,
        previousRoot: new Uint8Array(fromHex(found.anchor.previousRoot, 32)),
        nonce: holder && holder.status !== 'signed' && holder.status !== 'broadcast' ? null : found.nonce,
        rawTx: found.rawTx,
        txHash: found.txHash,
        replacedTxHashes: [],
        signedAt: batch.signedAt ?? new Date(),
        broadcastAt: batch.broadcastAt ?? new Date(),
        blockNumber: found.anchor.blockNumber,
        blockHash: found.blockHash,
        blockTime: found.anchor.blockTime,
        lastAnchorError: null,
      },
    });
  });
  log(`batch ${batch.id}: root already anchored by transaction ${found.txHash} in block ${found.anchor.blockNumber}; adopted it`);
  progress.adopted++;
  return true;
}

/** A broadcast transaction past stuckAfterMs: re-sent, or replaced (same nonce, higher gas price). */
async function unstick(ctx: AnchoringContext, batch: Batch) {
  const { prisma, chain, settings, log, progress, signers } = ctx;
  const oldPrice = (await chain.transactionGasPrice(batch.txHash!)) ?? 0n;
  const signer = signers.get(batch.anchorSubmitter!);
  if (oldPrice === 0n || !signer) {
    // Dropped from the pool (no price known), a free-gas chain where a higher price changes nothing,
    // or signed by a rotated key this process no longer holds: re-send.
    await chain.sendRawTransaction(batch.rawTx!);
    await prisma.batch.update({ where: { id: batch.id }, data: { broadcastAt: new Date() } });
    return;
  }
  const replacement = await signAnchorTransaction(signer, {
    chainId: chain.chainId,
    contractAddress: batch.contractAddress!,
    root: batch.root,
    previousRoot: batch.previousRoot!,
    firstSequence: batch.firstSequence,
    leafCount: batch.leafCount,
    auditHead: auditHeadOf(batch),
    nonce: batch.nonce!,
    gasPrice: (oldPrice * FEE_BUMP_PERCENT) / 100n + 1n,
    gasLimit: settings.gasLimit,
  });
  // Stored before it is sent, like the original.
  await prisma.batch.update({
    where: { id: batch.id },
    data: {
      rawTx: replacement.rawTx,
      txHash: replacement.txHash,
      replacedTxHashes: [...batch.replacedTxHashes, batch.txHash!],
      broadcastAt: new Date(),
    },
  });
  await chain.sendRawTransaction(replacement.rawTx);
  log(`replaced stuck anchor transaction ${batch.txHash} of batch ${batch.id} with ${replacement.txHash}`);
  progress.replaced++;
}

/** included → final once deep enough, or back (recoverFromReorg) when its block left the chain. */
async function followIncluded(ctx: AnchoringContext, batch: Batch, head: bigint) {
  const outcome = await ctx.chain.transactionOutcome(batch.txHash!);
  if (!outcome || outcome.blockHash !== batch.blockHash) return recoverFromReorg(ctx, batch);
  if (head - outcome.blockNumber < BigInt(ctx.settings.confirmations)) return;
  await finalize(ctx, batch, outcome);
}

/**
 * An included batch whose transaction is no longer in the block it was recorded in: adopts the
 * root's new anchor if there is one, else re-sends its transaction (→ broadcast), or signs again
 * (→ sealed) when it holds no signed transaction to re-send.
 */
async function recoverFromReorg(ctx: AnchoringContext, batch: Batch) {
  const { prisma, chain, log, progress } = ctx;
  // The root may be anchored again by another transaction (a replacement mined after the reorg).
  if (await adoptAnchorOfRoot(ctx, batch, batch.contractAddress!)) return;
  if (!batch.rawTx) {
    log(`anchor transaction ${batch.txHash} of batch ${batch.id} left block ${batch.blockNumber}; signing it again`);
    await prisma.batch.update({
      where: { id: batch.id, status: 'included' },
      data: { ...CLEARED_SIGNING, status: 'sealed', lastAnchorError: `transaction ${batch.txHash} left the chain` },
    });
    progress.reorged++;
    return;
  }
  log(`anchor transaction ${batch.txHash} of batch ${batch.id} left block ${batch.blockNumber} (reorg); re-sending`);
  await prisma.batch.update({
    where: { id: batch.id, status: 'included' },
    data: { status: 'broadcast', blockNumber: null, blockHash: null, blockTime: null, broadcastAt: new Date() },
  });
  await chain.sendRawTransaction(batch.rawTx);
  progress.reorged++;
}

/** included → final, with the batch's one audit entry in the same transaction. */
async function finalize(ctx: AnchoringContext, batch: Batch, outcome: TransactionOutcome) {
  const { prisma, progress } = ctx;
  // One audit entry per batch, at the one transition that happens exactly once.
  await prisma.$transaction(async (tx) => {
    await tx.batch.update({ where: { id: batch.id, status: 'included' }, data: { status: 'final', anchoredAt: new Date() } });
    await appendAuditEntry(tx, {
      actor: SYSTEM_ACTOR,
      action: 'batch.anchor',
      targetType: 'batch',
      targetId: batch.id,
      details: {
        root: toHex(batch.root),
        chainId: batch.chainId!.toString(),
        contractAddress: batch.contractAddress,
        txHash: outcome.txHash,
        blockNumber: outcome.blockNumber.toString(),
        auditSequence: batch.auditSequence?.toString() ?? null,
      },
    });
  });
  progress.finalized++;
}

/** The audit head sealed with the batch, or zeros for a batch sealed while the log was empty. */
function auditHeadOf(batch: Batch): Uint8Array {
  return batch.auditHead ? new Uint8Array(batch.auditHead) : new Uint8Array(32);
}

/** Fields that belong to one signing attempt; cleared when a batch must be signed again. */
export const CLEARED_SIGNING = {
  anchorSubmitter: null,
  previousRoot: null,
  nonce: null,
  rawTx: null,
  txHash: null,
  replacedTxHashes: [] as string[],
  signedAt: null,
  broadcastAt: null,
  blockNumber: null,
  blockHash: null,
  blockTime: null,
  anchoredAt: null,
};
