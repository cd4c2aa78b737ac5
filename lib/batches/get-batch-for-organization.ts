// One batch for GET /api/v1/batches/{id}. A batch holds one organization's evidence, and only that
// organization sees it, so batch ids reveal nothing about other organizations' activity. Batches
// sealed before batches were per organization are shared; they are visible to each organization
// with evidence in them. A viewer must be allowed evidence.list_submitted; another organization's
// batch is "not found" (404), never "forbidden".
import { ownOrganizationFor } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { BatchNotFoundError } from '../errors';
import { toHex } from '../proof/hex';
import { isUuid } from '../ids';
import type { BatchView } from './batch-view';

export async function getBatchForOrganization({
  prisma,
  batchId,
  ...scope
}: {
  prisma: PrismaClient;
  batchId: string;
} & (
  | { viewer: Viewer }
  /** The platform itself (its tests and operator tools), asking on an organization's behalf. */
  | { organizationId: string }
)): Promise<BatchView> {
  const organizationId = 'viewer' in scope ? ownOrganizationFor(scope.viewer, 'evidence.list_submitted') : scope.organizationId;
  if (!isUuid(batchId)) throw new BatchNotFoundError(batchId);
  const batch = await prisma.batch.findUnique({ where: { id: batchId } });
  if (!batch) throw new BatchNotFoundError(batchId);
  const visible = batch.spansOrganizations
    ? (await prisma.evidence.count({
        where: { organizationId, sequence: { gte: batch.firstSequence, lte: batch.lastSequence } },
        take: 1,
      })) > 0
    : batch.organizationId === organizationId;
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
