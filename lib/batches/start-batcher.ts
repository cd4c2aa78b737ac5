// The batcher loop that runs beside the web server (or alone, as scripts/worker.ts): every
// interval it seals all pending evidence (a batch per organization, several when a backlog exceeds
// the cap) and, if this process holds the anchoring lock, drives the anchoring state machine.
// Failures are logged and retried on the next tick; nothing is dropped.
import type { PrismaClient } from '../db/client';
import { ANCHOR_LOCK_KEY } from '../db/locks';
import { tryHoldSessionLock, type SessionLock } from '../db/hold-session-lock';
import type { ChainConnection } from '../chain/connect-chain';
import { advanceAnchoring, type AnchoringSettings } from './advance-anchoring';
import { sealAllPendingEvidence } from './seal-all-pending-evidence';

export interface Batcher {
  /** One full seal-and-anchor pass; resolves when it is done. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

const ROUND_PAUSE_MS = 150;

export function startBatcher({
  prisma,
  databaseUrl,
  chain,
  anchoring,
  intervalMs,
  maxLeaves,
  log = console.log,
}: {
  prisma: PrismaClient;
  databaseUrl: string;
  chain: ChainConnection;
  anchoring: AnchoringSettings;
  intervalMs: number;
  maxLeaves: number;
  log?: (line: string) => void;
}): Batcher {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let lease: SessionLock | null = null;

  async function sealAll() {
    for (const batch of await sealAllPendingEvidence({ prisma, maxLeaves })) {
      log(`sealed batch ${batch.id}: ${batch.leafCount} items, sequences ${batch.firstSequence}-${batch.lastSequence}`);
    }
  }

  async function anchor() {
    if (lease && !lease.held()) lease = null;
    lease ??= await tryHoldSessionLock({ databaseUrl, key: ANCHOR_LOCK_KEY });
    if (!lease) return; // another process anchors
    // Within one tick, keep going while transactions are in flight, so an anchor that is mined in
    // milliseconds does not wait for the next tick to be recorded.
    const deadline = Date.now() + intervalMs;
    for (;;) {
      const progress = await advanceAnchoring({ prisma, chain, settings: anchoring, log });
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

  async function tick(): Promise<void> {
    try {
      await sealAll();
      await anchor();
    } catch (error) {
      log(`batcher tick failed, will retry: ${(error as Error).message}`);
    }
  }

  function runOnce(): Promise<void> {
    running = running.then(tick);
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().then(schedule), intervalMs);
  }
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await lease?.release();
    },
  };
}
