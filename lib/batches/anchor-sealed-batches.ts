// Anchors sealed batches, oldest first, one transaction per batch root. anchorRoot() asks the
// contract first, so a batch whose transaction landed before a crash is recorded, not re-sent; the
// contract's duplicate-root check is the last guard. On a chain error the batch stays sealed and the
// next batcher tick retries it.
import type { PrismaClient } from '../db/client';
import { ANCHOR_LOCK_KEY } from '../db/locks';
import { anchorRoot } from '../chain/anchor-root';
import type { ChainConnection } from '../chain/connect-chain';

const ANCHOR_TRANSACTION_TIMEOUT_MS = 15 * 60_000;

export interface AnchorOutcome {
  anchored: number;
  error?: Error;
}

export async function anchorSealedBatches({
  prisma,
  chain,
  contractAddress,
  receiptTimeoutMs,
}: {
  prisma: PrismaClient;
  chain: ChainConnection;
  contractAddress: string;
  receiptTimeoutMs: number;
}): Promise<AnchorOutcome> {
  return prisma.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${ANCHOR_LOCK_KEY}::bigint) AS locked`;
      if (!locked) return { anchored: 0 };
      const batches = await tx.batch.findMany({
        where: { status: 'sealed' },
        orderBy: { firstSequence: 'asc' },
        select: { id: true, root: true, firstSequence: true, leafCount: true },
      });
      let anchored = 0;
      for (const batch of batches) {
        try {
          const record = await anchorRoot(chain, {
            contractAddress,
            root: batch.root,
            firstSequence: batch.firstSequence,
            leafCount: batch.leafCount,
            receiptTimeoutMs,
          });
          await tx.batch.update({
            where: { id: batch.id },
            data: {
              status: 'anchored',
              chainId: record.chainId,
              contractAddress: record.contractAddress,
              txHash: record.txHash,
              blockNumber: record.blockNumber,
              blockTime: record.blockTime,
              anchoredAt: new Date(),
              anchorAttempts: { increment: 1 },
              lastAnchorError: null,
            },
          });
          anchored++;
        } catch (error) {
          await tx.batch.update({
            where: { id: batch.id },
            data: { anchorAttempts: { increment: 1 }, lastAnchorError: (error as Error).message.slice(0, 1000) },
          });
          return { anchored, error: error as Error };
        }
      }
      return { anchored };
    },
    { timeout: ANCHOR_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
}
