// Liveness of the parts a user depends on: the database, the chain node, and the batcher's lag
// (age of the oldest evidence not yet anchored). Open to anyone for monitoring; which organizations'
// batches wait, and why, only to the regulator and the operator.
import { can } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
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
    /** Sealed batches that wait to be anchored (a member key missing or not a member). */
    waitingBatches: number;
    /** The same by organization, with the reason; only for a viewer who may read the audit log (the
     * reasons name the organization and its member address). */
    waiting?: WaitingOrganization[];
  };
}

export interface WaitingOrganization {
  organizationId: string | null;
  organization: string | null;
  batches: number;
  reason: string;
}

export async function checkHealth({
  prisma,
  chainRpcUrl,
  viewer,
}: {
  prisma: PrismaClient;
  chainRpcUrl?: string;
  viewer: Viewer;
}): Promise<Health> {
  const showOrganizations = can(viewer, 'audit.read');
  const health: Health = {
    ok: true,
    database: { ok: true },
    chain: { ok: false, error: 'no chain configured' },
    batcher: { oldestUnanchoredAgeSeconds: null, lastAnchoredBlock: null, unfinishedBatches: {}, waitingBatches: 0 },
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
      select: { lastAnchorError: true, organizationId: true, organization: { select: { name: true } } },
      orderBy: { firstSequence: 'asc' },
    });
    health.batcher = {
      oldestUnanchoredAgeSeconds: oldest ? Math.round((Date.now() - oldest.getTime()) / 1000) : null,
      lastAnchoredBlock: lag.last_block?.toString() ?? null,
      unfinishedBatches: Object.fromEntries(states.map((s) => [s.status, s._count])),
      waitingBatches: waiting.length,
      ...(showOrganizations ? { waiting: waitingOrganizations(waiting) } : {}),
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

/** One entry per organization and reason, in the order their oldest batch was sealed. */
function waitingOrganizations(
  batches: Array<{ lastAnchorError: string | null; organizationId: string | null; organization: { name: string } | null }>,
): WaitingOrganization[] {
  const entries = new Map<string, WaitingOrganization>();
  for (const batch of batches) {
    const key = `${batch.organizationId}|${batch.lastAnchorError}`;
    const entry = entries.get(key) ?? {
      organizationId: batch.organizationId,
      organization: batch.organization?.name ?? null,
      batches: 0,
      reason: batch.lastAnchorError!,
    };
    entry.batches++;
    entries.set(key, entry);
  }
  return [...entries.values()];
}
