// The organization's borrowers (those its evidence or cases name) who carry a given name: what a
// lender is shown before creating another borrower of that name. Only masked identifiers leave here.
import type { Prisma } from '../db/generated/client';

export async function findSameNameBorrowers({
  db,
  organizationId,
  name,
}: {
  db: Prisma.TransactionClient;
  organizationId: string;
  name: string;
}): Promise<Array<{ id: string; identifierHint: string | null }>> {
  return db.borrower.findMany({
    where: {
      name: name.trim(),
      OR: [{ evidence: { some: { organizationId } } }, { cases: { some: { lenderOrganizationId: organizationId } } }],
    },
    select: { id: true, identifierHint: true },
    orderBy: { createdAt: 'asc' },
  });
}
