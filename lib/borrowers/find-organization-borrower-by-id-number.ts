// A lender searching its evidence by a borrower's ID number: the number is matched through its keyed
// hash (the only form stored) and only against the borrowers the organization's own evidence or
// cases name, so the search tells a lender nothing about who else is a borrower anywhere.
import { authorize } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { hashIdNumber, normalizeIdNumber } from './hash-id-number';

export async function findOrganizationBorrowerByIdNumber({
  prisma,
  viewer,
  idNumber,
  borrowerIdSalt,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  idNumber: string;
  borrowerIdSalt: string;
}): Promise<{ id: string } | null> {
  authorize(viewer, 'evidence.submit');
  if (viewer.kind !== 'staff' && viewer.kind !== 'api-key') return null;
  const organizationId = viewer.organizationId;
  return prisma.borrower.findFirst({
    where: {
      idNumberHash: Buffer.from(hashIdNumber(normalizeIdNumber(idNumber), borrowerIdSalt)),
      OR: [{ evidence: { some: { organizationId } } }, { cases: { some: { lenderOrganizationId: organizationId } } }],
    },
    select: { id: true },
  });
}
