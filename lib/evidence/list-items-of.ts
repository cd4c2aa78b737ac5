// The lender list's rows (and its CSV export's) for evidence already found within the viewer's scope.
import type { PrismaClient } from '../db/client';
import { toHex } from '../proof/hex';
import { runQuery, sql } from '../db/sql';
import { evidenceRowsWhere, toEvidenceView } from './evidence-view';
import type { EvidenceListItem } from './search-evidence';

/** The list's items for found rows, in their order: the view query adds status and anchor from the
 * covering batch (the ids are already scoped). */
export async function listItemsOf(
  prisma: PrismaClient,
  found: Array<{ id: string; title: string | null; borrower: { name: string; identifierHint: string | null } | null }>,
): Promise<EvidenceListItem[]> {
  const rows = found.length === 0
    ? []
    : await runQuery(prisma, evidenceRowsWhere(sql`e.id = ANY(${found.map((e) => e.id)}::uuid[])`));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return found.map((e) => ({
    ...toEvidenceView(byId.get(e.id)!, toHex),
    title: e.title,
    borrowerName: e.borrower?.name ?? null,
    borrowerIdentifierHint: e.borrower?.identifierHint ?? null,
  }));
}
