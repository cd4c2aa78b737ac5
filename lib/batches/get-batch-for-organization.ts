// One batch for GET /api/v1/batches/{id}. Batches are shared: one tree holds every organization's
// items sealed in the same interval. An organization sees a batch only if it has evidence in it, so
// batch ids reveal nothing about other organizations' activity.
import type { PrismaClient } from '../db/client';
import { BatchNotFoundError } from '../errors';
import { toHex } from '../hex';
import { isUuid } from '../ids';
import type { BatchView } from './batch-view';

export async function getBatchForOrganization({
  prisma,
  batchId,
  organizationId,
}: {
  prisma: PrismaClient;
  batchId: string;
  organizationId: string;
}): Promise<BatchView> {
  if (!isUuid(batchId)) throw new BatchNotFoundError(batchId);
  const batch = await prisma.batch.findUnique({ where: { id: batchId } });
  if (!batch) throw new BatchNotFoundError(batchId);
  const [{ visible }] = await prisma.$queryRaw<{ visible: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM evidence
      WHERE organization_id = ${organizationId}::uuid AND sequence BETWEEN ${batch.firstSequence} AND ${batch.lastSequence}
    ) AS visible`;
  if (!visible) throw new BatchNotFoundError(batchId);
  const final = batch.status === 'final';
  return {
    id: batch.id,
    status: batch.status,
    root: toHex(batch.root),
    leafCount: batch.leafCount,
    firstSequence: batch.firstSequence.toString(),
    lastSequence: batch.lastSequence.toString(),
    sealedAt: batch.sealedAt.toISOString(),
    anchor: final
      ? {
          chainId: batch.chainId!.toString(),
          contract: batch.contractAddress!,
          submitter: batch.anchorSubmitter!.toLowerCase(),
          txHash: batch.txHash!,
          blockNumber: batch.blockNumber!.toString(),
          blockHash: batch.blockHash,
          blockTime: batch.blockTime!.toString(),
          anchoredAt: batch.anchoredAt!.toISOString(),
        }
      : null,
  };
}
