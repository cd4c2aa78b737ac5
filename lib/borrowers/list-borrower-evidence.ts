// The evidence that names the signed-in borrower, newest first: what it is, which lender submitted
// it, and whether it is anchored yet (then its receipt and certificate can be downloaded). Scoped by
// evidenceVisibleTo, so a borrower only ever sees rows whose borrowerId is their own.
import { authorize, evidenceVisibleTo } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import { batchOfEvidenceWhere } from '../batches/batch-of-evidence';
import type { PrismaClient } from '../db/client';
import type { EvidenceType } from '../db/generated/client';
import { toHex } from '../proof/hex';

export type BorrowerEvidenceStatus = 'pending' | 'anchoring' | 'anchored';

export interface BorrowerEvidenceItem {
  id: string;
  /** The lender's title for it, or the file name when it has none. */
  title: string;
  fileName: string;
  type: EvidenceType | null;
  lenderName: string | null;
  loanReference: string | null;
  status: BorrowerEvidenceStatus;
  submittedAt: Date;
  /** What the borrower's own copy of the file is checked against ("Check my copy"). */
  sha256: string;
}

export async function listBorrowerEvidence({
  prisma,
  viewer,
  page = 1,
  pageSize = 20,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  page?: number;
  pageSize?: number;
}): Promise<{ items: BorrowerEvidenceItem[]; total: number; page: number; pageSize: number }> {
  authorize(viewer, 'evidence.read');
  const where = evidenceVisibleTo(viewer);
  const current = Math.max(1, page);
  const [rows, total] = await Promise.all([
    prisma.evidence.findMany({
      where,
      orderBy: { sequence: 'desc' },
      skip: (current - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        sequence: true,
        title: true,
        fileName: true,
        evidenceType: true,
        loanReference: true,
        organizationId: true,
        submittedAt: true,
        sha256: true,
      },
    }),
    prisma.evidence.count({ where }),
  ]);
  const organizationIds = [...new Set(rows.map((r) => r.organizationId).filter((id): id is string => id !== null))];
  const [organizations, batches] = await Promise.all([
    prisma.organization.findMany({ where: { id: { in: organizationIds } }, select: { id: true, name: true } }),
    // One small indexed lookup per row (a page is at most pageSize rows): the batch covering its sequence.
    Promise.all(
      rows.map((row) =>
        prisma.batch.findFirst({
          where: batchOfEvidenceWhere(row),
          select: { status: true },
        }),
      ),
    ),
  ]);
  const nameOf = new Map(organizations.map((o) => [o.id, o.name]));
  return {
    items: rows.map((row, i) => ({
      id: row.id,
      title: row.title?.trim() || row.fileName,
      fileName: row.fileName,
      type: row.evidenceType,
      lenderName: row.organizationId ? (nameOf.get(row.organizationId) ?? null) : null,
      loanReference: row.loanReference,
      status: batches[i] === null ? 'pending' : batches[i]!.status === 'final' ? 'anchored' : 'anchoring',
      submittedAt: row.submittedAt,
      sha256: toHex(row.sha256),
    })),
    total,
    page: current,
    pageSize,
  };
}
