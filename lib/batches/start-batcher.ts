// The batcher loop that runs beside the web server (or alone, as scripts/worker.ts): every
// interval it chains the audit outbox into the log, seals all pending evidence (a batch per organization, several when a backlog exceeds
// the cap) and, if this process holds the anchoring lock, checks that the chain is still the one it
// anchors on (followChain) and drives the anchoring state machine. It also drafts any co-lender
// reconciliation statement a crashed upload left due (lib/reconciliation/draft-pending-statements.ts)
// and checks the regulator's portfolio rules on newly committed sides (check-pending-portfolio-rules.ts).
// Failures are logged and retried on the next tick; nothing is dropped. Beside it, on its own timer
// and lock, the timestamping loop gets an RFC 3161 token for every sealed batch root: a TSA that is
// down never holds up anchoring, and a chain that is down never holds up timestamps.
import { flushAuditOutbox } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import { ANCHOR_LOCK_KEY, TIMESTAMP_LOCK_KEY } from '../db/locks';
import { tryHoldSessionLock, type SessionLock } from '../db/hold-session-lock';
import type { ChainConnection } from '../chain/connect-chain';
import { advanceAnchoring, type AnchoringSettings } from './advance-anchoring';
import { sealAllPendingEvidence } from './seal-all-pending-evidence';
import type { TimestampSettings } from '../timestamps/request-timestamp';
import { timestampWaitingBatches } from '../timestamps/timestamp-waiting-batches';
import type { Issuer } from '../certificates/load-issuer';
import { draftPendingStatements } from '../reconciliation/draft-pending-statements';
import { escalateUnsignedStatements } from '../reconciliation/escalate-unsigned-statements';
import { checkPendingPortfolioRules } from '../reconciliation/check-pending-portfolio-rules';
import { timestampReconciliationDocuments } from '../reconciliation/timestamp-reconciliation-documents';
import { advanceReconciliationAnchoring } from '../reconciliation/advance-reconciliation-anchoring';

/** How often unsigned reconciliation statements are checked for escalation. */
const ESCALATION_CHECK_MS = 60_000;

export interface Batcher {
  /** One full seal-and-anchor pass; resolves when it is done. */
  runOnce(): Promise<void>;
  /** One timestamping pass; resolves when it is done. */
  timestampOnce(): Promise<void>;
  stop(): Promise<void>;
}

const ROUND_PAUSE_MS = 150;
/** The shortest per-batch timestamp back-off is 1 s; the loop looks at least that often. */
const TIMESTAMP_TICK_MS = 1000;

export function startBatcher({
  prisma,
  databaseUrl,
  chain,
  anchoring,
  intervalMs,
  maxLeaves,
  followChain,
  timestamping,
  reconciliation,
  log = console.log,
}: {
  prisma: PrismaClient;
  databaseUrl: string;
  chain: ChainConnection;
  anchoring: AnchoringSettings;
  intervalMs: number;
  maxLeaves: number;
  /**
   * Checks, before each anchoring round, that the chain was not lost or replaced, and recovers if it
   * was (lib/startup/follow-anchor-chain.ts); resolves to the contract to anchor on from then on, or
   * null when nothing changed.
   */
  followChain?: () => Promise<string | null>;
  /** Unset: no timestamps (tests of anchoring alone). */
  timestamping?: { settings: TimestampSettings; skewWarningSeconds: number };
  /** Unset: reconciliation statements are drafted only by the uploads that complete their day. */
  reconciliation?: { storageDir: string; issuer: () => Promise<Issuer>; escalateAfterMs?: number };
  log?: (line: string) => void;
}): Batcher {
  const keys = { operator: chain.signer, members: chain.memberSigners };
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let lease: SessionLock | null = null;
  let stamping: Promise<void> = Promise.resolve();
  let stampTimer: NodeJS.Timeout | undefined;
  let stampLease: SessionLock | null = null;
  let nextEscalationCheck = 0;

  async function sealAll() {
    for (const batch of await sealAllPendingEvidence({ prisma, maxLeaves })) {
      log(`sealed batch ${batch.id}: ${batch.leafCount} items, sequences ${batch.firstSequence}-${batch.lastSequence}`);
    }
  }

  // A day whose second side's upload died before drafting its statement (lib/reconciliation).
  async function draftStatements({ storageDir, issuer, escalateAfterMs }: { storageDir: string; issuer: () => Promise<Issuer>; escalateAfterMs?: number }) {
    try {
      for (const day of await draftPendingStatements({ prisma, storageDir, issuer: await issuer() })) {
        log(`drafted the reconciliation statement of pair ${day.pairId} on ${day.businessDate}`);
      }
      // A deadline counted in hours is looked at once a minute, not on every tick.
      if (escalateAfterMs !== undefined && Date.now() >= nextEscalationCheck) {
        nextEscalationCheck = Date.now() + ESCALATION_CHECK_MS;
        for (const day of await escalateUnsignedStatements({ prisma, afterMs: escalateAfterMs })) {
          log(`escalated the reconciliation statement of pair ${day.pairId} on ${day.businessDate}: not signed off by bank ${day.unsigned.join(' and ')}`);
        }
      }
    } catch (error) {
      log(`drafting reconciliation statements failed, will retry: ${(error as Error).message}`);
    }
    try {
      for (const side of await checkPendingPortfolioRules({ prisma, storageDir })) {
        log(`checked the portfolio rules on side ${side.bank} of pair ${side.pairId} on ${side.businessDate}: ${JSON.stringify(side.violations)}`);
      }
    } catch (error) {
      log(`checking portfolio rules failed, will retry: ${(error as Error).message}`);
    }
  }

  async function anchor() {
    if (lease && !lease.held()) lease = null;
    lease ??= await tryHoldSessionLock({ databaseUrl, key: ANCHOR_LOCK_KEY });
    if (!lease) return; // another process anchors
    if (followChain) {
      try {
        const contractAddress = await followChain();
        if (contractAddress) anchoring = { ...anchoring, contractAddress };
      } catch (error) {
        log(`anchoring paused, will retry: checking the chain failed: ${(error as Error).message}`);
        return;
      }
    }
    // Within one tick, keep going while transactions are in flight, so an anchor that is mined in
    // milliseconds does not wait for the next tick to be recorded.
    await anchorReconciliationDays();
    const deadline = Date.now() + intervalMs;
    for (;;) {
      const progress = await advanceAnchoring({ prisma, chain: chain.anchorChain, keys, settings: anchoring, log });
      const moved = progress.signed + progress.broadcast + progress.included + progress.finalized;
      if (progress.finalized > 0) log(`${progress.finalized} batch(es) final on chain`);
      if (progress.error) {
        log(`anchoring paused, will retry: ${progress.error.message}`);
        return;
      }
      const unfinished = await prisma.batch.count({ where: { status: { not: 'final' } } });
      if (unfinished === 0 || stopped || Date.now() > deadline) return;
      if (moved === 0) await new Promise((r) => setTimeout(r, ROUND_PAUSE_MS));
    }
  }

  /** One round of the reconciliation days' outbox, under the same lock (the operator key's nonces are shared). */
  async function anchorReconciliationDays() {
    try {
      const days = await advanceReconciliationAnchoring({ prisma, chain, gasLimit: anchoring.gasLimit, log });
      if (days.included > 0) log(`${days.included} reconciliation transaction(s) mined`);
      if (days.error) log(`reconciliation anchoring paused, will retry: ${days.error.message}`);
    } catch (error) {
      log(`reconciliation anchoring failed, will retry: ${(error as Error).message}`);
    }
  }

  async function tick(): Promise<void> {
    try {
      // Audit entries left in the outbox by a request whose process died after its commit, or whose
      // own flush failed (lib/audit/append-audit-entry.ts). A read first: flushing takes the audit
      // lock, and the outbox is empty on almost every tick.
      if (await prisma.auditOutbox.findFirst({ select: { id: true } })) await flushAuditOutbox(prisma);
      await sealAll();
      if (reconciliation) await draftStatements(reconciliation);
      await anchor();
    } catch (error) {
      log(`batcher tick failed, will retry: ${(error as Error).message}`);
    }
  }

  function runOnce(): Promise<void> {
    running = running.then(tick);
    return running;
  }

  async function stampTick(): Promise<void> {
    if (!timestamping) return;
    try {
      if (stampLease && !stampLease.held()) stampLease = null;
      stampLease ??= await tryHoldSessionLock({ databaseUrl, key: TIMESTAMP_LOCK_KEY });
      if (!stampLease) return; // another process timestamps
      const progress = await timestampWaitingBatches({ prisma, ...timestamping, log });
      if (progress.stamped > 0) log(`${progress.stamped} batch root(s) timestamped`);
      // A TSA that just failed a batch root is not asked again in this pass.
      const documents = progress.failed > 0 ? { stamped: 0 } : await timestampReconciliationDocuments({ prisma, settings: timestamping.settings, log });
      if (documents.stamped > 0) log(`${documents.stamped} reconciliation receipt(s) and statement(s) timestamped`);
    } catch (error) {
      log(`timestamping pass failed, will retry: ${(error as Error).message}`);
    }
  }

  function timestampOnce(): Promise<void> {
    stamping = stamping.then(stampTick);
    return stamping;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().then(schedule), intervalMs);
  }
  schedule();

  function scheduleStamping() {
    if (stopped || !timestamping) return;
    stampTimer = setTimeout(() => void timestampOnce().then(scheduleStamping), Math.min(intervalMs, TIMESTAMP_TICK_MS));
  }
  scheduleStamping();

  return {
    runOnce,
    timestampOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (stampTimer) clearTimeout(stampTimer);
      await Promise.all([running, stamping]);
      await lease?.release();
      await stampLease?.release();
    },
  };
}
