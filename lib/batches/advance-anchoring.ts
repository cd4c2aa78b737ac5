// The anchoring state machine. Each call moves every unfinished batch as far as the chain allows:
//
//   sealed → signed     sign the anchor transaction offline; the raw bytes, nonce and previous root
//                       are stored in the same DB transaction, before anything is sent
//   signed → broadcast  send the stored raw transaction (the same bytes on every retry)
//   broadcast → included  its receipt appears; a transaction stuck past stuckAfterMs is re-sent, or
//                       replaced with the same nonce and a higher gas price where gas costs something
//   included → final    CHAIN_CONFIRMATIONS blocks deep and still in the same block; a reorg that
//                       dropped it sends the batch back to broadcast
//
// Each batch holds one organization's evidence. It is signed with that lender's own member key when
// the operator has set one (organization.anchor_member_address, key in MEMBER_ANCHOR_KEYS), else with
// the operator's key. A lender batch whose key is missing, or whose address the contract does not
// list as a member, waits as `sealed` with the reason in last_anchor_error; other lanes go on.
//
// Only the holder of the anchoring lock calls this, so one process owns the signers' nonces. Every
// transition is committed before the next side effect, so a crash at any point resumes from the
// stored state. The contract refuses a root twice and a break in the member's chain of roots.
// Each anchor also carries the audit log head recorded when the batch was sealed, so the log's
// history up to that entry is fixed on chain too (lib/audit/verify-audit-chain.ts checks it).
import { appendAuditEntry, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import type { Batch } from '../db/generated/client';
import type { ChainConnection } from '../chain/connect-chain';
import { broadcastRawTransaction } from '../chain/broadcast-raw-transaction';
import { getTransactionOutcome } from '../chain/get-transaction-outcome';
import { readIsMember } from '../chain/read-is-member';
import { readLastRoot } from '../chain/read-last-root';
import { signAnchorTransaction } from '../chain/sign-anchor-transaction';
import { toChainError } from '../chain/to-chain-error';
import { toHex } from '../hex';

export interface AnchoringSettings {
  contractAddress: string;
  confirmations: number;
  stuckAfterMs: number;
  gasLimit: bigint;
  /** Upper bound on signed-but-not-final batches, so a backlog never floods the node. */
  maxInFlight: number;
}

export interface AnchoringProgress {
  signed: number;
  broadcast: number;
  included: number;
  finalized: number;
  reorged: number;
  replaced: number;
  reverted: number;
  error?: Error;
}

const IN_FLIGHT = ['signed', 'broadcast', 'included'] as const;
const FEE_BUMP_PERCENT = 125n;

export async function advanceAnchoring({
  prisma,
  chain,
  settings,
  log = () => undefined,
}: {
  prisma: PrismaClient;
  chain: ChainConnection;
  settings: AnchoringSettings;
  log?: (line: string) => void;
}): Promise<AnchoringProgress> {
  const progress: AnchoringProgress = { signed: 0, broadcast: 0, included: 0, finalized: 0, reorged: 0, replaced: 0, reverted: 0 };
  const operator = chain.signer;
  if (!operator) throw new Error('Anchoring needs a signer: ANCHOR_PRIVATE_KEY');
  const signers = new Map([operator, ...chain.memberSigners].map((wallet) => [wallet.address.toLowerCase(), wallet]));
  const membership = new Map<string, boolean>();
  try {
    await signSealedBatches();
    // Batches signed with an earlier (rotated) key are still followed to final: re-sending their
    // stored transaction and reading receipts needs no key.
    const batches = await prisma.batch.findMany({
      where: { status: { in: [...IN_FLIGHT] }, chainId: chain.chainId },
      orderBy: [{ anchorSubmitter: 'asc' }, { nonce: 'asc' }],
    });
    const head = batches.some((b) => b.status === 'included') ? BigInt(await chain.provider.getBlockNumber()) : 0n;
    for (const batch of batches) {
      if (batch.status === 'signed') await broadcast(batch);
      else if (batch.status === 'broadcast') await checkInclusion(batch);
      else await checkFinality(batch, head);
    }
  } catch (error) {
    progress.error = toChainError(error, chain.rpcUrl) as Error;
  }
  return progress;

  async function signSealedBatches() {
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
    const gasPrice = BigInt((await chain.provider.send('eth_gasPrice', [])) as string);
    const waitingLanes = new Set<string | null>();
    for (const batch of sealed) {
      if (progress.signed >= room) return;
      // A lane's batches chain their roots in order: none is signed while an earlier one waits.
      if (waitingLanes.has(batch.organizationId)) continue;
      const signer = await signerFor(batch);
      if (!signer) {
        waitingLanes.add(batch.organizationId);
        continue;
      }
      const submitter = signer.address.toLowerCase();
      await prisma.$transaction(async (tx) => {
        const signedBefore = { chainId: chain.chainId, anchorSubmitter: submitter, status: { not: 'sealed' as const } };
        const lastNonce = await tx.batch.findFirst({ where: signedBefore, orderBy: { nonce: 'desc' }, select: { nonce: true } });
        const chainNonce = BigInt(await chain.provider.getTransactionCount(submitter, 'latest'));
        // Right after our own last transaction, or the chain's count when the key was used elsewhere (deploys).
        const nonce = lastNonce?.nonce != null && lastNonce.nonce + 1n >= chainNonce ? lastNonce.nonce + 1n : chainNonce;
        // Each anchor names the member's previous root; the contract refuses a break in that chain.
        const lastRoot = await tx.batch.findFirst({
          where: { ...signedBefore, contractAddress: settings.contractAddress },
          orderBy: { nonce: 'desc' },
          select: { root: true },
        });
        const previousRoot = lastRoot?.root ?? (await readLastRoot(chain.provider, settings.contractAddress, submitter));
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
  async function signerFor(batch: Batch & { organization: { name: string; anchorMemberAddress: string | null } | null }) {
    const member = batch.organization?.anchorMemberAddress;
    if (!member) return operator!;
    const wallet = signers.get(member);
    let reason: string | null = null;
    if (!wallet) {
      reason = `no key for consortium member ${member} of ${batch.organization!.name}: add it to MEMBER_ANCHOR_KEYS`;
    } else {
      if (!membership.has(member)) membership.set(member, await readIsMember(chain.provider, settings.contractAddress, member));
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

  async function broadcast(batch: Batch) {
    await broadcastRawTransaction(chain.provider, batch.rawTx!);
    await prisma.batch.update({ where: { id: batch.id, status: 'signed' }, data: { status: 'broadcast', broadcastAt: new Date() } });
    progress.broadcast++;
  }

  async function checkInclusion(batch: Batch) {
    for (const txHash of [batch.txHash!, ...batch.replacedTxHashes]) {
      const outcome = await getTransactionOutcome(chain.provider, txHash);
      if (!outcome) continue;
      if (!outcome.succeeded) {
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
    if (Date.now() - (batch.broadcastAt?.getTime() ?? 0) < settings.stuckAfterMs) return;
    await unstick(batch);
  }

  async function unstick(batch: Batch) {
    const pending = await chain.provider.getTransaction(batch.txHash!);
    const oldPrice = pending?.gasPrice ?? 0n;
    const signer = signers.get(batch.anchorSubmitter!);
    if (!pending || oldPrice === 0n || !signer) {
      // Dropped from the pool, a free-gas chain where a higher price changes nothing, or signed by a
      // rotated key this process no longer holds: re-send.
      await broadcastRawTransaction(chain.provider, batch.rawTx!);
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
    await broadcastRawTransaction(chain.provider, replacement.rawTx);
    log(`replaced stuck anchor transaction ${batch.txHash} of batch ${batch.id} with ${replacement.txHash}`);
    progress.replaced++;
  }

  async function checkFinality(batch: Batch, head: bigint) {
    const outcome = await getTransactionOutcome(chain.provider, batch.txHash!);
    if (!outcome || outcome.blockHash !== batch.blockHash) {
      log(`anchor transaction ${batch.txHash} of batch ${batch.id} left block ${batch.blockNumber} (reorg); re-sending`);
      await prisma.batch.update({
        where: { id: batch.id, status: 'included' },
        data: { status: 'broadcast', blockNumber: null, blockHash: null, blockTime: null, broadcastAt: new Date() },
      });
      await broadcastRawTransaction(chain.provider, batch.rawTx!);
      progress.reorged++;
      return;
    }
    if (head - outcome.blockNumber < BigInt(settings.confirmations)) return;
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
