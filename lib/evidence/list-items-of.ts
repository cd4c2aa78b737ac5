// The lender list's rows (and its CSV export's) for evidence already found within the viewer's scope.
import type { PrismaClient } from '../db/client';
import { toHex } from '../proof/hex';
import { EVIDENCE_ROW_SELECT, toEvidenceView, type EvidenceRow } from './evidence-view';
import type { EvidenceListItem } from './search-evidence';

/** The list's items for found rows, in their order: the view query adds status and anchor from the
 * covering batch (the ids are already scoped). */
export async function listItemsOf(
  prisma: PrismaClient,
  found: Array<{ id: string; title: string | null; borrower: { name: string; identifierHint: string | null } | null }>,
): Promise<EvidenceListItem[]> {
  const rows = found.length === 0
    ? []
    : await prisma.$queryRawUnsafe<EvidenceRow[]>(`${EVIDENCE_ROW_SELECT} WHERE e.id = ANY($1::uuid[])`, found.map((e) => e.id));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return found.map((e) => ({
    ...toEvidenceView(byId.get(e.id)!, toHex),
    title: e.title,
    borrowerName: e.borrower?.name ?? null,
    borrowerIdentifierHint: e.borrower?.identifierHint ?? null,
  }));
}
