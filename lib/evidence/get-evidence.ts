// One evidence item with its derived status and anchor, as the viewer may see it: authorized for
// evidence.read and scoped by evidenceVisibleTo(), so another tenant's item is "not found" (404),
// never "forbidden": its existence is not revealed. Null is the platform itself (its tests and
// operator tools), which sees every item.
import { authorize, evidenceVisibleTo } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { EvidenceNotFoundError } from '../errors';
import { toHex } from '../proof/hex';
import { isUuid } from '../ids';
import { runQuery, sql } from '../db/sql';
import { evidenceRowsWhere, toEvidenceView, type EvidenceRow, type EvidenceView } from './evidence-view';

export async function getEvidence({
  prisma,
  evidenceId,
  viewer,
  publicBaseUrl,
}: {
  prisma: PrismaClient;
  evidenceId: string;
  viewer: Viewer | null;
  publicBaseUrl?: string;
}): Promise<EvidenceView> {
  if (viewer !== null) authorize(viewer, 'evidence.read');
  if (!isUuid(evidenceId)) throw new EvidenceNotFoundError(evidenceId);
  if (viewer !== null) {
    const visible = await prisma.evidence.findFirst({ where: { AND: [{ id: evidenceId }, evidenceVisibleTo(viewer)] }, select: { id: true } });
    if (!visible) throw new EvidenceNotFoundError(evidenceId);
  }
  const rows = await runQuery(prisma, evidenceRowsWhere(sql`e.id = ${evidenceId}::uuid`));
  if (rows.length === 0) throw new EvidenceNotFoundError(evidenceId);
  return toEvidenceView(rows[0], toHex, { publicBaseUrl });
}
