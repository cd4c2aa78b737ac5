// The full health report: readiness to accept evidence (database, file storage; lib/health/
// check-readiness.ts), the chain node, the anchoring status, and the batcher's lag (age of the
// oldest evidence not yet anchored). Open to anyone for monitoring; which organizations' batches
// wait, and why, only to the regulator and the operator. A chain that does not answer makes
// anchoring `degraded`, not the instance unready: evidence is still taken and anchored later.
import { can } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { describeDatabaseError } from '../db/describe-database-error';
import { runQuery, sql } from '../db/sql';
import { findOldestPendingEvidence } from '../batches/find-oldest-pending-evidence';
import { PAGE_CHAIN_TIMEOUT_MS } from '../chain/page-chain-timeout';
import { checkReadiness } from './check-readiness';

export interface Health {
  /** Everything answers: ready, the chain too, and no batch waits. */
  ok: boolean;
  /** Evidence can be accepted (database and storage); the HTTP status of /api/health follows this. */
  ready: boolean;
  database: { ok: boolean; error?: string };
  storage: { ok: boolean; error?: string };
  chain: { ok: boolean; blockNumber?: string; error?: string };
  /** `degraded`: batches are not being anchored now (the chain does not answer, or batches wait); they
   * are once the cause is gone, and nothing is lost meanwhile. */
  anchoring: {
    status: 'ok' | 'degraded';
    reason?: string;
    /** The last time the batcher found the anchoring chain lost or replaced (its batches are anchored again). */
    lastChainLossAt: string | null;
    lastChainLossReason: string | null;
    /** Batches sealed before that loss are still being anchored again. */
    chainReset: boolean;
  };
  batcher: {
    oldestUnanchoredAgeSeconds: number | null;
    lastAnchoredBlock: string | null;
    /** Batches per anchoring state that are not final yet. */
    unfinishedBatches: Record<string, number>;
    /** Batches that cannot be anchored now: every unfinished batch while the chain does not answer;
     * otherwise sealed batches whose member key is missing or not a member. */
    waitingBatches: number;
    /** The same by organization, with the reason; only for a viewer who may read the audit log (the
     * reasons name the organization and its member address). */
    waiting?: WaitingOrganization[];
  };
  /** RFC 3161 timestamps of batch roots (lib/timestamps). */
  timestamps?: TimestampHealth;
}

export interface TimestampHealth {
  /** False while a waiting batch's last request failed: the TSA is down or its tokens were refused. */
  ok: boolean;
  stampedBatches: number;
  waitingBatches: number;
  oldestWaitingAgeSeconds: number | null;
  /** The most recent failure among waiting batches, with its code (timestamp.unreachable, ...). */
  lastError: string | null;
}

export interface WaitingOrganization {
  organizationId: string | null;
  organization: string | null;
  batches: number;
  reason: string;
}

export async function checkHealth({
  prisma,
  storageDir,
  chainRpcUrl,
  viewer,
}: {
  prisma: PrismaClient;
  storageDir: string;
  chainRpcUrl?: string;
  viewer: Viewer;
}): Promise<Health> {
  const showOrganizations = can(viewer, 'audit.read');
  const [readiness, chain] = await Promise.all([checkReadiness({ prisma, storageDir }), checkChain(chainRpcUrl)]);
  const health: Health = {
    ok: true,
    ...readiness,
    chain,
    anchoring: { status: 'ok', lastChainLossAt: null, lastChainLossReason: null, chainReset: false },
    batcher: { oldestUnanchoredAgeSeconds: null, lastAnchoredBlock: null, unfinishedBatches: {}, waitingBatches: 0 },
  };
  if (health.database.ok) await addBatcherLag({ health, prisma, showOrganizations });
  if (!health.chain.ok) {
    health.anchoring = { ...health.anchoring, status: 'degraded', reason: `the chain node does not answer: ${health.chain.error}` };
  } else if (health.anchoring.chainReset) {
    health.anchoring = { ...health.anchoring, status: 'degraded', reason: `the chain was lost or replaced (${health.anchoring.lastChainLossReason}); batches are being anchored again` };
  } else if (health.batcher.waitingBatches > 0) {
    health.anchoring = { ...health.anchoring, status: 'degraded', reason: `${health.batcher.waitingBatches} batch(es) wait for a member key` };
  }
  health.ok = health.ready && health.chain.ok && health.anchoring.status === 'ok';
  return health;
}

async function addBatcherLag({
  health,
  prisma,
  showOrganizations,
}: {
  health: Health;
  prisma: PrismaClient;
  showOrganizations: boolean;
}): Promise<void> {
  try {
    // Not anchored yet: items of unfinished batches (each batch's first row is its oldest) and
    // items not in a batch at all.
    const [lag] = await runQuery(
      prisma,
      sql<{ oldest_in_batch: Date | null; last_block: bigint | null }>`
      SELECT
        (SELECT min(e.submitted_at) FROM batch b JOIN evidence e ON e.sequence = b.first_sequence
          WHERE b.status <> 'final') AS oldest_in_batch,
        (SELECT max(block_number) FROM batch WHERE status = 'final') AS last_block`,
    );
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
    const unfinished = states.reduce((sum, s) => sum + s._count, 0);
    health.batcher = {
      oldestUnanchoredAgeSeconds: oldest ? Math.round((Date.now() - oldest.getTime()) / 1000) : null,
      lastAnchoredBlock: lag.last_block?.toString() ?? null,
      unfinishedBatches: Object.fromEntries(states.map((s) => [s.status, s._count])),
      // With the chain down, no batch moves on, whatever its state.
      waitingBatches: health.chain.ok ? waiting.length : unfinished,
      ...(showOrganizations ? { waiting: waitingOrganizations(waiting) } : {}),
    };
    const loss = await prisma.chainDeployment.findFirst({ where: { lastLossAt: { not: null } }, orderBy: { lastLossAt: 'desc' } });
    // Still re-anchoring what the loss reset: batches sealed before it that are not final yet.
    const resetPending = loss ? await prisma.batch.count({ where: { status: { not: 'final' }, sealedAt: { lte: loss.lastLossAt! } } }) : 0;
    health.anchoring = {
      ...health.anchoring,
      lastChainLossAt: loss?.lastLossAt?.toISOString() ?? null,
      lastChainLossReason: loss?.lastLossReason ?? null,
      chainReset: resetPending > 0,
    };
    health.timestamps = await checkTimestamps(prisma);
  } catch (error) {
    health.database = { ok: false, error: describeDatabaseError(error) };
    health.ready = false;
  }
}

async function checkChain(chainRpcUrl: string | undefined): Promise<Health['chain']> {
  if (!chainRpcUrl) return { ok: false, error: 'no chain configured' };
  try {
    const response = await fetch(chainRpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
      signal: AbortSignal.timeout(PAGE_CHAIN_TIMEOUT_MS),
    });
    const { result } = (await response.json()) as { result?: string };
    return result ? { ok: true, blockNumber: BigInt(result).toString() } : { ok: false, error: 'no result' };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

async function checkTimestamps(prisma: PrismaClient): Promise<TimestampHealth> {
  const [row] = await runQuery(
    prisma,
    sql<{ stamped: bigint; waiting: bigint; oldest: Date | null; last_error: string | null }>`
    SELECT
      (SELECT count(*) FROM batch_timestamp) AS stamped,
      count(*) AS waiting,
      min(b.sealed_at) AS oldest,
      (array_agg(b.last_timestamp_error ORDER BY b.timestamp_retry_at DESC)
        FILTER (WHERE b.last_timestamp_error IS NOT NULL))[1] AS last_error
    FROM batch b WHERE NOT EXISTS (SELECT 1 FROM batch_timestamp t WHERE t.batch_id = b.id)`,
  );
  return {
    ok: row.last_error === null,
    stampedBatches: Number(row.stamped),
    waitingBatches: Number(row.waiting),
    oldestWaitingAgeSeconds: row.oldest ? Math.round((Date.now() - row.oldest.getTime()) / 1000) : null,
    lastError: row.last_error,
  };
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
