// Liveness of the parts a user depends on: the database, the chain node, and the batcher's lag
// (age of the oldest evidence not yet anchored).
import type { PrismaClient } from '../db/client';
import { findOldestPendingEvidence } from '../batches/find-oldest-pending-evidence';

export interface Health {
  ok: boolean;
  database: { ok: boolean; error?: string };
  chain: { ok: boolean; blockNumber?: string; error?: string };
  batcher: {
    oldestUnanchoredAgeSeconds: number | null;
    lastAnchoredBlock: string | null;
    /** Batches per anchoring state that are not final yet. */
    unfinishedBatches: Record<string, number>;
    /** Organizations whose batches wait to be anchored, and why (a member key missing or not a member). */
    waiting: Array<{ organization: string | null; batches: number; reason: string }>;
  };
}

export async function checkHealth({ prisma, chainRpcUrl }: { prisma: PrismaClient; chainRpcUrl?: string }): Promise<Health> {
  const health: Health = {
    ok: true,
    database: { ok: true },
    chain: { ok: false, error: 'no chain configured' },
    batcher: { oldestUnanchoredAgeSeconds: null, lastAnchoredBlock: null, unfinishedBatches: {}, waiting: [] },
  };
  try {
    // Not anchored yet: items of unfinished batches (each batch's first row is its oldest) and
    // items not in a batch at all.
    const [lag] = await prisma.$queryRaw<{ oldest_in_batch: Date | null; last_block: bigint | null }[]>`
      SELECT
        (SELECT min(e.submitted_at) FROM batch b JOIN evidence e ON e.sequence = b.first_sequence
          WHERE b.status <> 'final') AS oldest_in_batch,
        (SELECT max(block_number) FROM batch WHERE status = 'final') AS last_block`;
    const pending = await findOldestPendingEvidence(prisma);
    const oldest = [lag.oldest_in_batch, pending?.submittedAt ?? null]
      .filter((d): d is Date => d !== null)
      .reduce<Date | null>((a, b) => (a === null || b < a ? b : a), null);
    const states = await prisma.batch.groupBy({ by: ['status'], _count: true, where: { status: { not: 'final' } } });
    const waiting = await prisma.batch.findMany({
      where: { status: 'sealed', lastAnchorError: { not: null } },
      select: { lastAnchorError: true, organization: { select: { name: true } } },
      orderBy: { firstSequence: 'asc' },
    });
    const waitingByReason = new Map<string, { organization: string | null; batches: number; reason: string }>();
    for (const batch of waiting) {
      const entry = waitingByReason.get(batch.lastAnchorError!) ?? { organization: batch.organization?.name ?? null, batches: 0, reason: batch.lastAnchorError! };
      entry.batches++;
      waitingByReason.set(entry.reason, entry);
    }
    health.batcher = {
      oldestUnanchoredAgeSeconds: oldest ? Math.round((Date.now() - oldest.getTime()) / 1000) : null,
      lastAnchoredBlock: lag.last_block?.toString() ?? null,
      unfinishedBatches: Object.fromEntries(states.map((s) => [s.status, s._count])),
      waiting: [...waitingByReason.values()],
    };
  } catch (error) {
    health.database = { ok: false, error: (error as Error).message.split('\n')[0] };
  }
  if (chainRpcUrl) {
    try {
      const response = await fetch(chainRpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
        signal: AbortSignal.timeout(3000),
      });
      const { result } = (await response.json()) as { result?: string };
      health.chain = result ? { ok: true, blockNumber: BigInt(result).toString() } : { ok: false, error: 'no result' };
    } catch (error) {
      health.chain = { ok: false, error: (error as Error).message };
    }
  }
  health.ok = health.database.ok && health.chain.ok;
  return health;
}
