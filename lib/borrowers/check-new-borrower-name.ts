// Before a lender's staff upload names a borrower: would it create a new borrower whose name the
// organization already knows under another identifier? The upload form asks the lender to confirm
// then; the upload itself refuses the same case without confirmation (resolveBorrower).
import { authorize } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { borrowerIdentitySchema } from './borrower-identity';
import { findMatchingBorrower } from './find-matching-borrower';
import { findSameNameBorrowers } from './find-same-name-borrowers';

export async function checkNewBorrowerName({
  prisma,
  viewer,
  identity,
  borrowerIdSalt,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  identity: unknown;
  borrowerIdSalt: string;
}): Promise<{ sameName: Array<{ identifierHint: string | null }> }> {
  authorize(viewer, 'evidence.submit');
  // An identity that does not validate is refused by the upload itself, field by field.
  const parsed = borrowerIdentitySchema.safeParse(identity);
  if (!parsed.success || viewer.kind !== 'staff') return { sameName: [] };
  const { match } = await findMatchingBorrower({ db: prisma, identity: parsed.data, borrowerIdSalt });
  if (match) return { sameName: [] };
  const sameName = await findSameNameBorrowers({ db: prisma, organizationId: viewer.organizationId, name: parsed.data.name });
  return { sameName: sameName.map((b) => ({ identifierHint: b.identifierHint })) };
}
