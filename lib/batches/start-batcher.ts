// The batcher loop that runs beside the web server: every interval it seals all pending evidence
// (several batches when the backlog exceeds the cap) and anchors every sealed batch. Failures are
// logged and retried on the next tick; nothing is dropped.
import type { PrismaClient } from '../db/client';
import type { ChainConnection } from '../chain/connect-chain';
import { anchorSealedBatches } from './anchor-sealed-batches';
import { sealPendingEvidence } from './seal-pending-evidence';

export interface Batcher {
  /** One full seal-and-anchor pass; resolves when it is done. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startBatcher({
  prisma,
  chain,
  contractAddress,
  intervalMs,
  maxLeaves,
  receiptTimeoutMs,
  log = console.log,
}: {
  prisma: PrismaClient;
  chain: ChainConnection;
  contractAddress: string;
  intervalMs: number;
  maxLeaves: number;
  receiptTimeoutMs: number;
  log?: (line: string) => void;
}): Batcher {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function tick(): Promise<void> {
    try {
      for (;;) {
        const batch = await sealPendingEvidence({ prisma, maxLeaves });
        if (!batch) break;
        log(`sealed batch ${batch.id}: ${batch.leafCount} items, sequences ${batch.firstSequence}-${batch.lastSequence}`);
        if (batch.leafCount < maxLeaves) break;
      }
      const outcome = await anchorSealedBatches({ prisma, chain, contractAddress, receiptTimeoutMs });
      if (outcome.anchored > 0) log(`anchored ${outcome.anchored} batch(es)`);
      if (outcome.error) log(`anchoring paused, will retry: ${outcome.error.message}`);
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
    },
  };
}
