// Finds the borrower a lender names (by ID number, then phone, then email) or creates them. Borrowers
// are shared across lenders: the partner banks of one loan name the same person.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../db/generated/client';
import { SameNameBorrowerError } from '../errors';
import { maskIdentifier, normalizePhone, type BorrowerIdentity } from './borrower-identity';
import { findSameNameBorrowers } from './find-same-name-borrowers';
import { findMatchingBorrower } from './find-matching-borrower';

export async function resolveBorrower({
  db,
  identity,
  borrowerIdSalt,
  sameNameCheck,
}: {
  db: Prisma.TransactionClient;
  identity: BorrowerIdentity;
  borrowerIdSalt: string;
  /** For a lender's staff: a new borrower whose name the organization already knows under another
   * identifier is created only once they confirmed it (SameNameBorrowerError otherwise). */
  sameNameCheck?: { organizationId: string; confirmed: boolean };
}): Promise<{ id: string; name: string }> {
  const identifierHint = maskIdentifier(identity.idNumber ?? (identity.phone ? normalizePhone(identity.phone) : undefined) ?? identity.email ?? '');
  const { match, idNumberHash, phone, email } = await findMatchingBorrower({ db, identity, borrowerIdSalt });
  if (match) {
    // Borrowers created before hints were recorded get one the first time a lender names them again.
    if (match.identifierHint === null && identifierHint) await db.borrower.update({ where: { id: match.id }, data: { identifierHint } });
    return { id: match.id, name: match.name };
  }
  if (sameNameCheck && !sameNameCheck.confirmed) {
    const sameName = await findSameNameBorrowers({ db, organizationId: sameNameCheck.organizationId, name: identity.name });
    if (sameName.length > 0) throw new SameNameBorrowerError(identity.name, sameName.map((b) => ({ identifierHint: b.identifierHint })));
  }
  const created = await db.borrower.create({
    data: { id: randomUUID(), name: identity.name, idNumberHash, phone, email, identifierHint },
    select: { id: true, name: true },
  });
  return created;
}
